"""The guide pages' lessons (pages 10–15): every value a page shows, against a second route.

Expected values come from the mathematics written out here (closed forms with `math`, exact
fractions) or from a few lines of TensorFlow written here, never from the lesson's own
helpers. The tape works in float32, so tape values are compared with float32's tolerance.
"""

from __future__ import annotations

import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from diffexplain.teach.lessons import (
    control_flow,
    custom_gradients,
    errors,
    jacobians,
    stopping,
    tape_control,
)
from diffexplain.teach.lessons.outcome import attempt

ROOT = Path(__file__).resolve().parents[1]


def close(taped, expected) -> bool:
    """float32's tolerance (the main page's), element by element; NaN matches NaN."""
    if isinstance(expected, list | tuple):
        return len(taped) == len(expected) and all(
            close(t, e) for t, e in zip(taped, expected, strict=True)
        )
    if taped is None or expected is None:
        return taped is expected
    if math.isnan(expected):
        return math.isnan(taped)
    if math.isinf(expected):
        return taped == expected
    return abs(taped - expected) <= 1e-6 + 2e-5 * abs(expected)


def exactly_equal(value: float, expected) -> bool:
    """SymPy's values are exact, rounded once: within float64's last digits."""
    return abs(value - float(expected)) <= 1e-12 * max(1.0, abs(float(expected)))


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# --- 10 controlling the tape ---------------------------------------------------------------------


@pytest.mark.parametrize("x1", [-5.0, 0.0, 2.5, 10.0])
@pytest.mark.parametrize("accessed", [False, True])
def test_only_the_watched_variable_gets_a_gradient_unless_accessed_ones_are_watched(x1, accessed):
    watching = tape_control.only_what_you_watch(x1, accessed)
    assert watching.watched == (("x0:0", "x1:0") if accessed else ("x1:0",))
    assert watching.dy_dx0 == (1.0 if accessed else None)  # cos(0)
    assert close(watching.dy_dx1, sigmoid(x1))  # d softplus = sigmoid


@pytest.mark.parametrize("x1", [-5.0, 0.0, 10.0])
def test_exact_watching_is_cos_0_and_the_sigmoid(x1):
    exact = tape_control.exact_watching(x1)
    assert exactly_equal(exact.values[0], 1.0)
    assert exactly_equal(exact.values[1], sigmoid(x1))


def test_a_watched_constant_gets_its_gradient_but_is_not_listed():
    constant = tape_control.watched_constant_is_not_listed()
    assert constant.watched == ("v:0",)
    assert constant.dy_dx == 2.0  # y = x·v: dy/dx = v


@pytest.mark.parametrize("at", [-3.0, -0.5, 0.0, 3.0])
def test_gradients_with_respect_to_an_intermediate_result(at):
    intermediate = tape_control.intermediate_results(at)
    exact = tape_control.exact_intermediate(at)
    dz_dy, dz_dx = 2 * at**2, 4 * at**3  # z = y², y = x²
    assert close(intermediate.dz_dy, dz_dy) and close(intermediate.dz_dx, dz_dx)
    assert exactly_equal(exact.values[0], dz_dy) and exactly_equal(exact.values[1], dz_dx)


@pytest.mark.parametrize("at", [0.5, 2.0, 4.0])
def test_several_targets_give_the_gradient_of_their_sum(at):
    targets = tape_control.several_targets(at)
    exact = tape_control.exact_targets(at)
    expected = [2 * at, -1 / at**2, 2 * at - 1 / at**2, 7.0]
    taped = [targets.dy0_dx, targets.dy1_dx, targets.of_dict, targets.of_vector]
    assert close(taped, expected)
    assert all(exactly_equal(v, e) for v, e in zip(exact.values, expected, strict=True))


def test_an_unconnected_source_gives_none_or_zeros_shaped_like_it():
    assert tape_control.unconnected("none") is None
    assert tape_control.unconnected("zero") == [0.0, 0.0]


def test_controlling_the_tape_quiz_answers():
    assert attempt(tape_control.quiz_dict_of_targets).value == 5.0  # 2x + 3x² at 1
    assert attempt(tape_control.quiz_nothing_watched) == attempt(lambda: None)
    assert attempt(tape_control.quiz_intermediate_from_before) == attempt(lambda: None)


# --- 11 control flow -----------------------------------------------------------------------------


@pytest.mark.parametrize("at", [-2.0, 0.0, 0.5, 2.0])
@pytest.mark.parametrize("use_cond", [False, True])
def test_only_the_branch_taken_is_differentiated(at, use_cond):
    branches = control_flow.branch_taken(at, use_cond)
    exact = control_flow.exact_branches(at)
    if at > 0:  # result = v0
        expected = (1.0, None, None)
        assert branches.branch == "v0" and exact.values == (1.0, 0.0, 0.0)
    else:  # result = v1², v1 = 2
        expected = (None, 4.0, None)
        assert branches.branch == "v1**2" and exact.values == (0.0, 4.0, 0.0)
    taped = (branches.dresult_dv0, branches.dresult_dv1, branches.dresult_dx)
    assert taped == expected


@pytest.mark.parametrize("at", [1.5, 2.0, 3.5, 9.5, 12.0])
def test_the_loop_is_differentiated_through_the_iterations_that_ran(at):
    squarings, y = 0, at
    while y < 100:
        y, squarings = y * y, squarings + 1
    power = 2**squarings
    loop = control_flow.squaring_loop(at)
    exact = control_flow.exact_loop(at, squarings)
    assert loop.squarings == squarings
    assert close(loop.y, at**power)
    assert close(loop.dy_dx, power * at ** (power - 1))
    assert exactly_equal(exact.values[0], Fraction(at) ** (power - 1) * power)


@pytest.mark.parametrize("at", [0.5, 0.9, 1.0, 1.1, 1.5])
@pytest.mark.parametrize("strict", [True, False])
def test_a_piecewise_function_takes_the_branch_the_comparison_picks(at, strict):
    below = at < 1 if strict else at <= 1
    piece = control_flow.piecewise(at, strict)
    exact = control_flow.exact_piecewise(at, strict)
    assert close(piece.y, at**2 if below else 3 * at - 2)
    assert close(piece.dy_dx, 2 * at if below else 3.0)
    assert exactly_equal(exact.values[0], Fraction(at) * 2 if below else 3)


@pytest.mark.parametrize("at", [0.5, 0.9, 1.0, 1.1, 1.5])
def test_one_sided_quotients_differ_only_at_the_corner(at):
    sides = control_flow.one_sided(at)
    assert exactly_equal(sides.left, 2 * at if at <= 1 else 3)
    assert exactly_equal(sides.right, 2 * at if at < 1 else 3)


def _derivative_of(inner: str, x: float) -> float:
    return {
        "tf.sqrt(x)": 0.5 / math.sqrt(x),
        "x ** 0.5": 0.5 / math.sqrt(x),
        "tf.math.log(x)": 1 / x,
        "1 / x": -1 / x**2,
    }[inner]


def _gradient_arriving_as_zero(inner: str, at: float) -> float:
    """What TensorFlow's gradient of inner gives at `at` when 0 arrives: by the raw gradient
    kernels and IEEE float32 arithmetic, written out here."""
    import numpy as np
    import tensorflow as tf

    x = np.float32(at)
    zero = np.float32(0.0)
    with np.errstate(all="ignore"):
        if inner == "tf.sqrt(x)":
            return float(tf.raw_ops.SqrtGrad(y=tf.sqrt(x), dy=zero))
        if inner == "x ** 0.5":
            return float(zero * np.float32(0.5) * x ** np.float32(-0.5))
        if inner == "tf.math.log(x)":
            return float(zero * (np.float32(1) / x))
        return float(zero * (-np.float32(1) / (x * x)))


@pytest.mark.parametrize("inner", control_flow.INNER_FUNCTIONS)
@pytest.mark.parametrize("at", [-1.0, 0.0, 4.0])
def test_tf_where_and_its_safe_form(inner, at):
    where = control_flow.where_gradients(inner, at)
    exact = control_flow.exact_where(inner, at)
    if at > 0:
        expected = _derivative_of(inner, at)
        assert close(where.naive, expected) and close(where.safe, expected)
        assert exactly_equal(exact.values[0], expected)
    else:
        assert where.value == 0.0 and where.safe == 0.0 and exact.values[0] == 0.0
        assert close(where.naive, _gradient_arriving_as_zero(inner, at))


@pytest.mark.parametrize("inner", control_flow.INNER_FUNCTIONS)
def test_zero_arriving_at_the_discarded_branch(inner):
    expected = _gradient_arriving_as_zero(inner, 0.0)
    assert close(control_flow.zero_upstream(inner), expected)
    assert math.isnan(expected) == (inner != "tf.sqrt(x)")  # what the page says


def test_control_flow_quiz_answers():
    assert attempt(control_flow.quiz_branch).value == -1.0  # d(−x)/dx
    assert attempt(control_flow.quiz_loop).value == 32.0  # x⁴ → 4·2³
    assert attempt(control_flow.quiz_condition) == attempt(lambda: None)


# --- 12 stopping and resetting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "dz_dy"),
    [
        (stopping.recording_everything, 6.0),
        (stopping.recording_paused, None),
        (stopping.recording_reset, None),
        (stopping.gradient_stopped, None),
    ],
)
def test_each_way_of_stopping_keeps_dz_dx_and_loses_dz_dy(case, dz_dy):
    assert case() == {"x": 4.0, "y": dz_dy}  # z = x² + y² at (2, 3): 2x = 4, 2y = 6


def test_the_exact_sum_of_squares():
    assert stopping.exact_sum_of_squares().values == (4.0, 6.0)


def test_the_backward_passes_go_through_one_multiplication_fewer_when_y_is_left_out():
    from diffexplain.core import record

    counts = {
        case.__name__: record.differentiated_ops(case).op_types
        for case in (
            stopping.recording_everything,
            stopping.recording_paused,
            stopping.recording_reset,
            stopping.gradient_stopped,
        )
    }
    assert counts["recording_everything"].count("Mul") == 2
    assert counts["recording_paused"].count("Mul") == 1
    assert counts["recording_reset"].count("Mul") == 1
    assert counts["gradient_stopped"].count("Pow") == 1  # x ** 2 only
    assert "StopGradient" not in counts["gradient_stopped"]


def test_stop_gradient_cuts_the_path_but_y_squared_is_still_recorded():
    still = stopping.stop_gradient_keeps_recording()
    assert still.dz_dy is None and still.dy_sq_dy == 6.0


def test_stop_recording_after_the_block_raises_what_tensorflow_raises():
    import tensorflow as tf

    tape = tf.GradientTape()
    with tape:
        pass
    with pytest.raises(Exception) as raised, tape.stop_recording():
        pass
    shown = stopping.stop_recording_after_the_block()
    assert shown.type_name == type(raised.value).__name__ == "ValueError"


def test_stopping_quiz_answers():
    assert attempt(stopping.quiz_half_stopped).value == 3.0  # 3 · x
    assert attempt(stopping.quiz_watch_then_reset) == attempt(lambda: None)
    assert attempt(stopping.quiz_two_tapes_one_paused).value == 6.0  # inner: 2x


# --- 13 custom gradients -------------------------------------------------------------------------


def _log1pexp(x: float) -> float:
    return x + math.log1p(math.exp(-x))


@pytest.mark.parametrize("at", [0.0, 10.0, 50.0, 88.0, 89.0, 100.0])
def test_log1pexp_plain_custom_and_softplus(at):
    result = custom_gradients.log1pexp_gradients(at)
    overflows = at > math.log(3.4028234663852886e38)  # e^x beyond float32
    assert close(result.plain_value, math.inf if overflows else _log1pexp(at))
    assert close(result.custom_value, math.inf if overflows else _log1pexp(at))
    assert close(result.softplus_value, _log1pexp(at))
    assert close(result.custom_gradient, sigmoid(at))
    assert close(result.softplus_gradient, sigmoid(at))
    if overflows:
        assert math.isnan(result.plain_gradient)  # inf / inf
    elif at <= 50:
        assert close(result.plain_gradient, sigmoid(at))


def test_the_plain_gradient_at_88_is_what_float32_makes_of_the_chain_rule():
    import tensorflow as tf

    e = tf.exp(tf.constant(88.0))
    by_hand = float(e * (1 / (1 + e)))  # d log(u) = du / u, in TensorFlow's float32
    assert custom_gradients.log1pexp_gradients(88.0).plain_gradient == by_hand


@pytest.mark.parametrize("at", [0.0, 2.0, 30.0, 100.0])
def test_exact_log1pexp_to_fifty_digits(at):
    import mpmath

    exact = custom_gradients.exact_log1pexp(at)
    with mpmath.workdps(60):
        x = mpmath.mpf(at)
        s, one_minus_s = 1 / (1 + mpmath.exp(-x)), 1 / (1 + mpmath.exp(x))  # no cancellation
        expected = [mpmath.log(1 + mpmath.exp(x)), s, s * one_minus_s]
        for digits, value, truth in zip(exact.digits, exact.values, expected, strict=True):
            assert abs(mpmath.mpf(digits) - truth) <= mpmath.mpf(10) ** -45 * abs(truth)
            assert exactly_equal(value, float(truth))


@pytest.mark.parametrize("scale", [0.25, 0.5, 1.0, 2.0, 10.0])
def test_clipping_clips_the_gradient_arriving_at_clip_gradients(scale):
    clipped = custom_gradients.clipped_gradient(scale)
    v = 2.0
    assert close(clipped.clipped, min(scale, 0.5) * 2 * v)
    assert close(clipped.plain, scale * 2 * v)


@pytest.mark.parametrize("at", [0.0, 2.0, 30.0, 100.0])
@pytest.mark.parametrize("stable", [False, True])
def test_the_second_derivative_through_a_custom_gradient(at, stable):
    second = custom_gradients.second_order(at, stable)
    s = sigmoid(at)
    assert close(second.first, s)
    if at == 100.0 and not stable:
        assert math.isnan(second.second)  # d/dx (1 − 1/(1 + e)) with e = inf
    else:
        assert close(second.second, s * (1 - s))


def test_custom_gradients_quiz_answers():
    assert attempt(custom_gradients.quiz_custom_rule).value == 10.0  # upstream 1 · 10
    assert close(attempt(custom_gradients.quiz_small_clip).value, 0.5 * 2 * 0.1)
    raised = attempt(custom_gradients.quiz_two_inputs_one_gradient).raised
    assert raised.type_name == "ValueError" and "2 gradients" in raised.message


# --- 14 Jacobians --------------------------------------------------------------------------------


def _sigmoid_slope(x: float) -> float:
    return sigmoid(x) * (1 - sigmoid(x))


@pytest.mark.parametrize("delta", [-2.0, 0.0, 0.5, 2.0])
def test_a_scalar_source_has_the_targets_shape(delta):
    scalar = jacobians.scalar_source(delta)
    exact = jacobians.exact_scalar_source(delta)
    expected = [_sigmoid_slope(x + delta) for x in jacobians.SCALAR_XS]
    assert scalar.shape == [3] and close(scalar.values, expected)
    assert all(exactly_equal(v, e) for v, e in zip(exact.values, expected, strict=True))


def _tensor_jacobian(a: float, b: float) -> list[list[float]]:
    return [[2 * a * b, a**2], [5.0, math.cos(b)], [b, a]]  # (x0²x1, 5x0 + sin x1, x0x1)


@pytest.mark.parametrize(("a", "b"), [(1.0, 2.0), (-2.0, 0.5), (0.0, -1.5)])
def test_a_tensor_source_and_the_gradient_as_column_sums(a, b):
    tensor = jacobians.tensor_source(a, b)
    exact = jacobians.exact_tensor_source(a, b)
    expected = _tensor_jacobian(a, b)
    assert close(tensor.jacobian, expected)
    assert close(tensor.gradient, [sum(row[j] for row in expected) for j in range(2)])
    for values, row in zip(exact.values, expected, strict=True):
        assert all(exactly_equal(v, e) for v, e in zip(values, row, strict=True))


def test_batch_jacobian_is_the_full_jacobians_diagonal_blocks():
    batch = jacobians.batched()
    exact = jacobians.exact_batched()
    assert batch.target_shape == [4, 3] and batch.source_shape == [4, 2]
    assert batch.jacobian_shape == [4, 3, 4, 2]  # target's axes, then the source's
    assert batch.batch_jacobian_shape == [4, 3, 2]
    assert batch.largest_off_diagonal == 0.0 and batch.largest_difference == 0.0
    for k, (x0, x1) in enumerate(jacobians.BATCH):
        expected = [[x1, x0], [math.cos(x0), 0.0], [0.0, 2 * x1]]  # (x0x1, sin x0, x1²)
        assert close(batch.batch_jacobian[k], expected)
        for values, row in zip(exact.values[k], expected, strict=True):
            assert all(exactly_equal(v, e) for v, e in zip(values, row, strict=True))


def _newton_by_hand(a: float, b: float) -> dict:
    """f = x⁴ + xy + (1 + y)²: gradient, Hessian and x − H⁻¹g in exact fractions."""
    x, y = Fraction(a), Fraction(b)

    def f(x, y):
        return x**4 + x * y + (1 + y) ** 2

    g = [4 * x**3 + y, x + 2 * (1 + y)]
    h = [[12 * x**2, Fraction(1)], [Fraction(1), Fraction(2)]]
    det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
    step = [(h[1][1] * g[0] - h[0][1] * g[1]) / det, (h[0][0] * g[1] - h[1][0] * g[0]) / det]
    new = [x - step[0], y - step[1]]
    return {
        "gradient": g,
        "hessian": h,
        "new_point": new,
        "f_before": f(x, y),
        "f_after": f(*new),
    }


@pytest.mark.parametrize(("a", "b"), [(1.0, 2.0), (0.0, 0.0), (-1.5, 0.5), (2.0, -2.0)])
def test_hessian_and_newton_step_against_exact_fractions(a, b):
    newton = jacobians.hessian_newton(a, b)
    exact = jacobians.exact_newton(a, b)
    expected = _newton_by_hand(a, b)
    assert close(newton.gradient, [float(v) for v in expected["gradient"]])
    assert close(newton.hessian, [[float(v) for v in row] for row in expected["hessian"]])
    assert close(newton.new_point, [float(v) for v in expected["new_point"]])
    assert close(newton.f_before, float(expected["f_before"]))
    assert close(newton.f_after, float(expected["f_after"]))
    for name in ("gradient", "new_point"):
        assert all(
            exactly_equal(v, e) for v, e in zip(getattr(exact, name), expected[name], strict=True)
        )
    assert exactly_equal(exact.f_after, expected["f_after"])


def test_newton_formulas_are_the_gradient_and_hessian_of_f():
    import sympy

    x, y = sympy.symbols("x y", real=True)
    formulas = jacobians.newton_formulas()
    by_hand = [4 * x**3 + y, x + 2 * y + 2]
    for text, expected in zip(formulas["gradient"], by_hand, strict=True):
        assert sympy.expand(sympy.sympify(text, locals={"x": x, "y": y}) - expected) == 0
    hessian = [[12 * x**2, 1], [1, 2]]
    for texts, row in zip(formulas["hessian"], hessian, strict=True):
        for text, expected in zip(texts, row, strict=True):
            assert sympy.expand(sympy.sympify(text, locals={"x": x, "y": y}) - expected) == 0


def test_jacobians_quiz_answers():
    assert attempt(jacobians.quiz_shape).value == [2, 3]
    assert attempt(jacobians.quiz_unconnected) == attempt(lambda: None)
    raised = attempt(jacobians.quiz_batch_sizes).raised
    assert raised.type_name == "ValueError" and "first dimension" in raised.message


# --- 15 errors worth seeing ----------------------------------------------------------------------


def test_adjust_contrast_has_no_gradient_registered():
    import tensorflow as tf

    image = tf.Variable([[[0.5, 0.0, 0.0]]])
    with tf.GradientTape() as tape:
        new_image = tf.raw_ops.AdjustContrastv2(images=image, contrast_factor=2.0)
    with pytest.raises(LookupError) as raised:
        tape.gradient(new_image, image)
    shown = errors.no_gradient_registered()
    assert shown.type_name == "LookupError" == type(raised.value).__name__
    assert shown.message == str(raised.value) and "AdjustContrastv2" in shown.message


@pytest.mark.parametrize("at", [-2.0, 0.0, 1.2, 2.0])
def test_round_is_not_differentiable_and_says_so_with_none(at):
    assert errors.not_differentiable(at) is None


@pytest.mark.parametrize("delta", [-2.0, 0.0, 0.5, 1.75])
def test_the_contrast_by_hand_matches_adjust_contrast_and_sympy(delta):
    pixels = [Fraction(1, 2), Fraction(1, 10)]
    mean = sum(pixels) / 2
    dloss = sum(2 * (p - mean) * ((p - mean) * Fraction(delta) + mean) for p in pixels)
    by_hand = errors.contrast_by_hand(delta)
    assert by_hand.same_as_adjust_contrast
    assert close(by_hand.dloss_ddelta, float(dloss))
    exact = errors.exact_contrast(delta)
    assert exactly_equal(exact.values[0], dloss)
    assert exact.formulas == ("4*delta/25",)


def test_the_dtype_cases():
    import tensorflow as tf

    watched = errors.dtype_case("integer_watched")
    assert watched.attempt == attempt(lambda: None)
    assert all("must be floating" in line for line in watched.logged)
    typed = errors.dtype_case("integer_times_float")
    with pytest.raises(TypeError) as raised:
        tf.constant(10) * 1.5
    assert typed.attempt.raised.type_name == "TypeError"
    assert typed.attempt.raised.message == str(raised.value)
    for silent in ("cast_to_integer", "through_a_string"):
        case = errors.dtype_case(silent)
        assert case.attempt == attempt(lambda: None) and case.logged == ()


def test_the_watch_warning_is_logged_only_the_first_five_times_in_a_process():
    """What the page's caption says; in a fresh process, where nothing has watched an int."""
    script = (
        "from diffexplain.teach.lessons import errors\n"
        "print([len(errors.dtype_case('integer_watched').logged) for _ in range(7)])\n"
    )
    printed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert printed.strip().splitlines()[-1] == str([1] * 5 + [0] * 2)


@pytest.mark.parametrize("at", [-3.0, 0.0, 2.0, 3.0])
def test_a_stateful_object_in_the_middle(at):
    state = errors.stateful_middle(at)
    exact = errors.exact_stateful(at)
    expected = 2 * (0 + at)  # ∂/∂x0 and ∂/∂x1 of (x1 + x0)² at x1 = 0
    assert state.through_assign is None
    assert close(state.dy_dx1, expected) and close(state.repaired, expected)
    assert all(exactly_equal(value, expected) for value in exact.values)


def test_a_queue_and_a_dataset_stop_gradients():
    pipes = errors.through_a_queue_and_a_dataset()
    assert pipes.through_queue is None and pipes.through_dataset is None


def test_errors_quiz_answers():
    from tensorflow.errors import InvalidArgumentError

    assert attempt(errors.quiz_half_rounded).value == 2.0  # round(2.4) · 1
    assert attempt(errors.quiz_argmax) == attempt(lambda: None)
    raised = attempt(errors.quiz_float_times_int).raised
    assert raised.type_name == InvalidArgumentError.__name__
    assert not issubclass(InvalidArgumentError, TypeError)  # what the answer says


# --- shape of the lessons ------------------------------------------------------------------------

GUIDE_MODULES = (tape_control, control_flow, stopping, custom_gradients, jacobians, errors)


@pytest.mark.parametrize("module", GUIDE_MODULES, ids=lambda module: module.__name__)
def test_the_source_a_guide_page_shows_fits_a_projector(module):
    import inspect

    from diffexplain.teach.lessons.snippet import display_width, shown_source

    long_lines = [
        f"{name}: {line}"
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        for language in ("en", "zh")
        for line in shown_source(function, language).splitlines()
        if display_width(line) >= 80
    ]
    assert not long_lines
