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

from diffexplain.core.causes import Cause
from diffexplain.core.symbolic import ExactValue
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


class Judged:
    """What every judged value says of itself: its note in English and its status. Mixed into
    the dataclasses that hold `agree`, `known` and `note_parts` (a verdict, a table row, a
    Jacobian entry)."""

    @property
    def note(self) -> str:
        """The note in English ("" when there is nothing to say)."""
        return words(self.note_parts, ENGLISH)

    @property
    def status(self) -> str:
        """ "agree", "differ" or "unknown" (the exact value is unknown)."""
        return "unknown" if not self.known else "agree" if self.agree else "differ"


@dataclass(frozen=True)
class Verdict(Judged):
    """The comparison of one value: the exact one rounded to the dtype, errors, and why.

    known: False where the exact value is unknown (no digit of it certain): then there is
    nothing to hold the tape to, and `agree` is False without the tape being wrong.
    """

    symbolic: float
    abs_error: float
    rel_error: float
    agree: bool
    note_parts: Note = ()
    known: bool = True


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
    causes: tuple[Cause, ...] = (),
    order: int = 0,
    typed_no_value: bool = False,
    along_axis: str = "",
) -> Verdict:
    """Compare one exact value with what the tape gave, and say in words what happened.

    Args:
        exact: SymPy's value at the point, rounded to float64 (and how it was found).
        autodiff: the tape's value.
        dtype: "float32" or "float64".
        was_none: the tape returned None for this derivative (shown as 0).
        through_corner: the non-smooth parts (|x|, relu(x)) switching at the point, where this
            derivative was found by its definition.
        causes: what the tape's forward pass met at the point (`causes.diagnose`).
        order: the row's order of differentiation (0 for f).
        typed_no_value: f as typed has no value at the point (0/0): its value is a limit.
        along_axis: the variable along which a partial derivative was taken as a slope where f
            of several variables has no limit.
    """
    symbolic = round_to(exact.value, dtype)
    tolerance = TOLERANCES[dtype]
    notes: list[tuple[str, dict[str, str]]] = []
    if was_none:
        notes.append(("note.none", {}))
    notes.extend(_how_found(exact, through_corner, along_axis))
    if exact.kind == "unknown":
        return Verdict(math.nan, math.nan, math.nan, False, tuple(notes), known=False)
    why = _Why(exact, autodiff, dtype, causes, order, typed_no_value, bool(through_corner))

    if symbolic == 0 and (exact.about or exact.value != 0):
        # e^-800 is 3.6e-348: float64 (or float32) holds it as 0, and so does the column
        about = exact.about or f"{exact.value:.3g}"
        notes.append(("note.too_small", {"about": about, "dtype": dtype}))
    if math.isfinite(symbolic) and math.isfinite(autodiff):
        abs_error = abs(autodiff - symbolic)
        rel_error = abs_error / abs(symbolic) if symbolic else (0.0 if abs_error == 0 else math.inf)
        agree = abs_error <= tolerance.absolute + tolerance.relative * abs(symbolic)
        if agree and symbolic * autodiff < 0:
            # under the absolute tolerance, but the sign is wrong: not one digit is right
            agree = False
            notes.append(("note.opposite_sign", {"dtype": dtype}))
            notes.extend(why.finite())
        elif not agree:
            notes.append(("note.differs", {"dtype": dtype}))
            notes.extend(why.finite())
        return Verdict(symbolic, abs_error, rel_error, agree, tuple(notes))

    agree, more = _non_finite(exact, symbolic, autodiff, dtype, explained=bool(notes), why=why)
    same = symbolic == autodiff or (math.isnan(symbolic) and math.isnan(autodiff))
    abs_error = 0.0 if same else math.inf
    return Verdict(symbolic, abs_error, abs_error, agree, (*notes, *more))


def _short(value: float) -> str:
    """A one-sided value for a sentence: 0.5, −1, +∞."""
    if math.isnan(value):
        return "?"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    return f"{value:.6g}".replace("-", "−")


def _how_found(exact: ExactValue, corner: str, along_axis: str) -> list:
    """Clauses on how the exact value was found, where that is not plain substitution."""
    clauses = []
    if exact.how == "definition" and corner:
        if exact.sides and exact.kind == "undefined":
            left, right = (_short(side) for side in exact.sides)
            clauses.append(("note.corner.none", {"part": corner, "left": left, "right": right}))
        elif exact.kind == "undefined":
            clauses.append(("note.corner.no_limit", {"part": corner}))
        elif exact.kind != "unknown":
            clauses.append(("note.corner.exists", {"part": corner, "value": _short(exact.value)}))
    elif exact.how == "definition" and exact.kind != "unknown" and not along_axis:
        if exact.kind != "undefined":
            clauses.append(("note.definition.exists", {}))
        elif exact.sides:
            left, right = (_short(side) for side in exact.sides)
            clauses.append(("note.definition.sides", {"left": left, "right": right}))
        else:
            clauses.append(("note.definition.none", {}))
    elif exact.how == "paths":
        clauses.append(_paths_clause(exact))
    elif exact.how == "parent":
        clauses.append(("note.parent_none", {}))
    if along_axis:
        clauses.append(("note.axis_slope", {"variable": along_axis}))
    if exact.kind == "unknown" and exact.how != "paths":
        key = "note.unknown.digits" if exact.how == "" else "note.unknown.limit"
        clauses.append((key, {}))
    return clauses


def _paths_clause(exact: ExactValue) -> tuple[str, dict[str, str]]:
    """f of several variables at a 0/0 point: the curves that show it has no limit, or the
    ones that agreed without proving one."""
    paths = exact.paths
    if exact.kind == "undefined" and len(paths) == 2:
        (a_path, a), (b_path, b) = paths
        fields = {"a_path": a_path, "a": _short(a), "b_path": b_path, "b": _short(b)}
        return "note.no_limit.paths", fields
    if exact.kind == "undefined" and paths:
        return "note.no_limit.path", {"path": paths[0][0]}
    if paths:
        curves = "; ".join(path for path, _ in paths)
        return "note.limit.unproven", {"paths": curves, "value": _short(paths[0][1])}
    return "note.limit.undecided", {}


class _Why:
    """The causes (from `causes.diagnose`) that fit one row's mismatch, as clauses."""

    def __init__(self, exact, autodiff, dtype, causes, order, typed_no_value, at_corner):
        self.exact, self.autodiff, self.dtype = exact, autodiff, dtype
        self.causes, self.order = causes, order
        self.typed_no_value, self.at_corner = typed_no_value, at_corner

    def _of(self, *kinds: str) -> list[Cause]:
        return [c for c in self.causes if c.kind in kinds]

    def _clause(self, cause: Cause) -> tuple[str, dict[str, str]]:
        fields = {"node": cause.node, "dtype": self.dtype, **cause.fields}
        if cause.kind == "cancellation" and int(cause.fields["digits"]) >= int(
            cause.fields["total"]
        ):
            return "note.cause.cancellation_all", fields
        if cause.kind == "off_corner":
            side = cause.fields.get("side")
            sides = self.exact.sides
            if side and sides and math.isfinite(sides[side == "right"]):
                fields["slope"] = _short(sides[side == "right"])
                return f"note.cause.off_corner_{side}", fields
        return "note.cause." + cause.kind, fields

    def finite(self) -> list:
        """Why a finite tape value differs from a finite exact one."""
        found = self._of("off_corner") or self._of("cancellation", "underflow", "overflow")
        clauses = [self._clause(c) for c in found]
        if not clauses and self.at_corner and self.exact.how == "definition":
            clauses.append(("note.tape_convention.wrong", {}))
        return clauses

    def non_finite_tape(self) -> list:
        """Why the tape gives nan or ±∞ where the exact value is finite."""
        clauses = [self._clause(c) for c in self._of("divide_by_zero")[:1]]
        if self.typed_no_value or self.exact.how == "limit":
            clauses.append(("note.limit_as_typed", {}))
        clauses.extend(self._clause(c) for c in self._of("overflow"))
        if math.isnan(self.autodiff):
            powers = [c for c in self._of("pow_zero") if self.order >= int(c.fields["order"])]
            clauses.extend(self._clause(c) for c in powers[:1])
        return clauses

    def finite_tape_without_exact(self) -> list:
        """Why the tape gives a number where the exact value does not exist."""
        off = self._of("off_corner")
        if off:
            return [self._clause(c) for c in off]
        if self.at_corner or self.exact.how == "parent":
            return [("note.tape_convention", {"value": _show(self.autodiff)})]
        return []


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
    if verdict.agree or not verdict.known or not math.isfinite(verdict.symbolic):
        return verdict
    again = judge(at_stored, autodiff, dtype)
    if not again.agree or not math.isfinite(again.symbolic):
        return verdict
    clause = (
        "note.input_rounding",
        {"dtype": dtype, "point": point, "value": f"{again.symbolic:.9g}"},
    )
    kept = tuple(part for part in verdict.note_parts if not part[0].startswith("note.cause."))
    kept = tuple(part for part in kept if part[0] != "note.differs")
    return dataclasses.replace(verdict, note_parts=(*kept, clause))


def _non_finite(
    exact: ExactValue, symbolic: float, autodiff: float, dtype: str, *, explained: bool, why
) -> tuple[bool, list[tuple[str, dict[str, str]]]]:
    """Agreement and words when either value is ∞ or NaN. `explained`: a clause already says
    why the exact value is what it is (a corner, a curve, a parent that does not exist)."""
    value = {"value": _show(autodiff), "dtype": dtype}
    if math.isnan(symbolic):
        reason = [] if explained else [(_WHY_UNDEFINED.get(exact.kind, "note.why.undefined"), {})]
        if math.isnan(autodiff):
            return True, [("note.both_undefined", {}), *reason]
        tape = why.finite_tape_without_exact()
        if not tape or tape[0][0] != "note.tape_convention":  # that one says the value itself
            tape.insert(0, ("note.autodiff_still", value))
        return False, [*reason, *tape]
    if math.isinf(symbolic):
        overflow = exact.kind in ("finite", "overflow")
        where = ("note.too_large" if overflow else "note.infinite", value)
        if autodiff == symbolic:
            return True, [("note.both_equal", value), where]
        return False, [where, ("note.autodiff_gives", value)]
    return False, [("note.autodiff_where_finite", value), *why.non_finite_tape()]


def _show(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    return f"{value:.17g}"
