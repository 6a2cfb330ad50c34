"""Step-by-step derivatives of every order, one rule at a time; the first tied to the tape's ops.

SymPy's `diff` gives the answer but not the way there, so the rules are applied here: the
SymPy tree is first cut into the ops `tape.to_tensorflow` makes from it (`u/v` is one RealDiv,
`a + b − c` an AddV2 and a Sub), then each op is differentiated by its rule. Because the
derivation follows the tape's own ops, every step can name the backward ops of the recorded
graph that carry out its rule: the product rule for `x·sin(x)` is the gradient of the forward
Mul, the chain rule through sin is the Cos and the Mul with the upstream gradient.

A higher derivative is the derivative of the one before it: the steps of f'' differentiate
f' as the page shows it (SymPy's simplified form), so the chain and product rules are applied
again, and ∂²f/∂x∂y differentiates ∂f/∂x with respect to y, the order `symbolic.partials`
names the partials in. These steps name no ops: the tape of order k differentiates the backward
ops the tapes inside it recorded, not a formula, so its ops match no step one to one.

The rules' names and formulas come from `ops.py` (one source of truth); the last step of every
order is checked against `sympy.diff` of that order, symbolically if SymPy can show the
difference is 0 in time, otherwise numerically at random points. A derivative whose steps
would outgrow `MAX_STEPS`, or that the time left does not allow, is refused with the reason.

>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> root = derivation_steps(x * sympy.sin(x), (x,), x)
>>> root.name, root.after
('product', x*cos(x) + sin(x))
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy

from diffexplain.core import ops
from diffexplain.core.budget import Deadline
from diffexplain.core.names import derivative_name
from diffexplain.core.parse import symbol
from diffexplain.core.symbolic import (
    MAX_LATEX_CHARS,
    partials,
    simpler_form,
    soft_time_limit,
    to_latex,
)
from diffexplain.text.en import TEXT as ENGLISH

CHECK_SECONDS = 1.5
"""Soft budget for `simplify(steps − diff)` per derivative, before the numeric check."""

STEPS_SECONDS = 20.0
"""Hard limit for building and checking the steps of one request (worker process)."""

STEPS_MARGIN = 1.0
"""Kept back from the worker's hard limit, so the derivations done so far come back and the
rest are refused as out of time, instead of the worker being killed with all of them."""

LEAST_STEP_SECONDS = 0.2
"""A derivation is not started with less time left: it is refused as out of time."""

MAX_STEPS = 400
"""Steps of one higher derivative: a formula that needs more (the fourth derivative of
sin(x)^cos(x)^tan(x) needs 437, the fifth thousands) is too big to follow rule by rule, and is
refused. A first derivative has no such limit: f is no longer than the visitor typed it."""

NUMERIC_POINTS = 6
"""Random points at which the numeric check must agree."""

NUMERIC_TRIES = 60
"""Random points tried to find NUMERIC_POINTS inside the function's domain."""

RELATIVE_TOLERANCE = 1e-12
"""Agreement at a point, evaluated with 40 digits: far above rounding, far below any slip."""


def rule_text(name: str) -> str:
    """The rule in words and symbols, from `ops.py`.

    >>> rule_text("product")
    'product rule: d(u·v) = v·du + u·dv'
    """
    by_name = {
        "sum": ops.OPERATORS["add"].rule,
        "difference": ops.OPERATORS["sub"].rule,
        "negation": ops.OPERATORS["neg"].rule,
        "product": ops.OPERATORS["mul"].rule,
        "quotient": ops.OPERATORS["div"].rule,
        "power": ops.OPERATORS["pow"].rule,
        "log_differentiation": ops.OPERATORS["pow_general"].rule,
        **{name: primitive.rule for name, primitive in ops.FUNCTIONS.items()},
    }
    if name in by_name:
        return by_name[name]
    return ops.RULES[name]


@dataclass(frozen=True)
class Step:
    """One rule applied: d(before) = after, shown as `latex`, after its `substeps`.

    rule: the rule's text from ops.py; name: a short key ("product", "chain", "sin", ...).
    ops: ids of the recorded graph's nodes that carry the rule out: the forward op it
    differentiates and the backward ops (stage 1) its gradient created.
    """

    rule: str
    before: sympy.Expr
    after: sympy.Expr
    latex: str
    substeps: tuple[Step, ...] = ()
    ops: tuple[int, ...] = ()
    name: str = ""

    def walk(self, depth: int = 0):
        """Every step of the tree with its depth, this one first (the order they are shown)."""
        yield depth, self
        for substep in self.substeps:
            yield from substep.walk(depth + 1)


@dataclass(frozen=True)
class Check:
    """How the last step was confirmed equal to `sympy.diff`.

    method: "symbolic" (simplify(a − b) is 0), "numeric" (equal at `points` random points)
    or "none" (neither could confirm it in time).
    """

    method: str
    points: int = 0

    @property
    def label(self) -> str:
        if self.method == "symbolic":
            return "symbolic"
        if self.method == "numeric":
            return f"numeric at {self.points} points"
        return "could not confirm"


@dataclass(frozen=True)
class Derivation:
    """The steps of one partial derivative of any order and how their result was checked.

    wrt: the variable this derivation differentiates by, the last of `partial`; partial: the
    derivative found, in the order of differentiation (("x", "y"): ∂²f/∂x∂y, ∂f/∂x
    differentiated by y; () means (wrt,)); root.before is the formula differentiated. tied:
    the steps name the tape's ops (first derivatives with a graph). refused: why `root` is None
    ("size", "time" or "rule"), with `detail` (the function without a rule).
    """

    wrt: str
    root: Step | None
    check: Check
    value: float | None = None  # the result at the point, when one was given
    partial: tuple[str, ...] = ()
    tied: bool = False
    refused: str = ""
    detail: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        """The variables differentiated by, in order: ("x",) for ∂f/∂x."""
        return self.partial or (self.wrt,)

    @property
    def order(self) -> int:
        return len(self.path)

    @property
    def result(self) -> sympy.Expr | None:
        return None if self.root is None else self.root.after

    def refusal(self, variables: tuple[str, ...], texts: dict[str, str] = ENGLISH) -> str:
        """Why there are no steps, in the language of `texts` ("" when there are steps)."""
        if not self.refused:
            return ""
        return texts[f"steps.refused.{self.refused}"].format(
            name=derivative_name(self.path, variables),
            order=self.order,
            limit=MAX_STEPS,
            function=self.detail,
        )


class TooManySteps(Exception):
    """The derivation would take more than its limit of steps."""


class NoRule(ValueError):
    """The formula uses a function the steps have no rule for (`function`: its name)."""

    def __init__(self, function: str) -> None:
        super().__init__(f"no step for {function}")
        self.function = function


# --- the ops the tape makes from a SymPy tree ------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Piece:
    """One op `tape.to_tensorflow` creates, and the SymPy value it computes.

    op is the TensorFlow op type ("Const" and "Placeholder" for leaves, "*" for an op of any
    type); parts are the other ops made for the same SymPy node (a sum's folds, the Cos
    inside sec); terms are a sum's (negative, term) in the tape's order.
    """

    op: str
    value: sympy.Expr
    operands: tuple[_Piece, ...] = ()
    primitive: ops.Primitive | None = None
    parts: tuple[_Piece, ...] = ()
    terms: tuple[tuple[bool, _Piece], ...] = ()


class _Shapes:
    """SymPy nodes → _Pieces, in the shape `tape.to_tensorflow` gives them (read it there).

    Equal subtrees give the same piece, as the tape computes them once.
    """

    def __init__(self) -> None:
        self.built: dict[sympy.Expr, _Piece] = {}

    def walk(self, node: sympy.Expr) -> _Piece:
        if node not in self.built:
            self.built[node] = self.translate(node)
        return self.built[node]

    def translate(self, node: sympy.Expr) -> _Piece:
        if node.is_Number or isinstance(node, sympy.NumberSymbol):
            return _Piece("Const", node)
        if node.is_Symbol:
            return _Piece("Placeholder", node)
        if node.is_Add:
            return self.sum(node)
        if node.is_Mul:
            return self.product(node)
        if node.is_Pow:
            return self.power(node, *node.args)
        primitive = ops.BY_HEAD.get(node.func)
        if primitive is None:
            raise NoRule(node.func.__name__)
        argument = self.walk(node.args[0])
        if primitive.tf_op == "Reciprocal":  # sec, csc, cot: 1/cos(u), 1/sin(u), 1/tan(u)
            inner = _Piece("*", 1 / node, (argument,))
            return _Piece("Reciprocal", node, (inner,), primitive, parts=(inner,))
        return _Piece(primitive.tf_op, node, (argument,), primitive)

    def sum(self, node: sympy.Expr) -> _Piece:
        ordered = sorted(node.args, key=lambda t: t.could_extract_minus_sign())  # positives first
        first = ordered[0]
        chain: list[_Piece] = []
        if first.could_extract_minus_sign():
            result = _Piece("Neg", first, (self.walk(-first),))
            chain.append(result)
            terms = [(True, result.operands[0])]
        else:
            result = self.walk(first)
            terms = [(False, result)]
        for count, term in enumerate(ordered[1:], start=2):
            negative = term.could_extract_minus_sign()
            operand = self.walk(-term if negative else term)
            value = node if count == len(ordered) else sympy.Add(*ordered[:count])
            result = _Piece("Sub" if negative else "AddV2", value, (result, operand))
            chain.append(result)
            terms.append((negative, operand))
        return _Piece(result.op, node, result.operands, parts=tuple(chain[:-1]), terms=tuple(terms))

    def chain_of_products(self, factors: list[sympy.Expr]) -> _Piece:
        result = self.walk(factors[0])
        for count in range(2, len(factors) + 1):
            value = sympy.Mul(*factors[:count])
            result = _Piece("Mul", value, (result, self.walk(factors[count - 1])))
        return result

    def product(self, node: sympy.Expr) -> _Piece:
        parts = ops.split_product(node)
        numerator, denominator, negative = parts.numerator, parts.denominator, parts.negative
        result = self.chain_of_products(numerator)
        if denominator:
            bottom = self.chain_of_products(denominator)
            value = -node if negative else node
            result = _Piece("RealDiv", value, (result, bottom))
        return _Piece("Neg", node, (result,)) if negative else result

    def power(self, node: sympy.Expr, base: sympy.Expr, exponent: sympy.Expr) -> _Piece:
        if exponent == sympy.Rational(1, 2):
            return _Piece("Sqrt", node, (self.walk(base),))
        if exponent.is_Number and exponent < 0:
            inverse = base if exponent == -1 else base ** (-exponent)
            return _Piece("RealDiv", node, (_Piece("Const", sympy.S.One), self.walk(inverse)))
        return _Piece("Pow", node, (self.walk(base), self.walk(exponent)))


# --- finding those ops in the recorded graph ------------------------------------------------


class _Tape:
    """The recorded graph, indexed to find a piece's forward op by op type and inputs.

    Only the forward pass and tape 1 (the first derivatives) are read, so a graph recorded to
    any order works: its first two stages are the same ops with the same ids.
    """

    def __init__(self, graph: Any, variables: tuple[str, ...], wrt: str):
        from diffexplain.core.names import derivative_name

        self.nodes = {node.id: node for node in graph.nodes}
        self.inputs: dict[int, list[int]] = {}
        for edge in graph.edges:
            self.inputs.setdefault(edge.target, []).append(edge.source)
        self.forward_by_op: dict[str, list[int]] = {}
        self.backward_of: dict[int, list[int]] = {}
        for node in graph.nodes:
            if node.stage == 0:
                self.forward_by_op.setdefault(node.op, []).append(node.id)
            elif node.stage == 1 and node.derivative_of is not None:
                self.backward_of.setdefault(node.derivative_of, []).append(node.id)
        self.useful = self._leading_to(derivative_name((wrt,), variables))
        self.found: dict[_Piece, frozenset[int]] = {}

    def _leading_to(self, label: str) -> set[int] | None:
        """The stage-1 ops on a path to the result `label` (∂f/∂x, not ∂f/∂y); None: all."""
        ends = [n.id for n in self.nodes.values() if n.stage <= 1 and label in n.outputs]
        if not ends:
            return None
        seen, todo = set(ends), list(ends)
        while todo:
            for source in self.inputs.get(todo.pop(), ()):
                if source not in seen and self.nodes[source].stage == 1:
                    seen.add(source)
                    todo.append(source)
        return seen

    def locate(self, piece: _Piece) -> frozenset[int]:
        """Ids of the forward ops that can be `piece` (one, unless the graph is ambiguous)."""
        if piece not in self.found:
            self.found[piece] = self._candidates(piece)
        return self.found[piece]

    def _candidates(self, piece: _Piece) -> frozenset[int]:
        if piece.op == "Placeholder":
            name = piece.value.name
            return frozenset(
                i for i in self.forward_by_op.get("Placeholder", ()) if self._named(i, name)
            )
        if piece.op == "Const":
            wanted = float(piece.value.evalf(20))
            return frozenset(
                i
                for i in self.forward_by_op.get("Const", ())
                if self.nodes[i].value is not None
                and math.isclose(self.nodes[i].value, wanted, rel_tol=1e-6, abs_tol=1e-300)
            )
        operands = [self.locate(operand) for operand in piece.operands]
        if any(not found for found in operands):
            return frozenset()
        if piece.op == "*":
            pool = [i for ids in self.forward_by_op.values() for i in ids]
        else:
            pool = self.forward_by_op.get(piece.op, [])
        return frozenset(
            i
            for i in pool
            if len(self.inputs.get(i, ())) == len(operands)
            and all(source in found for source, found in zip(self.inputs[i], operands, strict=True))
        )

    def _named(self, node_id: int, name: str) -> bool:
        return self.nodes[node_id].name == name

    def forward_ids(self, piece: _Piece) -> list[int]:
        """The forward ops made for piece's SymPy node (the piece and its parts)."""
        found = [self.locate(p) for p in (*piece.parts, piece)]
        return [min(ids) for ids in found if ids]

    def backward_ids(self, forward: list[int]) -> list[int]:
        """The backward ops the gradients of `forward` created, on the way to our result."""
        return [
            b
            for f in forward
            for b in self.backward_of.get(f, ())
            if self.useful is None or b in self.useful
        ]

    def upstream_split(self, backward: list[int]) -> tuple[list[int], list[int]]:
        """(ops computing the outer derivative f′(u), ops multiplying in the upstream gradient):
        the latter take a gradient from outside this op's own backward ops."""
        own = set(backward)
        chain = [
            b
            for b in backward
            if any(self.nodes[i].stage == 1 and i not in own for i in self.inputs.get(b, ()))
        ]
        return [b for b in backward if b not in chain], chain


# --- the rules ----------------------------------------------------------------------------


def _paren(expr: sympy.Expr) -> str:
    """LaTeX of a factor, in brackets when it is a sum (or starts with a minus)."""
    text = to_latex(expr)
    if expr.is_Add or text.startswith("-"):
        return r"\left(%s\right)" % text
    return text


def _equation(derivative: str, middle: str | None, result: str) -> str:
    """d(before) = the rule applied = after; without the middle when that is too long to
    typeset, and with a note in place of formulas that are too long even then."""
    for parts in ([derivative, middle, result], [derivative, result]):
        equation = " = ".join(part for part in parts if part)
        if len(equation) <= MAX_LATEX_CHARS:
            return equation
    return r"\text{(%d characters of LaTeX: too long to typeset)}" % len(equation)


class _Deriver:
    """Differentiates pieces with respect to one variable, one rule per step."""

    def __init__(
        self,
        wrt: sympy.Symbol,
        variables: tuple[str, ...],
        tape: _Tape | None,
        most_steps: int | None = None,
    ):
        self.wrt = wrt
        self.most_steps = most_steps
        self.made = 0
        self.variables = variables
        self.tape = tape
        self.shapes = _Shapes()
        name = sympy.latex(sympy.Symbol(wrt.name))
        partial = len(variables) > 1
        self.operator = (
            r"\frac{\partial}{\partial %s}" % name if partial else r"\frac{d}{d%s}" % name
        )
        # the inner function's name in "d/du f(u)": a letter the function does not use
        self.u = sympy.Symbol(next(n for n in "uvwtsz" if n not in variables), real=True)

    def d(self, expr: sympy.Expr) -> str:
        return r"%s\left(%s\right)" % (self.operator, to_latex(expr))

    def ops_of(self, piece: _Piece) -> tuple[int, ...]:
        if self.tape is None:
            return ()
        forward = self.tape.forward_ids(piece)
        return tuple(sorted({*forward, *self.tape.backward_ids(forward)}))

    def make(
        self,
        name: str,
        piece: _Piece,
        after: sympy.Expr,
        middle: str | None = None,
        substeps: tuple[Step, ...] = (),
        ops: tuple[int, ...] | None = None,
    ) -> Step:
        return Step(
            rule=rule_text(name),
            before=piece.value,
            after=after,
            latex=_equation(self.d(piece.value), middle, to_latex(after)),
            substeps=substeps,
            ops=self.ops_of(piece) if ops is None else ops,
            name=name,
        )

    def count(self) -> None:
        """One more step made; TooManySteps past the limit."""
        self.made += 1
        if self.most_steps is not None and self.made > self.most_steps:
            raise TooManySteps(self.most_steps)

    def step(self, piece: _Piece) -> Step:
        self.count()
        node = piece.value
        if self.wrt not in node.free_symbols:
            return self.make("constant", piece, sympy.S.Zero, ops=())
        if piece.op == "Placeholder":
            return self.make("variable", piece, sympy.S.One, ops=())
        if piece.terms:
            return self.sum(piece)
        if piece.op == "Neg":
            inner = self.step(piece.operands[0])
            middle = "-" + self.d(inner.before)
            return self.make("negation", piece, -inner.after, middle, (inner,))
        if piece.op == "Mul":
            return self.product(piece, *piece.operands)
        if piece.op == "RealDiv":
            return self.quotient(piece, *piece.operands)
        if piece.op == "Pow":
            return self.power(piece, *piece.operands)
        if piece.op == "Sqrt":
            return self.outer_and_inner(
                "sqrt",
                piece,
                piece.operands[0],
                lambda u: sympy.sqrt(u),
                lambda u: 1 / (2 * sympy.sqrt(u)),
            )
        primitive = piece.primitive
        if primitive is None:  # pragma: no cover - _Shapes gives every other piece a primitive
            raise ValueError(f"no rule for {piece.op}")
        argument = piece.operands[0]
        while argument.op == "*":  # sec(u) = 1/cos(u): the argument is cos's argument
            argument = argument.operands[0]
        return self.outer_and_inner(
            primitive.name,
            piece,
            argument,
            lambda u: node.func(u),
            lambda u: node.func(u).fdiff(1),
        )

    def sum(self, piece: _Piece) -> Step:
        substeps = tuple(self.step(term) for _, term in piece.terms)
        after = sympy.Add(
            *(
                -step.after if negative else step.after
                for (negative, _), step in zip(piece.terms, substeps, strict=True)
            )
        )
        middle = ""
        for number, ((negative, term), _) in enumerate(zip(piece.terms, substeps, strict=True)):
            sign = "-" if negative else ("+" if number else "")
            middle += f" {sign} {self.d(term.value)}"
        name = "difference" if any(negative for negative, _ in piece.terms) else "sum"
        return self.make(name, piece, after, middle.strip(), substeps)

    def product(self, piece: _Piece, u: _Piece, v: _Piece) -> Step:
        u_varies, v_varies = (self.wrt in p.value.free_symbols for p in (u, v))
        if u_varies and v_varies:
            du, dv = self.step(u), self.step(v)
            after = v.value * du.after + u.value * dv.after
            middle = r"%s \cdot %s + %s \cdot %s" % (
                _paren(v.value),
                self.d(u.value),
                _paren(u.value),
                self.d(v.value),
            )
            return self.make("product", piece, after, middle, (du, dv))
        constant, varying = (v, u) if u_varies else (u, v)
        inner = self.step(varying)
        middle = r"%s \cdot %s" % (_paren(constant.value), self.d(varying.value))
        return self.make("constant_multiple", piece, constant.value * inner.after, middle, (inner,))

    def quotient(self, piece: _Piece, u: _Piece, v: _Piece) -> Step:
        if self.wrt not in v.value.free_symbols:  # x/2: a constant multiple
            inner = self.step(u)
            middle = r"\frac{1}{%s} \cdot %s" % (to_latex(v.value), self.d(u.value))
            return self.make("constant_multiple", piece, inner.after / v.value, middle, (inner,))
        du, dv = self.step(u), self.step(v)
        after = (du.after * v.value - u.value * dv.after) / v.value**2
        middle = r"\frac{%s \cdot %s - %s \cdot %s}{%s}" % (
            self.d(u.value),
            _paren(v.value),
            _paren(u.value),
            self.d(v.value),
            to_latex(v.value**2),
        )
        return self.make("quotient", piece, after, middle, (du, dv))

    def power(self, piece: _Piece, base: _Piece, exponent: _Piece) -> Step:
        b, n = base.value, exponent.value
        if self.wrt not in n.free_symbols:
            return self.outer_and_inner(
                "power", piece, base, lambda u: u**n, lambda u: n * u ** (n - 1)
            )
        if self.wrt not in b.free_symbols:
            return self.outer_and_inner(
                "exponential", piece, exponent, lambda u: b**u, lambda u: b**u * sympy.log(b)
            )
        # x^x: logarithmic differentiation, ln f = v·ln(u), so f′ = f·(v·ln u)′
        logarithm = exponent.value * sympy.log(base.value)
        untied = _Deriver(self.wrt, self.variables, None)  # the tape never computes v·ln(u)
        untied.most_steps, untied.made = self.most_steps, self.made
        inner = untied.step(untied.shapes.walk(logarithm))
        self.made = untied.made
        middle = r"%s \cdot %s" % (_paren(piece.value), self.d(logarithm))
        return self.make("log_differentiation", piece, piece.value * inner.after, middle, (inner,))

    def outer_and_inner(
        self,
        name: str,
        piece: _Piece,
        inner: _Piece,
        outer: Callable[[sympy.Expr], sympy.Expr],
        outer_derivative: Callable[[sympy.Expr], sympy.Expr],
    ) -> Step:
        """f(u): the rule for f alone when u is the variable, else the chain rule with two
        substeps: f′(u) by f's rule, then u′."""
        u = inner.value
        if u == self.wrt:
            return self.make(name, piece, outer_derivative(u))
        forward = self.tape.forward_ids(piece) if self.tape else []
        own, chain = (
            self.tape.upstream_split(self.tape.backward_ids(forward)) if self.tape else ([], [])
        )
        shown = self.u
        self.count()
        outer_step = Step(
            rule=rule_text(name),
            before=piece.value,
            after=outer_derivative(u),
            latex=r"\frac{d}{d%s}%s = %s,\quad %s = %s"
            % (
                to_latex(shown),
                _paren(outer(shown)),
                to_latex(outer_derivative(shown)),
                to_latex(shown),
                to_latex(u),
            ),
            ops=tuple(sorted({*forward, *own})),
            name=name,
        )
        inner_step = self.step(inner)
        middle = r"%s \cdot %s" % (_paren(outer_derivative(u)), self.d(u))
        return self.make(
            "chain",
            piece,
            outer_step.after * inner_step.after,
            middle,
            (outer_step, inner_step),
            ops=tuple(sorted({*forward, *chain})),
        )


def derivation_steps(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    wrt: sympy.Symbol,
    graph: Any = None,
    most_steps: int | None = None,
) -> Step:
    """The steps of ∂expr/∂wrt, one rule each; with `graph` (a tape_graph.TapeGraph of `expr` and
    `symbols`, any order) each step names the ops that carry it out.

    Raises TooManySteps past `most_steps` steps (no limit by default), NoRule for a
    function without a rule (sign, Heaviside: the derivatives of |u| and relu).
    """
    variables = tuple(s.name for s in symbols)
    tape = _Tape(graph, variables, wrt.name) if graph is not None else None
    deriver = _Deriver(wrt, variables, tape, most_steps)
    return deriver.step(deriver.shapes.walk(expr))


# --- checking the last step ------------------------------------------------------------------


_PRECISION = mpmath.MPContext()
_PRECISION.dps = 40  # a context of our own: mpmath's global one is shared by every thread


def _number(expr: sympy.Expr, at: dict) -> complex | None:
    """expr at the point `at` (symbol → Rational), or None where it is undefined.

    Each distinct subtree is evaluated once with 40 digits: SymPy's evalf re-evaluates nested
    sums at rising precision, which takes minutes for a product rule 20 levels deep.
    """
    ctx = _PRECISION
    values: dict[sympy.Expr, Any] = {}

    def value(node: sympy.Expr):
        if node not in values:
            values[node] = compute(node)
        return values[node]

    def compute(node: sympy.Expr):
        if node in at:
            return ctx.mpf(at[node].p) / at[node].q
        if node.is_Number or isinstance(node, sympy.NumberSymbol):
            return from_sympy(node.evalf(ctx.dps))
        if node.is_Add:
            return ctx.fsum(value(term) for term in node.args)
        if node.is_Mul:
            return ctx.fprod(value(factor) for factor in node.args)
        if node.is_Pow:
            return ctx.power(value(node.args[0]), value(node.args[1]))
        arguments = [to_sympy(value(argument)) for argument in node.args]
        return from_sympy(node.func(*arguments).evalf(ctx.dps))

    def from_sympy(number: sympy.Expr):
        if not number.is_number or number.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise ValueError("undefined")
        real, imaginary = number.as_real_imag()
        real, imaginary = ctx.convert(real.evalf(ctx.dps)), ctx.convert(imaginary.evalf(ctx.dps))
        return ctx.mpc(real, imaginary) if imaginary else real

    def to_sympy(number) -> sympy.Expr:
        if isinstance(number, type(ctx.mpc(0, 1))):
            return sympy.Float(number.real, ctx.dps) + sympy.I * sympy.Float(number.imag, ctx.dps)
        return sympy.Float(number, ctx.dps)

    try:
        number = complex(value(expr))
    except (ValueError, TypeError, ZeroDivisionError, OverflowError, AttributeError):
        return None
    if not (math.isfinite(number.real) and math.isfinite(number.imag)):
        return None
    return number


def value_at(expr: sympy.Expr, at: dict) -> complex | None:
    """expr at the point `at` (symbol → Rational) with 40 digits, or None where undefined."""
    return _number(expr, at)


def check(
    result: sympy.Expr,
    expected: sympy.Expr,
    simplify_seconds: float = CHECK_SECONDS,
    numeric_seconds: float = CHECK_SECONDS,
) -> Check:
    """Is `result` equal to `expected`? simplify(a − b) == 0 within `simplify_seconds` (0: do
    not try), else equal at NUMERIC_POINTS random points where both are real (the same points
    every run), within `numeric_seconds`.

    >>> x = sympy.Symbol("x", real=True)
    >>> check(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, sympy.S.One).label
    'symbolic'
    """
    difference = result - expected
    if difference == 0:
        return Check("symbolic")
    if simplify_seconds > 0:
        try:
            with soft_time_limit(simplify_seconds):
                if sympy.simplify(difference) == 0:
                    return Check("symbolic")
        except Exception:  # noqa: BLE001 - the soft time limit ran out, or SymPy gave up
            pass
    try:
        with soft_time_limit(numeric_seconds):
            agreed = _agreeing_points(result, expected, difference.free_symbols)
    except Exception:  # noqa: BLE001 - out of time: what was checked so far is not enough
        return Check("none")
    return Check("numeric", agreed) if agreed else Check("none")


def _agreeing_points(result: sympy.Expr, expected: sympy.Expr, free: set) -> int:
    """NUMERIC_POINTS if both agree at that many random real points, else 0."""
    symbols = sorted(free, key=lambda s: s.name)
    generator = random.Random(20240611)
    agreed = 0
    for _ in range(NUMERIC_TRIES):
        scale = generator.choice((0.9, 3.0))  # small points too, for asin and friends
        at = {s: sympy.Rational(round(generator.uniform(-scale, scale), 4)) for s in symbols}
        a, b = _number(result, at), _number(expected, at)
        if a is None or b is None or abs(a.imag) > 1e-20 or abs(b.imag) > 1e-20:
            continue  # outside the domain of one of them
        if abs(a - b) > RELATIVE_TOLERANCE * max(1.0, abs(a), abs(b)):
            return 0
        agreed += 1
        if agreed == NUMERIC_POINTS or not symbols:
            return agreed
    return 0


def _value_at(expr: sympy.Expr, point: dict[str, float]) -> float | None:
    at = {
        s: sympy.Rational(repr(float(point[s.name]))) for s in expr.free_symbols if s.name in point
    }
    number = _number(expr, at)
    if number is None or abs(number.imag) > 1e-20 * max(1.0, abs(number.real)):
        return None
    return number.real


def derive_all(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    graph: Any = None,
    point: dict[str, float] | None = None,
    seconds: float = CHECK_SECONDS,
    *,
    orders: Sequence[int] = (1,),
    shown: dict[tuple[str, ...], sympy.Expr] | None = None,
    deadline: Deadline | None = None,
) -> tuple[Derivation, ...]:
    """The checked steps of every partial of `orders`, lowest order first, in the order
    `symbolic.partials` names them (here, in-process).

    A derivative of order n differentiates its parent (∂²f/∂x∂y: ∂f/∂x, by y) in the form
    `shown` gives (the page's simplified formulas, by path), else in `simpler_form` of SymPy's.
    Only the first derivatives are tied to `graph`. `seconds` bounds each check; past
    `deadline` the derivations left are refused as out of time.
    """
    variables = tuple(s.name for s in symbols)
    by_name = {s.name: s for s in symbols}
    wanted = [path for path in partials(variables, max(orders)) if len(path) in orders]
    exact: dict[tuple[str, ...], sympy.Expr] = {(): expr}

    def diff_of(path: tuple[str, ...]) -> sympy.Expr:
        """SymPy's own derivative along `path`: the independent value each order is checked by."""
        if path not in exact:
            exact[path] = sympy.diff(diff_of(path[:-1]), by_name[path[-1]])
        return exact[path]

    def remaining() -> float:
        """The soft time limit of the next piece of work (0: none)."""
        return 0 if deadline is None else max(0.01, deadline.left())

    found = []
    for path in wanted:
        wrt = by_name[path[-1]]

        def refuse(reason: str, detail: str = "", path=path, wrt=wrt) -> Derivation:
            return Derivation(wrt.name, None, Check("none"), None, path, False, reason, detail)

        if deadline is not None and deadline.left() < LEAST_STEP_SECONDS:
            found.append(refuse("time"))
            continue
        tied = len(path) == 1 and graph is not None
        try:
            if len(path) > 1 and path[:-1] not in (shown or {}):
                with soft_time_limit(remaining()):
                    diff_of(path[:-1])  # kept: simplified below as the page simplified it
            parent = _parent(expr, path, shown or {}, diff_of, min(seconds, remaining() or seconds))
            with soft_time_limit(remaining()):
                most = MAX_STEPS if len(path) > 1 else None  # f itself is as long as typed
                root = derivation_steps(parent, symbols, wrt, graph if tied else None, most)
                expected = diff_of(path)
        except TooManySteps:
            found.append(refuse("size"))
            continue
        except NoRule as no_rule:
            found.append(refuse("rule", no_rule.function))
            continue
        except Exception:  # noqa: BLE001 - the soft time limit's own exception is private
            if deadline is None or deadline.left() > LEAST_STEP_SECONDS:
                raise  # not the time limit: a fault, reported as one
            found.append(refuse("time"))
            continue
        left = min(seconds, remaining() or seconds)
        confirmed = check(root.after, expected, left, left)
        value = None
        if point is not None:
            try:
                with soft_time_limit(min(seconds, remaining() or seconds)):
                    value = _value_at(root.after, point)
            except Exception:  # noqa: BLE001 - no value is shown rather than a late one
                value = None
        found.append(Derivation(wrt.name, root, confirmed, value, path, tied))
    return tuple(found)


def _parent(
    expr: sympy.Expr,
    path: tuple[str, ...],
    shown: dict[tuple[str, ...], sympy.Expr],
    diff_of: Callable[[tuple[str, ...]], sympy.Expr],
    seconds: float,
) -> sympy.Expr:
    """The formula the derivative along `path` differentiates: f, or the lower derivative as
    the page shows it (given, or simplified here as `symbolic.derive` does it)."""
    above = path[:-1]
    if not above:
        return expr
    if above in shown:
        return shown[above]
    return simpler_form(diff_of(above), seconds)[0]


def _derive_bounded(
    expr: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    graph: Any,
    point: dict[str, float] | None,
    orders: tuple[int, ...],
    shown: tuple[tuple[tuple[str, ...], sympy.Expr], ...],
    seconds: float,
) -> tuple[Derivation, ...]:
    """`derive_all` as the worker runs it: the derivations the time allows, the rest refused,
    a little before the worker is killed."""
    deadline = Deadline.start(max(seconds - STEPS_MARGIN, LEAST_STEP_SECONDS))
    return derive_all(
        expr, symbols, graph, point, orders=orders, shown=dict(shown), deadline=deadline
    )


def derivations(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    graph: Any = None,
    point: dict[str, float] | None = None,
    seconds: float = STEPS_SECONDS,
    orders: Sequence[int] = (1,),
    shown: dict[tuple[str, ...], sympy.Expr] | None = None,
) -> tuple[Derivation, ...] | None:
    """`derive_all` in a worker process killed after `seconds`; None when it ran out.

    What `seconds` does not allow is refused derivation by derivation ("time"); None only
    when the worker itself was stopped.
    """
    from diffexplain.core.worker import BudgetExceeded, run_bounded

    highest = max(orders)
    given = tuple((wrt, form) for wrt, form in (shown or {}).items() if len(wrt) < highest)
    try:
        return run_bounded(
            _derive_bounded,
            expr,
            tuple(symbols),
            graph,
            point,
            tuple(orders),
            given,
            seconds,
            seconds=seconds,
        )
    except (BudgetExceeded, RuntimeError):
        return None


def steps_as_dicts(
    expr: sympy.Expr | None,
    symbols: Sequence[sympy.Symbol | str],
    graph: Any,
    seconds: float = STEPS_SECONDS,
    order: int = 1,
    shown: dict[tuple[str, ...], sympy.Expr] | None = None,
) -> list[dict]:
    """Every step of every partial up to `order` as plain JSON data, parents before their
    substeps, lowest order first.

    Keys: rule, before, after, latex, ops (graph node ids), and name, wrt (the variable that
    step differentiates by), order, partial (the derivative's variables in the order of
    differentiation), depth; a root step (depth 0) also says how it was checked and whether
    its steps are tied to the graph's ops (only first derivatives are). A derivative without
    steps has one row, name "refused", its reason in "refused" and the other texts empty.
    `symbols` may be the variables' names; `shown`: the lower derivatives as the page shows
    them (`derive_all`). [] when there is no expression or the worker ran out of `seconds`.
    """
    if expr is None:
        return []
    symbols = tuple(s if isinstance(s, sympy.Symbol) else symbol(s) for s in symbols)
    variables = tuple(s.name for s in symbols)
    found = derivations(expr, symbols, graph, None, seconds, range(1, order + 1), shown)
    rows = []
    for derivation in found or ():
        shared = {
            "wrt": derivation.wrt,
            "order": derivation.order,
            "partial": list(derivation.path),
        }
        if derivation.root is None:
            empty = dict.fromkeys(("rule", "before", "after", "latex"), "")
            refusal = {"ops": [], "name": "refused", "depth": 0}
            rows.append({**empty, **refusal, **shared, "refused": derivation.refusal(variables)})
            continue
        for depth, step in derivation.root.walk():
            row = {
                "rule": step.rule,
                "before": str(step.before),
                "after": str(step.after),
                "latex": step.latex,
                "ops": list(step.ops),
                "name": step.name,
                "depth": depth,
                **shared,
            }
            if depth == 0:
                row["check"] = derivation.check.label
                row["tied"] = derivation.tied
            rows.append(row)
    return rows


def step_of_node(root: Step, node_id: int) -> Step | None:
    """The deepest step whose ops include the node: the rule that node carries out."""
    found, deepest = None, -1
    for depth, step in root.walk():
        if node_id in step.ops and depth > deepest:
            found, deepest = step, depth
    return found
