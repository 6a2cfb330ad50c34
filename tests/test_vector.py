"""Vector-valued functions: the Jacobian by SymPy and by tape.jacobian, each entry against a
derivative written out by hand here and evaluated with math or mpmath."""

import json
import math

import mpmath
import numpy as np
import pytest

from diffexplain.core.explanation import explain
from diffexplain.core.parse import InputError
from diffexplain.core.vector import explain_vector, prepare_vector
from diffexplain.text import zh

RELATIVE = {"float32": 1e-6, "float64": 1e-14}


def _hand_jacobian_sin_exp(x: float, y: float) -> list[list[float]]:
    """[x^2, x*y, exp(y)]: rows (2x, 0), (y, x), (0, e^y)."""
    return [[2 * x, 0.0], [y, x], [0.0, math.exp(y)]]


def _hand_jacobian_product_sin(x: float, y: float) -> list[list[float]]:
    """[x*y, sin(x)]: rows (y, x), (cos x, 0)."""
    return [[y, x], [math.cos(x), 0.0]]


def _close(a: float, b: float, relative: float) -> bool:
    return abs(a - b) <= relative * max(abs(b), 1e-30) or a == b


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(
    ("text", "point", "hand"),
    [
        ("[x*y, sin(x)]", {"x": 1.0, "y": 2.0}, _hand_jacobian_product_sin),
        ("[x*y, sin(x)]", {"x": -0.75, "y": 3.5}, _hand_jacobian_product_sin),
        ("[x^2, x*y, exp(y)]", {"x": 1.5, "y": -0.5}, _hand_jacobian_sin_exp),
    ],
)
def test_both_jacobians_match_the_derivatives_written_by_hand(text, point, hand, dtype):
    result = explain_vector(text, point, dtype)
    expected = hand(point["x"], point["y"])
    assert result.variables == ("x", "y")
    assert len(result.rows) == len(expected) and all(len(row) == 2 for row in result.rows)
    for row, expected_row in zip(result.rows, expected, strict=True):
        for entry, value in zip(row, expected_row, strict=True):
            # the exact column is the true value rounded to the dtype
            rounded = float(np.float32(value)) if dtype == "float32" else value
            assert _close(entry.symbolic, rounded, 1e-15), entry.name
            assert _close(entry.autodiff, value, RELATIVE[dtype]), entry.name
            assert entry.status == "agree" and entry.note == ""
    assert result.all_agree
    assert result.tape_jacobian == tuple(tuple(e.autodiff for e in row) for row in result.rows)


def test_the_exact_entries_are_certified_to_every_float64_digit():
    # [atan(x y), log(1 + x^2)] at (1/3, 3/7): ∂/∂x = y/(1 + x²y²), ∂/∂y = x/(1 + x²y²),
    # 2x/(1 + x²), 0; mpmath at 50 digits, rounded once
    mpmath.mp.dps = 50
    x, y = mpmath.mpf(1) / 3, mpmath.mpf(3) / 7
    hand = [[y / (1 + x**2 * y**2), x / (1 + x**2 * y**2)], [2 * x / (1 + x**2), 0]]
    result = explain_vector("[atan(x y), log(1 + x^2)]", {"x": "1/3", "y": "3/7"})
    for row, hand_row in zip(result.rows, hand, strict=True):
        for entry, value in zip(row, hand_row, strict=True):
            assert entry.symbolic == float(value)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_an_infinite_entry_at_the_edge_of_the_domain_agrees_and_says_why(dtype):
    # [sqrt(x), x*y] at x = 0: ∂√x/∂x = 1/(2√x) → +∞ from the right (√x has no left side)
    result = explain_vector("[sqrt(x), x*y]", {"x": 0, "y": 2}, dtype)
    root_x, root_y = result.rows[0]
    assert root_x.name == "∂f1/∂x" and root_x.expression == "1/(2*sqrt(x))"
    assert root_x.symbolic == math.inf and root_x.autodiff == math.inf
    assert root_x.status == "agree" and "infinite" in root_x.note
    assert (root_y.symbolic, root_y.autodiff) == (0.0, 0.0)
    assert [(e.symbolic, e.autodiff) for e in result.rows[1]] == [(2.0, 2.0), (0.0, 0.0)]
    assert result.values_autodiff == (0.0, 0.0)


def test_where_a_component_has_no_value_its_row_is_undefined_and_the_others_may_be_nan():
    # 1/x at 0 has no value: no derivative exists in its row. The tape's backward pass of f2
    # runs through 1/x with a zero upstream gradient, and 0·∞ is NaN: ∂y/∂x (truly 0) is NaN
    result = explain_vector("[1/x, y]", {"x": 0, "y": 5})
    first, second = result.rows
    assert all(e.status == "differ" and math.isnan(e.symbolic) for e in first)
    assert "no finite real value" in first[0].note
    assert first[0].autodiff == -math.inf
    assert second[0].symbolic == 0.0 and math.isnan(second[0].autodiff)
    assert "tape.jacobian runs the backward pass of f2" in second[0].note
    assert "f1" in second[0].note and "f1" in second[0].note_parts[-1][1]["others"]
    assert second[0].note_parts[-1][0] in zh.TEXT
    assert (second[1].symbolic, second[1].autodiff, second[1].status) == (1.0, 1.0, "agree")


def test_a_constant_component_has_a_row_of_zeros_and_missing_variables_default_to_one():
    result = explain_vector("[x^3, 2]", {})
    assert result.defaulted == ("x",) and result.point == {"x": 1.0}
    assert [[e.autodiff for e in row] for row in result.rows] == [[3.0], [0.0]]
    assert result.all_agree


def test_to_dict_is_plain_json_with_the_matrix_and_one_entry_per_partial():
    data = json.loads(json.dumps(explain_vector("[sqrt(x), x*y]", {"x": 0, "y": 2}).to_dict()))
    assert data["components"] == ["sqrt(x)", "x*y"] and data["variables"] == ["x", "y"]
    assert data["order"] == 1
    assert data["jacobian"]["autodiff"] == [["inf", 0.0], [2.0, 0.0]]
    assert data["jacobian"]["latex"].startswith(r"\begin{bmatrix}")
    assert [e["name"] for e in data["entries"]] == ["∂f1/∂x", "∂f1/∂y", "∂f2/∂x", "∂f2/∂y"]
    assert {e["status"] for e in data["entries"]} == {"agree"}


def test_the_point_is_checked_like_the_main_page_checks_it():
    with pytest.raises(InputError) as caught:
        prepare_vector("[x, y]", {"z": 1})
    assert caught.value.kind == "invalid_point"
    with pytest.raises(InputError):
        prepare_vector("[x, y]", {"x": "nan"})
    with pytest.raises(InputError):
        prepare_vector("[x, y]", {}, "float16")
    assert prepare_vector("[x, y]", {"x": "pi/4"}).point["x"] == math.pi / 4


def test_explain_refuses_a_list_and_names_the_function_that_takes_it():
    with pytest.raises(InputError) as caught:
        explain("[x*y, sin(x)]", {"x": 1})
    assert caught.value.said.key == "vector_api" and "explain_vector" in caught.value.message
    assert "explain_vector" in caught.value.words(zh.TEXT)


def test_every_list_among_the_page_examples_agrees_entry_by_entry():
    from diffexplain.core.parse import is_vector
    from diffexplain.ui.state import PRESETS

    lists = [p for p in PRESETS if is_vector(p.function)]
    assert lists
    for preset in lists:
        result = explain_vector(preset.function, preset.point, preset.dtype)
        assert result.all_agree, preset.key
