"""agree.judge: tolerances per dtype and the words for every non-finite case."""

import math

import numpy as np
import pytest

from diffexplain.agree import TOLERANCES, judge, round_to
from diffexplain.symbolic import ExactValue


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
