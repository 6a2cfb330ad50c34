"""tape: the translation uses the ops a student would write, and nested tapes differentiate."""

import time

import numpy as np
import pytest
import sympy
import tensorflow as tf

from diffexplain.core.budget import Deadline, OutOfTime
from diffexplain.core.parse import symbol
from diffexplain.core.tape import nested_tapes, taped_derivatives, to_tensorflow, watched

x, y = symbol("x"), symbol("y")


def _ops_of(expr, symbols):
    """The op types TensorFlow runs for `expr`, traced into a graph."""
    function = to_tensorflow(expr, symbols, tf.float64)
    specs = [tf.TensorSpec([], tf.float64) for _ in symbols]
    graph = tf.function(lambda *a: function(list(a))).get_concrete_function(*specs).graph
    return [op.type for op in graph.get_operations()]


def test_constant_subexpressions_get_the_chosen_dtype():
    # lambdify(..., "tensorflow") fails here: exp(2x) * sin(1) mixes int32 and float tensors
    expr = sympy.exp(2 * x) * sympy.sin(1)
    for dtype in (tf.float32, tf.float64):
        value = to_tensorflow(expr, (x,), dtype)([tf.constant(0.5, dtype)])
        assert value.dtype == dtype
        assert float(value) == pytest.approx(np.exp(1.0) * np.sin(1.0), rel=1e-6)


def test_division_and_subtraction_are_translated_as_written():
    ops = _ops_of(x / y - y, (x, y))
    assert "RealDiv" in ops and "Sub" in ops
    assert "Pow" not in ops


def test_functions_use_their_own_tensorflow_op():
    ops = _ops_of(sympy.sin(x) * sympy.exp(x) + sympy.sqrt(x), (x,))
    assert {"Sin", "Exp", "Mul", "Sqrt"} <= set(ops)


def test_shared_subtrees_are_computed_once():
    ops = _ops_of(sympy.sin(x) ** 2 + sympy.sin(x), (x,))
    assert ops.count("Sin") == 1


def test_nested_tapes_give_every_partial_and_report_none():
    function = to_tensorflow(x * y**2, (x, y), tf.float64)
    inputs = [tf.constant(2.0, tf.float64), tf.constant(3.0, tf.float64)]
    values, none = nested_tapes(function, inputs, 2)
    got = {key: float(t) for key, t in values.items()}
    assert got == {(): 18.0, (0,): 9.0, (1,): 12.0, (0, 0): 0.0, (0, 1): 6.0, (1, 1): 4.0}
    assert none == {(0, 0)}


def test_taped_derivatives_by_name():
    result = taped_derivatives(x**3, (x,), {"x": 3.0}, 3, "float32")
    assert result.values == {(): 27.0, ("x",): 27.0, ("x", "x"): 18.0, ("x", "x", "x"): 6.0}
    assert result.none == ()


def test_the_same_translation_works_elementwise_on_a_grid():
    grid = tf.constant(np.linspace(0.1, 2.0, 50), tf.float64)
    values, _ = nested_tapes(to_tensorflow(sympy.sin(x) * x, (x,), tf.float64), [grid], 1)
    expected = np.sin(grid.numpy()) + grid.numpy() * np.cos(grid.numpy())
    np.testing.assert_allclose(values[(0,)].numpy(), expected, rtol=1e-12)


def test_grid_derivatives_in_one_pass_match_closed_forms():
    from diffexplain.core.tape import grid_derivatives

    grid = np.linspace(-2.0, 2.0, 101)
    values = grid_derivatives(sympy.sin(x) * sympy.exp(x), x, grid, 3, "float64")
    e, s, c = np.exp(grid), np.sin(grid), np.cos(grid)
    np.testing.assert_allclose(values[1], e * (s + c), rtol=1e-12)
    np.testing.assert_allclose(values[2], 2 * e * c, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(values[3], 2 * e * (c - s), rtol=1e-12, atol=1e-14)


def test_grid_derivatives_of_a_constant_have_one_value_per_point():
    from diffexplain.core.tape import grid_derivatives

    values = grid_derivatives(sympy.Integer(3), x, np.arange(5.0), 2, "float32")
    assert values[0].tolist() == [3.0] * 5 and values[2].tolist() == [0.0] * 5


def test_a_passed_deadline_stops_the_tapes_between_two_ops():
    with pytest.raises(OutOfTime):
        taped_derivatives(x**3, (x,), {"x": 3.0}, 2, "float64", Deadline(time.monotonic() - 1))
    # the stop belongs to that call: the next tapes in this thread run to the end
    assert taped_derivatives(x**3, (x,), {"x": 3.0}, 2, "float64").values[("x", "x")] == 18.0


def test_a_deadline_far_away_changes_nothing():
    taped = taped_derivatives(x**3, (x,), {"x": 3.0}, 2, "float64", Deadline.start(3600))
    assert taped.values == {(): 27.0, ("x",): 27.0, ("x", "x"): 18.0}


def test_watched_blocks_nest_and_restore_the_outer_deadline():
    outer, inner = Deadline.start(3600), Deadline(time.monotonic() - 1)
    with watched(outer):
        with watched(inner), pytest.raises(OutOfTime):
            taped_derivatives(x**3, (x,), {"x": 3.0}, 1, "float64")
        assert taped_derivatives(x**3, (x,), {"x": 3.0}, 1, "float64").values[("x",)] == 27.0
    with watched(inner), pytest.raises(OutOfTime):  # tapes without a deadline keep the block's
        taped_derivatives(x**3, (x,), {"x": 3.0}, 1, "float64")
