"""Exact derivatives with SymPy: every partial up to an order, raw and simplified, in LaTeX,
and their exact values at a point.

`analyze` is the whole job; it runs in a worker process (see `worker.py`), where the main
thread's alarm signal bounds each simplification softly and the parent kills the worker as
the hard limit.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import itertools
import math
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import sympy

from diffexplain.core import interval, ops

PRECISION = 40
"""Decimal digits for exact values; far beyond float64 so rounding happens once, at the end."""

MAX_LATEX_CHARS = 6000
"""A derivative whose LaTeX is longer is shown as text: browsers choke on giant formulas."""

SIMPLIFY_SECONDS = 1.5
"""Time for all simplifications of one call together; past it the raw form is kept."""

PER_DERIVATIVE_SECONDS = 0.3
"""The least time one derivative's simplification gets while the budget lasts."""

LIMIT_SECONDS = 4.0
"""Time for a one-sided limit at a point where plain substitution gives 0/0 or 1/0."""


def partials(variables: tuple[str, ...], order: int) -> tuple[tuple[str, ...], ...]:
    """Every distinct partial derivative up to `order`, lowest order first.

    >>> partials(("x", "y"), 2)
    (('x',), ('y',), ('x', 'x'), ('x', 'y'), ('y', 'y'))
    """
    return tuple(
        wrt
        for k in range(1, order + 1)
        for wrt in itertools.combinations_with_replacement(variables, k)
    )


@dataclass(frozen=True)
class ExactValue:
    """A value at the point, already rounded to float64 (every digit certain), what kind of
    value it is and how it was found.

    kind: "finite", "infinite" (a one-sided limit is ±∞, e.g. √x' at 0), "overflow" (finite but
    beyond float64), "undefined" (a pole with different sides, 0/0 without a limit, a corner,
    a Dirac delta at its spike), "complex" (not real, e.g. log at a negative number),
    "no_function" (a derivative at a point where f itself has no real value), "unknown" (no
    digit could be made certain in time: cancellation beyond the precision ladder of
    `interval.certify`, or a limit SymPy cannot decide).

    how: "" (the formula at the point), "limit" (the formula is 0/0 or 1/0 there: its limit),
    "definition" (the limit of the difference quotient: at a corner of |u|, relu, sign or step,
    or where the derivative's formula has no value), "paths" (a function of several variables
    that is 0/0 there: its limits along the curves in `paths`), "parent" (the derivative this
    one differentiates does not exist here).
    sides: (from the left, from the right) where a one-variable limit found two sides.
    paths: (curve, limit along it) for how="paths".
    about: the exact value to 3 digits where float64 cannot hold it (kind "overflow", or a
    number too small for float64 whose value is 0.0: e^-800 is "3.57e-348").
    """

    value: float
    kind: str
    how: str = ""
    sides: tuple[float, float] | None = None
    paths: tuple[tuple[str, float], ...] = ()
    about: str = ""


@dataclass(frozen=True)
class SymbolicDerivative:
    """One partial derivative: the expression SymPy's diff gives, and a simpler equal form."""

    wrt: tuple[str, ...]
    raw: sympy.Expr
    simplified: sympy.Expr
    latex_raw: str
    latex_simplified: str
    exact: ExactValue
    simplify_note: str  # "" when the simplified form is trustworthy and complete
    ops_raw: int = 0  # sympy.count_ops: the size of the formula, for "expression swell"
    ops_simplified: int = 0
    at_corner: bool = False  # a piece of its parent switches here: found by the definition
    # str() of raw and simplified, made here in the killable worker: for order-6 formulas it
    # takes seconds, which the caller's thread could not stop (budget.py)
    text_raw: str = ""
    text_simplified: str = ""

    @property
    def order(self) -> int:
        return len(self.wrt)


@dataclass(frozen=True)
class SymbolicResult:
    """Everything SymPy says about a function at a point."""

    value: ExactValue
    derivatives: tuple[SymbolicDerivative, ...]
    kinks: tuple[str, ...]  # non-smooth parts (|u|, relu(u)) whose argument is 0 at the point


class _Overrun(Exception):
    pass


@contextlib.contextmanager
def soft_time_limit(seconds: float) -> Iterator[None]:
    """Raise _Overrun after `seconds`, where signals work (a process's main thread on Unix).

    Elsewhere it does nothing; the worker's hard kill is the limit there.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def overrun(signum, frame):
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def to_latex(expr: sympy.Expr) -> str:
    """LaTeX for the page, or a note when the formula is too long to typeset."""
    text = sympy.latex(expr)
    if len(text) > MAX_LATEX_CHARS:
        return r"\text{(%d characters of LaTeX: too long to typeset)}" % len(text)
    return text


VALUES_SECONDS = 8.0
"""Time for the extra work on the values of one call together (precision ladders, limits,
definitions, limits along paths); past it, what is left undecided is unknown. Each value
still gets the first rung of the ladder, which settles almost all."""

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


@contextlib.contextmanager
def values_budget(seconds: float = VALUES_SECONDS) -> Iterator[None]:
    """Bound the extra work on values in this block (a context variable: per thread)."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _allowed(seconds: float) -> float:
    """`seconds`, or less where the call's budget for values ends sooner."""
    deadline = _deadline.get()
    return seconds if deadline is None else min(seconds, deadline - time.monotonic())


def _as_value(number: sympy.Expr, how: str = "", sides=None) -> ExactValue:
    """A real SymPy number (no variables) rounded to float64 with every digit certain, or
    "unknown" where `interval.certify` cannot make it so in time."""
    if number in (sympy.oo, -sympy.oo):
        return ExactValue(math.inf if number == sympy.oo else -math.inf, "infinite", how, sides)
    found = interval.certify(number, max(_allowed(interval.SECONDS), 0.0))
    if found.kind == "real":
        kind = "overflow" if math.isinf(found.value) else "finite"
        lost = math.isinf(found.value) or (found.value == 0 and found.about not in ("0", "0.0"))
        return ExactValue(found.value, kind, how, sides, about=found.about if lost else "")
    if found.kind == "not_real" and _surely_complex(number):
        return ExactValue(math.nan, "complex", how)
    return ExactValue(math.nan, "unknown", how, sides)


def _surely_complex(number: sympy.Expr) -> bool:
    """Whether a number some part of which is not real has an imaginary part far from 0."""
    try:
        real, imaginary = number.evalf(PRECISION).as_real_imag()
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, RecursionError):
        return False
    if not imaginary.is_number or not real.is_number:
        return False
    return imaginary != 0 and abs(imaginary) > abs(real) * sympy.Float(10) ** (-PRECISION + 5)


def _numbers(at: dict) -> dict:
    """The point with SymPy numbers (a caller may give 0 for Integer(0)), for `xreplace`."""
    return {s: v if isinstance(v, sympy.Basic) else sympy.Rational(v) for s, v in at.items()}


Found = tuple[ExactValue, "sympy.Expr | None"]
"""A value and the exact SymPy number it rounds (None where there is none): the number is what
a derivative by definition subtracts, (p(a + h) − p(a))/h, so it must not be a float."""


def _evaluate(expr: sympy.Expr, at: dict[sympy.Symbol, sympy.Rational]) -> Found | None:
    """Substitute exactly and evaluate; None when the result is 0/0 or ∞ without a sign."""
    if not expr.free_symbols and expr.is_number is False:  # pragma: no cover - defensive
        return ExactValue(math.nan, "undefined"), None
    # all variables at once: one at a time, x·y/(x² + y²) at (0, 0) becomes 0·y/y² = 0 before
    # y is put in, where it is 0/0 (and its limits along the axes and the diagonal differ)
    exact = expr.xreplace(_numbers(at))  # every variable at once; 10× faster than subs
    if exact.has(sympy.DiracDelta):
        spikes = [d for d in exact.atoms(sympy.DiracDelta) if d.args[0].is_zero]
        if spikes:
            return ExactValue(math.nan, "undefined"), None
        exact = exact.replace(sympy.DiracDelta, lambda *args: sympy.S.Zero)
    if exact.has(sympy.zoo, sympy.nan):
        return None
    if not exact.is_number:
        return ExactValue(math.nan, "undefined"), None
    return _as_value(exact), exact


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


NOT_REAL, NO_LIMIT = _Marker("NOT_REAL"), _Marker("NO_LIMIT")
"""What a one-sided limit may be besides a real number, ±∞ or None (SymPy did not decide in
time): complex, or no limit at all (an oscillation such as sin(1/x) at 0)."""


def _smooth_forms(expr: sympy.Expr, moving: sympy.Symbol) -> sympy.Expr:
    """`expr` with its non-smooth pieces in forms SymPy's `limit` handles, for points near, never
    at, the switch. SymPy's limit takes Heaviside(sin x) to be its value at the point from both
    sides (the slope of relu(sin x) at 0 came out 0 and 0, hiding the corner); through sign it
    is right. A limit never reaches the point, so step(0), relu′(0) and δ(0) play no part: δ(u)
    is 0 wherever u moves away from 0."""
    expr = expr.replace(sympy.Heaviside, lambda arg, *value: (sympy.sign(arg) + 1) / 2)
    expr = expr.replace(ops.relu, lambda arg: (arg + sympy.Abs(arg)) / 2)
    expr = expr.replace(ops.sigmoid, lambda arg: 1 / (1 + sympy.exp(-arg)))
    expr = expr.replace(
        sympy.DiracDelta,
        lambda arg, *k: sympy.S.Zero if moving in arg.free_symbols else sympy.DiracDelta(arg, *k),
    )
    for extreme in (sympy.Max, sympy.Min):
        expr = expr.replace(extreme, lambda *args, f=extreme: f(*args).rewrite(sympy.Abs))
    return expr


def _side(limit: sympy.Expr):
    """One side's limit as a real number or ±∞, NOT_REAL, NO_LIMIT, or None (undecided)."""
    if limit.has(sympy.AccumBounds):
        return NO_LIMIT
    if limit in (sympy.oo, -sympy.oo):
        return limit
    if limit.is_number:
        if limit.is_extended_real is False:
            return NOT_REAL
        if limit.is_extended_real and limit.is_finite:
            return limit
    return None


def _limits(
    expr: sympy.Expr, at: dict, along: sympy.Symbol, seconds: float = LIMIT_SECONDS
) -> list:
    """The left and right limits along one variable, the others held at the point, each as
    `_side` gives it (None where SymPy cannot decide it in time)."""
    reduced = expr.subs({s: v for s, v in at.items() if s != along}, simultaneous=True)
    reduced = _smooth_forms(reduced, along)
    sides: list = []
    for direction in ("-", "+"):
        allowed = _allowed(seconds)
        if allowed <= 0:
            sides.append(None)
            continue
        try:
            with soft_time_limit(allowed):
                limit = sympy.limit(reduced, along, at[along], direction)
        except (
            _Overrun,
            NotImplementedError,
            ValueError,
            TypeError,
            RecursionError,
            AttributeError,
            ZeroDivisionError,
        ):
            sides.append(None)
            continue
        sides.append(_side(limit))
    return sides


def _float_of(side) -> float:
    if side == sympy.oo:
        return math.inf
    if side == -sympy.oo:
        return -math.inf
    found = interval.certify(side, max(_allowed(interval.SECONDS), 0.0))
    return found.value if found.kind == "real" else math.nan


def _one_sided(
    expr: sympy.Expr, at: dict, along, seconds: float = LIMIT_SECONDS, how: str = "limit"
) -> Found | None:
    """The value as a limit along one variable, when plain substitution is 0/0 or 1/0.

    Both sides equal (−1/x² at 0) gives that value; one real side where the other is not real
    (acos′(x) at 1) gives that side; sides that differ, or no limit on a side, undefined; None
    when SymPy decided a side it needs in time.
    """
    left, right = _limits(expr, at, along, seconds)
    if left is NO_LIMIT or right is NO_LIMIT:
        return ExactValue(math.nan, "undefined", how), None
    if (left is None) != (right is None):  # SymPy decided one side only: look at the other
        known = right if left is None else left
        if _corroborated(expr, at, along, -1 if left is None else 1, known):
            left = right = known
    real = [side for side in (left, right) if side is not None and side is not NOT_REAL]
    if left is None or right is None or not real:
        if left is NOT_REAL and right is NOT_REAL:
            return ExactValue(math.nan, "complex", how), None
        return None
    if len(real) == 2 and left != right:
        return ExactValue(math.nan, "undefined", how, (_float_of(left), _float_of(right))), None
    sides = (_float_of(left), _float_of(right)) if len(real) == 2 else None
    return _as_value(real[0], how, sides), real[0]


CORROBORATING_STEPS = (20, 40)
"""Steps 2⁻²⁰ and 2⁻⁴⁰ from the point, where a side SymPy's limit did not decide is looked at."""


def _corroborated(expr: sympy.Expr, at: dict, along, direction: int, limit) -> bool:
    """Whether `expr` visibly tends to the finite `limit` on the side (−1 left, +1 right) SymPy
    could not decide: exact values 2⁻²⁰ and 2⁻⁴⁰ away, nearer each time and within 1e-9 at the
    second (0^(1+h)/h at h < 0, which SymPy's limit does not simplify, is 0 there)."""
    if not isinstance(limit, sympy.Expr) or not limit.is_finite:
        return False
    target = _float_of(limit)
    if not math.isfinite(target):
        return False
    misses = []
    for k in CORROBORATING_STEPS:
        moved = {**at, along: at[along] + direction * sympy.Rational(1, 2**k)}
        try:
            found = _evaluate(expr, moved)
        except (TypeError, ValueError, AttributeError, ZeroDivisionError, RecursionError):
            return False
        if found is None or found[0].kind != "finite":
            return False
        misses.append(abs(found[0].value - target))
    return misses[1] <= misses[0] and misses[1] <= 1e-9 * max(1.0, abs(target))


DEFINITION_SECONDS = 1.0
"""Time for each one-sided limit of `by_definition`."""


def by_definition(
    parent: sympy.Expr,
    at: dict[sympy.Symbol, sympy.Expr],
    along: sympy.Symbol,
    value: sympy.Expr | None = None,
) -> ExactValue | None:
    """The derivative of `parent` along one variable by its definition, the limit of
    (p(a + h) − p(a))/h from both sides. It is the rule at a corner of a non-smooth piece
    (the stable softplus relu(x) + log(1 + e^−|x|) has f′(0) = 1/2, though sign(0) = 0 and
    step(0) = 0 in its formula give 0), and the way out where a formula has no value:
    x²·sin(1/x) has f′(0) = 0, though 2x·sin(1/x) − cos(1/x) has no limit at 0.

    `value`: p(a) exactly, where it is known; otherwise p at the point, or its limit along
    `along`. None when SymPy cannot decide it in time.

    >>> x = sympy.Symbol("x", real=True)
    >>> by_definition(x**2 * sympy.sin(1 / x), {x: sympy.S.Zero}, x).value
    0.0
    >>> by_definition(sympy.Abs(x), {x: sympy.S.Zero}, x).sides
    (-1.0, 1.0)
    """
    found = _by_definition(parent, at, along, value)
    return found[0] if found else None


def _by_definition(
    parent: sympy.Expr, at: dict, along: sympy.Symbol, value: sympy.Expr | None = None
) -> Found | None:
    if along not in parent.free_symbols:
        return None
    at = _numbers(at)
    if value is None:
        value = parent.xreplace(at)
        if not (value.is_number and value.is_extended_real and value.is_finite):
            # p(a) as a limit along the variable: 0·sin(∞) at 0, or f of several variables
            # that has no limit at the point but one along this axis
            sides = _limits(parent, at, along, DEFINITION_SECONDS)
            if not (sides[0] == sides[1] and isinstance(sides[0], sympy.Expr)):
                return None
            if not sides[0].is_finite:
                return None
            value = sides[0]
    step = sympy.Dummy("h", real=True)
    quotient = (parent.subs(along, at[along] + step) - value) / step
    return _one_sided(
        quotient, {**at, step: sympy.S.Zero}, step, DEFINITION_SECONDS, how="definition"
    )


_NON_SMOOTH = (
    sympy.Abs,
    sympy.sign,
    sympy.Heaviside,
    ops.relu,
    sympy.DiracDelta,
    sympy.Max,
    sympy.Min,
    sympy.Piecewise,
)


def _switches_of(part: sympy.Expr) -> list[sympy.Expr]:
    """Where a non-smooth piece changes formula: its argument at 0 (|u|, relu u, sign u, step
    u, δ(u)), two arguments equal (max, min), a piecewise condition on its boundary."""
    if isinstance(part, (sympy.Max, sympy.Min)):
        return [a - b for a, b in itertools.combinations(part.args, 2)]
    if isinstance(part, sympy.Piecewise):
        return [
            condition.lhs - condition.rhs
            for _, condition in part.args
            if isinstance(condition, sympy.core.relational.Relational)
        ]
    return [part.args[0]]


def switches_at(
    expr: sympy.Expr, at: dict[sympy.Symbol, sympy.Rational], along: sympy.Symbol | None = None
) -> tuple[sympy.Expr, ...]:
    """The non-smooth pieces of `expr` sitting on their switch at the point, where a derivative
    must come from its definition; with `along`, those whose switch moves with that variable.

    >>> x, y = sympy.symbols("x y", real=True)
    >>> switches_at(sympy.Abs(x) + sympy.sign(y), {x: sympy.S.Zero, y: sympy.S.Zero}, along=y)
    (sign(y),)
    """
    numbers = _numbers(at)
    found = []
    for part in expr.atoms(*_NON_SMOOTH):
        for switch in _switches_of(part):
            if along is not None and along not in switch.free_symbols:
                continue
            if switch.xreplace(numbers).is_zero:
                found.append(part)
                break
    return tuple(sorted(found, key=str))


def exact_value(
    expr: sympy.Expr,
    at: dict[sympy.Symbol, sympy.Rational],
    *others: sympy.Expr,
    slope_along: sympy.Symbol | None = None,
) -> ExactValue:
    """The exact value at a rational point, rounded once to float64 with every digit certain.

    `others` are equal forms of `expr` (a simplified one): where substitution gives 0/0 in one
    form it may not in another (y·x^y/x is y·x^(y−1)), and where one cancels beyond what can
    be certified another may not (2 tan x·(tan²x + 1) − 2 tan x·sec²x is 0). Failing that:

    - of a derivative, or anything of one variable, one-sided limits along the variable it
      differentiates by (`slope_along`), the others held at the point.
    - of f itself with several variables, its limits along the axes, the diagonal and two
      parabolas (`multivariate_limit`).

    >>> x = sympy.Symbol("x", real=True)
    >>> exact_value(sympy.acos(x).diff(x), {x: sympy.Integer(1)}, slope_along=x).value
    -inf
    """
    value = _exact(expr, at, *others, slope_along=slope_along)[0]
    return dataclasses.replace(value, how="limit") if value.how == _ACROSS else value


def _exact(
    expr: sympy.Expr,
    at: dict[sympy.Symbol, sympy.Rational],
    *others: sympy.Expr,
    slope_along: sympy.Symbol | None = None,
) -> Found:
    unknown: Found | None = None
    for form in (expr, *others):
        try:
            found = _evaluate(form, at)
        except (TypeError, ValueError, AttributeError, ZeroDivisionError, RecursionError):
            found = None  # SymPy could not evaluate this form: try the next, then limits
        if found is None:
            continue
        if found[0].kind != "unknown":
            return found
        unknown = unknown or found
    moving = [s for s in at if s in expr.free_symbols]
    if slope_along is None and len(moving) >= 2:
        limit = multivariate_limit(expr, at, moving)
    elif moving:
        # along the variable it differentiates by first (the cone √(x² + y²) has f(h, 0) = |h|,
        # so no ∂f/∂x at its tip, whatever the formula does along y); where SymPy cannot decide
        # that, along the others in turn (x^y·log x at (0, 2) is 0 as x → 0)
        first = [slope_along] if slope_along in moving else []
        limit = None
        for along in first + [s for s in moving if s != slope_along]:
            limit = _one_sided(expr, at, along)
            if limit is not None:
                if along != (first or [along])[0]:
                    limit = dataclasses.replace(limit[0], how=_ACROSS), limit[1]
                break
        if limit is None:
            limit = ExactValue(math.nan, "unknown", "limit"), None
    else:
        limit = ExactValue(math.nan, "undefined", "limit"), None
    if unknown is not None:
        # a form has a value that could not be certified: where f is continuous there, a
        # limit SymPy found exactly is that value (cosh²x − sinh²x → 1); otherwise unknown
        continuous = not expr.has(*_JUMPING)
        if limit[0].kind != "finite" or not continuous:
            return unknown
        return dataclasses.replace(limit[0], how=""), limit[1]
    return limit


_JUMPING = (sympy.sign, sympy.Heaviside, sympy.DiracDelta, sympy.Piecewise)
"""Pieces that jump: where they sit, a limit at the point need not be the value there."""


_ACROSS = "limit across"
"""How, inside this module only: a derivative's limit along a variable other than its own."""


PATH_SECONDS = 1.0
"""Time for each one-sided limit along a path of `multivariate_limit`."""


def _paths(at: dict, moving: list[sympy.Symbol]) -> list[tuple[str, dict]]:
    """Curves through the point, as (equation, substitution in a parameter t): each axis, the
    diagonal and the parabolas y − b = (x − a)² and x − a = (y − b)² of the first two
    variables (x²y/(x⁴ + y²) at (0, 0) is 0 along every line but 1/2 along y = x²)."""
    t = sympy.Dummy("t", real=True)
    lead, second = moving[0], moving[1]

    def path(offsets: dict) -> tuple[str, dict]:
        leader = next(s for s in moving if offsets.get(s) == t)
        equations = []
        for s in moving:
            if s is leader:
                continue
            curve = at[s] + offsets.get(s, sympy.S.Zero).subs(t, leader - at[leader])
            equations.append(f"{s} = {sympy.sstr(curve)}".replace("**", "^"))
        return ", ".join(equations), {s: at[s] + offsets.get(s, sympy.S.Zero) for s in at}

    found = [path({s: t}) for s in moving]
    found.append(path({s: t for s in moving}))
    found.append(path({lead: t, second: t**2}))
    found.append(path({second: t, lead: t**2}))
    return found


def multivariate_limit(expr: sympy.Expr, at: dict, moving: list[sympy.Symbol]) -> Found:
    """The limit of f of several variables where it is 0/0, or why there is none.

    Limits along a few curves (`_paths`) can prove there is none: two that differ
    ("undefined", with both in `paths`). They never prove there is one; that needs
    `_polar_limit`. Otherwise "unknown", with the curves tried: x²y/(x⁴ + y²) is 0 along every
    line through (0, 0), so checking the axes and the diagonal is not a limit test.
    """
    tried: list[tuple[str, float]] = []
    first = None
    for label, substitution in _paths(at, moving):
        reduced = expr.subs(substitution, simultaneous=True)
        moving_along = [s for s in reduced.free_symbols if s not in at]
        if moving_along:
            (t,) = moving_along
            found = _one_sided(reduced, {t: sympy.S.Zero}, t, PATH_SECONDS)
        elif reduced.is_number and not reduced.has(sympy.zoo, sympy.nan):
            found = _as_value(reduced, "limit"), reduced  # constant along it: x·0/(x² + 0) = 0
        else:
            found = None
        if found is None or found[0].kind == "unknown":
            continue
        tried.append((label, found[0].value))
        if found[0].kind not in ("finite", "infinite", "overflow"):  # no limit along it
            return ExactValue(math.nan, "undefined", "paths", paths=tuple(tried[-1:])), None
        if first is None:
            first = tried[-1]
        elif not _same(first[1], found[0].value):
            return ExactValue(math.nan, "undefined", "paths", paths=(first, tried[-1])), None
    proved = _polar_limit(expr, at, moving)
    if proved is not None:
        return proved
    return ExactValue(math.nan, "unknown", "paths", paths=tuple(tried)), None


POLAR_SECONDS = 2.0
"""Time for `_polar_limit`'s rewriting and its limit."""


def _polar_limit(expr: sympy.Expr, at: dict, moving: list[sympy.Symbol]) -> Found | None:
    """The limit of f of two variables, proved where f(a + r cos θ, b + r sin θ) separates
    into R(r)·T(θ) with T a polynomial in cos θ and sin θ (so bounded): x²y²/(x² + y²) is
    r²·cos²θ·sin²θ, below r² in size, so its limit is 0; a radial function, T = 1, tends to
    lim R. None where it does not separate so (or takes too long)."""
    if len(moving) != 2:
        return None
    r = sympy.Dummy("r", positive=True)
    theta = sympy.Dummy("theta", real=True)
    (x, y) = moving
    polar = expr.subs({x: at[x] + r * sympy.cos(theta), y: at[y] + r * sympy.sin(theta)})
    polar = polar.subs({s: v for s, v in at.items() if s not in moving})
    allowed = _allowed(POLAR_SECONDS)
    if allowed <= 0:
        return None
    try:
        with soft_time_limit(allowed):
            polar = sympy.trigsimp(sympy.factor_terms(sympy.cancel(polar)))
            parts = sympy.separatevars(polar, [r, theta], dict=True)
            if not parts:
                return None
            radial = parts["coeff"] * parts[r]
            angular = parts[theta]
            bounded = not angular.has(theta) or (
                angular.is_polynomial(sympy.cos(theta), sympy.sin(theta))
                and not angular.has(sympy.tan, sympy.cot, sympy.sec, sympy.csc)
            )
            if not bounded:
                return None
            limit = sympy.limit(radial, r, 0, "+")
    except (_Overrun, NotImplementedError, ValueError, TypeError, AttributeError, KeyError):
        return None
    except (RecursionError, ZeroDivisionError, sympy.PolynomialError):
        return None
    side = _side(limit)
    if side is None or side is NOT_REAL or side is NO_LIMIT:
        return None
    if angular.has(theta):
        if side != 0:
            return None  # R → L ≠ 0 times a T(θ) that varies: different along different lines
        number = sympy.S.Zero
    else:
        number = side * angular
    return _as_value(number, "limit"), number


def _same(a: float, b: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=1e-12)


def kinks_at(expr: sympy.Expr, at: dict[sympy.Symbol, sympy.Rational]) -> tuple[str, ...]:
    """The non-smooth parts of `expr` sitting exactly on their corner at the point."""
    corners = expr.atoms(sympy.Abs, ops.relu)
    return tuple(
        sorted(str(part) for part in corners if part.args[0].xreplace(_numbers(at)).is_zero)
    )


_QUICK_REWRITES = (sympy.factor_terms, sympy.cancel, sympy.factor)
"""Cheap rewrites tried on every derivative; often as short as anything, and often the form a
textbook shows ((sin x + cos x)·eˣ rather than √2·eˣ·sin(x + π/4))."""

_TRIG = (
    sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc,
    sympy.sinh, sympy.cosh, sympy.tanh, sympy.coth, sympy.sech, sympy.csch,
)  # fmt: skip

IDENTITY_OPS = 16
"""`trigsimp` is tried only on derivatives this small: its cost grows quickly with size, and
the result must not depend on how busy the machine is (the time limit below is a safety net)."""

IDENTITY_SECONDS = 0.1
"""The most `trigsimp` gets of a derivative's share: when it is slow, the quick forms stand."""


def _trig_factors(product: sympy.Expr) -> list[sympy.Expr]:
    """The trig or hyperbolic functions multiplied together in `product` (powers included)."""
    bases = (f.base if f.is_Pow else f for f in sympy.Mul.make_args(product))
    return [base for base in bases if isinstance(base, _TRIG)]


def needs_identities(expr: sympy.Expr) -> bool:
    """Whether a trig or hyperbolic identity could shorten `expr`: a power of such a function
    (tan² + 1 = sec²), or two of them of one argument multiplied (sin/cos = tan, 2 sin cos =
    sin 2x). Only then is `trigsimp` worth its time (10–100 ms a call): on 226 textbook
    derivatives it had fewer operations than the quick rewrites in 22, all of this shape, 19
    of them within IDENTITY_OPS. `simplify` was dropped: several times slower, and beyond
    these it only found 1/(4·cosh²(x/2)) for the logistic's derivative.

    >>> x = sympy.Symbol("x")
    >>> needs_identities(sympy.sin(x) / sympy.cos(x)), needs_identities(sympy.exp(x) * sympy.sin(x))
    (True, False)
    """
    for node in sympy.preorder_traversal(expr):
        if node.is_Pow and isinstance(node.base, _TRIG) and node.exp != 1:
            return True
        if node.is_Mul:
            arguments = [factor.args for factor in _trig_factors(node)]
            if len(arguments) != len(set(arguments)):
                return True
    return False


def _shortest(candidates: list[sympy.Expr]) -> sympy.Expr:
    """The candidate with the fewest operations; among equals, the shortest text (printing is
    slow, so only ties are printed)."""
    counts = [sympy.count_ops(candidate) for candidate in candidates]
    fewest = [c for c, count in zip(candidates, counts, strict=True) if count == min(counts)]
    return min(fewest, key=lambda candidate: len(str(candidate))) if len(fewest) > 1 else fewest[0]


def simpler_form(expr: sympy.Expr, seconds: float) -> tuple[sympy.Expr, str]:
    """The shortest of `expr`, a few cheap rewrites and (where an identity may apply)
    `trigsimp`, within `seconds`.

    Returns the form and a note: "" when every rewrite tried finished, otherwise what happened.
    """
    candidates = [expr]
    note = ""
    rewrites = _QUICK_REWRITES
    if sympy.count_ops(expr) <= IDENTITY_OPS and needs_identities(expr):
        rewrites += (sympy.trigsimp,)
    for rewrite in rewrites:
        started = time.monotonic()
        allowed = min(seconds, IDENTITY_SECONDS) if rewrite is sympy.trigsimp else seconds
        try:
            with soft_time_limit(allowed):
                candidates.append(rewrite(expr))
        except _Overrun:
            if rewrite is not sympy.trigsimp:  # trigsimp is an extra: its overrun goes unsaid
                note = "simplification took too long: showing the shortest form found in time"
            break
        except (RecursionError, ValueError, TypeError, NotImplementedError, AttributeError):
            note = "SymPy could not simplify this form fully"
        seconds -= time.monotonic() - started
        if seconds <= 0:
            note = "simplification took too long: showing the shortest form found in time"
            break
    return _shortest(candidates), note


Derived = tuple[tuple[str, ...], sympy.Expr, sympy.Expr, str]
"""One partial derivative as `derive` gives it: (wrt, raw, simplified, note)."""


def derive(
    expr: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    order: int,
    simplify_seconds: float = SIMPLIFY_SECONDS,
    known: tuple[Derived, ...] = (),
) -> tuple[Derived, ...]:
    """(wrt, raw, simplified, note) for every partial up to `order`.

    Each derivative is the derivative of its parent (f_xy from f_x), so no work is repeated,
    and each is simplified once, with a share of one time budget. `known` are results of an
    earlier call for the same function (a lower order, another point): they are reused, and
    only the partials beyond them are computed.
    """
    by_name = {s.name: s for s in symbols}
    wanted = partials(tuple(by_name), order)
    reused = {item[0]: item for item in known}
    raw: dict[tuple[str, ...], sympy.Expr] = {(): expr}
    raw.update({wrt: item[1] for wrt, item in reused.items()})
    new = [wrt for wrt in wanted if wrt not in reused]
    computed: dict[tuple[str, ...], Derived] = {}
    deadline = time.monotonic() + simplify_seconds
    for number, wrt in enumerate(new):
        derivative = sympy.diff(raw[wrt[:-1]], by_name[wrt[-1]])
        raw[wrt] = derivative
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            computed[wrt] = (wrt, derivative, derivative, "not simplified: time budget used up")
            continue
        share = max(remaining / (len(new) - number), min(remaining, PER_DERIVATIVE_SECONDS))
        simplified, note = simpler_form(derivative, share)
        computed[wrt] = (wrt, derivative, simplified, note)
    return tuple(reused.get(wrt) or computed[wrt] for wrt in wanted)


def analyze(
    expr: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    order: int,
    point: dict[str, sympy.Rational],
    simplify_seconds: float = SIMPLIFY_SECONDS,
    known: tuple[Derived, ...] = (),
) -> SymbolicResult:
    """Derivatives of `expr` up to `order`, in LaTeX, with exact values at `point`.

    `known`: derivatives from an earlier call for the same function, not derived again.
    """
    derived = derive(expr, symbols, order, simplify_seconds, known)
    with values_budget():
        return _values(expr, symbols, point, derived)


def _where_the_formula_fails(
    limit: Found, parent: sympy.Expr, at: dict, along: sympy.Symbol, value: sympy.Expr | None
) -> Found:
    """A derivative whose formula has no value at the point (0/0): the definition decides.
    Where SymPy cannot decide that, the limit of the formula along the variable stands only if
    the parent is continuous along it there (then the mean value theorem makes the two equal):
    x²y/(x⁴ + y²) has ∂²f/∂x² = 2/y along x = 0, but 0 at (0, 0) itself, so the limit of
    ∂³f/∂x²∂y (−∞) is not its value (+∞, by the definition)."""
    found = _by_definition(parent, at, along, value)
    if found is not None and found[0].kind != "unknown":
        return found
    exact, number = limit
    if exact.how == _ACROSS:  # a limit along another variable (x^y·log x as x → 0 at y = 2)
        return dataclasses.replace(exact, how="limit"), number
    if exact.kind in ("finite", "infinite", "overflow") and value is not None:
        sides = _limits(parent, at, along, DEFINITION_SECONDS)
        continuous = all(
            isinstance(side, sympy.Expr) and _same(_float_of(side), _float_of(value))
            for side in sides
        )
        if not continuous:
            return ExactValue(math.nan, "unknown", "definition"), None
    return limit


def _values(
    expr: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    point: dict[str, sympy.Rational],
    derived: tuple[Derived, ...],
) -> SymbolicResult:
    """Each derivative's exact value, from its formula, its limit or its definition."""
    at = {s: point[s.name] for s in symbols}
    value, number = _exact(expr, at)
    # where f has no finite real value (1/x at 0, log x at −1, atanh x at 1) no derivative
    # exists; where f of several variables has no limit (x·y/(x² + y²) at (0, 0)) a partial
    # derivative may still exist as a slope along an axis
    no_function = value.kind in ("undefined", "complex", "infinite") and value.how != "paths"
    undefined = ExactValue(math.nan, "no_function") if no_function else None
    by_name = {s.name: s for s in symbols}
    derivatives: dict[tuple[str, ...], SymbolicDerivative] = {}
    numbers: dict[tuple[str, ...], sympy.Expr | None] = {(): number}
    for wrt, raw, simplified, note in derived:
        parent = derivatives.get(wrt[:-1])
        parent_expr = parent.raw if parent else expr
        # the difference quotient of the shorter equal form: SymPy's limits take less time
        parent_form = parent.simplified if parent else expr
        parent_value = parent.exact if parent else value
        parent_number = numbers[wrt[:-1]]
        along = by_name[wrt[-1]]
        corner = bool(switches_at(parent_expr, at, along)) and undefined is None
        if undefined is not None:
            exact, number = undefined, None
        elif parent is not None and parent.exact.kind == "undefined":
            # no derivative of one that does not exist here (the cone's ∂²f/∂x² at its tip)
            exact, number = ExactValue(math.nan, "undefined", "parent"), None
        elif corner or parent_value.how == "paths":
            # a piece switches here (|x|, relu, sign, step at 0): the formula's value is a
            # convention (sign(0) = 0), only the difference quotient says what is true
            known_value = None if parent_value.how == "paths" else parent_number
            found = _by_definition(parent_form, at, along, known_value)
            exact, number = found or (ExactValue(math.nan, "unknown", "definition"), None)
        else:
            exact, number = _exact(raw, at, simplified, slope_along=along)
            if exact.how in ("limit", _ACROSS):
                exact, number = _where_the_formula_fails(
                    (exact, number), parent_form, at, along, parent_number
                )
        numbers[wrt] = number
        derivatives[wrt] = SymbolicDerivative(
            wrt=wrt,
            raw=raw,
            simplified=simplified,
            latex_raw=to_latex(raw),
            latex_simplified=to_latex(simplified),
            text_raw=str(raw),
            text_simplified=str(simplified),
            exact=exact,
            simplify_note=note,
            ops_raw=sympy.count_ops(raw),
            ops_simplified=sympy.count_ops(simplified),
            at_corner=corner,
        )
    return SymbolicResult(value, tuple(derivatives.values()), kinks_at(expr, at))
