"""agree.judge: tolerances per dtype and the words for every non-finite case."""

import math

import numpy as np
import pytest

from diffexplain.core.agree import TOLERANCES, judge, round_to
from diffexplain.core.symbolic import ExactValue


def test_float32_holds_the_tape_to_the_float32_nearest_the_truth():
    exact = ExactValue(0.1, "finite")
    verdict = judge(exact, float(np.float32(0.1)), "float32")
    assert verdict.agree and verdict.abs_error == 0.0
    assert round_to(0.1, "float32") == float(np.float32(0.1))


def test_an_error_beyond_the_tolerance_is_a_disagreement_with_words():
    verdict = judge(ExactValue(1.0, "finite"), 1.0 + 1e-6, "float64")
    assert not verdict.agree
    assert "float64" in verdict.note
    assert verdict.rel_error == pytest.approx(1e-6)


def test_the_same_error_is_fine_in_float32():
    assert judge(ExactValue(1.0, "finite"), 1.0 + 1e-6, "float32").agree


def test_tolerances_are_looser_for_float32():
    assert TOLERANCES["float32"].relative > TOLERANCES["float64"].relative


@pytest.mark.parametrize(
    ("exact", "autodiff", "agree", "words"),
    [
        (ExactValue(math.nan, "complex"), math.nan, True, "both values are undefined"),
        (ExactValue(math.nan, "undefined"), 0.0, False, "autodiff still returns 0"),
        (ExactValue(math.inf, "infinite"), math.inf, True, "both are +∞"),
        (ExactValue(-math.inf, "infinite"), math.inf, False, "autodiff gives +∞"),
        (
            ExactValue(2.0, "finite"),
            math.nan,
            False,
            "autodiff gives nan where the exact value is finite",
        ),
        (ExactValue(math.inf, "overflow"), math.inf, True, "too large for float64"),
    ],
)
def test_non_finite_values_get_a_verdict_and_a_note(exact, autodiff, agree, words):
    verdict = judge(exact, autodiff, "float64")
    assert verdict.agree is agree
    assert words in verdict.note


def test_a_none_gradient_is_named_in_the_note():
    verdict = judge(ExactValue(0.0, "finite"), 0.0, "float64", was_none=True)
    assert verdict.agree and "None" in verdict.note


def test_float32_overflow_of_a_finite_exact_value_is_explained():
    verdict = judge(ExactValue(1e300, "finite"), math.inf, "float32")
    assert verdict.agree and "too large for float32" in verdict.note


def test_opposite_signs_under_the_absolute_tolerance_do_not_agree():
    # e^x − 1 − x at 1e-8 is 5.0e-17; float64 gives −6.1e-17: within 1e-12, not one digit right
    verdict = judge(ExactValue(5.0000000166666667e-17, "finite"), -6.07747099184471e-17, "float64")
    assert not verdict.agree and verdict.status == "differ"
    assert "opposite sign" in verdict.note
    assert judge(ExactValue(5e-17, "finite"), 6e-17, "float64").agree  # same sign: fine
    assert judge(ExactValue(5e-17, "finite"), 0.0, "float64").agree  # 0 has no sign to get wrong


def test_an_unknown_exact_value_judges_nothing():
    verdict = judge(ExactValue(math.nan, "unknown"), 0.0, "float64")
    assert verdict.status == "unknown" and not verdict.known and not verdict.agree
    assert "unknown" in verdict.note and "not judged" in verdict.note


def test_at_a_corner_where_the_derivative_exists_the_tapes_convention_is_named_wrong():
    exact = ExactValue(0.5, "finite", "definition", (0.5, 0.5))
    verdict = judge(exact, 0.0, "float64", through_corner="abs(x), relu(x)")
    assert not verdict.agree
    assert "0.5 from both sides" in verdict.note
    assert "relu′(0) = 0" in verdict.note and "wrong value" in verdict.note


def test_at_a_corner_where_no_derivative_exists_a_number_never_agrees():
    exact = ExactValue(math.nan, "undefined", "definition", (-1.0, 1.0))
    verdict = judge(exact, 0.0, "float64", through_corner="abs(x)")
    assert not verdict.agree
    assert "−1 from the left and 1 from the right" in verdict.note
    assert "does not exist" in verdict.note and "convention" in verdict.note
    both = judge(exact, math.nan, "float64", through_corner="abs(x)")
    assert both.agree and "both values are undefined" in both.note
    assert "convention" not in both.note  # nothing to excuse: the tape gave no number


def test_a_limit_of_several_variables_disproved_by_two_curves_is_said_with_them():
    exact = ExactValue(math.nan, "undefined", "paths", paths=(("y = 0", 0.0), ("y = x^2", 0.5)))
    verdict = judge(exact, math.nan, "float64")
    assert "no limit" in verdict.note and "0 along y = 0 but to 0.5 along y = x^2" in verdict.note
    assert "a pole, 0/0 or a corner" not in verdict.note  # the curves already say why
