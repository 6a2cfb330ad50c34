"""Exact numbers rounded to float64 with every digit certain: interval arithmetic on a ladder of
precisions.

SymPy's `evalf` tracks lost digits only through some of its functions: `cosh(400) − sinh(400)`
came out as 16.0 at "40 digits" (the truth is e⁻⁴⁰⁰ ≈ 1.9e-174), `cosh(200)² − sinh(200)²` as
−128 (it is 1). Here a number (a SymPy expression without variables) is evaluated as an
interval [lo, hi] that surely holds it, every operation rounded outward, at 128 bits, then
512, 2048 and 8192. Rounding to the nearest float is monotone, so once both ends round to the
same float64 that float is the value correctly rounded, whatever the truth inside the
interval is; where no rung gets there in time, the value is unknown, not a guess.

>>> certify(sympy.cosh(400) - sympy.sinh(400)).value  # e^-400, found at 2048 bits
1.9151695967140057e-174
>>> certify(sympy.sqrt(2)).value, certify(sympy.log(-1)).kind
(1.4142135623730951, 'not_real')
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import sympy
from mpmath.libmp import (
    fnone,
    fone,
    from_int,
    from_man_exp,
    from_rational,
    fzero,
    mpf_acos,
    mpf_acosh,
    mpf_add,
    mpf_asin,
    mpf_asinh,
    mpf_atanh,
    mpf_cmp,
    mpf_erf,
    mpf_le,
    mpf_lt,
    mpf_mul,
    mpf_neg,
    mpf_shift,
    mpf_sign,
    mpf_tanh,
    round_ceiling,
    round_floor,
    to_str,
)
from mpmath.libmp.libmpf import finf, fnan, fninf
from mpmath.libmp.libmpi import (
    mpi_abs,
    mpi_add,
    mpi_atan,
    mpi_cos_sin,
    mpi_cosh_sinh,
    mpi_cot,
    mpi_div,
    mpi_exp,
    mpi_log,
    mpi_mul,
    mpi_neg,
    mpi_pi,
    mpi_pow,
    mpi_pow_int,
    mpi_sqrt,
    mpi_tan,
)

from diffexplain.core import ops

LADDER_BITS = (128, 512, 2048, 8192)
"""Working precisions tried in turn. 128 bits settle almost every value at once; cancellation
of n digits needs about 3.3·n bits more (cosh(800) − sinh(800) cancels 695 digits: 4096)."""

SECONDS = 1.0
"""The longest one value may take on the ladder; past it the value is unknown."""

RELATIVE_ENOUGH = 2.0**-100
"""An interval this narrow (relative to its ends, which share a sign) is certain far beyond
the 17 digits a float64 shows, even where its ends round to two neighbouring floats."""

Interval = tuple[tuple, tuple]
"""(lo, hi) as mpmath's raw mpf tuples, lo ≤ hi."""


class Unresolved(Exception):
    """The interval is too wide at this precision (cancellation, a divisor around 0, an
    argument on the edge of a domain): a finer rung may settle it."""


class NotReal(Exception):
    """Some part is surely not a real number (log of a negative number, √−1, asin 2)."""


class NotCovered(Exception):
    """A SymPy head this evaluator does not know."""


@dataclass(frozen=True)
class Certified:
    """The outcome of `certify`.

    kind: "real" (value is the float64 nearest the exact number: ±inf past float64's range,
    ±0.0 below its smallest step), "not_real" (some part is surely complex), "unknown" (no rung
    settled it in time, or a head we cannot bound). bits: the rung that settled it (0 if none).
    about: the value to 3 digits whatever float64 holds ("2.72e+347" where value is inf).
    """

    value: float
    kind: str
    bits: int = 0
    about: str = ""


def nearest_float(raw: tuple) -> float:
    """The float64 nearest to an mpf (ties to even, subnormals and overflow as IEEE rounds)."""
    if raw == finf:
        return math.inf
    if raw == fninf:
        return -math.inf
    sign, man, exp, bc = raw
    if not man:
        return 0.0
    magnitude = exp + bc  # 2**(magnitude-1) ≤ |value| < 2**magnitude
    if magnitude > 1025:
        value = math.inf
    elif magnitude < -1080:
        value = 0.0
    elif exp >= 0:
        try:
            value = float(man << exp)
        except OverflowError:
            value = math.inf
    else:
        value = man / (1 << -exp)  # int / int: correctly rounded, subnormals included
    return -value if sign else value


def _bounded(interval: Interval) -> Interval:
    lo, hi = interval
    if lo in (fninf, finf, fnan) or hi in (fninf, finf, fnan):
        raise Unresolved
    return interval


def _point(raw: tuple) -> Interval:
    return raw, raw


def _widened(lo: tuple, hi: tuple, prec: int) -> Interval:
    """[lo, hi] pushed out by 2⁻ᵖʳᵉᶜ⁺⁸ relatively: room for library functions whose directed
    rounding is not promised to the last bit (mpmath's asin, erf, tanh …)."""
    more = from_man_exp((1 << prec) + (1 << 8), -prec)
    less = from_man_exp((1 << prec) - (1 << 8), -prec)
    lo = mpf_mul(lo, less if mpf_sign(lo) >= 0 else more, prec, round_floor)
    hi = mpf_mul(hi, more if mpf_sign(hi) >= 0 else less, prec, round_ceiling)
    return lo, hi


def _increasing(function: Callable, x: Interval, prec: int) -> Interval:
    lo, hi = x
    return _widened(function(lo, prec, round_floor), function(hi, prec, round_ceiling), prec)


def _within(x: Interval, low: tuple | None, high: tuple | None, *, open_ends: bool) -> None:
    """Raise NotReal when x lies wholly outside [low, high], Unresolved when it sticks out."""
    lo, hi = x
    below = (lambda a, b: mpf_le(a, b)) if open_ends else (lambda a, b: mpf_lt(a, b))
    if low is not None and below(hi, low):
        raise NotReal
    if high is not None and below(high, lo):
        raise NotReal
    if (low is not None and below(lo, low)) or (high is not None and below(high, hi)):
        raise Unresolved


def _sign(x: Interval) -> int:
    """The sign every number in x has; Unresolved when x holds both signs or 0 and others."""
    lo, hi = x
    if mpf_sign(lo) > 0:
        return 1
    if mpf_sign(hi) < 0:
        return -1
    if lo == hi == fzero:
        return 0
    raise Unresolved


def _step(x: Interval, at_zero: Interval) -> Interval:
    sign = _sign(x)
    return _point(fone) if sign > 0 else _point(fzero) if sign < 0 else at_zero


def _max(a: Interval, b: Interval) -> Interval:
    return (a[0] if mpf_cmp(a[0], b[0]) >= 0 else b[0], a[1] if mpf_cmp(a[1], b[1]) >= 0 else b[1])


def _min(a: Interval, b: Interval) -> Interval:
    return (a[0] if mpf_cmp(a[0], b[0]) <= 0 else b[0], a[1] if mpf_cmp(a[1], b[1]) <= 0 else b[1])


def _rational(number: sympy.Rational, prec: int) -> Interval:
    p, q = int(number.p), int(number.q)
    if q & (q - 1) == 0:  # a power of two: exact in binary
        return _point(from_rational(p, q, prec + p.bit_length() + q.bit_length()))
    return from_rational(p, q, prec, round_floor), from_rational(p, q, prec, round_ceiling)


class _Evaluator:
    """One pass over a number's tree at one precision; equal subtrees are evaluated once."""

    def __init__(self, prec: int, deadline: float):
        self.prec = prec
        self.deadline = deadline
        self.done: dict[sympy.Basic, Interval] = {}

    def __call__(self, node: sympy.Basic) -> Interval:
        if node not in self.done:
            if time.monotonic() > self.deadline:
                raise Unresolved
            self.done[node] = _bounded(self.evaluate(node))
        return self.done[node]

    def evaluate(self, node: sympy.Basic) -> Interval:  # noqa: C901 - one case per SymPy head
        prec = self.prec
        if node.is_Rational:
            return _rational(node, prec)
        if node.is_Float:
            return _point(node._mpf_)
        if node is sympy.pi:
            return mpi_pi(prec)
        if node is sympy.E:
            return mpi_exp(_point(fone), prec)
        if node is sympy.I or node.is_number is False:
            raise NotReal if node is sympy.I else NotCovered
        if node.is_Add:
            total = self(node.args[0])
            for term in node.args[1:]:
                total = mpi_add(total, self(term), prec)
            return total
        if node.is_Mul:
            product = self(node.args[0])
            for factor in node.args[1:]:
                product = mpi_mul(product, self(factor), prec)
            return product
        if node.is_Pow:
            return self.power(*node.args)
        head, args = node.func, node.args
        if head is sympy.exp:
            return mpi_exp(self(args[0]), prec)
        if head is sympy.log:
            x = self(args[0])
            _within(x, fzero, None, open_ends=True)
            return mpi_log(x, prec)
        if head in (sympy.sin, sympy.cos, sympy.sec, sympy.csc):
            cos, sin = mpi_cos_sin(self(args[0]), prec + 20)
            if head is sympy.sec:
                return mpi_div(_point(fone), _bounded(cos), prec)
            if head is sympy.csc:
                return mpi_div(_point(fone), _bounded(sin), prec)
            return sin if head is sympy.sin else cos
        if head is sympy.tan:
            return mpi_tan(self(args[0]), prec)
        if head is sympy.cot:
            return mpi_cot(self(args[0]), prec)
        if head in (sympy.sinh, sympy.cosh):
            cosh, sinh = mpi_cosh_sinh(self(args[0]), prec)
            return sinh if head is sympy.sinh else cosh
        if head is sympy.atan:
            return mpi_atan(self(args[0]), prec)
        if head is sympy.tanh:
            return _increasing(mpf_tanh, self(args[0]), prec)
        if head is sympy.erf:
            return _increasing(mpf_erf, self(args[0]), prec)
        if head is sympy.asinh:
            return _increasing(mpf_asinh, self(args[0]), prec)
        if head in (sympy.asin, sympy.acos):
            x = self(args[0])
            _within(x, fnone, fone, open_ends=False)
            if head is sympy.asin:
                return _increasing(mpf_asin, x, prec)
            lo, hi = _increasing(mpf_acos, (x[1], x[0]), prec)  # decreasing: ends swap
            return lo, hi
        if head is sympy.acosh:
            x = self(args[0])
            _within(x, fone, None, open_ends=False)
            return _increasing(mpf_acosh, x, prec)
        if head is sympy.atanh:
            x = self(args[0])
            _within(x, fnone, fone, open_ends=True)
            return _increasing(mpf_atanh, x, prec)
        if head is ops.sigmoid:
            decay = mpi_exp(mpi_neg(self(args[0])), prec + 10)
            return mpi_div(_point(fone), mpi_add(_point(fone), decay, prec + 10), prec)
        if head is ops.relu:
            return _max(self(args[0]), _point(fzero))
        if head is sympy.Abs:
            return mpi_abs(self(args[0]), prec)
        if head is sympy.sign:
            sign = _sign(self(args[0]))
            return _point(from_int(sign))
        if head is sympy.Heaviside:
            at_zero = self(args[1]) if len(args) > 1 else _point(from_rational(1, 2, 2))
            return _step(self(args[0]), at_zero)
        if head is sympy.DiracDelta:
            if _sign(self(args[0])) == 0:
                raise Unresolved  # its spike: no number
            return _point(fzero)
        if head in (sympy.Max, sympy.Min):
            combine = _max if head is sympy.Max else _min
            result = self(args[0])
            for arg in args[1:]:
                result = combine(result, self(arg))
            return result
        raise NotCovered(head)

    def power(self, base: sympy.Expr, exponent: sympy.Expr) -> Interval:
        prec = self.prec
        if exponent.is_Integer:
            return mpi_pow_int(self(base), int(exponent), prec)
        b = self(base)
        if exponent == sympy.S.Half:
            _within(b, fzero, None, open_ends=False)
            return mpi_sqrt(b, prec)
        e = self(exponent)
        lo, hi = b
        if mpf_sign(lo) > 0:
            return mpi_pow(b, e, prec)
        if mpf_sign(hi) < 0:
            raise NotReal  # a negative base to a power that is not an integer
        if lo == hi == fzero and mpf_sign(e[0]) > 0:
            return _point(fzero)
        if mpf_sign(lo) == 0 and exponent.is_Rational and exponent > 0:
            top = mpi_pow((hi, hi), e, prec)[1]  # u^e grows with u ≥ 0
            return fzero, top
        raise Unresolved


def _settled(interval: Interval) -> float | None:
    """The float64 every number of the interval rounds to, or None if they round apart."""
    lo, hi = interval
    low, high = nearest_float(lo), nearest_float(hi)
    if low == high:
        return 0.0 if low == 0 else low
    same_sign = mpf_sign(lo) == mpf_sign(hi) != 0
    if same_sign and math.isfinite(low) and math.isfinite(high):
        width = mpi_add(_point(hi), _point(mpf_neg(lo)), 64)[1]
        smaller = lo if mpf_sign(lo) > 0 else mpf_neg(hi)
        if mpf_le(width, mpf_mul(smaller, from_man_exp(1, -100), 64, round_ceiling)):
            return low  # right to 30 digits; the last bit of 17 does not matter here
    return None


def _about(interval: Interval) -> str:
    """The middle of a settled interval to 3 significant digits."""
    lo, hi = interval
    middle = mpf_shift(mpf_add(lo, hi, 64), -1)
    return to_str(middle, 3)


def certify(
    number: sympy.Expr, seconds: float = SECONDS, ladder: tuple[int, ...] = LADDER_BITS
) -> Certified:
    """The float64 nearest to `number`, certain to the last bit, climbing `ladder` until both
    ends of the interval round alike (or the time is up: unknown).

    >>> certify(1 - sympy.tanh(200) ** 2).value  # 4/(e²⁰⁰ + e⁻²⁰⁰)², not 6.5e-173
    7.660678386856023e-174
    """
    deadline = time.monotonic() + seconds
    for bits in ladder:
        if time.monotonic() > deadline:
            break
        try:
            interval = _Evaluator(bits, deadline)(number)
            value = _settled(interval)
        except Unresolved:
            continue
        except NotReal:
            return Certified(math.nan, "not_real")
        except (NotCovered, RecursionError, ValueError, TypeError, ZeroDivisionError):
            break
        if value is not None:
            return Certified(value, "real", bits, _about(interval))
    return Certified(math.nan, "unknown")
