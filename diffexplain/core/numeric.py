"""Exact reference values of SymPy expressions at many points, without lambdify.

`evaluate` walks the SymPy tree and computes each node with mpmath at 30 significant digits,
so the reference is far more precise than the float64 tape it is compared with; each distinct
subtree is computed once per point (derivatives share most of their subtrees with f).
`curves` gives f and its derivatives on a grid, and is meant to run in the SymPy worker:
`run_bounded(numeric.curves, expr, symbol, order, grid, seconds=10)`.

Values are real or nothing: a non-real result (log of a negative number, asin(2)) and an
undefined one (1/0, a Dirac delta at its spike) become nan; a finite value beyond float64
becomes ±inf. Complex numbers may appear on the way, as in SymPy: √(x−1)·√(x+1) at x = −2 is
the real −√3.

>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> evaluate(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, {x: 0.3})
1.0
>>> evaluate(sympy.log(x), {x: -1.0}), evaluate(1 / x, {x: 0.0})
(nan, nan)
"""

from __future__ import annotations

import math
from collections.abc import Callable

import mpmath
import numpy as np
import sympy

from diffexplain.core import ops

DIGITS = 30
"""Significant digits of every intermediate value (mpmath's dps)."""

MAX_POINTS = 400
"""Most points `curves` evaluates in one call: a curve needs no more, and time is bounded."""

GRID_POINTS = 241
"""Points of `grid_around`: odd, so the chosen point is the middle one."""

_LARGEST_EXPONENT = 1e5
"""exp of more than this overflows float64 by far; mpmath would spend its time on the digits."""

_LARGEST_ANGLE = 1e20
"""Beyond this a 30-digit angle has no digits left after the period 2π: sin, cos… are noise."""

_NAN = mpmath.mpf("nan")
_INF = mpmath.mpf("inf")

Number = mpmath.mpf | mpmath.mpc


class Unsupported(ValueError):
    """The expression holds a head this evaluator has no rule for."""


def _is_nan(value: Number) -> bool:
    return mpmath.isnan(value)


def _is_real(value: Number) -> bool:
    return isinstance(value, mpmath.mpf) or value.imag == 0


def _real(value: Number) -> mpmath.mpf:
    """The real number a value stands for, or nan when its imaginary part is not a rounding."""
    if isinstance(value, mpmath.mpf):
        return value
    real, imaginary = value.real, value.imag
    if imaginary == 0 or abs(imaginary) <= abs(real) * mpmath.mpf(10) ** (5 - DIGITS):
        return real
    return _NAN


def _exp(u: Number) -> Number:
    if _is_real(u) and abs(mpmath.re(u)) > _LARGEST_EXPONENT:
        return _INF if mpmath.re(u) > 0 else mpmath.mpf(0)
    return mpmath.exp(u)


def _angle_guard(function: Callable[[Number], Number]) -> Callable[[Number], Number]:
    def guarded(u: Number) -> Number:
        return _NAN if abs(u) > _LARGEST_ANGLE else function(u)

    return guarded


def _hyperbolic_guard(function: Callable[[Number], Number]) -> Callable[[Number], Number]:
    """sinh, cosh of a huge argument: ±inf (or 1 for tanh) without computing e^u's digits."""

    def guarded(u: Number) -> Number:
        if _is_real(u) and abs(mpmath.re(u)) > _LARGEST_EXPONENT:
            return function(mpmath.mpf(_LARGEST_EXPONENT) * mpmath.sign(mpmath.re(u)))
        return function(u)

    return guarded


def _sigmoid(u: Number) -> Number:
    return 1 / (1 + _exp(-u))


def _relu(u: Number) -> Number:
    if not _is_real(u):
        return _NAN
    u = mpmath.re(u)
    return u if u > 0 else mpmath.mpf(0)


def _sign(u: Number) -> Number:
    return mpmath.sign(u)


_ONE_ARGUMENT: dict[type, Callable[[Number], Number]] = {
    sympy.exp: _exp,
    sympy.log: mpmath.log,
    sympy.sin: _angle_guard(mpmath.sin),
    sympy.cos: _angle_guard(mpmath.cos),
    sympy.tan: _angle_guard(mpmath.tan),
    sympy.sec: _angle_guard(mpmath.sec),
    sympy.csc: _angle_guard(mpmath.csc),
    sympy.cot: _angle_guard(mpmath.cot),
    sympy.asin: mpmath.asin,
    sympy.acos: mpmath.acos,
    sympy.atan: mpmath.atan,
    sympy.sinh: _hyperbolic_guard(mpmath.sinh),
    sympy.cosh: _hyperbolic_guard(mpmath.cosh),
    sympy.tanh: _hyperbolic_guard(mpmath.tanh),
    sympy.asinh: mpmath.asinh,
    sympy.acosh: mpmath.acosh,
    sympy.atanh: mpmath.atanh,
    sympy.erf: mpmath.erf,
    sympy.Abs: abs,
    sympy.sign: _sign,
    ops.sigmoid: _sigmoid,
    ops.relu: _relu,
}
"""Heads of one argument, and the mpmath function that computes each."""


def _heaviside(u: Number, at_zero: Number) -> Number:
    """The step: 0 left of 0, 1 right of it, and its second argument exactly at 0."""
    if not _is_real(u):
        return _NAN
    u = mpmath.re(u)
    if u == 0:
        return at_zero
    return mpmath.mpf(1) if u > 0 else mpmath.mpf(0)


def _dirac_delta(u: Number) -> Number:
    """0 away from its spike; at the spike it has no value (and neither do its derivatives)."""
    if not _is_real(u) or mpmath.re(u) == 0:
        return _NAN
    return mpmath.mpf(0)


def _extreme(pick: Callable, arguments: list[Number]) -> Number:
    if any(not _is_real(a) for a in arguments):
        return _NAN
    return pick(mpmath.re(a) for a in arguments)


def _constant(node: sympy.Expr) -> Number:
    if node.is_Integer:
        return mpmath.mpf(int(node))
    if node.is_Rational:
        return mpmath.mpf(int(node.p)) / int(node.q)
    if node.is_Float:
        return mpmath.mpf(node._mpf_)
    if node is sympy.pi:
        return +mpmath.pi
    if node is sympy.E:
        return +mpmath.e
    if node.is_NumberSymbol:  # EulerGamma, GoldenRatio…: SymPy knows their digits
        return mpmath.mpf(node.evalf(DIGITS + 10)._mpf_)
    if node is sympy.oo:
        return _INF
    if node is sympy.S.NegativeInfinity:
        return -_INF
    if node is sympy.I:
        return mpmath.mpc(0, 1)
    if node in (sympy.zoo, sympy.nan):
        return _NAN
    raise Unsupported(f"no exact evaluator for the constant {node}")


def _value(node: sympy.Expr, at: dict[sympy.Symbol, Number], memo: dict) -> Number:
    """The node's value at the point, each distinct subtree computed once (`memo`)."""
    if node in memo:
        return memo[node]
    if node.is_Symbol:
        if node not in at:
            raise Unsupported(f"no value given for {node}")
        result = at[node]
    elif node.is_Number or node.is_NumberSymbol or node in (sympy.I, sympy.zoo, sympy.nan):
        result = _constant(node)
    else:
        arguments = [_value(argument, at, memo) for argument in node.args]
        result = _apply(node, arguments)
    memo[node] = result
    return result


def _apply(node: sympy.Expr, arguments: list[Number]) -> Number:
    """One node's value from its arguments' values; arithmetic failures mean "undefined"."""
    head = node.func
    try:
        if node.is_Add:
            return mpmath.fsum(arguments)
        if node.is_Mul:
            return mpmath.fprod(arguments)
        if node.is_Pow:
            return _power(*arguments)
        if any(_is_nan(a) for a in arguments):
            return _NAN
        if head in _ONE_ARGUMENT:
            return _ONE_ARGUMENT[head](arguments[0])
        if head is sympy.Heaviside:
            return _heaviside(arguments[0], arguments[1] if len(arguments) > 1 else mpmath.mpf(0.5))
        if head is sympy.DiracDelta:
            return _dirac_delta(arguments[0])
        if head is sympy.Max:
            return _extreme(max, arguments)
        if head is sympy.Min:
            return _extreme(min, arguments)
    except (ZeroDivisionError, ValueError, OverflowError):
        return _NAN
    raise Unsupported(f"no exact evaluator for {head.__name__}")


def _power(base: Number, exponent: Number) -> Number:
    if _is_nan(base) or _is_nan(exponent):
        return _NAN
    if base == 0 and _is_real(exponent) and mpmath.re(exponent) < 0:
        return _NAN  # 1/0: a pole, whose two sides need not agree
    if _is_real(base) and _is_real(exponent) and mpmath.re(base) > 0:
        magnitude = mpmath.re(exponent) * mpmath.log(mpmath.re(base))
        if abs(magnitude) > _LARGEST_EXPONENT:  # far beyond float64: skip the digits
            return _INF if magnitude > 0 else mpmath.mpf(0)
    return base**exponent


def _as_float(value: Number) -> float:
    """Round once to float64: nan when not real, ±inf when beyond float64's range."""
    real = _real(value)
    if _is_nan(real):
        return math.nan
    return float(real)  # mpmath rounds a value beyond float64 to ±inf


def evaluate(expr: sympy.Expr, at: dict[sympy.Symbol, float], memo: dict | None = None) -> float:
    """`expr` at the point `at` (symbol → float), to 30 digits, rounded once to float64.

    Pass the same `memo` dict for several expressions at the same point (f, f', f'') so their
    shared subtrees are computed once.
    """
    memo = {} if memo is None else memo
    with mpmath.workdps(DIGITS):
        point = {symbol: mpmath.mpf(float(value)) for symbol, value in at.items()}
        return _as_float(_value(expr, point, memo))


def derivatives_of(expr: sympy.Expr, symbol: sympy.Symbol, order: int) -> list[sympy.Expr]:
    """[f, f', …, f⁽ᵒʳᵈᵉʳ⁾], each the derivative of the one before, not simplified."""
    result = [expr]
    for _ in range(order):
        result.append(sympy.diff(result[-1], symbol))
    return result


def curves(
    expr: sympy.Expr, symbol: sympy.Symbol, order: int, grid: np.ndarray
) -> dict[int, np.ndarray]:
    """Exact values of f and its derivatives up to `order` at every grid point.

    Returns {0: f, 1: f', …} as float64 arrays shaped like the grid. Where f has no real value
    its derivatives have none either (nan), as on the main page.
    """
    points = np.asarray(grid, dtype=np.float64)
    if points.ndim != 1 or len(points) > MAX_POINTS:
        raise ValueError(f"the grid must be 1-D with at most {MAX_POINTS} points")
    expressions = derivatives_of(expr, symbol, order)
    values = {k: np.full(len(points), np.nan) for k in range(order + 1)}
    for index, x in enumerate(points):
        memo: dict = {}
        f = evaluate(expressions[0], {symbol: x}, memo)
        values[0][index] = f
        if math.isnan(f):
            continue
        for k in range(1, order + 1):
            values[k][index] = evaluate(expressions[k], {symbol: x}, memo)
    return values


def grid_around(point: float, half_width: float, points: int = GRID_POINTS) -> np.ndarray:
    """Evenly spaced points on [point − half_width, point + half_width], as float64 values that
    float32 holds exactly: the float32 and float64 tapes then see the same inputs, and their
    errors are the arithmetic's alone.

    Far from 0 float32's spacing can exceed the grid's (at 10⁶ it is 1/16); rounding would
    merge points, so there the grid stays float64 and float32's error includes its input's.
    """
    grid = np.linspace(point - half_width, point + half_width, points)
    rounded = grid.astype(np.float32).astype(np.float64)
    return rounded if np.all(np.diff(rounded) > 0) else grid
