""" "Show me the code": a standalone Python script that computes what the page shows.

The script has three parts: SymPy builds f and differentiates it exactly; TensorFlow computes
the same derivatives with an explicit nest of `GradientTape`s, one per order; a table prints
both values side by side. A student can paste it into a notebook and run it unchanged.

Both formulas are printed from the parsed SymPy tree, never copied from the visitor's text:
the SymPy line by `_SymPyCode` (a `StrPrinter` that writes `sp.sin`, `sp.Rational(1, 10)`),
the TensorFlow line by `_TensorFlowCode`, which makes exactly the ops `tape.to_tensorflow`
makes, in the same order, so the printed values are the app's. Variable names come from the
parser, which admits only identifiers; one that clashes with a name the script uses gets a
trailing underscore.

>>> print(tensorflow_expression("x^2 - 2x"))
x ** tf.constant(2.0, dtype=dtype) - tf.constant(2.0, dtype=dtype) * x
>>> print(tensorflow_expression("sin(x y) + x y"))  # x·y is one tensor, used twice
u1 = x * y
u1 + tf.math.sin(u1)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

import sympy
from sympy.printing.str import StrPrinter

from diffexplain.core import ops
from diffexplain.core.explanation import prepare
from diffexplain.core.names import derivative_name
from diffexplain.core.parse import parse_function
from diffexplain.core.symbolic import partials

_TENSORFLOW_CALLS = {
    "sin": "tf.math.sin({})",
    "cos": "tf.math.cos({})",
    "tan": "tf.math.tan({})",
    "sec": "tf.math.reciprocal(tf.math.cos({}))",
    "csc": "tf.math.reciprocal(tf.math.sin({}))",
    "cot": "tf.math.reciprocal(tf.math.tan({}))",
    "asin": "tf.math.asin({})",
    "acos": "tf.math.acos({})",
    "atan": "tf.math.atan({})",
    "sinh": "tf.math.sinh({})",
    "cosh": "tf.math.cosh({})",
    "tanh": "tf.math.tanh({})",
    "asinh": "tf.math.asinh({})",
    "acosh": "tf.math.acosh({})",
    "atanh": "tf.math.atanh({})",
    "exp": "tf.math.exp({})",
    "log": "tf.math.log({})",
    "sqrt": "tf.math.sqrt({})",
    "abs": "tf.math.abs({})",
    "erf": "tf.math.erf({})",
    "sigmoid": "tf.math.sigmoid({})",
    "relu": "tf.nn.relu({})",
}
"""The TensorFlow call of each primitive, as code: what `ops.Primitive.forward` runs."""

_SYMPY_HELPERS = {
    ops.sigmoid: (
        "sigmoid",
        "def sigmoid(u):\n    return 1 / (1 + sp.exp(-u))",
    ),
    ops.relu: (
        "relu",
        "def relu(u):  # its derivative is 0 at u = 0, as in TensorFlow\n"
        "    return sp.Piecewise((u, u > 0), (0, True))",
    ),
}
"""Functions of the app that SymPy lacks, written as plain SymPy in the script."""

_RESERVED = frozenset(
    {"sp", "tf", "f", "dtype", "zero", "point", "exact", "taped", "name", "value"}
    | {"sigmoid", "relu", "u"}
    | {f"t{k}" for k in range(10)}
)
"""Names the script itself uses: a variable with one of them is renamed."""


class _SymPyCode(StrPrinter):
    """SymPy's own str printer, with every name and number written as runnable `sp.` code."""

    def __init__(self, names: Mapping[sympy.Symbol, str]):
        super().__init__()
        self.names = names

    def _print_Symbol(self, expr):
        return self.names[expr]

    def _print_Rational(self, expr):
        if expr.q == 1:
            return str(expr.p)
        sign = "-" if expr.p < 0 else ""
        return f"{sign}sp.Rational({abs(expr.p)}, {expr.q})"

    def _print_Integer(self, expr):
        return str(expr.p)

    def _print_Pi(self, expr):
        return "sp.pi"

    def _print_Exp1(self, expr):
        return "sp.E"

    def _print_Pow(self, expr, rational=False):
        if expr.exp is sympy.S.Half:
            return f"sp.sqrt({self._print(expr.base)})"
        if -expr.exp is sympy.S.Half:
            return f"1/sp.sqrt({self._print(expr.base)})"
        return super()._print_Pow(expr, rational=True)

    def _print_Function(self, expr):
        helper = _SYMPY_HELPERS.get(expr.func)
        name = helper[0] if helper else f"sp.{expr.func.__name__}"
        if not helper and ops.BY_HEAD.get(expr.func) is None:
            raise ValueError(f"no code for {expr.func.__name__}")
        return f"{name}({self.stringify(expr.args, ', ')})"

    _print_Abs = _print_Function


def sympy_code(expr: sympy.Expr, names: Mapping[sympy.Symbol, str]) -> str:
    """`expr` as Python code that rebuilds it with `import sympy as sp`.

    >>> x = sympy.Symbol("x", real=True)
    >>> sympy_code(sympy.sin(x) / 10 + sympy.sqrt(x) - sympy.Rational(1, 3), {x: "x"})
    'sp.sqrt(x) + sp.sin(x)/10 - sp.Rational(1, 3)'
    """
    if expr.is_Integer:  # a bare 3 would be a Python int, which has no .subs
        return f"sp.Integer({expr.p})"
    return _SymPyCode(names).doprint(expr)


# --- the TensorFlow line: the ops of `tape.to_tensorflow`, as code ---------------------------

_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = range(5)
"""Python's precedence levels, loosest first: an operand below the level its place needs
gets parentheses (so a + b - c keeps TensorFlow's left-to-right order)."""


def _wrapped(code: tuple[str, int], level: int) -> str:
    text, own = code
    return text if own >= level else f"({text})"


class _TensorFlowCode:
    """Code for `tape.to_tensorflow`'s translation, decision for decision.

    A subtree `to_tensorflow` computes once and uses more than once becomes a named line
    (u1 = ...), as the shared tensor it is; everything else is written inline.
    """

    def __init__(self, names: Mapping[sympy.Symbol, str], taken: set[str]):
        self.names = names
        self.taken = taken
        self.uses: Counter = Counter()
        self.counting = True
        self.built: dict[sympy.Expr, tuple[str, int]] = {}
        self.lines: list[str] = []

    def code(self, expr: sympy.Expr) -> tuple[list[str], str]:
        """(lines defining the shared parts, the expression for f)."""
        self._walk(expr)  # first pass: how often to_tensorflow reaches each subtree
        self.counting, self.built = False, {}
        result = self._walk(expr)[0]
        return self.lines, result

    def _walk(self, node: sympy.Expr) -> tuple[str, int]:
        if node in self.names:
            return self.names[node], _ATOM
        if node in self.built:
            if self.counting:
                self.uses[node] += 1
            return self.built[node]
        code = self._translate(node)
        if self.counting:
            self.uses[node] += 1
        elif self.uses[node] > 1 and not (node.is_Number or isinstance(node, sympy.NumberSymbol)):
            name = self._fresh()
            self.lines.append(f"{name} = {code[0]}")
            code = (name, _ATOM)
        self.built[node] = code
        return code

    def _fresh(self) -> str:
        number = len(self.lines) + 1
        while f"u{number}" in self.taken:
            number += 1
        name = f"u{number}"
        self.taken.add(name)
        return name

    @staticmethod
    def _constant(number: sympy.Expr) -> tuple[str, int]:
        return f"tf.constant({float(number.evalf(20))!r}, dtype=dtype)", _ATOM

    def _translate(self, node: sympy.Expr) -> tuple[str, int]:
        if node.is_Number or isinstance(node, sympy.NumberSymbol):
            return self._constant(node)
        if node.is_Add:
            return self._sum(node.args)
        if node.is_Mul:
            return self._product(node)
        if node.is_Pow:
            return self._power(*node.args)
        primitive = ops.BY_HEAD.get(node.func)
        if primitive is None:
            raise ValueError(f"no TensorFlow form for {node.func.__name__}")
        argument = self._walk(node.args[0])[0]
        return _TENSORFLOW_CALLS[primitive.name].format(argument), _ATOM

    def _sum(self, terms) -> tuple[str, int]:
        ordered = sorted(terms, key=lambda t: t.could_extract_minus_sign())
        first = ordered[0]
        if first.could_extract_minus_sign():
            text = "-" + _wrapped(self._walk(-first), _POWER)
        else:
            text = _wrapped(self._walk(first), _SUM)
        for term in ordered[1:]:
            if term.could_extract_minus_sign():
                text += " - " + _wrapped(self._walk(-term), _PRODUCT)
            else:
                text += " + " + _wrapped(self._walk(term), _PRODUCT)
        return text, _SUM

    def _multiply(self, factors) -> tuple[str, int]:
        code = self._walk(factors[0])
        for factor in factors[1:]:
            code = (
                _wrapped(code, _PRODUCT) + " * " + _wrapped(self._walk(factor), _UNARY),
                _PRODUCT,
            )
        return code

    def _product(self, node: sympy.Expr) -> tuple[str, int]:
        parts = ops.split_product(node)
        numerator, denominator, negative = parts.numerator, parts.denominator, parts.negative
        code = self._multiply(numerator)
        if denominator:
            below = self._multiply(denominator)
            code = (_wrapped(code, _PRODUCT) + " / " + _wrapped(below, _UNARY), _PRODUCT)
        if negative:
            code = ("-" + _wrapped(code, _POWER), _UNARY)
        return code

    def _power(self, base: sympy.Expr, exponent: sympy.Expr) -> tuple[str, int]:
        if exponent == sympy.Rational(1, 2):
            return f"tf.math.sqrt({self._walk(base)[0]})", _ATOM
        if exponent.is_Number and exponent < 0:
            inverse = base if exponent == -1 else base ** (-exponent)
            one = self._constant(sympy.S.One)[0]
            return f"{one} / {_wrapped(self._walk(inverse), _UNARY)}", _PRODUCT
        power = _wrapped(self._walk(base), _ATOM) + " ** " + _wrapped(self._walk(exponent), _UNARY)
        return power, _POWER


def tensorflow_expression(text: str) -> str:
    """The TensorFlow code for a function as the parser reads it (shared parts inline)."""
    parsed = parse_function(text)
    names = {s: s.name for s in parsed.symbols}
    lines, code = _TensorFlowCode(names, set(names.values())).code(parsed.expr)
    return "\n".join([*lines, code])


# --- the script ------------------------------------------------------------------------------


def _python_names(variables: tuple[str, ...]) -> dict[str, str]:
    """variable → the name it has in the script: itself, unless the script needs that name."""
    taken = set(_RESERVED)
    names = {}
    for variable in variables:
        name = variable
        while name in taken:
            name += "_"
        taken.add(name)
        names[variable] = name
    return names


def _derivative_names(variables: tuple[str, ...], python: Mapping[str, str], order: int, taken):
    """wrt → the script's name of that derivative's tensor: f_x, f_xy, f_theta_theta."""
    join = "" if all(len(v) == 1 for v in variables) else "_"
    result = {(): "f"}
    for wrt in partials(variables, order):
        name = "f_" + join.join(python[v] for v in wrt)
        while name in taken:
            name += "_"
        taken.add(name)
        result[wrt] = name
    return result


def _string(text: str) -> str:
    """A Python string literal in double quotes: f'' and ∂²f/∂x∂y as they read."""
    return json.dumps(text, ensure_ascii=False)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"


def standalone_script(
    text: str, point: Mapping[str, Any] | None = None, order: int = 2, dtype: str = "float64"
) -> str:
    """A runnable Python script for `text` at `point`: SymPy exactly, nested tapes in `dtype`.

    The inputs are checked as `explain()` checks them (an `InputError` for anything wrong).
    """
    request = prepare(text, dict(point or {}), order, dtype)
    parsed = request.parsed
    variables = parsed.variables
    python = _python_names(variables)
    by_symbol = {s: python[s.name] for s in parsed.symbols}
    taken = set(_RESERVED) | set(python.values())
    tensors = _derivative_names(variables, python, request.order, taken)
    wanted = partials(variables, request.order)
    shown = {(): "f", **{wrt: derivative_name(wrt, variables) for wrt in wanted}}

    helpers = [code for head, (_, code) in _SYMPY_HELPERS.items() if parsed.expr.has(head)]
    sympy_f = sympy_code(parsed.expr, by_symbol)
    shared, tensorflow_f = _TensorFlowCode(by_symbol, taken).code(parsed.expr)
    at = ", ".join(f"{v} = {request.point[v]!r}" for v in variables)

    out = [
        f'"""Derivatives up to order {request.order} of f({", ".join(variables)}) at {at}:',
        "",
        f"    f = {parsed.expr}",
        "",
        "SymPy differentiates the formula exactly; TensorFlow's nested GradientTapes compute",
        f"the same derivatives in {dtype}. Written by diffexplain; needs sympy and tensorflow.",
        '"""',
        "",
        "import sympy as sp",
        "import tensorflow as tf",
        "",
        "# 1. SymPy: the exact derivatives",
        *[line for code in helpers for line in (*code.splitlines(), "")],
    ]
    for variable in variables:
        out.append(f"{python[variable]} = sp.Symbol({_string(variable)}, real=True)")
    out += [
        f"f = {sympy_f}",
        "point = {"
        + ", ".join(f"{python[v]}: {sympy_code(request.exact_point[v], {})}" for v in variables)
        + "}  # the point exactly as typed (0.1 is 1/10, pi/2 is π/2)",
        "",
        'exact = {"f": f}',
    ]
    for wrt in wanted:
        parent = shown[wrt[:-1]]
        out.append(
            f"exact[{_string(shown[wrt])}] = sp.diff(exact[{_string(parent)}], {python[wrt[-1]]})"
        )
    out += [
        "for name, value in exact.items():",
        '    print(name, "=", value)',
        "",
        f"# 2. TensorFlow: {request.order} nested GradientTape(s), t0 the innermost; each outer"
        " tape",
        "#    records what the tape inside it did, its gradient call included, so its own",
        "#    gradient is one order higher",
        f"dtype = tf.{dtype}",
        "# Where no recorded op connects a result to an input (df/dy when f has no y), the",
        "# tape returns None, not 0: SymPy says 0, and the next tape cannot differentiate a",
        "# None (TypeError). ZERO asks for 0 so the two compare. Without it you would see",
        "# the None of 'Why is my gradient None?'.",
        "zero = tf.UnconnectedGradients.ZERO",
    ]
    for variable in variables:
        out.append(f"{python[variable]} = tf.constant({request.point[variable]!r}, dtype=dtype)")
    inputs = [python[v] for v in variables]
    out.append("")
    out += _tape_nest(request.order, inputs, shared, tensorflow_f, tensors, variables)
    out += [
        "",
        "taped = {" + ", ".join(f"{_string(shown[k])}: {tensors[k]}" for k in shown) + "}",
        "",
        "# 3. Side by side",
        f"print(f\"{{'':>12}}  {{'SymPy (exact)':>24}}  {{'tape ({dtype})':>24}}\")",
        "for name in exact:",
        "    value = exact[name].subs(point).evalf(30)",
        "    # a pole (zoo) or 0/0 (nan) has no real value: shown as nan",
        '    value = float(value) if value.is_extended_real else float("nan")',
        '    print(f"{name:>12}  {value!r:>24}  {float(taped[name])!r:>24}")',
        "",
    ]
    return "\n".join(out)


def _tape_nest(order, inputs, shared, tensorflow_f, tensors, variables) -> list[str]:
    """The `with` blocks, outermost tape first, and each tape's gradient calls after its block.

    As in the notes, t0 is the innermost tape (first derivatives) and t{order - 1} the outermost:
    t{k}'s gradients are taken inside t{k + 1}'s block, so t{k + 1} records them.
    """
    watched = _listed(inputs)
    lines = []
    for k in range(order, 0, -1):
        indent = "    " * (order - k)
        calls = sum(1 for wrt in tensors if len(wrt) == k - 1)
        persistent = "persistent=True" if calls > 1 else ""
        note = "  # persistent: gradient is called more than once" if calls > 1 else ""
        lines.append(f"{indent}with tf.GradientTape({persistent}) as t{k - 1}:{note}")
        lines.append(f"{indent}    t{k - 1}.watch({watched})")
    body = "    " * order
    lines += [body + line for line in shared]
    lines.append(f"{body}f = {tensorflow_f}")
    for k in range(1, order + 1):
        indent = "    " * (order - k)
        for wrt, target in tensors.items():
            if len(wrt) != k - 1:
                continue
            first = variables.index(wrt[-1]) if wrt else 0  # f_xy once, not f_yx again
            results = [tensors[(*wrt, v)] for v in variables[first:]]
            sources = _listed(inputs[first:])
            lines.append(
                f"{indent}{', '.join(results)} = t{k - 1}.gradient({target}, {sources}, "
                "unconnected_gradients=zero)"
            )
    return lines
