"""Expression swell: a symbolic derivative can grow much faster than the work to compute it.

`sympy.diff` writes every use of a subexpression out again, so the product rule doubles a
formula at each level; automatic differentiation records each op once and reuses its value.
Common-subexpression elimination (`sympy.cse`) names the repeated parts, and brings the
symbolic size back near the tape's: that sharing is what autodiff does by construction.

The classic example is the logistic map l₁ = x, lₙ₊₁ = 4·lₙ·(1 − lₙ) (Baydin et al.,
"Automatic differentiation in machine learning: a survey", JMLR 2018, Table 1).

The SymPy functions here run in the worker process (`worker.run_bounded`); `tape_ops` alone
imports TensorFlow.

>>> logistic_text(3)
'4*(4*(x)*(1-(x)))*(1-(4*(x)*(1-(x))))'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from diffexplain.core.parse import MAX_LENGTH, symbol
from diffexplain.core.symbolic import partials, to_latex

LOGISTIC_MAX = 10
"""Iterations offered: l₁₀' has 34 048 ops as `diff` writes it and a 511th-degree expansion."""

LATEX_MAX_OPS = 120
"""Formulas with more ops are described by their size only: no one reads them on a slide."""


LOGISTIC_DEFAULT = 8
"""The slider's first position: past both crossovers, so the swell is on screen at once
(l₈' is 5 472 ops as diff writes it, 380 expanded, against 198 ops on the tape)."""


def first_larger(larger: Sequence[int | None], than: Sequence[int | None]) -> int | None:
    """The first position (counted from 1) where `larger` exceeds `than`, if any: where a
    symbolic size overtakes the tape's. Unknown sizes (None) never count.

    >>> first_larger([0, 2, 21, 82], [1, 15, 33, 56])
    4
    >>> first_larger([7, 4], [12, 33]) is None
    True
    """
    for position, (a, b) in enumerate(zip(larger, than, strict=True), start=1):
        if a is not None and b is not None and a > b:
            return position
    return None


def logistic_text(iterations: int) -> str:
    """lₙ as text for the parser, built by nesting: lₙ₊₁ = 4*(lₙ)*(1-(lₙ))."""
    text = "x"
    for _ in range(iterations - 1):
        text = f"4*({text})*(1-({text}))"
    return text


def logistic_text_fits(iterations: int) -> bool:
    """Whether lₙ's text is within the parser's length limit (up to n = 6)."""
    return len(logistic_text(iterations)) <= MAX_LENGTH


def logistic_map(iterations: int) -> sympy.Expr:
    """lₙ as a SymPy tree, built directly (the same tree the parser makes of the text)."""
    x = symbol("x")
    value = x
    for _ in range(iterations - 1):
        value = 4 * value * (1 - value)
    return value


def logistic_expanded(iterations: int) -> sympy.Poly:
    """lₙ expanded into a polynomial in x, iterated in polynomial arithmetic.

    Much faster than `sympy.expand` of the nested tree (9 s at n = 8); the same result.
    """
    x = symbol("x")
    value = sympy.Poly(x, x)
    for _ in range(iterations - 1):
        value = 4 * value * (1 - value)
    return value


def cse_ops(expr: sympy.Expr) -> int:
    """Ops after common-subexpression elimination: the named parts plus what remains."""
    definitions, (reduced,) = sympy.cse(expr)
    return sum(sympy.count_ops(value) for _, value in definitions) + sympy.count_ops(reduced)


@dataclass(frozen=True)
class SymbolicSize:
    """The size of the largest partial derivative of one order, in `sympy.count_ops`."""

    order: int
    raw: int
    cse: int


def symbolic_sizes(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], order: int
) -> tuple[SymbolicSize, ...]:
    """Per order 1..`order`: the largest partial as `diff` gives it, and after `sympy.cse`."""
    by_name = {s.name: s for s in symbols}
    derivatives: dict[tuple[str, ...], sympy.Expr] = {(): expr}
    sizes = []
    for k in range(1, order + 1):
        raw, cse = 0, 0
        for wrt in partials(tuple(by_name), k):
            if len(wrt) != k:
                continue
            derivative = sympy.diff(derivatives[wrt[:-1]], by_name[wrt[-1]])
            derivatives[wrt] = derivative
            raw, cse = max(raw, sympy.count_ops(derivative)), max(cse, cse_ops(derivative))
        sizes.append(SymbolicSize(k, raw, cse))
    return tuple(sizes)


@dataclass(frozen=True)
class LogisticSize:
    """lₙ and its derivative, by size: as written, as `diff` gives it, expanded, after cse."""

    iterations: int
    value_ops: int
    raw: int
    expanded: int
    cse: int


def logistic_sizes(most: int) -> tuple[LogisticSize, ...]:
    """Sizes of lₙ' for n = 1..`most` (about 1 s at n = 10)."""
    x = symbol("x")
    sizes = []
    for n in range(1, most + 1):
        value = logistic_map(n)
        raw = sympy.diff(value, x)
        expanded = logistic_expanded(n).diff(x).as_expr()
        sizes.append(
            LogisticSize(
                iterations=n,
                value_ops=sympy.count_ops(value),
                raw=sympy.count_ops(raw),
                expanded=sympy.count_ops(expanded),
                cse=cse_ops(raw),
            )
        )
    return tuple(sizes)


def stacked_latex(expr: sympy.Expr, per_line: int, order: str | None = None) -> str:
    r"""A sum in LaTeX with `per_line` terms per line (an `aligned` block), so it fits a slide.

    >>> x = symbol("x")
    >>> stacked_latex(1 - 2*x + 3*x**2, 2, order="rev-lex")
    '\\begin{aligned}&1 - 2 x\\\\&\\quad + 3 x^{2}\\end{aligned}'
    """
    terms = expr.as_ordered_terms(order=order) if expr.is_Add else [expr]
    pieces = []
    for number, term in enumerate(terms):
        text = sympy.latex(term)
        if number == 0:
            pieces.append(text)
        elif text.startswith("-"):
            pieces.append("- " + text[1:].lstrip())
        else:
            pieces.append("+ " + text)
    lines = [" ".join(pieces[i : i + per_line]) for i in range(0, len(pieces), per_line)]
    return r"\begin{aligned}&" + r"\\&\quad ".join(lines) + r"\end{aligned}"


@dataclass(frozen=True)
class LogisticForms:
    """LaTeX of lₙ and of lₙ' raw and expanded; "" where the formula is too long to show."""

    iterations: int
    value: str
    raw: str
    expanded: str


def logistic_forms(iterations: int) -> LogisticForms:
    x = symbol("x")
    value = logistic_map(iterations)
    raw = sympy.diff(value, x)
    expanded = logistic_expanded(iterations).diff(x).as_expr()

    def small(expr: sympy.Expr) -> bool:
        return sympy.count_ops(expr) <= LATEX_MAX_OPS

    return LogisticForms(
        iterations,
        to_latex(value) if small(value) else "",
        stacked_latex(raw, 1) if small(raw) else "",
        stacked_latex(expanded, 4, order="rev-lex") if small(expanded) else "",
    )


@dataclass(frozen=True)
class TapeOps:
    """Ops the nested tapes ran: all of them, and those that compute (no Const, Shape, …)."""

    all: int
    compute: int


def tape_ops(graph, order: int) -> TapeOps:
    """Ops of the forward pass and tapes 1..`order` of a recorded `tape_graph.TapeGraph`."""
    from diffexplain.core.tape_graph import BOOKKEEPING

    counted = [n for n in graph.nodes if not n.is_input and n.stage <= order]
    return TapeOps(len(counted), sum(1 for n in counted if n.op not in BOOKKEEPING))


def traced_tape_ops(function, order: int = 1) -> TapeOps:
    """Ops that nested tapes add to a graph for `function` of one input, up to `order`.

    Counted as `record.py` counts them (every op but the input), without running them.
    """
    import tensorflow as tf

    from diffexplain.core.tape import nested_tapes
    from diffexplain.core.tape_graph import BOOKKEEPING

    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float64, shape=[], name="x")
        nested_tapes(function, [x], order)
    ops = [op for op in graph.get_operations() if op.type != "Placeholder"]
    return TapeOps(len(ops), sum(1 for op in ops if op.type not in BOOKKEEPING))


def logistic_formula_tape_ops(iterations: int) -> TapeOps:
    """Tape ops for lₙ' from the formula as parsed (SymPy flattens the products: n² growth)."""
    import tensorflow as tf

    from diffexplain.core.tape import to_tensorflow

    x = symbol("x")
    return traced_tape_ops(to_tensorflow(logistic_map(iterations), (x,), tf.float64))


def logistic_program_tape_ops(iterations: int) -> TapeOps:
    """Tape ops for lₙ' from the loop `l = 4*l*(1 - l)`: a constant number per iteration."""

    def program(inputs):
        value = inputs[0]
        for _ in range(iterations - 1):
            value = 4.0 * value * (1.0 - value)
        return value

    return traced_tape_ops(program)
