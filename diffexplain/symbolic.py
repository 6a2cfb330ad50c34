"""Exact derivatives with SymPy: every partial up to an order, raw and simplified, in LaTeX,
and their exact values at a point.

`analyze` is the whole job; it runs in a worker process (see `worker.py`), where the main
thread's alarm signal bounds each simplification softly and the parent kills the worker as
the hard limit.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import sympy

from diffexplain import ops

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
    """A value at the point, already rounded to float64, and what kind of value it is.

    kind: "finite", "infinite" (a one-sided limit is ±∞, e.g. √x' at 0), "overflow" (finite but
    beyond float64), "undefined" (a pole with different sides, 0/0, a Dirac delta at its spike),
    "complex" (not real, e.g. log at a negative number), "no_function" (a derivative at a point
    where f itself has no real value).
    """

    value: float
    kind: str


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
    at_corner: bool = False  # it jumps at the point (|x|' = sign x at 0): a convention
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


def _as_float(number: sympy.Expr) -> ExactValue:
    """Round a real SymPy number to float64, saying when it does not fit."""
    try:
        value = float(number)
    except OverflowError:
        value = math.inf if number > 0 else -math.inf
    if math.isinf(value):
        return ExactValue(value, "overflow")
    return ExactValue(value, "finite")


def _numbers(at: dict) -> dict:
    """The point with SymPy numbers (a caller may give 0 for Integer(0)), for `xreplace`."""
    return {s: v if isinstance(v, sympy.Basic) else sympy.Rational(v) for s, v in at.items()}


def _evaluate(expr: sympy.Expr, at: dict[sympy.Symbol, sympy.Rational]) -> ExactValue | None:
    """Substitute exactly and evaluate; None when the result is 0/0 or ∞ without a sign."""
    if not expr.free_symbols and expr.is_number is False:  # pragma: no cover - defensive
        return ExactValue(math.nan, "undefined")
    # all variables at once: one at a time, x·y/(x² + y²) at (0, 0) becomes 0·y/y² = 0 before
    # y is put in, where it is 0/0 (and its limits along the axes and the diagonal differ)
    exact = expr.xreplace(_numbers(at))  # every variable at once; 10× faster than subs
    if exact.has(sympy.DiracDelta):
        spikes = [d for d in exact.atoms(sympy.DiracDelta) if d.args[0].is_zero]
        if spikes:
            return ExactValue(math.nan, "undefined")
        exact = exact.replace(sympy.DiracDelta, lambda *args: sympy.S.Zero)
    if exact.has(sympy.zoo, sympy.nan):
        return None
    if exact == sympy.oo:
        return ExactValue(math.inf, "infinite")
    if exact == -sympy.oo:
        return ExactValue(-math.inf, "infinite")
    number = exact.evalf(PRECISION)
    if number.has(sympy.zoo, sympy.nan):
        return None
    if number in (sympy.oo, -sympy.oo):
        return ExactValue(math.inf if number == sympy.oo else -math.inf, "infinite")
    real, imaginary = number.as_real_imag()
    if not real.is_number or not imaginary.is_number:
        return ExactValue(math.nan, "undefined")
    if imaginary != 0 and abs(imaginary) > abs(real) * sympy.Float(10) ** (-PRECISION + 5):
        return ExactValue(math.nan, "complex")
    return _as_float(real)


def _limits(
    expr: sympy.Expr,
    at: dict,
    along: sympy.Symbol | tuple[sympy.Symbol, ...],
    seconds: float = LIMIT_SECONDS,
) -> list[sympy.Expr | None]:
    """The left and right limits along one variable, others held at the point, or along the
    diagonal where the variables in a tuple all move by the same step.

    A side is None where SymPy cannot decide it in time, or where it is not one real number or
    ±∞ (complex, or an interval of values such as sin(1/x) at 0).
    """
    if isinstance(along, tuple):
        step = sympy.Dummy("t", real=True)
        moved = {s: v + step if s in along else v for s, v in at.items()}
        reduced = expr.subs(moved, simultaneous=True)
        along, at = step, {step: sympy.S.Zero}
    else:
        reduced = expr.subs({s: v for s, v in at.items() if s != along}, simultaneous=True)
    # SymPy's limit takes Heaviside(sin x) to be its value at the point from both sides (the
    # slope of relu(sin x) at 0 came out 0 and 0, hiding the corner); through sign it is right.
    # A limit never reaches the point, so the value chosen for step(0) plays no part.
    reduced = reduced.replace(sympy.Heaviside, lambda arg, *value: (sympy.sign(arg) + 1) / 2)
    sides: list[sympy.Expr | None] = []
    for direction in ("-", "+"):
        try:
            with soft_time_limit(seconds):
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
        real_number = limit.is_number and limit.is_extended_real and limit.is_finite
        sides.append(limit if limit in (sympy.oo, -sympy.oo) or real_number else None)
    return sides


def _one_sided(
    expr: sympy.Expr, at: dict, along, seconds: float = LIMIT_SECONDS
) -> ExactValue | None:
    """The value as a limit along one variable (or a diagonal, see `_limits`), when plain
    substitution is 0/0 or 1/0.

    Both sides equal (−1/x² at 0) gives that value; one real side only (acos'(x) at 1,
    where the other side is complex) gives that side; sides that differ, undefined; None when
    SymPy decided neither side.
    """
    sides = [side for side in _limits(expr, at, along, seconds) if side is not None]
    if not sides:
        return None
    if len(sides) == 2 and sides[0] != sides[1]:
        return ExactValue(math.nan, "undefined")
    side = sides[0]
    if side in (sympy.oo, -sympy.oo):
        return ExactValue(math.inf if side == sympy.oo else -math.inf, "infinite")
    return _as_float(side.evalf(PRECISION))


DEFINITION_SECONDS = 1.0
"""Time for each one-sided limit of `by_definition` (it runs only where a formula failed)."""


def by_definition(
    parent: sympy.Expr, at: dict[sympy.Symbol, sympy.Expr], along: sympy.Symbol
) -> ExactValue | None:
    """The derivative of `parent` along one variable by its definition, the limit of
    (p(a + h) − p(a))/h from both sides, for where the derivative's formula has no value:
    x²·sin(1/x) has f′(0) = 0, though 2x·sin(1/x) − cos(1/x) has no limit at 0. None when
    SymPy cannot decide it in time.

    >>> x = sympy.Symbol("x", real=True)
    >>> by_definition(x**2 * sympy.sin(1 / x), {x: sympy.S.Zero}, x)
    ExactValue(value=0.0, kind='finite')
    """
    if along not in parent.free_symbols:
        return None
    value = parent.xreplace(_numbers(at))
    if not (value.is_number and value.is_extended_real and value.is_finite):
        sides = _limits(parent, at, along, DEFINITION_SECONDS)  # p(a) as a limit: 0·sin(∞) at 0
        if None in sides or sides[0] != sides[1] or not sides[0].is_finite:
            return None
        value = sides[0]
    step = sympy.Dummy("h", real=True)
    quotient = (parent.subs(along, at[along] + step) - value) / step
    return _one_sided(quotient, {**at, step: sympy.S.Zero}, step, DEFINITION_SECONDS)


def has_corner(expr: sympy.Expr, at: dict[sympy.Symbol, sympy.Rational]) -> bool:
    """Whether a derivative jumps at the point along some variable (sign(x) at 0 does, 3x·|x|
    does not): then the one-sided derivatives differ, the true derivative does not exist, and
    the value SymPy (and TensorFlow) give is a convention such as sign(0) = 0."""
    if not expr.has(sympy.sign, sympy.Heaviside, sympy.Abs, ops.relu, sympy.Piecewise):
        return False
    return any(jumps_along(expr, at, along) for along in at)


def jumps_along(expr: sympy.Expr, at: dict[sympy.Symbol, sympy.Rational], along) -> bool:
    """Whether `expr` jumps at the point along one variable: its one-sided limits differ."""
    if along not in expr.free_symbols:
        return False
    left, right = _limits(expr, at, along)
    return left is not None and right is not None and left != right


def exact_value(
    expr: sympy.Expr,
    at: dict[sympy.Symbol, sympy.Rational],
    *others: sympy.Expr,
    slope_along: sympy.Symbol | None = None,
) -> ExactValue:
    """The exact value at a rational point, rounded once to float64.

    `others` are equal forms of `expr` (a simplified one): where substitution gives 0/0 in one
    form it may not in another (y·x^y/x is y·x^(y−1)). Failing that, one-sided limits:

    - of a derivative along the variable it differentiates by (`slope_along`), the others held
      at the point: the cone √(x² + y²) has f(h, 0) = |h|, so no ∂f/∂x at its tip, whatever the
      formula does along y. Where SymPy cannot decide them, along the other variables in turn.
    - of f itself with several variables, along each axis and the diagonal, which must agree:
      x·y/(x² + y²) at (0, 0) is 0 along both axes but 1/2 along the diagonal.

    >>> x = sympy.Symbol("x", real=True)
    >>> exact_value(sympy.acos(x).diff(x), {x: sympy.Integer(1)}, slope_along=x)
    ExactValue(value=-inf, kind='infinite')
    """
    for form in (expr, *others):
        try:
            value = _evaluate(form, at)
        except (TypeError, ValueError, AttributeError, ZeroDivisionError, RecursionError):
            value = None  # SymPy could not evaluate this form: try the next, then limits
        if value is not None:
            return value
    undefined = ExactValue(math.nan, "undefined")
    moving = [s for s in at if s in expr.free_symbols]
    if slope_along is not None or len(moving) < 2:
        first = [slope_along] if slope_along in moving else []
        for along in first + [s for s in moving if s != slope_along]:
            value = _one_sided(expr, at, along)
            if value is not None:
                return value
        return undefined
    found: list[ExactValue] = []
    for along in [*moving, tuple(moving)]:
        value = _one_sided(expr, at, along)
        if value is None:
            continue
        if math.isnan(value.value) or (found and not _same(found[0].value, value.value)):
            return undefined
        found.append(value)
    return found[0] if found else undefined


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
    at = {s: point[s.name] for s in symbols}
    value = exact_value(expr, at)
    # where f has no finite real value (1/x at 0, log x at −1, atanh x at 1) no derivative exists
    no_function = value.kind in ("undefined", "complex", "infinite")
    undefined = ExactValue(math.nan, "no_function") if no_function else None
    kinks = kinks_at(expr, at)

    def exact_at(derivative: sympy.Expr, simplified: sympy.Expr, along) -> ExactValue:
        return undefined or exact_value(derivative, at, simplified, slope_along=along)

    by_name = {s.name: s for s in symbols}
    derivatives: dict[tuple[str, ...], SymbolicDerivative] = {}
    for wrt, raw, simplified, note in derive(expr, symbols, order, simplify_seconds, known):
        # no derivative of one that does not exist here (the cone's ∂²f/∂x² at its tip), nor,
        # along its jump, of one that jumps here, whatever 0·δ(0) = 0 makes of its formula:
        # relu(x)² has f″ = 2·step(x), so no f‴ at 0
        parent = derivatives.get(wrt[:-1])
        no_parent = parent is not None and (
            parent.exact.kind == "undefined"
            or (parent.at_corner and jumps_along(parent.raw, at, by_name[wrt[-1]]))
        )
        along = by_name[wrt[-1]]
        exact = ExactValue(math.nan, "undefined") if no_parent else exact_at(raw, simplified, along)
        if exact.kind == "undefined" and not no_parent and undefined is None:
            # the formula has no value here; the derivative may still exist (x²·sin(1/x) at 0)
            exact = by_definition(parent.raw if parent else expr, at, along) or exact
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
            # a derivative that jumps here (sign x at 0): the true derivative does not
            # exist, and the value SymPy and TensorFlow give is a convention
            at_corner=bool(kinks) and undefined is None and has_corner(raw, at),
        )
    return SymbolicResult(value, tuple(derivatives.values()), kinks)
