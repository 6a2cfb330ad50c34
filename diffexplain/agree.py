"""Does autodiff agree with the exact derivative? Errors, a tolerance per dtype, and words.

The exact value is rounded to the dtype first: a float32 tape cannot do better than the float32
nearest to the truth, so that is what it is held to.

>>> judge(ExactValue(6.0, "finite"), 6.0, "float64").agree
True
>>> judge(ExactValue(math.nan, "complex"), math.nan, "float64").note
'both values are undefined; the exact value is not a real number here'
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from diffexplain.symbolic import ExactValue
from diffexplain.text.en import TEXT as ENGLISH


@dataclass(frozen=True)
class Tolerance:
    """|autodiff − exact| ≤ absolute + relative·|exact| counts as agreement."""

    relative: float
    absolute: float


TOLERANCES = {
    "float32": Tolerance(relative=2e-5, absolute=1e-6),
    "float64": Tolerance(relative=1e-9, absolute=1e-12),
}
"""A few hundred units in the last place: room for the rounding of a dozen ops, no more."""

_WHY_UNDEFINED = {
    "complex": "note.why.complex",
    "undefined": "note.why.undefined",
    "no_function": "note.why.no_function",
}

Note = tuple[tuple[str, dict[str, str]], ...]
"""A note as clauses (text key, values to fill in), so each page can say it in its language."""


def words(note: Note, text: dict[str, str]) -> str:
    """The note in the language of `text` (a TEXT dict of diffexplain.text)."""
    return text["note.join"].join(text[key].format(**values) for key, values in note)


@dataclass(frozen=True)
class Verdict:
    """The comparison of one value: the exact one rounded to the dtype, errors, and why."""

    symbolic: float
    abs_error: float
    rel_error: float
    agree: bool
    note_parts: Note = ()

    @property
    def note(self) -> str:
        """The note in English ("" when there is nothing to say)."""
        return words(self.note_parts, ENGLISH)


def round_to(value: float, dtype: str) -> float:
    """The float of `dtype` nearest to `value` (as a Python float)."""
    if dtype == "float32" and math.isfinite(value):
        with np.errstate(over="ignore"):
            return float(np.float32(value))
    return value


def judge(
    exact: ExactValue,
    autodiff: float,
    dtype: str,
    *,
    was_none: bool = False,
    through_corner: str = "",
) -> Verdict:
    """Compare one exact value with what the tape gave, and say in words what happened.

    Args:
        exact: SymPy's value at the point, rounded to float64.
        autodiff: the tape's value.
        dtype: "float32" or "float64".
        was_none: the tape returned None for this derivative (shown as 0).
        through_corner: the non-smooth part (|x|, relu(x)) sitting on its corner, if any.
    """
    symbolic = round_to(exact.value, dtype)
    tolerance = TOLERANCES[dtype]
    notes: list[tuple[str, dict[str, str]]] = []
    if was_none:
        notes.append(("note.none", {}))
    if through_corner:
        notes.append(("note.corner", {"part": through_corner}))

    if math.isfinite(symbolic) and math.isfinite(autodiff):
        abs_error = abs(autodiff - symbolic)
        rel_error = abs_error / abs(symbolic) if symbolic else (0.0 if abs_error == 0 else math.inf)
        agree = abs_error <= tolerance.absolute + tolerance.relative * abs(symbolic)
        if not agree:
            notes.append(("note.differs", {"dtype": dtype}))
        return Verdict(symbolic, abs_error, rel_error, agree, tuple(notes))

    agree, more = _non_finite(exact, symbolic, autodiff, dtype)
    same = symbolic == autodiff or (math.isnan(symbolic) and math.isnan(autodiff))
    abs_error = 0.0 if same else math.inf
    return Verdict(symbolic, abs_error, abs_error, agree, (*notes, *more))


def input_rounding(
    verdict: Verdict, at_stored: ExactValue, autodiff: float, dtype: str, point: str
):
    """A differing verdict looked at again where the tape really worked: at the point as
    `dtype` stores it (float32 holds 1.001 as 1.00100005). Where the tape matches the exact
    value there, the difference came from rounding the input, not from differentiating, and
    the note says so; the verdict itself stands (the numbers do differ).

    >>> differs = judge(ExactValue(1000.0, "finite"), 999.95, "float32")
    >>> again = input_rounding(differs, ExactValue(999.953, "finite"), 999.95, "float32", "x = 1")
    >>> again.agree, [key for key, _ in again.note_parts]
    (False, ['note.input_rounding'])
    """
    if verdict.agree or not math.isfinite(verdict.symbolic):
        return verdict
    again = judge(at_stored, autodiff, dtype)
    if not again.agree or not math.isfinite(again.symbolic):
        return verdict
    clause = (
        "note.input_rounding",
        {"dtype": dtype, "point": point, "value": f"{again.symbolic:.9g}"},
    )
    kept = tuple(part for part in verdict.note_parts if part[0] != "note.differs")
    return dataclasses.replace(verdict, note_parts=(*kept, clause))


def _non_finite(
    exact: ExactValue, symbolic: float, autodiff: float, dtype: str
) -> tuple[bool, list[tuple[str, dict[str, str]]]]:
    """Agreement and words when either value is ∞ or NaN."""
    value = {"value": _show(autodiff), "dtype": dtype}
    if math.isnan(symbolic):
        why = (_WHY_UNDEFINED.get(exact.kind, _WHY_UNDEFINED["undefined"]), {})
        if math.isnan(autodiff):
            return True, [("note.both_undefined", {}), why]
        return False, [why, ("note.autodiff_still", value)]
    if math.isinf(symbolic):
        overflow = exact.kind in ("finite", "overflow")
        where = ("note.too_large" if overflow else "note.infinite", value)
        if autodiff == symbolic:
            return True, [("note.both_equal", value), where]
        return False, [where, ("note.autodiff_gives", value)]
    return False, [("note.autodiff_where_finite", value)]


def _show(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    return f"{value:.17g}"
