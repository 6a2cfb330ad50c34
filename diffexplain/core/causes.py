"""Why a tape's value is not the exact one: the function's subtrees evaluated at the point the
way the tape evaluates them (in its dtype, with numpy's IEEE arithmetic), beside their exact
values.

Each `Cause` names a subtree and what happened to it there: it overflowed or underflowed, a
sum of nearly equal terms lost most of its digits, a division was 0/0 or 1/0 as typed, a power
u^c met u = 0 (TensorFlow's Pow gradient c·u^(c−1) then reaches 0·0⁻¹), or the input's
rounding moved a switch (|sin x| at π: sin of the float nearest π is 1.2e-16, not 0). The
notes of `agree.judge` pick the causes that fit a row. Only the forward pass is looked at: the
backward ops reuse its values, so its trouble is theirs.

>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> [(c.kind, c.node) for c in diagnose(sympy.log(1 + sympy.exp(x)), {"x": 800}, "float64")]
[('overflow', 'exp(x)')]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import sympy

from diffexplain.core import interval, ops, symbolic

CANCELLED_DIGITS = 3
"""A sum whose largest term is this many digits larger than its exact value counts as a
cancellation (where its float value is also off)."""

EXACT_SECONDS = 0.2
"""Time for one subtree's exact value: a note may do without it."""

_LADDER = (128, 512, 2048)

_NUMPY = {
    sympy.sin: np.sin,
    sympy.cos: np.cos,
    sympy.tan: np.tan,
    sympy.sec: lambda u: 1 / np.cos(u),
    sympy.csc: lambda u: 1 / np.sin(u),
    sympy.cot: lambda u: 1 / np.tan(u),
    sympy.asin: np.arcsin,
    sympy.acos: np.arccos,
    sympy.atan: np.arctan,
    sympy.sinh: np.sinh,
    sympy.cosh: np.cosh,
    sympy.tanh: np.tanh,
    sympy.asinh: np.arcsinh,
    sympy.acosh: np.arccosh,
    sympy.atanh: np.arctanh,
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.Abs: np.abs,
    sympy.erf: lambda u: type(u)(math.erf(float(u))),
    ops.sigmoid: lambda u: 1 / (1 + np.exp(-u)),
    ops.relu: lambda u: np.maximum(u, type(u)(0)),
}
"""The forward op of each primitive as numpy computes it in the same dtype."""


@dataclass(frozen=True)
class Cause:
    """Something the tape's arithmetic met at this point.

    kind: "overflow", "underflow", "cancellation", "divide_by_zero", "pow_zero" or
    "off_corner". node: the subtree as typed. fields: the numbers a note shows.
    """

    kind: str
    node: str
    fields: dict[str, str] = field(default_factory=dict)


def shown(expr: sympy.Expr) -> str:
    """A subtree as a student types it: x^2, abs(sin(x)).

    >>> shown(sympy.Abs(sympy.Symbol("x")) ** 2)
    'abs(x)^2'
    """
    return sympy.sstr(expr).replace("**", "^").replace("Abs(", "abs(")


class _FloatTree:
    """Every subtree's value in the dtype, computed as the tape's translation computes it."""

    def __init__(self, values: dict[sympy.Symbol, np.floating], dtype: type):
        self.dtype = dtype
        self.values: dict[sympy.Basic, np.floating] = dict(values)
        self.divisions: list[tuple[sympy.Expr, np.floating, np.floating]] = []

    def __call__(self, node: sympy.Expr) -> np.floating:
        if node not in self.values:
            with np.errstate(all="ignore"):
                self.values[node] = self.dtype(self.evaluate(node))
        return self.values[node]

    def evaluate(self, node: sympy.Expr):
        if node.is_Number or isinstance(node, sympy.NumberSymbol):
            return self.dtype(float(node.evalf(20)))
        if node.is_Add:
            total = self(node.args[0])
            for term in node.args[1:]:
                total = total + self(term)
            return total
        if node.is_Mul:
            parts = ops.split_product(node)
            top = self.product(parts.numerator)
            if parts.denominator:
                bottom = self.product(parts.denominator)
                self.divisions.append((node, top, bottom))
                top = top / bottom
            return -top if parts.negative else top
        if node.is_Pow:
            base, exponent = node.args
            if exponent == sympy.S.Half:
                return np.sqrt(self(base))
            if exponent.is_Number and exponent < 0:
                inverse = self(base if exponent == -1 else base ** (-exponent))
                self.divisions.append((node, self.dtype(1), inverse))
                return self.dtype(1) / inverse
            return np.power(self(base), self(exponent))
        function = _NUMPY.get(node.func)
        if function is None:
            return self.dtype(math.nan)
        return function(self(node.args[0]))

    def product(self, factors) -> np.floating:
        numbers = [sympy.Integer(f) if isinstance(f, int) else f for f in factors]
        result = self(numbers[0])
        for factor in numbers[1:]:
            result = result * self(factor)
        return result


def _exact(node: sympy.Expr, at: dict) -> interval.Certified:
    return interval.certify(node.xreplace(at), EXACT_SECONDS, _LADDER)


def diagnose(
    expr: sympy.Expr,
    point: dict[str, float],
    dtype: str,
    exact_point: dict[str, sympy.Expr] | None = None,
) -> tuple[Cause, ...]:
    """What the tape's forward pass meets at `point` (the floats it works with); `exact_point`
    is the point as typed (π, 1/10), where the exact values are taken (default: `point`).

    >>> x = sympy.Symbol("x", real=True)
    >>> [c.fields["digits"] for c in diagnose(sympy.sqrt(x**2 + 1) - x, {"x": 1e6}, "float64")]
    ['12']
    """
    float_type = np.float32 if dtype == "float32" else np.float64
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    by_name = {s.name: s for s in symbols}
    typed = exact_point or point
    at = {
        by_name[name]: value if isinstance(value, sympy.Basic) else sympy.Rational(value)
        for name, value in typed.items()
        if name in by_name
    }
    stored = {by_name[n]: float_type(v) for n, v in point.items() if n in by_name}
    tree = _FloatTree(stored, float_type)
    tree(expr)
    causes: list[Cause] = []
    largest = f"{float(np.finfo(float_type).max):.3g}"
    for node in sympy.preorder_traversal(expr):
        if node.is_Atom or node not in tree.values:
            continue
        value = tree.values[node]
        children = [tree.values.get(arg) for arg in node.args]
        inputs_fine = all(c is None or np.isfinite(c) for c in children)
        if np.isinf(value) and inputs_fine and not _is_division_by_zero(node, tree):
            exact = _exact(node, at)
            if exact.kind == "real":
                fields = {"about": exact.about, "dtype": dtype, "largest": largest}
                causes.append(Cause("overflow", shown(node), fields))
        elif value == 0 and inputs_fine and all(c != 0 for c in children if c is not None):
            exact = _exact(node, at)
            if exact.kind == "real" and exact.about not in ("0.0", "0") and node.is_Add is False:
                causes.append(
                    Cause("underflow", shown(node), {"about": exact.about, "dtype": dtype})
                )
        if node.is_Add and np.isfinite(value):
            cancelled = _cancellation(node, value, tree, at, float_type)
            if cancelled is not None:
                causes.append(cancelled)
        if _pow_at_zero(node, tree):
            base, exponent = node.args
            fields = {
                "base": shown(base),
                "exponent": shown(exponent),
                "order": str(math.floor(exponent) + 1),  # the first order whose tape meets 0·0⁻¹
            }
            causes.append(Cause("pow_zero", shown(node), fields))
    for node, top, bottom in tree.divisions:
        if bottom == 0:
            form = "0/0" if top == 0 else "1/0"
            causes.append(Cause("divide_by_zero", shown(node), {"form": form}))
    causes.extend(_off_corner(expr, at, tree, stored, dtype))
    # the two worst cancellations; one overflow (cosh x − sinh x: the first says it)
    cancellations = sorted(
        (c for c in causes if c.kind == "cancellation"), key=lambda c: -int(c.fields["digits"])
    )
    overflows = [c for c in causes if c.kind == "overflow"][:1]
    kept = [c for c in causes if c.kind not in ("cancellation", "overflow")]
    return tuple(_unique(overflows + kept + cancellations[:2]))


def _unique(causes: list[Cause]) -> list[Cause]:
    seen, kept = set(), []
    for cause in causes:
        if (cause.kind, cause.node) not in seen:
            seen.add((cause.kind, cause.node))
            kept.append(cause)
    return kept


def _pow_at_zero(node: sympy.Expr, tree: _FloatTree) -> bool:
    """u^c with a constant c > 0 (not √u: the tape has its own op for that) and u = 0."""
    if not node.is_Pow or not node.args[1].is_Number:
        return False
    exponent = node.args[1]
    return exponent > 0 and exponent != sympy.S.Half and tree.values.get(node.args[0]) == 0


def _is_division_by_zero(node: sympy.Expr, tree: _FloatTree) -> bool:
    return any(n == node and bottom == 0 for n, _, bottom in tree.divisions)


def _cancellation(
    node: sympy.Expr, value, tree: _FloatTree, at: dict, float_type: type
) -> Cause | None:
    """A sum whose terms are far larger than the sum, and whose float value is off."""
    terms = [abs(float(tree.values[term])) for term in node.args]
    if not all(math.isfinite(t) for t in terms) or max(terms) == 0:
        return None
    exact = _exact(node, at)
    if exact.kind != "real" or exact.value == 0 or not math.isfinite(exact.value):
        return None
    lost = math.log10(max(terms) / abs(exact.value))
    if lost < CANCELLED_DIGITS:
        return None
    epsilon = float(np.finfo(float_type).eps)
    if abs(float(value) - exact.value) <= 64 * epsilon * abs(exact.value):
        return None  # exact enough after all (x − 2 at 2.5)
    total = 7 if float_type is np.float32 else 16
    fields = {"digits": str(round(lost)), "total": str(total)}
    return Cause("cancellation", shown(node), fields)


def _off_corner(expr, at: dict, tree: _FloatTree, stored: dict, dtype: str) -> list[Cause]:
    """Switches (|u|, relu u at u = 0) the point as typed sits on but the stored one does not."""
    found = []
    for part in symbolic.switches_at(expr, at):
        switch = part.args[0]
        value = tree(switch)
        if value == 0 or not np.isfinite(value):
            continue
        fields = {
            "part": shown(part),
            "switch": shown(switch),
            "value": f"{float(value):.3g}",
            "dtype": dtype,
            "point": ", ".join(f"{s} = {float(v)!r}" for s, v in stored.items()),
        }
        if len(stored) == 1:
            ((symbol, float_value),) = stored.items()
            moved = sympy.Rational(float(float_value)) - at[symbol]
            fields["side"] = "left" if moved < 0 else "right"
        found.append(Cause("off_corner", shown(part), fields))
    return found
