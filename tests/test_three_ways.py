"""Forward mode, reverse mode, central differences, swell: each against a reference."""

import math

import pytest
import sympy

from diffexplain import explain
from diffexplain.core.parse import parse_function


def test_forward_mode_agrees_with_reverse_mode_to_rounding():
    result = explain("sin(x y) + exp(x - y) + y^3", {"x": 0.4, "y": -1.1}, order=1)
    forward = dict(result.forward_mode)
    for row in result.derivatives:
        assert forward[row.wrt[0]] == pytest.approx(row.autodiff, rel=1e-14, abs=1e-15)


def test_forward_mode_of_an_unused_input_is_none():
    result = explain("x + 0*y", {"x": 1.0}, order=1)
    assert dict(result.forward_mode) == {"x": 1.0}


def test_central_differences_are_close_to_the_exact_derivatives():
    result = explain("exp(x) sin(y)", {"x": 0.3, "y": 1.2}, order=2)
    exact = {row.wrt: row.symbolic for row in result.derivatives}
    for difference in result.finite_differences:
        tolerance = 1e-9 if len(difference.wrt) == 1 else 1e-6
        assert difference.value == pytest.approx(
            exact[difference.wrt], rel=tolerance, abs=tolerance
        )
    steps = {d.wrt: d.step for d in result.finite_differences}
    assert steps[("x",)] == pytest.approx(2.220446049250313e-16 ** (1 / 3))  # x = 0.3: h = ε^⅓
    assert steps[("y",)] == pytest.approx(1.2 * 2.220446049250313e-16 ** (1 / 3))


def test_to_dict_has_finite_differences_forward_mode_and_swell():
    data = explain("x^3", {"x": 2}, order=3).to_dict()
    assert [d["wrt"] for d in data["finite_difference"]] == [["x"], ["x", "x"]]
    assert data["forward_mode"] == [{"wrt": ["x"], "value": 12.0, "none": False}]
    assert [s["order"] for s in data["swell"]] == [1, 2, 3]
    assert all(s["tape_ops"] > 0 for s in data["swell"])


def _logistic(iterations: int) -> str:
    """l₁ = x, lₙ₊₁ = 4 lₙ (1 − lₙ), as text for the parser."""
    text = "x"
    for _ in range(iterations - 1):
        text = f"4*({text})*(1-({text}))"
    return text


def test_logistic_map_derivative_of_l4_matches_baydin_et_al():
    result = explain(_logistic(4), {"x": 0.3}, order=1)
    x = parse_function("x").symbols[0]
    expected = (
        64
        - 2688 * x
        + 32256 * x**2
        - 168960 * x**3
        + 450560 * x**4
        - 638976 * x**5
        + 458752 * x**6
        - 131072 * x**7
    )
    derivative = parse_function(result.derivatives[0].expression.replace("**", "^")).expr
    assert sympy.expand(derivative - expected) == 0
    assert result.derivatives[0].symbolic == pytest.approx(float(expected.subs(x, 0.3)), rel=1e-12)


def test_symbolic_size_grows_faster_than_the_tape_over_logistic_iterations():
    symbolic_sizes, tape_sizes = [], []
    for n in range(1, 6):
        swell = explain(_logistic(n), {"x": 0.3}, order=1).swell[0]
        symbolic_sizes.append(swell["symbolic_ops"])
        tape_sizes.append(swell["tape_ops"])
    assert symbolic_sizes[-1] / max(symbolic_sizes[1], 1) > tape_sizes[-1] / tape_sizes[1]
    assert math.isfinite(tape_sizes[-1])
