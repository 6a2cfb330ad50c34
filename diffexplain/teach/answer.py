"""Check a student's derivative: correct, correct where the function is defined, wrong (with a
point where it differs and both values), or cannot decide (and why).

Correct means equal to the exact derivative on the function's real domain, except at isolated
points. SymPy's `simplify` proves many answers equal, but not all (`log(x^2)` against
`2 log|x|`, identities it does not try), and random points alone give false verdicts: the
derivative of `sqrt(x^2)` is x/|x|, and "1" agrees with it at every positive point. So after
the symbolic attempt the answer is compared with 40-digit values (exact rational points,
mpmath) at simple points first (a counterexample a student can check by hand), on both sides
of every point where something changes sign or blows up (roots of denominators, of the
arguments of abs, sqrt and log, the poles of tan), and at random points of several sizes; a
difference is confirmed at 60 digits before it is reported.

Where a first derivative is wrong, `departed_step` finds the step of the step-by-step
derivation (`steps.py`) that the answer departs from: the deepest step that, given a simple
different result, would turn the right derivative into the student's answer.

The visitor's text goes through the same parser and limits as the function; the SymPy work
runs in a worker process (`worker.run_bounded`) killed after `CHECK_SECONDS`.

>>> check_answer("x^2", "2x").kind
'correct'
>>> check = check_answer("sqrt(x^2)", "1")
>>> check.correct, check.counterexample.point, check.counterexample.expected
(False, {'x': '-1'}, -1.0)
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy

from diffexplain.core.parse import (
    MAX_ORDER,
    InputError,
    ParsedFunction,
    parse_function,
    refusal,
    symbol,
)

CHECK_SECONDS = 20.0
"""Hard limit for one check (the worker is killed after it): the verdict is then "undecided"."""

SIMPLIFY_SECONDS = 2.0
"""Soft budget for SymPy's proof that answer − derivative is 0."""

ROOTS_SECONDS = 2.0
"""Soft budget for finding the points where something changes sign or blows up."""

SAMPLING_SECONDS = 8.0
"""Soft budget for comparing values at points."""

STEP_SECONDS = 3.0
"""Soft budget for finding the step the answer departs from."""

MIN_POINTS = 5
"""Points of the domain (where the derivative is defined) needed before "correct" is said."""

TOLERANCE = 1e-15
"""Relative difference, at 40 digits, above which two values differ (then confirmed at 60)."""

KINDS = ("correct", "correct_where_defined", "wrong", "undecided")

_SEED = 20261130
_NICE = (1, -1, 2, -2, sympy.Rational(1, 2), -sympy.Rational(1, 2), 3, -3, 0, 5, -5, 10, -10)
_SIDES = (sympy.Rational(1, 1000), sympy.Rational(1, 10), sympy.Rational(7, 10))
_SCALES = (1, 10, 100)
MAX_CRITICAL = 16


@dataclass(frozen=True)
class PointValues:
    """The derivative and the answer at one point; None where one is undefined (not real)."""

    point: dict[str, str]
    """Each variable's exact value as text ("-1", "1/2", "pi/2")."""
    expected: float | None
    given: float | None

    def to_dict(self) -> dict:
        return {"point": dict(self.point), "expected": self.expected, "given": self.given}


@dataclass(frozen=True)
class DepartedStep:
    """The step of the derivation the answer departs from: the rule (`name`, as in steps.py),
    what it differentiates, what it should give, and what would give the student's answer."""

    name: str
    rule: str
    before: str
    after: str
    fits: str
    latex_before: str
    latex_after: str
    latex_fits: str
    top: bool = False
    """The first rule applied: no step below it explains the answer."""

    def to_dict(self) -> dict:
        return {
            "top": self.top,
            "name": self.name,
            "rule": self.rule,
            "before": self.before,
            "after": self.after,
            "fits": self.fits,
        }


@dataclass(frozen=True)
class AnswerCheck:
    """A verdict on an answer.

    correct: True, False, or None when it cannot be decided.
    kind: "correct", "correct_where_defined" (equal except at the isolated points in
    `differs_at`), "wrong" (see `counterexample`), "undecided" (see `reason`).
    method: "symbolic" (SymPy proved the difference 0) or "numeric" (values at points).
    hint: for a wrong answer, "sign" (it is minus the derivative), "factor" (a constant times
    it), "constant" (it differs by a constant), or "".
    """

    correct: bool | None
    kind: str
    function: str
    answer: str
    wrt: tuple[str, ...]
    derivative: str
    latex_derivative: str
    latex_answer: str
    method: str = ""
    counterexample: PointValues | None = None
    differs_at: tuple[PointValues, ...] = ()
    reason: str = ""
    """Why undecided: "too_few_points" or "timeout"."""
    hint: str = ""
    step: DepartedStep | None = None
    points_checked: int = 0
    critical: tuple[str, ...] = field(default=())
    """The points sampled around (both sides), one-variable functions only."""

    def to_dict(self) -> dict:
        return {
            "correct": self.correct,
            "kind": self.kind,
            "function": self.function,
            "answer": self.answer,
            "wrt": list(self.wrt),
            "derivative": self.derivative,
            "method": self.method,
            "counterexample": self.counterexample.to_dict() if self.counterexample else None,
            "differs_at": [p.to_dict() for p in self.differs_at],
            "reason": self.reason,
            "hint": self.hint,
            "step": self.step.to_dict() if self.step else None,
            "points_checked": self.points_checked,
            "critical": list(self.critical),
        }


# --- the inputs ------------------------------------------------------------------------------


def derivative_order(order: object) -> int:
    """The order as a whole number from 1 to MAX_ORDER, or an InputError."""
    if isinstance(order, bool) or not isinstance(order, int | str):
        raise refusal("invalid_option", "answer_order", shown=repr(order), limit=MAX_ORDER)
    try:
        number = int(order)
    except ValueError:
        raise refusal(
            "invalid_option", "answer_order", shown=repr(order), limit=MAX_ORDER
        ) from None
    if not 1 <= number <= MAX_ORDER:
        raise refusal("invalid_option", "answer_order", shown=repr(order), limit=MAX_ORDER)
    return number


def variables_of(parsed: ParsedFunction, wrt: str | Sequence[str] | None, order: object):
    """The variables to differentiate by, one per order.

    wrt None: the function's only variable (x for a constant), `order` times. One name: that
    variable `order` times. Several ("x,y" or ["x", "y"]): ∂/∂x then ∂/∂y, a mixed partial
    of order len(names); `order` must then be 1 (the default) or that length.

    >>> variables_of(parse_function("x*y"), "x,y", 1)
    ('x', 'y')
    >>> variables_of(parse_function("sin(x)"), None, 2)
    ('x', 'x')
    """
    order = derivative_order(order)
    if wrt is None or (isinstance(wrt, str) and not wrt.strip()):
        if len(parsed.variables) > 1:
            raise refusal("invalid_option", "answer_wrt_needed", names=", ".join(parsed.variables))
        return (parsed.variables[0] if parsed.variables else "x",) * order
    names = wrt.split(",") if isinstance(wrt, str) else list(wrt)
    names = [str(name).strip() for name in names]
    if not names or len(names) > MAX_ORDER or not all(names):
        raise refusal("invalid_option", "answer_wrt", shown=str(wrt)[:40], limit=MAX_ORDER)
    for name in names:
        if name not in parsed.variables and not (not parsed.variables and name == "x"):
            raise refusal(
                "invalid_option",
                "no_variable",
                name=name[:20],
                names=", ".join(parsed.variables) or "—",
            )
    if len(names) == 1:
        return tuple(names) * order
    if order not in (1, len(names)):
        raise refusal("invalid_option", "answer_wrt_order", count=len(names), order=order)
    return tuple(names)


def parse_answer(text: str, function: ParsedFunction) -> ParsedFunction:
    """The answer through the function's parser and limits; its variables must be the
    function's."""
    try:
        parsed = parse_function(text)
    except InputError as error:
        raise refusal(error.kind, "answer", reason=error.said or error.message) from None
    extra = [name for name in parsed.variables if name not in function.variables]
    if extra:
        raise refusal(
            "unknown_name",
            "answer_variables",
            names=", ".join(extra),
            variables=", ".join(function.variables) or "—",
        )
    return parsed


def check_answer(
    function: str, answer: str, wrt: str | Sequence[str] | None = None, order: object = 1
) -> AnswerCheck:
    """Is `answer` the derivative of `function` (by `wrt`, `order` times)?

    Args:
        function, answer: formulas as a student types them (the same parser and limits).
        wrt: the variable(s): None for the only one; "x"; "x,y" for ∂²f/∂x∂y.
        order: how many times, 1 to 6 (with one variable named or none).

    Returns:
        An AnswerCheck; "undecided" with reason "timeout" when the check ran out of time.

    Raises:
        InputError: the function, the answer, wrt or order cannot be used (the message says
        which and why).
    """
    parsed = parse_function(function)
    names = variables_of(parsed, wrt, order)
    given = parse_answer(answer, parsed)
    from diffexplain.core.worker import BudgetExceeded, run_bounded

    try:
        return run_bounded(decide, parsed.expr, given.expr, names, seconds=CHECK_SECONDS)
    except BudgetExceeded:  # nothing more is computed here: that could hang the caller
        return AnswerCheck(
            correct=None,
            kind="undecided",
            function=str(parsed.expr),
            answer=str(given.expr),
            wrt=tuple(names),
            derivative="",
            latex_derivative="",
            latex_answer="",
            reason="timeout",
        )


# --- deciding --------------------------------------------------------------------------------


def _verdict(expr, answer, names, derivative, correct, kind, reason="", **fields) -> AnswerCheck:
    from diffexplain.core.symbolic import to_latex

    return AnswerCheck(
        correct=correct,
        kind=kind,
        function=str(expr),
        answer=str(answer),
        wrt=tuple(names),
        derivative=str(derivative),
        latex_derivative=to_latex(derivative),
        latex_answer=to_latex(answer),
        reason=reason,
        **fields,
    )


def decide(expr: sympy.Expr, answer: sympy.Expr, names: tuple[str, ...]) -> AnswerCheck:
    """The verdict, computed here (the worker process runs this)."""
    from diffexplain.core.symbolic import soft_time_limit

    derivative = sympy.diff(expr, *[symbol(n) for n in names])
    proved = False
    try:
        with soft_time_limit(SIMPLIFY_SECONDS):
            difference = answer - derivative
            proved = difference == 0 or sympy.simplify(difference) == 0
    except Exception:  # noqa: BLE001 - out of time, or SymPy gave up: the values decide
        proved = False
    method = "symbolic" if proved else "numeric"
    variables = sorted(expr.free_symbols | answer.free_symbols, key=lambda s: s.name)
    critical: list[sympy.Expr] = []
    if len(variables) == 1:
        critical = critical_points((expr, derivative, answer), variables[0])
    try:
        with soft_time_limit(SAMPLING_SECONDS):
            sample = compare_at_points(expr, derivative, answer, variables, critical)
    except Exception:  # noqa: BLE001 - out of time
        sample = None
    shared = {"method": method, "critical": tuple(str(c) for c in critical)}
    if sample is None:
        if proved:
            return _verdict(expr, answer, names, derivative, True, "correct", **shared)
        return _verdict(expr, answer, names, derivative, None, "undecided", "timeout", **shared)
    shared["points_checked"] = sample.checked
    if sample.wrong is not None:
        return _verdict(
            expr,
            answer,
            names,
            derivative,
            False,
            "wrong",
            counterexample=sample.wrong,
            hint=(hint := _hint(answer, derivative)),
            # minus or k times the whole derivative fits any step whose result is a factor
            # of it: the hint says more than a step would
            step=None
            if hint in ("sign", "factor")
            else departed_step(expr, answer, derivative, names),
            **{**shared, "method": "numeric"},
        )
    if sample.checked < MIN_POINTS and not proved:
        return _verdict(
            expr, answer, names, derivative, None, "undecided", "too_few_points", **shared
        )
    if sample.isolated:
        return _verdict(
            expr,
            answer,
            names,
            derivative,
            True,
            "correct_where_defined",
            differs_at=tuple(sample.isolated),
            **shared,
        )
    return _verdict(expr, answer, names, derivative, True, "correct", **shared)


def _boundaries(expr: sympy.Expr) -> list[sympy.Expr]:
    """Expressions whose zeros are where `expr` may change sign, jump or blow up."""
    found = []
    for node in sympy.preorder_traversal(expr):
        if node.is_Pow and node.exp.is_number and not node.exp.is_nonnegative:
            found.append(node.base)  # a denominator
        if node.is_Pow and node.exp.is_number and not node.exp.is_integer:
            found.append(node.base)  # a root
        if node.is_Pow and not node.exp.is_number:
            found.append(node.base)
        if isinstance(node, sympy.Abs | sympy.sign | sympy.Heaviside | sympy.log):
            found.append(node.args[0])
        if isinstance(node, sympy.asin | sympy.acos | sympy.atanh):
            found += [node.args[0] - 1, node.args[0] + 1]
        if isinstance(node, sympy.acosh):
            found.append(node.args[0] - 1)
        if isinstance(node, sympy.tan | sympy.sec):
            found.append(sympy.cos(node.args[0]))
        if isinstance(node, sympy.cot | sympy.csc):
            found.append(sympy.sin(node.args[0]))
    return found


def critical_points(expressions: Sequence[sympy.Expr], x: sympy.Symbol) -> list[sympy.Expr]:
    """Real points (|c| ≤ 1000, at most MAX_CRITICAL, smallest first) where any of the
    expressions may change sign, jump or blow up; a periodic family gives its members near 0.

    >>> x = symbol("x")
    >>> critical_points([abs(x - 2), 1 / (x + 1)], x)
    [-1, 2]
    """
    from diffexplain.core.symbolic import soft_time_limit

    points: set[sympy.Expr] = set()
    boundaries = {b for e in expressions for b in _boundaries(e) if b.has(x)}
    try:
        with soft_time_limit(ROOTS_SECONDS):
            for boundary in sorted(boundaries, key=sympy.count_ops):
                solutions = sympy.solveset(boundary, x, domain=sympy.S.Reals)
                points |= set(_members(solutions))
    except Exception:  # noqa: BLE001 - out of time or unsolvable: the random points remain
        pass
    usable = []
    for point in points:
        try:
            value = float(point)
        except (TypeError, ValueError):
            continue
        if math.isfinite(value) and abs(value) <= 1000:
            usable.append((abs(value), value, point))
    return [point for _, _, point in sorted(usable)[:MAX_CRITICAL]]


def _members(solutions) -> list[sympy.Expr]:
    if isinstance(solutions, sympy.FiniteSet):
        return list(solutions)
    if isinstance(solutions, sympy.Union):
        return [m for part in solutions.args for m in _members(part)]
    if isinstance(solutions, sympy.ImageSet):
        (n,) = solutions.lamda.variables
        return [solutions.lamda.expr.subs(n, k) for k in range(-3, 4)]
    return []


@dataclass(frozen=True)
class _Sample:
    checked: int
    wrong: PointValues | None
    isolated: list[PointValues]


def _near(value: sympy.Expr, digits: int = 20) -> sympy.Rational:
    return sympy.Rational(str(sympy.N(value, digits)))


def _points(variables: list[sympy.Symbol], critical: list[sympy.Expr]):
    """(point, exact?) pairs: simple points first, then both sides of each critical point,
    then random points at several scales (the same every run)."""
    generator = random.Random(_SEED)
    n = len(variables)
    if n == 0:
        yield {}, False
        return
    if n == 1:
        for value in _NICE:
            yield {variables[0]: sympy.Integer(value) if isinstance(value, int) else value}, False
        for c in critical:
            yield {variables[0]: c}, True
            base = _near(c)
            for side in _SIDES:
                offset = side * max(1, abs(base))
                yield {variables[0]: base - offset}, False
                yield {variables[0]: base + offset}, False
        for left, right in itertools.pairwise(critical):
            yield {variables[0]: (_near(left) + _near(right)) / 2}, False
    else:
        nice = [sympy.Integer(v) if isinstance(v, int) else v for v in _NICE[:8]]
        for _ in range(12):
            yield {v: generator.choice(nice) for v in variables}, False
        for signs in itertools.product((1, -1), repeat=n):  # every orthant, near and far
            for scale in (sympy.Rational(1, 100), 1, 10):
                yield (
                    {
                        v: s * scale * sympy.Rational(generator.randint(1, 1000), 500)
                        for v, s in zip(variables, signs, strict=True)
                    },
                    False,
                )
    for scale in _SCALES:
        for _ in range(8):
            yield (
                {
                    v: sympy.Rational(round(generator.uniform(-scale, scale), 4)).limit_denominator(
                        10**6
                    )
                    for v in variables
                },
                False,
            )


def compare_at_points(expr, derivative, answer, variables, critical) -> _Sample:
    """Compare the answer with the derivative at `_points`, where the function is real.

    A difference is isolated (a corner, a hole) when the two agree just beside it on both
    sides; otherwise the answer is wrong, shown at that point (or beside it, where the
    derivative has no value at the point itself).
    """
    checked, isolated, fallback = 0, [], None
    for at, exact in _points(variables, critical):
        if _value(expr, at, exact) is None:
            continue  # outside the function's real domain
        expected, given = _value(derivative, at, exact), _value(answer, at, exact)
        if expected is not None:
            checked += 1
        if _same(expected, given) or (
            expected is not None
            and given is not None
            and not _really_differ(derivative, answer, at)
        ):
            continue
        shown = _shown(at, variables, expected, given)
        beside = [
            _shown(b, variables, _value(derivative, b, False), _value(answer, b, False))
            for b in _beside(at)
            if _value(expr, b, False) is not None
        ]
        differing = [b for b in beside if not _same(_as_complex(b.expected), _as_complex(b.given))]
        if beside and not differing:
            if all(p.point != shown.point for p in isolated):
                isolated.append(shown)
            continue
        if expected is None:  # wrong beside this point: a simpler point may still show it
            fallback = fallback or differing[0]
            continue
        return _Sample(checked, shown, isolated)
    if fallback is not None:
        return _Sample(checked, fallback, isolated)
    return _Sample(checked, None, isolated)


def _shown(at, variables, expected, given) -> PointValues:
    return PointValues({v.name: str(at[v]) for v in variables}, _float(expected), _float(given))


def _as_complex(value: float | None) -> complex | None:
    return None if value is None else complex(value, 0)


def _beside(at: dict) -> list[dict]:
    """Two points just beside `at`, on either side along a fixed slanted direction."""
    points = []
    for sign in (1, -1):
        moved = {}
        for index, (name, value) in enumerate(at.items()):
            step = sympy.Rational(1, 10**6) * max(1, abs(_near(value)))
            moved[name] = _near(value) + sign * step * (index + 1)
        points.append(moved)
    return points


def _float(value: complex | None) -> float | None:
    return None if value is None else float(value.real)


def _same(a: complex | None, b: complex | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def _value(expr: sympy.Expr, at: dict, exact: bool) -> complex | None:
    """The real value at `at` (40 digits), or None where it is undefined or not real."""
    if exact:
        number = _evalf(expr, at, 40)
    else:
        from diffexplain.core.steps import value_at

        number = value_at(expr, at)
    if number is None or abs(number.imag) > 1e-25 * max(1.0, abs(number.real)):
        return None
    return complex(number.real, 0)


def _evalf(expr: sympy.Expr, at: dict, digits: int) -> complex | None:
    """SymPy's own evaluation of the exact substitution, which raises its precision until
    `digits` are right."""
    try:
        value = expr.subs(at)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return None
        number = complex(sympy.N(value, digits, maxn=400))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    if not (math.isfinite(number.real) and math.isfinite(number.imag)):
        return None
    return number


def _really_differ(derivative, answer, at) -> bool:
    """A difference found at 40 digits, confirmed by SymPy's evaluation at 60."""

    def real(number):
        if number is None or abs(number.imag) > 1e-25 * max(1.0, abs(number.real)):
            return None
        return complex(number.real, 0)

    return not _same(real(_evalf(derivative, at, 60)), real(_evalf(answer, at, 60)))


def _hint(answer: sympy.Expr, derivative: sympy.Expr) -> str:
    """A common slip, when SymPy can see it quickly: a sign, a constant factor, a constant."""
    from diffexplain.core.symbolic import soft_time_limit

    try:
        with soft_time_limit(1.0):
            if derivative != 0:
                ratio = sympy.simplify(answer / derivative)
                if ratio == -1:
                    return "sign"
                if ratio.is_number and ratio != 0:
                    return "factor"
            if (answer - derivative).is_constant(simplify=False) or sympy.simplify(
                answer - derivative
            ).is_number:
                return "constant"
    except Exception:  # noqa: BLE001 - out of time: no hint
        pass
    return ""


# --- the step the answer departs from --------------------------------------------------------


def departed_step(expr, answer, derivative, names) -> DepartedStep | None:
    """The step of the first derivative's derivation that, with a different simple result,
    gives the student's answer; the first rule applied when no step below it does.

    For a step that differentiates a piece p of f (f = F(p, x)), f' = F_p·p' + F_x, so an
    answer a equals the derivative with p' replaced by p' + (a − f')/F_p. That replacement is
    "simple" when it has at most one operation more than the step's own result; the step
    whose replacement adds the fewest operations wins, the deeper one on a tie.
    None for higher orders (the steps are first derivatives) or when out of time.
    """
    if len(names) != 1:
        return None
    from diffexplain.core.steps import derivation_steps
    from diffexplain.core.symbolic import soft_time_limit

    wrt = symbol(names[0])
    symbols = tuple(sorted(expr.free_symbols, key=lambda s: s.name)) or (wrt,)
    try:
        with soft_time_limit(STEP_SECONDS):
            root = derivation_steps(expr, symbols, wrt)
            residual = answer - derivative
            best, best_rank = (root, answer), None
            placeholder = sympy.Dummy("p")
            for depth, step, coefficient in _coefficients(root, expr, wrt, placeholder):
                if coefficient == 0:
                    continue
                fits = sympy.cancel(sympy.together(step.after + residual / coefficient))
                excess = sympy.count_ops(fits) - sympy.count_ops(step.after)
                rank = (excess, -depth)
                if excess <= 1 and (best_rank is None or rank < best_rank):
                    best, best_rank = (step, fits), rank
    except Exception:  # noqa: BLE001 - out of time: no step named
        return None
    step, fits = best
    return _departed(step, fits, top=step is root)


def readable(expr: sympy.Expr) -> str:
    """A formula as a student writes it, which the parser reads back: x^2·sin(3·x)."""
    return str(expr).replace("**", "^").replace("*", "·").replace("Abs(", "abs(")


def _departed(step, fits, top: bool) -> DepartedStep:
    from diffexplain.core.symbolic import to_latex

    return DepartedStep(
        name=step.name,
        rule=step.rule,
        before=readable(step.before),
        after=readable(step.after),
        fits=readable(fits),
        latex_before=to_latex(step.before),
        latex_after=to_latex(step.after),
        latex_fits=to_latex(fits),
        top=top,
    )


def _coefficients(root, expr, wrt, placeholder):
    """(depth, step, ∂f'/∂(step's result)) for each step below the root that differentiates a
    piece of f, parents before children. The outer derivative in a chain rule (sin'(u) = cos u)
    gets its parent's coefficient times the inner derivative."""

    def visit(step, depth, coefficient):
        for index, sub in enumerate(step.substeps):
            if sub.before.is_Symbol or sub.before.is_Number:
                continue  # d(x) = 1 and d(c) = 0: no one gets those wrong
            if step.name == "chain" and sub.before == step.before:
                inner = [s.after for j, s in enumerate(step.substeps) if j != index]
                sub_coefficient = coefficient * sympy.Mul(*inner)
            else:
                replaced = expr.subs(sub.before, placeholder)
                if not replaced.has(placeholder):
                    continue
                sub_coefficient = sympy.diff(replaced, placeholder).subs(placeholder, sub.before)
            yield depth + 1, sub, sub_coefficient
            yield from visit(sub, depth + 1, sub_coefficient)

    yield from visit(root, 0, sympy.S.One)


# --- in words --------------------------------------------------------------------------------


def _number_words(value: float | None, text: dict[str, str]) -> str:
    return text["answer.undefined"] if value is None else f"{value:.10g}"


def _point_words(point: dict[str, str]) -> str:
    return ", ".join(f"{name} = {value}" for name, value in point.items())


def _rule_words(name: str, text: dict[str, str]) -> str:
    """The rule's name as the steps panel says it ("product rule", "derivative of sin")."""
    if f"steps.rule.{name}" in text:
        return text[f"steps.rule.{name}"]
    return text["steps.rule.function"].format(function=name)


def verdict_words(check: AnswerCheck, text: dict[str, str]) -> list[str]:
    """The verdict as sentences in the language of `text` (a text file's TEXT): the verdict,
    then a hint and the step the answer departs from, when known.

    >>> from diffexplain.text.en import TEXT
    >>> verdict_words(check_answer("x^3", "3x^2"), TEXT)[0]
    '✅ Correct: your answer is the derivative. (SymPy proved the two equal.)'
    """
    if check.kind == "correct":
        method = text[f"answer.method.{check.method}"].format(points=check.points_checked)
        return [text["answer.correct"].format(method=method)]
    if check.kind == "correct_where_defined":
        details = "; ".join(
            text["answer.at"].format(
                point=_point_words(p.point),
                expected=_number_words(p.expected, text),
                given=_number_words(p.given, text),
            )
            for p in check.differs_at
        )
        return [text["answer.correct_where_defined"].format(details=details)]
    if check.kind == "undecided":
        return [text[f"answer.undecided.{check.reason}"]]
    sentences = [
        text["answer.wrong"].format(
            point=_point_words(check.counterexample.point),
            expected=_number_words(check.counterexample.expected, text),
            given=_number_words(check.counterexample.given, text),
        )
    ]
    if check.hint:
        sentences.append(text[f"answer.hint.{check.hint}"])
    if check.step is not None:
        key = "answer.step.top" if check.step.top else "answer.step"
        sentences.append(
            text[key].format(
                rule=_rule_words(check.step.name, text),
                before=check.step.before,
                after=check.step.after,
                fits=check.step.fits,
            )
        )
    return sentences
