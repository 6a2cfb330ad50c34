"""Finite differences against hand-written derivatives: the V's bottom where theory puts it,
truncation as Taylor predicts, rounding as ε predicts; and the figure that draws them."""

import math

import numpy as np
import pytest

from diffexplain.core.parse import parse_function
from diffexplain.teach.finite import STEPS, best_steps, difference_errors, machine_epsilon

EPSILON64 = 2.0**-52
EPSILON32 = 2.0**-23

# f, point, f' by hand
SMOOTH = [
    ("sin(x)", 1.0, math.cos(1.0)),
    ("exp(x)", 1.0, math.e),
    ("sin(x)*exp(x)", 1.0, (math.sin(1.0) + math.cos(1.0)) * math.e),
    ("log(x)", 2.0, 0.5),
    ("tanh(x)", 0.5, 1 - math.tanh(0.5) ** 2),
    ("1/(1 + x^2)", 0.7, -2 * 0.7 / (1 + 0.49) ** 2),
]


def _errors(text, at, dtype="float64", steps=STEPS):
    parsed = parse_function(text)
    return difference_errors(parsed.expr, parsed.symbols[0], {"x": at}, steps, dtype)


@pytest.mark.parametrize(("text", "at", "derivative"), SMOOTH)
def test_exact_reference_is_the_hand_written_derivative(text, at, derivative):
    assert _errors(text, at, steps=[1e-3]).exact == pytest.approx(derivative, rel=1e-15)


@pytest.mark.parametrize(("text", "at", "derivative"), SMOOTH)
def test_central_difference_is_best_near_the_cube_root_of_epsilon(text, at, derivative):
    errors = _errors(text, at)
    best = errors.steps[np.argmin(errors.central_error)]
    assert EPSILON64 ** (1 / 3) / 10 <= best <= EPSILON64 ** (1 / 3) * 10


@pytest.mark.parametrize(("text", "at", "derivative"), SMOOTH)
def test_forward_difference_is_best_near_the_square_root_of_epsilon(text, at, derivative):
    errors = _errors(text, at)
    best = errors.steps[np.argmin(errors.forward_error)]
    assert EPSILON64 ** (1 / 2) / 10 <= best <= EPSILON64 ** (1 / 2) * 10


def test_truncation_error_is_what_taylor_says():
    # sin at 1: forward ≈ h·|f''|/2 = h·sin(1)/2, central ≈ h²·|f'''|/6 = h²·cos(1)/6
    h = 1e-3
    errors = _errors("sin(x)", 1.0, steps=[h])
    assert errors.forward_error[0] == pytest.approx(h * math.sin(1.0) / 2, rel=1e-2)
    assert errors.central_error[0] == pytest.approx(h**2 * math.cos(1.0) / 6, rel=1e-2)


def test_rounding_error_grows_like_epsilon_over_h():
    # far left of the V the error is a few ε·|f|/h, not less (and not wildly more)
    h = 1e-12
    errors = _errors("exp(x)", 1.0, steps=[h])
    scale = EPSILON64 * math.e / h
    assert scale / 100 < errors.forward_error[0] < scale * 10


def test_float32_difference_is_zero_once_x_plus_h_rounds_to_x():
    errors = _errors("sin(x)", 1.0, "float32", steps=[1e-9])
    assert errors.forward[0] == 0.0 and errors.central[0] == 0.0
    assert errors.forward_error[0] == pytest.approx(math.cos(1.0))


def test_float32_best_step_is_far_larger_than_float64s():
    for dtype, epsilon in (("float32", EPSILON32), ("float64", EPSILON64)):
        errors = _errors("exp(x)", 1.0, dtype)
        best = errors.steps[np.argmin(errors.central_error)]
        assert epsilon ** (1 / 3) / 10 <= best <= epsilon ** (1 / 3) * 10, dtype


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_autodiff_error_is_rounding_only(dtype):
    ulps = 16 * (EPSILON32 if dtype == "float32" else EPSILON64)  # the point rounds too
    for text, at, derivative in SMOOTH:
        errors = _errors(text, at, dtype, steps=[1e-3])
        assert errors.autodiff_error <= ulps * max(1.0, abs(derivative)), text


def test_differences_along_one_variable_hold_the_others():
    parsed = parse_function("x^2 y + sin(y)")
    y = next(s for s in parsed.symbols if s.name == "y")
    errors = difference_errors(parsed.expr, y, {"x": 3.0, "y": 0.5}, [1e-6], "float64")
    assert errors.variable == "y"
    assert errors.exact == pytest.approx(9 + math.cos(0.5), rel=1e-15)
    assert errors.central[0] == pytest.approx(9 + math.cos(0.5), rel=1e-9)


def test_a_constant_function_has_zero_differences():
    parsed = parse_function("3")
    x = parse_function("x").symbols[0]
    errors = difference_errors(parsed.expr, x, {"x": 1.0}, [1e-3, 1e-1], "float64")
    assert list(errors.forward) == [0.0, 0.0] and errors.exact == 0.0 and errors.autodiff == 0.0


def test_given_exact_value_is_used_as_the_reference():
    errors = _errors("sin(x)", 1.0, steps=[1e-3])
    parsed = parse_function("sin(x)")
    given = difference_errors(parsed.expr, parsed.symbols[0], {"x": 1.0}, [1e-3], exact=0.5)
    assert given.exact == 0.5 and given.forward[0] == errors.forward[0]


def test_rule_of_thumb_steps():
    assert machine_epsilon("float64") == EPSILON64 and machine_epsilon("float32") == EPSILON32
    assert best_steps("float64", 0.5) == {
        "forward": EPSILON64**0.5,
        "central": EPSILON64 ** (1 / 3),
    }
    assert best_steps("float32", -4.0)["central"] == pytest.approx(4 * EPSILON32 ** (1 / 3))
