"""The exact evaluator against mpmath written by hand, closed forms, and SymPy's own evalf."""

import math

import mpmath
import numpy as np
import pytest
import sympy

from diffexplain.core import numeric, ops
from diffexplain.core.numeric import curves, evaluate, grid_around
from diffexplain.core.parse import parse_function, symbol

x = symbol("x")


def _by_hand(compute):
    with mpmath.workdps(30):
        return float(compute())


def test_a_product_matches_mpmath_by_hand():
    expected = _by_hand(lambda: mpmath.sin(mpmath.mpf(0.7)) * mpmath.exp(mpmath.mpf(0.7)))
    assert evaluate(sympy.sin(x) * sympy.exp(x), {x: 0.7}) == expected


def test_a_nested_expression_matches_mpmath_by_hand():
    expr = sympy.atan(x**2 + 1) / sympy.sqrt(sympy.cosh(x) + sympy.pi)
    value = mpmath.mpf(-1.25)
    expected = _by_hand(
        lambda: mpmath.atan(value**2 + 1) / mpmath.sqrt(mpmath.cosh(value) + mpmath.pi)
    )
    assert evaluate(expr, {x: -1.25}) == expected


def test_thirty_digits_survive_cancellation_that_float64_loses():
    # (1 + x) − 1 at x = 1e-20: float64 gives 0, the 30-digit evaluation keeps x
    expr = sympy.Add(sympy.exp(x), -1, evaluate=True)
    assert evaluate(expr, {x: 1e-20}) == pytest.approx(1e-20, rel=1e-9)
    assert math.exp(1e-20) - 1 == 0.0


@pytest.mark.parametrize(
    ("expr", "at", "expected"),
    [
        (sympy.sec(x), 1.0, 1 / math.cos(1.0)),
        (sympy.csc(x), 1.0, 1 / math.sin(1.0)),
        (sympy.cot(x), 1.0, 1 / math.tan(1.0)),
        (sympy.asin(x), 0.5, math.asin(0.5)),
        (sympy.acos(x), 0.5, math.acos(0.5)),
        (sympy.asinh(x), 2.0, math.asinh(2.0)),
        (sympy.acosh(x), 2.0, math.acosh(2.0)),
        (sympy.atanh(x), 0.5, math.atanh(0.5)),
        (sympy.tanh(x), 0.5, math.tanh(0.5)),
        (sympy.erf(x), 0.5, math.erf(0.5)),
        (sympy.log(x), 10.0, math.log(10.0)),
        (ops.sigmoid(x), 1.5, 1 / (1 + math.exp(-1.5))),
        (ops.sigmoid(x), -800.0, 0.0),
        (ops.relu(x), -2.0, 0.0),
        (ops.relu(x), 2.5, 2.5),
        (sympy.Abs(x), -3.0, 3.0),
        (sympy.sign(x), -3.0, -1.0),
        (sympy.sign(x), 0.0, 0.0),
        (sympy.Heaviside(x), 0.0, 0.5),  # SymPy's default value at 0
        (sympy.Heaviside(x, 0), 0.0, 0.0),  # relu's derivative: TensorFlow's convention
        (sympy.Heaviside(x, 1), 0.0, 1.0),
        (sympy.Heaviside(x), -1.0, 0.0),
        (sympy.Heaviside(x), 2.0, 1.0),
        (sympy.DiracDelta(x), 1.0, 0.0),
        (sympy.DiracDelta(x, 1), -2.0, 0.0),
        (sympy.Max(x, 1), 0.25, 1.0),
        (sympy.Min(x, 1), 0.25, 0.25),
        (sympy.pi * x, 1.0, math.pi),
        (sympy.E * x, 1.0, math.e),
        (sympy.Rational(1, 3) * x, 1.0, 1 / 3),
        (sympy.Float("0.1") * x, 1.0, 0.1),
        (x ** sympy.Rational(1, 3), 8.0, 2.0),
        (x**-2, 4.0, 0.0625),
    ],
)
def test_each_head_matches_its_closed_form(expr, at, expected):
    assert evaluate(expr, {x: at}) == pytest.approx(expected, rel=1e-15, abs=1e-300)


@pytest.mark.parametrize(
    ("expr", "at"),
    [
        (sympy.log(x), -1.0),  # not real
        (sympy.sqrt(x), -1.0),
        (sympy.asin(x), 2.0),
        (sympy.acosh(x), 0.5),
        (sympy.atanh(x), 2.0),
        (x ** sympy.Rational(1, 3), -8.0),  # SymPy's principal cube root is complex
        (1 / x, 0.0),  # a pole
        (x**-2, 0.0),
        (sympy.DiracDelta(x), 0.0),  # the spike has no value
        (sympy.DiracDelta(x, 2), 0.0),
        (sympy.Heaviside(sympy.log(x)), -1.0),  # a step of something not real
        (ops.relu(sympy.sqrt(x)), -1.0),
    ],
)
def test_undefined_or_non_real_values_are_nan(expr, at):
    assert math.isnan(evaluate(expr, {x: at}))


@pytest.mark.parametrize(
    ("expr", "at", "expected"),
    [
        (sympy.exp(x), 1000.0, math.inf),  # finite, but beyond float64
        (-sympy.exp(x), 1000.0, -math.inf),
        (sympy.exp(sympy.exp(x)), 20.0, math.inf),  # e^(4.8e8): never computed digit by digit
        (sympy.exp(-sympy.exp(x)), 20.0, 0.0),
        (sympy.Integer(10) ** x, 400.0, math.inf),
        (sympy.cosh(x), 1e6, math.inf),
        (sympy.tanh(x), 1e6, 1.0),
        (sympy.log(x), 0.0, -math.inf),
        (sympy.atanh(x), 1.0, math.inf),
    ],
)
def test_huge_values_become_signed_infinities(expr, at, expected):
    assert evaluate(expr, {x: at}) == expected


def test_complex_intermediate_values_may_give_a_real_result_as_in_sympy():
    # √(x − 1)·√(x + 1) at −2 is (i√3)(i) = −√3: acosh's derivative written the SymPy way
    assert evaluate(sympy.sqrt(x - 1) * sympy.sqrt(x + 1), {x: -2.0}) == pytest.approx(
        -math.sqrt(3), rel=1e-15
    )


def test_a_trig_function_of_an_angle_beyond_thirty_digits_is_nan_not_noise():
    assert math.isnan(evaluate(sympy.sin(sympy.exp(x)), {x: 60.0}))  # e^60 ≈ 1.1e26


def test_shared_subtrees_are_computed_once_per_point():
    f = sympy.sin(x) * sympy.exp(x)
    memo: dict = {}
    evaluate(f, {x: 0.5}, memo)
    before = dict(memo)
    evaluate(sympy.diff(f, x), {x: 0.5}, memo)
    assert all(memo[node] is value for node, value in before.items())  # reused, not redone
    assert sympy.sin(x) in memo and sympy.cos(x) in memo


def test_a_head_without_a_rule_is_refused_by_name():
    with pytest.raises(numeric.Unsupported, match="gamma"):
        evaluate(sympy.gamma(x), {x: 1.5})


@pytest.mark.parametrize("name", sorted(ops.FUNCTIONS))
def test_every_primitive_and_its_derivatives_match_sympys_own_evalf(name):
    at = sympy.Rational(11, 8) if name == "acosh" else sympy.Rational(3, 8)
    f = ops.FUNCTIONS[name].sympy_head(x)
    for derivative in numeric.derivatives_of(f, x, 3):
        expected = float(derivative.subs(x, at).evalf(40))
        assert evaluate(derivative, {x: float(at)}) == pytest.approx(expected, rel=1e-15)


def test_curves_of_sin_are_sin_cos_minus_sin_minus_cos():
    grid = grid_around(0.5, 3.0)
    values = curves(sympy.sin(x), x, 3, grid)
    assert set(values) == {0, 1, 2, 3}
    for order, closed_form in enumerate(
        (np.sin, np.cos, lambda t: -np.sin(t), lambda t: -np.cos(t))
    ):
        np.testing.assert_allclose(values[order], closed_form(grid), rtol=1e-14, atol=1e-15)


def test_curves_of_a_parsed_function_match_its_closed_form_derivative():
    expr = parse_function("x^3 - 2x").expr
    grid = grid_around(1.0, 2.0)
    values = curves(expr, x, 2, grid)
    np.testing.assert_allclose(values[1], 3 * grid**2 - 2, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(values[2], 6 * grid, rtol=1e-14, atol=1e-14)


def test_curves_leave_nan_where_f_has_no_real_value_and_for_its_derivatives():
    grid = grid_around(0.0, 1.0)
    values = curves(sympy.log(x), x, 2, grid)
    negative, positive = grid < 0, grid > 0
    for order in (0, 1, 2):
        assert np.all(np.isnan(values[order][negative]))
    assert values[0][grid == 0] == -np.inf and np.isnan(values[1][grid == 0]).all()
    np.testing.assert_allclose(values[1][positive], 1 / grid[positive], rtol=1e-14)
    np.testing.assert_allclose(values[2][positive], -1 / grid[positive] ** 2, rtol=1e-14)


def test_curves_have_a_nan_at_the_pole_of_one_over_x():
    grid = grid_around(0.0, 2.0)
    assert 0.0 in grid
    values = curves(1 / x, x, 1, grid)
    assert np.isnan(values[0][grid == 0]).all() and np.isnan(values[1][grid == 0]).all()
    away = grid != 0
    np.testing.assert_allclose(values[1][away], -1 / grid[away] ** 2, rtol=1e-14)


def test_curves_of_relu_use_the_step_that_is_0_at_0_and_no_value_for_the_spike():
    grid = grid_around(0.0, 1.0)
    values = curves(ops.relu(x), x, 2, grid)
    np.testing.assert_array_equal(values[1], (grid > 0).astype(float))
    assert np.isnan(values[2][grid == 0]).all()
    assert np.all(values[2][grid != 0] == 0)


def test_curves_refuse_more_than_the_point_limit():
    with pytest.raises(ValueError, match="at most"):
        curves(x, x, 1, np.linspace(0, 1, numeric.MAX_POINTS + 1))


def test_the_grid_is_centred_odd_and_exact_in_float32():
    grid = grid_around(0.1, 3.0)
    assert len(grid) % 2 == 1 and len(grid) <= numeric.MAX_POINTS
    assert grid[len(grid) // 2] == pytest.approx(0.1, abs=1e-7)
    np.testing.assert_array_equal(grid.astype(np.float32).astype(np.float64), grid)
    assert np.all(np.diff(grid) > 0)


def test_far_from_zero_the_grid_stays_float64_rather_than_merge_points():
    grid = grid_around(1e6, 0.5)
    assert np.all(np.diff(grid) > 0) and len(np.unique(grid)) == len(grid)


def test_curves_run_in_the_sympy_worker_with_the_same_result():
    from diffexplain.core.worker import run_bounded

    expr = parse_function("sigmoid(2x) + abs(x)").expr
    grid = grid_around(0.0, 2.0)
    remote = run_bounded(numeric.curves, expr, x, 2, grid, seconds=30)
    local = curves(expr, x, 2, grid)
    for order in local:
        np.testing.assert_array_equal(remote[order], local[order])
