"""Does autodiff agree with the exact derivative? Errors, a tolerance per dtype, and words.

The exact value is rounded to the dtype first: a float32 tape cannot do better than the float32
nearest to the truth, so that is what it is held to.

>>> judge(ExactValue(6.0, "finite"), 6.0, "float64").agree
True
>>> judge(ExactValue(math.nan, "complex"), math.nan, "float64").note
'both undefined: the exact value is not a real number here'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from diffexplain.symbolic import ExactValue


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
    "complex": "the exact value is not a real number here",
    "undefined": "the exact value does not exist here (a pole, 0/0 or a corner)",
    "no_function": "f has no finite real value at this point, so this derivative does not exist",
}


@dataclass(frozen=True)
class Verdict:
    """The comparison of one value: the exact one rounded to the dtype, errors, and why."""

    symbolic: float
    abs_error: float
    rel_error: float
    agree: bool
    note: str


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
    notes = []
    if was_none:
        notes.append(
            "TensorFlow's tape.gradient returned None (no path from the variable to this "
            "expression): it means 0"
        )
    if through_corner:
        notes.append(
            f"{through_corner} has a corner at this point: the slopes on its two sides differ, "
            "so the true derivative does not exist; SymPy and TensorFlow both return a "
            "convention (sign(0) = 0, step(0) = 0)"
        )

    if math.isfinite(symbolic) and math.isfinite(autodiff):
        abs_error = abs(autodiff - symbolic)
        rel_error = abs_error / abs(symbolic) if symbolic else (0.0 if abs_error == 0 else math.inf)
        agree = abs_error <= tolerance.absolute + tolerance.relative * abs(symbolic)
        if not agree:
            notes.append(f"differs by more than {dtype} rounding explains")
        return Verdict(symbolic, abs_error, rel_error, agree, "; ".join(notes))

    agree, note = _non_finite(exact, symbolic, autodiff, dtype)
    if note:
        notes.append(note)
    same = symbolic == autodiff or (math.isnan(symbolic) and math.isnan(autodiff))
    abs_error = 0.0 if same else math.inf
    return Verdict(symbolic, abs_error, abs_error, agree, "; ".join(notes))


def _non_finite(
    exact: ExactValue, symbolic: float, autodiff: float, dtype: str
) -> tuple[bool, str]:
    """Agreement and words when either value is ∞ or NaN."""
    if math.isnan(symbolic):
        why = _WHY_UNDEFINED.get(exact.kind, _WHY_UNDEFINED["undefined"])
        if math.isnan(autodiff):
            return True, f"both undefined: {why}"
        return False, f"{why}; autodiff still returns {_show(autodiff)}"
    if math.isinf(symbolic):
        if exact.kind == "finite" or exact.kind == "overflow":
            where = f"the exact value is finite but too large for {dtype}"
        else:
            where = "the exact value is infinite here (a one-sided limit)"
        if autodiff == symbolic:
            return True, f"both {_show(autodiff)}: {where}"
        return False, f"{where}; autodiff gives {_show(autodiff)}"
    if math.isnan(autodiff):
        return False, "autodiff gives nan where the exact derivative is finite"
    return False, f"autodiff gives {_show(autodiff)} where the exact derivative is finite"


def _show(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    return f"{value:.17g}"
