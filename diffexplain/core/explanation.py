"""The one entry point: text in, exact and automatic derivatives side by side out.

`explain()` = `prepare()` (check everything a visitor gave) → `record_part()` (the graph of the
tapes that fit, and the size of all of them) → `symbolic_part()` (SymPy, in a worker process)
beside `autodiff_part()` (nested tapes, refused when too big) → `combine()`. The page calls the
parts one by one, so the exact derivatives show while TensorFlow is still loading. All of them
share one `budget.Deadline`: a request finishes or is refused within `budget.REQUEST_SECONDS`.

>>> explain("x^3", {"x": 3}, order=2).to_dict()["derivatives"][1]["autodiff"]
18.0
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from diffexplain.core import agree, symbolic
from diffexplain.core.budget import (
    LEAST_SECONDS,
    MAX_GRAPH_OPS,
    MAX_TAPE_OPS,
    REQUEST_SECONDS,
    Deadline,
    OutOfTime,
    TapeSize,
    seconds_left,
    step_deadline,
    step_seconds,
)
from diffexplain.core.names import derivative_name
from diffexplain.core.parse import (
    MAX_ORDER,
    InputError,
    ParsedFunction,
    exact_point,
    is_vector,
    parse_function,
    parse_point,
    refusal,
    symbol,
)
from diffexplain.text.en import TEXT as ENGLISH

DTYPE_NAMES = ("float32", "float64")

DEFAULT_POINT = 1.0
"""Where a variable the caller gave no value for is evaluated (and listed as defaulted)."""

MAX_PARTIALS = 130
"""Partial derivatives per request: 4 variables reach 209 at order 6, too many tapes to show."""

EXPLANATIONS_KEPT = 256
"""Results kept in memory: the same call again returns the same (immutable) Explanation."""

SYMBOLIC_SECONDS = REQUEST_SECONDS
"""Hard limit for all SymPy work of one request; the worker is killed past it (sooner when the
request's deadline comes sooner)."""


DERIVATIONS_KEPT = 64
"""Functions whose derivatives are remembered, so a new point or order derives nothing twice."""


@dataclass(frozen=True)
class Request:
    """A checked request: parsed function, full point, order and dtype."""

    parsed: ParsedFunction
    point: dict[str, float]
    defaulted: tuple[str, ...]
    order: int
    dtype: str
    exact_point: dict[str, sympy.Expr]
    """The point as written, exactly: 0.1 is 1/10 and pi/2 is π/2, not the nearest float (where
    tan has a pole, not a value of 10¹⁶). The tapes get `point`, the floats nearest to it."""


def _check_order(order: Any) -> int:
    if isinstance(order, bool) or not isinstance(order, int | str):
        raise InputError(
            "invalid_option", f"the order must be a whole number from 1 to {MAX_ORDER}"
        )
    try:
        number = int(order)
    except ValueError:
        raise InputError(
            "invalid_option",
            f"the order must be a whole number from 1 to {MAX_ORDER}, not {order!r}",
        ) from None
    if not 1 <= number <= MAX_ORDER:
        raise InputError("invalid_option", f"the order must be from 1 to {MAX_ORDER}, not {number}")
    return number


def checked_point(
    variables: tuple[str, ...], point: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, float], tuple[str, ...]]:
    """The point as typed (a missing variable at `DEFAULT_POINT`), as floats, and the
    variables that took the default; InputError for a variable the function does not have."""
    given = dict(point or {})
    unknown = sorted(set(given) - set(variables))
    if unknown:
        raise refusal("invalid_point", "no_variable", name=unknown[0], names=", ".join(variables))
    typed = {name: given.get(name, DEFAULT_POINT) for name in variables}
    values = {name: parse_point(value) for name, value in typed.items()}
    defaulted = tuple(name for name in variables if name not in given)
    return typed, values, defaulted


def prepare(
    text: str, point: dict[str, Any] | None = None, order: Any = 2, dtype: str = "float64"
) -> Request:
    """Check every input; raise InputError naming the first problem."""
    order = _check_order(order)
    if dtype not in DTYPE_NAMES:
        raise InputError("invalid_option", f"dtype must be float32 or float64, not {dtype!r}")
    parsed = parse_function(text)
    if not parsed.variables:  # "3" or "pi^2": a constant function of x, whose derivatives are 0
        parsed = dataclasses.replace(parsed, variables=("x",), symbols=(symbol("x"),))
    typed, values, defaulted = checked_point(parsed.variables, point)
    count = len(symbolic.partials(parsed.variables, order))
    if count > MAX_PARTIALS:
        raise refusal(
            "too_large",
            "partials",
            variables=len(parsed.variables),
            order=order,
            count=count,
            limit=MAX_PARTIALS,
        )
    exact = {name: exact_point(value) for name, value in typed.items()}
    return Request(parsed, values, defaulted, order, dtype, exact)


def symbolic_part(
    request: Request, deadline: Deadline | None = None, wanted: Callable[[], bool] | None = None
) -> symbolic.SymbolicResult:
    """SymPy's derivatives and exact values, computed in a worker process under a time limit
    (`SYMBOLIC_SECONDS`, or what is left before `deadline`); stopped early once `wanted()`
    turns False (the tapes were refused meanwhile).

    Derivatives of the same function found by an earlier request are sent along, not derived
    and simplified again: a new point or a new order costs only what is new.
    """
    from diffexplain.core.worker import BudgetExceeded, WorkerLost, always_wanted, run_bounded

    seconds = step_seconds(deadline, SYMBOLIC_SECONDS)
    try:
        result = run_bounded(
            symbolic.analyze,
            request.parsed.expr,
            request.parsed.symbols,
            request.order,
            request.exact_point,
            symbolic.SIMPLIFY_SECONDS,
            _derivations.known(request),
            seconds=seconds,
            wanted=wanted or always_wanted,
        )
    except WorkerLost:  # not the function's fault: the same request will work again
        raise refusal("timeout", "worker_lost") from None
    except BudgetExceeded as overrun:
        raise refusal("timeout", "sympy_time", order=request.order, reason=overrun.said) from None
    except RuntimeError as failure:  # SymPy itself failed on this function: say so, plainly
        raise refusal("too_large", "sympy_failed", failure=str(failure)) from None
    _derivations.remember(request, result)
    return result


class _Derivations:
    """The derivatives worked out so far, per function (its expression and variables)."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._by_function: collections.OrderedDict = collections.OrderedDict()
        self._lock = threading.Lock()

    def known(self, request: Request) -> tuple[symbolic.Derived, ...]:
        """Those up to the request's order that were simplified in full (others are retried)."""
        wanted = set(symbolic.partials(request.parsed.variables, request.order))
        with self._lock:
            derived = self._by_function.get(self._key(request), {})
        return tuple(d for wrt, d in derived.items() if wrt in wanted and not d[3])

    def remember(self, request: Request, result: symbolic.SymbolicResult) -> None:
        key = self._key(request)
        with self._lock:
            derived = self._by_function.pop(key, {})
            for d in result.derivatives:
                derived[d.wrt] = (d.wrt, d.raw, d.simplified, d.simplify_note)
            self._by_function[key] = derived
            while len(self._by_function) > self._kept:
                self._by_function.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._by_function.clear()

    def forms(self, expr: sympy.Expr, symbols: tuple) -> dict[tuple[str, ...], sympy.Expr]:
        """The simplified form of each derivative of this function found so far, by wrt."""
        with self._lock:
            derived = self._by_function.get((expr, symbols), {})
            return {wrt: d[2] for wrt, d in derived.items()}

    @staticmethod
    def _key(request: Request) -> tuple:
        return request.parsed.expr, request.parsed.symbols


_derivations = _Derivations(DERIVATIONS_KEPT)


def shown_forms(expr: Any, variables: tuple[str, ...]) -> dict[tuple[str, ...], sympy.Expr]:
    """The derivatives of `expr` as the page shows them (SymPy's simplified forms), by wrt:
    those this process has derived and still remembers (the steps of the order above start
    from them)."""
    return _derivations.forms(expr, tuple(symbol(name) for name in variables))


def autodiff_part(request: Request, size: TapeSize | None = None, deadline: Deadline | None = None):
    """The same derivatives from nested GradientTapes (imports TensorFlow on first use).

    Refused before they run when `size` (from `record_part`) says they would run more than
    `MAX_TAPE_OPS` ops, and when `deadline` passes while they run (a busy machine).
    """
    from diffexplain.core import tape

    if size is not None:
        refuse_oversized(request, size)
    try:
        return tape.taped_derivatives(
            request.parsed.expr,
            request.parsed.symbols,
            request.point,
            request.order,
            request.dtype,
            step_deadline(deadline),
        )
    except OutOfTime:
        raise refusal(
            "timeout", "tape_time", order=request.order, seconds=REQUEST_SECONDS
        ) from None


def refuse_oversized(request: Request, size: TapeSize) -> None:
    """Raise InputError (too_large) when the tapes would run more than `MAX_TAPE_OPS` ops,
    saying how many and which order fits.

    >>> sizes = TapeSize(counted=(6, 35, 181, 697, 2410), order=6)  # (x² + y²)^(xy)
    >>> try:
    ...     refuse_oversized(prepare("(x^2 + y^2)^(x y)", order=6), sizes)
    ... except InputError as refused:
    ...     print(refused.message[:61], "…", refused.message[-31:])
    order 6 of this function needs about 40,000 ops on the tapes, … order 5 fits (about 12,000 ops)
    """
    if size.ops() <= MAX_TAPE_OPS:
        return
    fits = size.fits(MAX_TAPE_OPS)
    shared = {
        "order": request.order,
        "ops": about(size.ops(), size.exact),
        "limit": MAX_TAPE_OPS,
        "seconds": REQUEST_SECONDS,
    }
    if fits == 0:
        raise refusal("too_large", "tape_ops_none", **shared)
    fits_ops = about(size.ops(fits), fits < len(size.counted))
    raise refusal("too_large", "tape_ops", fits=fits, fits_ops=fits_ops, **shared)


def about(ops: int, exact: bool) -> int:
    """A count as the visitor reads it: exact when counted, to two digits when predicted.

    >>> about(40475, exact=False), about(40475, exact=True)
    (40000, 40475)
    """
    return ops if exact or ops < 100 else round(ops, 2 - len(str(ops)))


@dataclass(frozen=True)
class Row(agree.Judged):
    """One line of the agreement table: a derivative, exactly and by the tape."""

    order: int
    wrt: tuple[str, ...]
    name: str
    expression: str
    latex: str
    expression_raw: str
    latex_raw: str
    simplify_note: str
    ops_raw: int
    ops_simplified: int
    symbolic: float
    autodiff: float
    abs_error: float
    rel_error: float
    agree: bool
    note_parts: agree.Note
    known: bool = True  # False: no digit of the exact value is certain ("unknown")


@dataclass(frozen=True)
class Explanation:
    """Everything the app shows for one function, point, order and dtype."""

    expression: str
    latex: str
    variables: tuple[str, ...]
    point: dict[str, float]
    defaulted: tuple[str, ...]
    order: int
    dtype: str
    value: agree.Verdict
    value_autodiff: float
    derivatives: tuple[Row, ...]
    none_gradients: tuple[tuple[str, ...], ...]
    graph: Any = None  # tape_graph.TapeGraph: the ops of the tapes that fit (None if none)
    graph_note_parts: agree.Note = ()  # why the graph is missing or shows fewer tapes
    finite_differences: tuple = ()  # tape.FiniteDifference, first and second partials
    forward_mode: tuple[tuple[str, float | None], ...] = ()  # (variable, ∂f/∂variable)
    expr: Any = None  # the parsed SymPy expression (its str does not always parse back)
    tape_size: TapeSize | None = None  # ops per stage of all the tapes, counted or predicted
    complete: bool = True  # False: the deadline, not the size, cut the graph (not cached)

    @property
    def graph_note(self) -> str:
        """Why the graph is missing or shows fewer tapes than the order, in English."""
        return agree.words(self.graph_note_parts, ENGLISH)

    def steps(self, seconds: float | None = None) -> list[dict]:
        """The step-by-step derivation of every partial up to the order, the first partials'
        steps tied to the graph's op ids; each higher one differentiates the formula of the
        one below as the table shows it.

        Computed on demand (a SymPy job in the worker, up to a few seconds); [] when there is
        no expression or the worker was stopped at `seconds` (`steps.STEPS_SECONDS` by
        default); a derivative its time or size did not allow is refused in its own row.
        """
        from diffexplain.core.steps import STEPS_SECONDS, steps_as_dicts

        seconds = STEPS_SECONDS if seconds is None else min(seconds, STEPS_SECONDS)
        if seconds < LEAST_SECONDS or self.expr is None:
            return []
        shown = shown_forms(self.expr, self.variables)
        return steps_as_dicts(self.expr, self.variables, self.graph, seconds, self.order, shown)

    @property
    def swell(self) -> list[dict[str, int]]:
        """Per order: the largest symbolic derivative (raw, simplified) against tape op counts.

        The tape count is every op run to get all derivatives up to that order.
        """
        rows = []
        for order in range(1, self.order + 1):
            of_order = [r for r in self.derivatives if r.order == order]
            tape_ops = None  # counted ops only, never a prediction
            if self.tape_size is not None and order < len(self.tape_size.counted):
                tape_ops = self.tape_size.ops(order)
            elif self.graph is not None and order <= len(self.graph.backward_ops):
                tape_ops = self.graph.forward_ops + sum(self.graph.backward_ops[:order])
            rows.append(
                {
                    "order": order,
                    "symbolic_ops": max((r.ops_raw for r in of_order), default=0),
                    "symbolic_ops_simplified": max((r.ops_simplified for r in of_order), default=0),
                    "tape_ops": tape_ops,
                }
            )
        return rows

    @property
    def all_agree(self) -> bool:
        return self.value.agree and all(row.agree for row in self.derivatives)

    def to_dict(self, steps_seconds: float | None = None) -> dict[str, Any]:
        """Plain JSON data; ∞ and NaN as the strings "inf", "-inf", "nan".

        `tape.ops_per_stage`: the forward pass and each tape, counted for the first
        `stages_counted`, predicted for the rest (`budget.TapeSize`).
        """
        return {
            "expression": self.expression,
            "latex": self.latex,
            "variables": list(self.variables),
            "point": {name: _json_number(v) for name, v in self.point.items()},
            "defaulted": list(self.defaulted),
            "order": self.order,
            "dtype": self.dtype,
            "value": {
                "symbolic": _json_number(self.value.symbolic),
                "autodiff": _json_number(self.value_autodiff),
                "agree": self.value.agree,
                "status": self.value.status,
                "note": self.value.note,
            },
            "derivatives": [
                {
                    "order": row.order,
                    "wrt": list(row.wrt),
                    "name": row.name,
                    "expression": row.expression,
                    "latex": row.latex,
                    "expression_raw": row.expression_raw,
                    "latex_raw": row.latex_raw,
                    "symbolic": _json_number(row.symbolic),
                    "autodiff": _json_number(row.autodiff),
                    "abs_error": _json_number(row.abs_error),
                    "rel_error": _json_number(row.rel_error),
                    "agree": row.agree,
                    "status": row.status,
                    "note": row.note,
                }
                for row in self.derivatives
            ],
            "finite_difference": [
                {
                    "order": len(d.wrt),
                    "wrt": list(d.wrt),
                    "value": _json_number(d.value),
                    "step": d.step,
                }
                for d in self.finite_differences
            ],
            "forward_mode": [
                {
                    "wrt": [name],
                    "value": _json_number(0.0 if value is None else value),
                    "none": value is None,
                }
                for name, value in self.forward_mode
            ],
            "swell": self.swell,
            "steps": self.steps(steps_seconds),
            "tape": {
                "tapes": self.order,
                "none_gradients": [list(wrt) for wrt in self.none_gradients],
                **(self.graph.to_dict() if self.graph is not None else {}),
                "note": self.graph_note,
                **(
                    {
                        "ops_per_stage": list(self.tape_size.stages),
                        "stages_counted": len(self.tape_size.counted),
                    }
                    if self.tape_size is not None
                    else {}
                ),
            },
        }


def _json_number(value: float) -> float | str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def checks_part(request: Request) -> tuple[tuple, tuple]:
    """The other two ways: central differences (float64) and forward-mode first derivatives."""
    from diffexplain.core import tape

    parsed = request.parsed
    differences = tuple(
        d
        for d in tape.central_differences(parsed.expr, parsed.symbols, request.point)
        if len(d.wrt) <= request.order
    )
    forward = tape.forward_mode_gradient(parsed.expr, parsed.symbols, request.point, request.dtype)
    return differences, tuple(forward.items())


@dataclass(frozen=True)
class Recorded:
    """What `record_part` found: the graph of the tapes that fit (or None), why it is not all
    of them (a note), the size of all the tapes, and whether the deadline cut it short."""

    graph: Any = None
    note_parts: agree.Note = ()
    size: TapeSize | None = None
    out_of_time: bool = False


def record_part(request: Request, deadline: Deadline | None = None) -> Recorded:
    """The ops the nested tapes run, as a graph valued at the point, for the tapes that fit in
    `MAX_GRAPH_OPS`; counting them is how the tapes' size is known before they run."""
    from diffexplain.core import record

    try:
        recording = record.record_within(
            request.parsed.expr,
            request.parsed.symbols,
            request.point,
            request.order,
            request.dtype,
            MAX_GRAPH_OPS,
            step_deadline(deadline),
        )
    except Exception as error:  # noqa: BLE001 - the values stand without the picture
        failed = f"{type(error).__name__}: {error}"
        return Recorded(note_parts=(("graph.failed", {"error": failed}),))
    return Recorded(
        recording.graph,
        _graph_note(request.order, recording),
        recording.size,
        recording.out_of_time,
    )


def _graph_note(order: int, recording) -> agree.Note:
    size, graph = recording.size, recording.graph
    if recording.out_of_time:
        return (("graph.time", {"seconds": f"{REQUEST_SECONDS:g}"}),)
    shown = len(graph.backward_ops) if graph is not None else 0
    if shown == order:
        return ()
    values = {
        "order": str(order),
        "ops": f"{about(size.ops(), size.exact):,}",
        "limit": f"{MAX_GRAPH_OPS:,}",
    }
    if graph is None:
        return (("graph.none_fits", values),)
    counted = graph.forward_ops + sum(graph.backward_ops)
    shown_values = {"shown": str(shown), "last": str(shown - 1), "count": f"{counted:,}"}
    return (("graph.too_big", {**values, **shown_values}),)  # t0 ... t{last}, as in the notes


def stored_point(request: Request) -> Request | None:
    """The request at the point as the tape's dtype stores it, where that is not the point
    typed (float32 holds 1.001 as 1.00100004673…); None where nothing was rounded.

    >>> stored_point(prepare("1/(x-1)", {"x": "1.001"}, 1, "float32")).exact_point
    {'x': 8396997/8388608}
    """
    if request.dtype != "float32":
        return None
    stored = {
        name: sympy.Rational(float(np.float32(value))) for name, value in request.point.items()
    }
    if stored == request.exact_point:
        return None
    return dataclasses.replace(request, exact_point=stored)


def _corner_names(derivative: symbolic.SymbolicDerivative, corner: str) -> str:
    """The pieces switching at the point, for a derivative found by its definition there."""
    if not derivative.at_corner:
        return ""
    return corner or "f"


class _Causes:
    """What the tape's forward pass met at the point (`causes.diagnose`), worked out once and
    only where some value needs explaining: a tape value that is not finite, or that differs
    from a finite exact value beyond the tolerance's absolute part."""

    def __init__(self, request: Request, exact: symbolic.SymbolicResult, taped) -> None:
        self._request, self._taped = request, taped
        self._found: tuple | None = None

    def at(self, exact: symbolic.ExactValue, autodiff: float) -> tuple:
        tolerance = agree.TOLERANCES[self._request.dtype]
        value = agree.round_to(exact.value, self._request.dtype)
        close = (
            math.isfinite(value)
            and math.isfinite(autodiff)
            and abs(autodiff - value) <= tolerance.absolute + tolerance.relative * abs(value)
            and value * autodiff >= 0
        )
        if close or (math.isnan(value) and math.isnan(autodiff)):
            return ()
        if self._found is None:
            from diffexplain.core.causes import diagnose

            request = self._request
            self._found = diagnose(
                request.parsed.expr, request.point, request.dtype, request.exact_point
            )
        return self._found


def combine(
    request: Request,
    exact: symbolic.SymbolicResult,
    taped,
    recorded: Recorded = Recorded(),
    checks: tuple[tuple, tuple] = ((), ()),
    stored: symbolic.SymbolicResult | None = None,
) -> Explanation:
    """Put the two computations side by side, row by row.

    `stored`: SymPy's values at `stored_point(request)`, to tell a difference that comes from
    rounding the input apart from one that comes from differentiating.
    """
    corner = ", ".join(k.replace("Abs(", "abs(").replace("**", "^") for k in exact.kinks)
    at_stored = {d.wrt: d.exact for d in stored.derivatives} if stored else {}
    if stored:
        at_stored[()] = stored.value
    shown_point = ", ".join(
        f"{name} = {float(np.float32(value)):.9g}" for name, value in request.point.items()
    )
    found = _Causes(request, exact, taped)
    axis_of_f = exact.value.how == "paths"

    def judged(exact_value, wrt, **extra) -> agree.Verdict:
        verdict = agree.judge(
            exact_value,
            taped.values[wrt],
            request.dtype,
            causes=found.at(exact_value, taped.values[wrt]),
            order=len(wrt),
            typed_no_value=exact.value.how == "limit",
            **extra,
        )
        if wrt in at_stored:
            verdict = agree.input_rounding(
                verdict, at_stored[wrt], taped.values[wrt], request.dtype, shown_point
            )
        return verdict

    rows = []
    for derivative in exact.derivatives:
        verdict = judged(
            derivative.exact,
            derivative.wrt,
            was_none=derivative.wrt in taped.none,
            through_corner=_corner_names(derivative, corner),
            along_axis=derivative.wrt[0] if axis_of_f and derivative.order == 1 else "",
        )
        rows.append(
            Row(
                order=derivative.order,
                wrt=derivative.wrt,
                name=derivative_name(derivative.wrt, request.parsed.variables),
                expression=derivative.text_simplified or str(derivative.simplified),
                latex=derivative.latex_simplified,
                expression_raw=derivative.text_raw or str(derivative.raw),
                latex_raw=derivative.latex_raw,
                simplify_note=derivative.simplify_note,
                ops_raw=derivative.ops_raw,
                ops_simplified=derivative.ops_simplified,
                symbolic=verdict.symbolic,
                autodiff=taped.values[derivative.wrt],
                abs_error=verdict.abs_error,
                rel_error=verdict.rel_error,
                agree=verdict.agree,
                note_parts=verdict.note_parts,
                known=verdict.known,
            )
        )
    expr = request.parsed.expr
    return Explanation(
        expression=str(expr),
        latex=symbolic.to_latex(expr),
        variables=request.parsed.variables,
        point=request.point,
        defaulted=request.defaulted,
        order=request.order,
        dtype=request.dtype,
        value=judged(exact.value, ()),
        value_autodiff=taped.values[()],
        derivatives=tuple(rows),
        none_gradients=taped.none,
        graph=recorded.graph,
        graph_note_parts=recorded.note_parts,
        expr=request.parsed.expr,
        finite_differences=checks[0],
        forward_mode=checks[1],
        tape_size=recorded.size,
        complete=not recorded.out_of_time,
    )


def side_by_side(
    request: Request,
    exact: symbolic.SymbolicResult,
    taped,
    recorded: Recorded = Recorded(),
    checks: tuple[tuple, tuple] = ((), ()),
    deadline: Deadline | None = None,
) -> Explanation:
    """`combine`; where a float32 value differs, SymPy once more at the point float32 stores
    (the derivatives are known: only values), so the note can say when rounding the input, not
    differentiating, explains the difference (when there is time left before `deadline`)."""
    result = combine(request, exact, taped, recorded, checks)
    stored = stored_point(request)
    if result.all_agree or stored is None:
        return result
    if seconds_left(deadline, SYMBOLIC_SECONDS) < LEAST_SECONDS:
        return result
    try:
        at_stored = symbolic_part(stored, deadline)
    except InputError:  # out of time: the plain verdicts stand
        return result
    return combine(request, exact, taped, recorded, checks, at_stored)


def explain(
    text: str,
    point: dict[str, Any] | None = None,
    order: Any = 2,
    dtype: str = "float64",
    *,
    deadline: Deadline | None = None,
) -> Explanation:
    """Exact (SymPy) and automatic (nested GradientTape) derivatives of `text` at `point`.

    Args:
        text: the function as a visitor types it, e.g. "sin(x)*exp(x)" or "x y + y^2".
        point: variable name → number (or a constant such as "pi/4"); missing ones are 1.0.
        order: highest derivative order, 1 to 6; every distinct partial up to it is computed.
        dtype: "float32" or "float64", the precision of the tape.
        deadline: when the work must be done (`budget.Deadline`); by default
            `budget.WORK_SECONDS` from now, so the answer comes within `REQUEST_SECONDS`.
            Tapes too big for that time are refused before they run (`budget.MAX_TAPE_OPS`);
            a graph too big shows the tapes that fit, with a note.

    The same call again returns the cached result.

    A bracketed list ("[x*y, sin(x)]") is refused: `vector.explain_vector` gives its Jacobian.

    Raises:
        InputError: anything about the inputs, with a message for the visitor; `too_large`
            when the tapes would not fit, `timeout` when the machine was too busy.
    """
    deadline = deadline or Deadline.start()
    order = _check_order(order)
    if not isinstance(dtype, str) or dtype not in DTYPE_NAMES:
        raise InputError("invalid_option", f"dtype must be float32 or float64, not {dtype!r}")
    if not isinstance(text, str):
        raise InputError("syntax", 'the function must be text, e.g. "sin(x)*exp(x)"')
    if is_vector(text):  # [x*y, sin(x)]: its first derivatives are a Jacobian matrix
        raise refusal("syntax", "vector_api")
    key = (text, _hashable(point), order, dtype)
    kept = _explained.get(key)
    if kept is None:
        kept = _explain_once(text, key[1], order, dtype, deadline)
        if kept.complete:  # a graph the deadline cut says how busy the machine was: not kept
            _explained.keep(key, kept)
    return kept


def _hashable(point: dict[str, Any] | None) -> tuple | None:
    if point is None:
        return None
    try:
        items = tuple(sorted(point.items()))
        hash(items)
    except TypeError:
        raise InputError("invalid_point", "point values must be numbers or text") from None
    return items


class Kept:
    """The latest `kept` values by key, shared between threads (a bounded LRU under a lock)."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._values: collections.OrderedDict = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def keep(self, key: Any, value: Any) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._kept:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_explained = Kept(EXPLANATIONS_KEPT)
"""Explanations by input (frozen, so shareable); one the deadline cut short is not kept."""


def _explain_once(
    text: str, point: tuple | None, order: int, dtype: str, deadline: Deadline
) -> Explanation:
    """One computation: SymPy in its own process while TensorFlow works here: the graph first
    (its ops tell the tapes' size), then the tapes, unless that size refuses them; a refusal
    stops SymPy's job too."""
    request = prepare(text, dict(point or ()), order, dtype)
    refused = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as helper:
        exact = helper.submit(symbolic_part, request, deadline, lambda: not refused.is_set())
        try:
            recorded = record_part(request, deadline)
            taped = autodiff_part(request, recorded.size, deadline)
            checks = checks_part(request)
        except BaseException:
            refused.set()  # the worker drops the job within worker.WAIT_SLICE_SECONDS
            raise
        return side_by_side(request, exact.result(), taped, recorded, checks, deadline)


def clear_cache() -> None:
    """Forget every cached explanation and derivation (the benchmark measures first calls)."""
    _explained.clear()
    _derivations.clear()
