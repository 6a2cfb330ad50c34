"""Vector-valued functions [f1, ..., fm]: the Jacobian matrix exactly and by the tape.

`explain_vector()` = `prepare_vector()` (check the list and the point) → `exact_part()`
(SymPy's `Matrix.jacobian`, each entry simplified and valued exactly by `symbolic.analyze`, in
a worker process) beside `tape_part()` (one `tf.GradientTape`, `tape.jacobian` of the stacked
components with respect to the stacked variables) → `combine_vector()` (one verdict per entry
∂fᵢ/∂xⱼ from `agree.judge`). First derivatives only: the Jacobian is the first-order object of
a vector-valued function. The page calls the parts one by one, as it does for one function.

>>> [[e.autodiff for e in row] for row in explain_vector("[x*y, sin(x)]", {"x": 0, "y": 2}).rows]
[[2.0, 0.0], [1.0, 0.0]]
"""

from __future__ import annotations

import concurrent.futures
import math
from dataclasses import dataclass
from typing import Any

import sympy

from diffexplain.core import agree, symbolic
from diffexplain.core.budget import (
    REQUEST_SECONDS,
    Deadline,
    OutOfTime,
    step_deadline,
    step_seconds,
)
from diffexplain.core.explanation import DTYPE_NAMES, SYMBOLIC_SECONDS, Kept, checked_point
from diffexplain.core.parse import (
    InputError,
    ParsedVector,
    exact_point,
    parse_vector,
    refusal,
    symbol,
)

VECTORS_KEPT = 128
"""Vector explanations kept in memory: the same call again returns the same (frozen) result."""


@dataclass(frozen=True)
class VectorRequest:
    """A checked request: the parsed list, the full point (floats for the tape, exact for
    SymPy), the variables given no value, and the dtype."""

    parsed: ParsedVector
    point: dict[str, float]
    defaulted: tuple[str, ...]
    dtype: str
    exact_point: dict[str, sympy.Expr]


def prepare_vector(
    text: str, point: dict[str, Any] | None = None, dtype: str = "float64"
) -> VectorRequest:
    """Check every input; raise InputError naming the first problem."""
    if not isinstance(dtype, str) or dtype not in DTYPE_NAMES:
        raise InputError("invalid_option", f"dtype must be float32 or float64, not {dtype!r}")
    parsed = parse_vector(text)
    if not parsed.variables:  # [1, pi]: constant functions of x, whose Jacobian is 0
        parsed = ParsedVector(
            parsed.text, parsed.normalized, parsed.components, ("x",), (symbol("x"),)
        )
    typed, values, defaulted = checked_point(parsed.variables, point)
    exact = {name: exact_point(value) for name, value in typed.items()}
    return VectorRequest(parsed, values, defaulted, dtype, exact)


@dataclass(frozen=True)
class ExactJacobian:
    """SymPy's side: the matrix in LaTeX, and per component its analysis (the value at the
    point, and one first derivative per variable, in the request's variable order)."""

    latex: str
    components: tuple[symbolic.SymbolicResult, ...]


def exact_jacobian(
    components: tuple[sympy.Expr, ...],
    symbols: tuple[sympy.Symbol, ...],
    point: dict[str, sympy.Expr],
    simplify_seconds: float = symbolic.SIMPLIFY_SECONDS,
) -> ExactJacobian:
    """SymPy's `jacobian` of the components, each entry simplified (a share of
    `simplify_seconds`) and valued at `point` as the main table values a derivative: certified
    digits, limits and definitions where the formula has no value. Runs in a worker process.

    >>> x, y = symbol("x"), symbol("y")
    >>> exact_jacobian((x * y, sympy.sin(x)), (x, y), {"x": 0, "y": 2}).latex
    '\\\\begin{bmatrix}y & x\\\\\\\\\\\\cos{\\\\left(x \\\\right)} & 0\\\\end{bmatrix}'
    """
    matrix = sympy.Matrix(components).jacobian(symbols)
    share = simplify_seconds / max(len(matrix), 1)
    results, simplified = [], []
    for i, component in enumerate(components):
        known = []
        for j, variable in enumerate(symbols):
            form, note = symbolic.simpler_form(matrix[i, j], share)
            known.append(((variable.name,), matrix[i, j], form, note))
        result = symbolic.analyze(component, symbols, 1, point, 0, tuple(known))
        results.append(result)
        simplified.append([d.simplified for d in result.derivatives])
    latex = sympy.latex(sympy.Matrix(simplified), mat_str="bmatrix", mat_delim="")
    if len(latex) > symbolic.MAX_LATEX_CHARS:  # browsers choke on giant formulas
        latex = r"\text{(%d characters of LaTeX: too long to typeset)}" % len(latex)
    return ExactJacobian(latex, tuple(results))


def exact_part(request: VectorRequest, deadline: Deadline | None = None) -> ExactJacobian:
    """`exact_jacobian` in a worker process, killed past `SYMBOLIC_SECONDS` (or the deadline)."""
    from diffexplain.core.worker import BudgetExceeded, WorkerLost, run_bounded

    parsed = request.parsed
    try:
        return run_bounded(
            exact_jacobian,
            tuple(c.expr for c in parsed.components),
            parsed.symbols,
            request.exact_point,
            symbolic.SIMPLIFY_SECONDS,
            seconds=step_seconds(deadline, SYMBOLIC_SECONDS),
        )
    except WorkerLost:
        raise refusal("timeout", "worker_lost") from None
    except BudgetExceeded as overrun:
        raise refusal("timeout", "sympy_time", order=1, reason=overrun.said) from None
    except RuntimeError as failure:
        raise refusal("too_large", "sympy_failed", failure=str(failure)) from None


def tape_part(request: VectorRequest, deadline: Deadline | None = None):
    """`tape.taped_jacobian` at the request's point (imports TensorFlow on first use)."""
    from diffexplain.core import tape

    parsed = request.parsed
    try:
        return tape.taped_jacobian(
            [c.expr for c in parsed.components],
            parsed.symbols,
            request.point,
            request.dtype,
            step_deadline(deadline),
        )
    except OutOfTime:
        raise refusal("timeout", "tape_time", order=1, seconds=REQUEST_SECONDS) from None


@dataclass(frozen=True)
class Entry(agree.Judged):
    """One entry ∂fᵢ/∂xⱼ of the Jacobian, exactly and by the tape (`row`, `column` from 0)."""

    row: int
    column: int
    name: str
    expression: str
    latex: str
    symbolic: float
    autodiff: float
    abs_error: float
    rel_error: float
    agree: bool
    note_parts: agree.Note
    known: bool = True


@dataclass(frozen=True)
class VectorExplanation:
    """Everything the page shows for a vector-valued function at a point, in a dtype."""

    components: tuple[str, ...]
    components_latex: tuple[str, ...]
    variables: tuple[str, ...]
    point: dict[str, float]
    defaulted: tuple[str, ...]
    dtype: str
    jacobian_latex: str
    rows: tuple[tuple[Entry, ...], ...]
    """rows[i][j] is ∂fᵢ/∂xⱼ: one row per component, one column per variable."""
    values_autodiff: tuple[float, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for row in self.rows for entry in row)

    @property
    def all_agree(self) -> bool:
        return all(entry.agree for entry in self.entries)

    @property
    def tape_jacobian(self) -> tuple[tuple[float, ...], ...]:
        return tuple(tuple(entry.autodiff for entry in row) for row in self.rows)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data; ∞ and NaN as the strings "inf", "-inf", "nan"."""
        number = _json_number
        return {
            "components": list(self.components),
            "latex": list(self.components_latex),
            "variables": list(self.variables),
            "point": {name: number(v) for name, v in self.point.items()},
            "defaulted": list(self.defaulted),
            "order": 1,
            "dtype": self.dtype,
            "values_autodiff": [number(v) for v in self.values_autodiff],
            "jacobian": {
                "latex": self.jacobian_latex,
                "symbolic": [[number(e.symbolic) for e in row] for row in self.rows],
                "autodiff": [[number(e.autodiff) for e in row] for row in self.rows],
            },
            "entries": [
                {
                    "row": e.row,
                    "column": e.column,
                    "name": e.name,
                    "expression": e.expression,
                    "latex": e.latex,
                    "symbolic": number(e.symbolic),
                    "autodiff": number(e.autodiff),
                    "abs_error": number(e.abs_error),
                    "rel_error": number(e.rel_error),
                    "agree": e.agree,
                    "status": e.status,
                    "note": e.note,
                }
                for e in self.entries
            ],
            "all_agree": self.all_agree,
        }


def _json_number(value: float) -> float | str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def entry_name(row: int, variable: str) -> str:
    """∂f1/∂x: components are counted from 1, as on the page."""
    return f"∂f{row + 1}/∂{variable}"


def combine_vector(request: VectorRequest, exact: ExactJacobian, taped) -> VectorExplanation:
    """Put the two Jacobians side by side, entry by entry, with `agree.judge`'s verdicts."""
    from diffexplain.core.causes import diagnose

    parsed, dtype = request.parsed, request.dtype
    rows = []
    for i, (component, result) in enumerate(zip(parsed.components, exact.components, strict=True)):
        corner = ", ".join(k.replace("Abs(", "abs(").replace("**", "^") for k in result.kinks)
        causes = None
        row = []
        for j, derivative in enumerate(result.derivatives):
            autodiff = taped.jacobian[i][j]
            if causes is None and not _close(derivative.exact, autodiff, dtype):
                causes = diagnose(component.expr, request.point, dtype, request.exact_point)
            verdict = agree.judge(
                derivative.exact,
                autodiff,
                dtype,
                causes=causes or (),
                order=1,
                typed_no_value=result.value.how == "limit",
                through_corner=(corner or "f") if derivative.at_corner else "",
                along_axis=derivative.wrt[0] if result.value.how == "paths" else "",
            )
            note_parts = verdict.note_parts + _crosstalk(i, j, exact, taped, verdict)
            row.append(
                Entry(
                    row=i,
                    column=j,
                    name=entry_name(i, derivative.wrt[0]),
                    expression=derivative.text_simplified or str(derivative.simplified),
                    latex=derivative.latex_simplified,
                    symbolic=verdict.symbolic,
                    autodiff=autodiff,
                    abs_error=verdict.abs_error,
                    rel_error=verdict.rel_error,
                    agree=verdict.agree,
                    note_parts=note_parts,
                    known=verdict.known,
                )
            )
        rows.append(tuple(row))
    return VectorExplanation(
        components=tuple(str(c.expr) for c in parsed.components),
        components_latex=tuple(symbolic.to_latex(c.expr) for c in parsed.components),
        variables=parsed.variables,
        point=request.point,
        defaulted=request.defaulted,
        dtype=dtype,
        jacobian_latex=exact.latex,
        rows=tuple(rows),
        values_autodiff=taped.values,
    )


def _crosstalk(i: int, j: int, exact: ExactJacobian, taped, verdict) -> agree.Note:
    """Why an entry is NaN where its exact value is finite, when another component is to
    blame: `tape.jacobian` runs row i's backward pass through the whole stacked graph, so the
    other components' ops get a zero upstream gradient, and 0·∞ is NaN (1/x at 0 in
    [1/x, y] makes ∂f2/∂x NaN)."""
    if verdict.agree or not math.isnan(taped.jacobian[i][j]) or not math.isfinite(verdict.symbolic):
        return ()
    others = [
        f"f{k + 1}"
        for k, result in enumerate(exact.components)
        if k != i and (result.value.kind != "finite" or not math.isfinite(taped.jacobian[k][j]))
    ]
    if not others:
        return ()
    return (("note.vector_crosstalk", {"others": ", ".join(others), "row": f"f{i + 1}"}),)


def _close(exact: symbolic.ExactValue, autodiff: float, dtype: str) -> bool:
    """Whether the tape's value needs no explaining (then the forward pass is not diagnosed)."""
    tolerance = agree.TOLERANCES[dtype]
    value = agree.round_to(exact.value, dtype)
    if math.isnan(value) and math.isnan(autodiff):
        return True
    return (
        math.isfinite(value)
        and math.isfinite(autodiff)
        and abs(autodiff - value) <= tolerance.absolute + tolerance.relative * abs(value)
    )


def explain_vector(
    text: str,
    point: dict[str, Any] | None = None,
    dtype: str = "float64",
    *,
    deadline: Deadline | None = None,
) -> VectorExplanation:
    """The Jacobian of a vector-valued function `text` ("[x*y, sin(x)]") at `point`, exactly
    (SymPy) and by `tape.jacobian`, with a verdict per entry. The same call again returns the
    cached result.

    Raises:
        InputError: anything about the inputs, with a message for the visitor; `timeout` when
            the machine was too busy.
    """
    deadline = deadline or Deadline.start()
    if not isinstance(dtype, str) or dtype not in DTYPE_NAMES:
        raise InputError("invalid_option", f"dtype must be float32 or float64, not {dtype!r}")
    try:
        key = (text, tuple(sorted((point or {}).items())), dtype)
        hash(key)
    except TypeError:
        raise InputError("invalid_point", "point values must be numbers or text") from None
    kept = _explained.get(key)
    if kept is None:
        request = prepare_vector(text, point, dtype)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as helper:
            exact = helper.submit(exact_part, request, deadline)
            taped = tape_part(request, deadline)
            kept = combine_vector(request, exact.result(), taped)
        _explained.keep(key, kept)
    return kept


_explained = Kept(VECTORS_KEPT)
"""Vector explanations by input (frozen, so shareable between threads)."""
