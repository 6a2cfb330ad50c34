"""explain(): exact and taped derivatives against independent references.

References come from mpmath's numerical differentiation at 50 digits of functions written
again here by hand: neither SymPy's `diff` nor TensorFlow's gradients are involved.
"""

from __future__ import annotations

import math
import re
import time

import mpmath as mp
import numpy as np
import pytest

from diffexplain import InputError, explain
from diffexplain.core.agree import words
from diffexplain.core.budget import MAX_GRAPH_OPS, Deadline
from diffexplain.core.explanation import prepare, record_part, refuse_oversized
from diffexplain.text import zh

mp.mp.dps = 50

# (typed text, the same function written with mpmath, point, order)
CASES = [
    ("sin(x)*exp(x)", lambda x: mp.sin(x) * mp.exp(x), {"x": 1}, 3),
    ("x^3", lambda x: x**3, {"x": 3}, 3),
    ("x^2", lambda x: x**2, {"x": 3}, 2),
    ("2x^3 - 4x + 1", lambda x: 2 * x**3 - 4 * x + 1, {"x": -1.5}, 4),
    ("x(1-x)", lambda x: x * (1 - x), {"x": 0.25}, 2),
    ("exp(2x)*sin(1)", lambda x: mp.exp(2 * x) * mp.sin(1), {"x": 0.3}, 3),
    ("1/(1+x^2)", lambda x: 1 / (1 + x**2), {"x": 0.7}, 4),
    ("log(x)/x", lambda x: mp.log(x) / x, {"x": 2.5}, 3),
    ("sqrt(1+x^2)", lambda x: mp.sqrt(1 + x**2), {"x": -2}, 3),
    ("tan(x)", lambda x: mp.tan(x), {"x": 0.4}, 4),
    ("atan(x)", lambda x: mp.atan(x), {"x": 2}, 3),
    ("asin(x) + acos(x/2)", lambda x: mp.asin(x) + mp.acos(x / 2), {"x": 0.3}, 3),
    ("sinh(x) cosh(x) tanh(x)", lambda x: mp.sinh(x) * mp.cosh(x) * mp.tanh(x), {"x": 0.8}, 3),
    (
        "asinh(x) + atanh(x/3) + acosh(x+2)",
        lambda x: mp.asinh(x) + mp.atanh(x / 3) + mp.acosh(x + 2),
        {"x": 0.5},
        3,
    ),
    ("erf(x)", lambda x: mp.erf(x), {"x": 0.6}, 4),
    ("sigmoid(x)", lambda x: 1 / (1 + mp.exp(-x)), {"x": 0.5}, 4),
    ("x^x", lambda x: x**x, {"x": 2}, 4),
    ("2^x", lambda x: mp.power(2, x), {"x": 1.5}, 3),
    ("sec(x) + csc(x) + cot(x)", lambda x: mp.sec(x) + mp.csc(x) + mp.cot(x), {"x": 0.9}, 3),
    ("ln(x^2 + 1)", lambda x: mp.log(x**2 + 1), {"x": -0.4}, 4),
    ("e^(-x^2/2)", lambda x: mp.exp(-(x**2) / 2), {"x": 1.2}, 5),
    ("cos(x)^2 + sin(x)^2", lambda x: mp.cos(x) ** 2 + mp.sin(x) ** 2, {"x": 0.3}, 2),
    ("(x+1)(x-1)/(x^2+3)", lambda x: (x + 1) * (x - 1) / (x**2 + 3), {"x": 1.1}, 3),
    ("abs(x) x", lambda x: abs(x) * x, {"x": -2}, 2),
    ("relu(x) + relu(-x)", lambda x: max(x, 0) + max(-x, 0), {"x": 1.5}, 1),
    ("x^(1/3)", lambda x: mp.cbrt(x), {"x": 8}, 3),
    ("pi x^2", lambda x: mp.pi * x**2, {"x": 0.1}, 2),
    ("sin(sin(sin(x)))", lambda x: mp.sin(mp.sin(mp.sin(x))), {"x": 0.7}, 6),
    ("exp(x)", lambda x: mp.exp(x), {"x": 10}, 6),
    ("log(x, 2)", lambda x: mp.log(x) / mp.log(2), {"x": 3}, 2),
]

MULTI_CASES = [
    ("x^2 + y^2", lambda x, y: x**2 + y**2, {"x": 4, "y": 3}, 2),
    ("x*y + y^2", lambda x, y: x * y + y**2, {"x": 1, "y": 2}, 3),
    ("x^y", lambda x, y: x**y, {"x": 1.5, "y": 2.5}, 3),
    ("sin(x y) + exp(x - y)", lambda x, y: mp.sin(x * y) + mp.exp(x - y), {"x": 0.5, "y": -0.3}, 3),
    (
        "sigmoid(w*x + b)",
        lambda b, w, x: 1 / (1 + mp.exp(-(w * x + b))),
        {"b": 0.1, "w": 0.5, "x": 2},
        2,
    ),
]


def _reference(function, variables, point, wrt):
    """∂^k f / ∂wrt at the point by mpmath, from the hand-written function."""
    at = [mp.mpf(str(point[name])) for name in variables]
    orders = [wrt.count(name) for name in variables]
    if len(variables) == 1:
        return mp.diff(function, at[0], orders[0])
    return mp.diff(function, tuple(at), tuple(orders))


def _close(actual: float, expected, relative: float) -> bool:
    return abs(actual - float(expected)) <= relative * max(1.0, abs(float(expected)))


@pytest.mark.parametrize(
    ("text", "function", "point", "order"),
    CASES + MULTI_CASES,
    ids=[c[0] for c in CASES + MULTI_CASES],
)
def test_exact_and_taped_values_match_an_independent_reference_in_float64(
    text, function, point, order
):
    result = explain(text, point, order=order, dtype="float64")
    at = [mp.mpf(str(point[name])) for name in result.variables]
    assert _close(result.value.symbolic, function(*at), 1e-12)
    for row in result.derivatives:
        expected = _reference(function, result.variables, point, row.wrt)
        assert _close(row.symbolic, expected, 1e-12), (row.wrt, row.symbolic, expected)
        assert _close(row.autodiff, expected, 1e-9), (row.wrt, row.autodiff, expected)
        assert row.agree, (row.wrt, row.note)
    assert result.all_agree


@pytest.mark.parametrize(
    ("text", "function", "point", "order"),
    CASES[:12] + MULTI_CASES[:3],
    ids=[c[0] for c in CASES[:12] + MULTI_CASES[:3]],
)
def test_float32_tapes_agree_within_float32_tolerance(text, function, point, order):
    result = explain(text, point, order=order, dtype="float32")
    assert result.all_agree, [(r.name, r.symbolic, r.autodiff, r.note) for r in result.derivatives]
    for row in result.derivatives:
        expected = float(_reference(function, result.variables, point, row.wrt))
        assert abs(row.autodiff - expected) <= 1e-4 * max(1.0, abs(expected))


def test_course_notes_examples():
    assert explain("x**2", {"x": 3}, order=1).derivatives[0].autodiff == 6.0
    cubic = explain("x**3", {"x": 3}, order=2)
    assert [r.autodiff for r in cubic.derivatives] == [27.0, 18.0]
    assert [r.symbolic for r in cubic.derivatives] == [27.0, 18.0]
    both = explain("x**2 + y**2", {"x": 4, "y": 3}, order=1)
    assert {r.wrt: r.autodiff for r in both.derivatives} == {("x",): 8.0, ("y",): 6.0}


def test_every_mixed_partial_is_listed_once_in_order():
    result = explain("x*y*z", {"x": 1, "y": 2, "z": 3}, order=2)
    assert [r.wrt for r in result.derivatives] == [
        ("x",),
        ("y",),
        ("z",),
        ("x", "x"),
        ("x", "y"),
        ("x", "z"),
        ("y", "y"),
        ("y", "z"),
        ("z", "z"),
    ]
    values = {r.wrt: r.autodiff for r in result.derivatives}
    assert values[("x",)] == 6.0 and values[("x", "z")] == 2.0 and values[("z", "z")] == 0.0


def test_a_gradient_that_tensorflow_returns_as_none_is_zero_and_explained():
    result = explain("3x", {"x": 2}, order=2)
    second = result.derivatives[1]
    assert second.autodiff == 0.0 and second.symbolic == 0.0 and second.agree
    assert "None" in second.note
    ignored = explain("x + 0*y + y - y", {"x": 1}, order=1)
    assert ignored.variables == ("x",)


def test_missing_variables_default_to_one_and_are_listed():
    result = explain("x*y", {"x": 2}, order=1)
    assert result.point == {"x": 2.0, "y": 1.0}
    assert result.defaulted == ("y",)


def test_point_may_be_a_constant_expression():
    result = explain("sin(x)", {"x": "pi/2"}, order=2)
    assert abs(result.value.symbolic - 1.0) < 1e-15
    assert abs(result.derivatives[0].symbolic) < 1e-15


def test_to_dict_is_plain_json_with_non_finite_numbers_as_strings():
    import json

    data = explain("1/x", {"x": 0}, order=1).to_dict()
    json.dumps(data, allow_nan=False)
    assert set(data) >= {
        "expression",
        "latex",
        "variables",
        "point",
        "dtype",
        "value",
        "derivatives",
        "tape",
    }
    assert data["value"]["autodiff"] == "inf"
    row = data["derivatives"][0]
    assert set(row) >= {
        "order",
        "wrt",
        "expression",
        "latex",
        "symbolic",
        "autodiff",
        "abs_error",
        "rel_error",
        "agree",
        "note",
    }
    assert row["autodiff"] == "-inf"


@pytest.mark.parametrize(
    ("text", "point", "order", "expected_symbolic", "agree", "words"),
    [
        ("acos(x)", {"x": 1}, 1, [-math.inf], True, "infinite"),
        ("sqrt(x)", {"x": 0}, 1, [math.inf], True, "infinite"),
        ("log(x)", {"x": -1}, 1, [math.nan], False, "derivative does not exist; autodiff still"),
        ("abs(x)", {"x": 0}, 1, [math.nan], False, "−1 from the left and 1 from the right"),
        ("relu(x)", {"x": 0}, 1, [math.nan], False, "0 from the left and 1 from the right"),
        ("1/x", {"x": 0}, 1, [math.nan], False, "this derivative does not exist"),
        ("exp(x)", {"x": 800}, 1, [math.inf], True, "too large"),
        (
            "x^(1/3)",
            {"x": -8},
            1,
            [math.nan],
            True,
            "both values are undefined; f has no finite real value",
        ),
        (
            "asin(x)",
            {"x": 2},
            1,
            [math.nan],
            True,
            "both values are undefined; f has no finite real value",
        ),
    ],
)
def test_edge_points_are_explained_not_crashed(text, point, order, expected_symbolic, agree, words):
    result = explain(text, point, order=order)
    row = result.derivatives[0]
    expected = expected_symbolic[0]
    assert (math.isnan(row.symbolic) and math.isnan(expected)) or row.symbolic == expected
    assert row.agree is agree
    assert words in row.note


def test_log_at_a_negative_point_says_the_function_is_not_real():
    result = explain("log(x)", {"x": -1}, order=1)
    assert math.isnan(result.value.symbolic) and math.isnan(result.value_autodiff)
    assert "not a real number" in result.value.note


def test_second_derivative_of_abs_at_its_corner_is_undefined_and_said_so():
    row = explain("abs(x)", {"x": 0}, order=2).derivatives[1]
    assert math.isnan(row.symbolic) and row.autodiff == 0.0
    assert not row.agree and "does not exist" in row.note


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({"order": 0}, "invalid_option"),
        ({"order": 7}, "invalid_option"),
        ({"order": "two"}, "invalid_option"),
        ({"order": 2.5}, "invalid_option"),
        ({"dtype": "float16"}, "invalid_option"),
        ({"point": {"z": 1}}, "invalid_point"),
        ({"point": {"x": "nan"}}, "invalid_point"),
        ({"point": {"x": "1e999"}}, "invalid_point"),
    ],
)
def test_bad_options_raise_input_errors(kwargs, kind):
    with pytest.raises(InputError) as caught:
        explain("sin(x)", **kwargs)
    assert caught.value.kind == kind


def test_too_many_partials_are_refused_before_any_work():
    with pytest.raises(InputError) as caught:
        explain("a*b*c*d", order=6)
    assert caught.value.kind == "too_large"
    assert "4 variables at order 6 make 209 partial derivatives" in caught.value.message
    assert "4 个变量到 6 阶共有 209 个偏导数" in caught.value.words(zh.TEXT)


def test_a_symbolic_overrun_is_worded_in_either_language():
    from diffexplain.core.parse import said
    from diffexplain.core.worker import BudgetExceeded

    overrun = BudgetExceeded(said("budget.time", seconds=20.0))
    assert str(overrun) == "took longer than 20 s"
    assert overrun.said.words(zh.TEXT) == "超过了 20 秒"


def test_the_same_call_again_returns_the_cached_result():
    first = explain("x^4 - x", {"x": 2}, order=2)
    assert explain("x^4 - x", {"x": 2}, order=2) is first
    assert explain("x^4 - x", {"x": 2}, order=2, dtype="float32") is not first


def test_a_new_point_or_order_reuses_the_derivatives_already_found():
    from diffexplain.core.explanation import _derivations, prepare, symbolic_part

    text = "sin(x*y) exp(x) + y^3"
    first = prepare(text, {"x": 0.5, "y": 2}, 2)
    symbolic_part(first)
    moved = prepare(text, {"x": 1.5, "y": -1}, 3)
    assert {d[0] for d in _derivations.known(moved)} == {
        ("x",),
        ("y",),
        ("x", "x"),
        ("x", "y"),
        ("y", "y"),
    }
    again = symbolic_part(moved)
    # the values are those of the new point: an independent mpmath evaluation of f_xy and f_xyy
    x, y = mp.mpf(1.5), mp.mpf(-1)
    exact = {d.wrt: d.exact.value for d in again.derivatives}
    f_xy = mp.diff(lambda a, b: mp.sin(a * b) * mp.exp(a) + b**3, (x, y), (1, 1))
    f_xyy = mp.diff(lambda a, b: mp.sin(a * b) * mp.exp(a) + b**3, (x, y), (1, 2))
    assert exact[("x", "y")] == pytest.approx(float(f_xy), rel=1e-10)
    assert exact[("x", "y", "y")] == pytest.approx(float(f_xyy), rel=1e-10)
    assert len(_derivations.known(moved)) == 9


def test_unhashable_or_wrong_types_are_input_errors():
    for kwargs in ({"point": {"x": [1]}}, {"order": [2]}, {"dtype": ["float64"]}):
        with pytest.raises(InputError):
            explain("x", **kwargs)
    with pytest.raises(InputError):
        explain(None)


def test_a_constant_is_a_function_of_x_whose_derivatives_are_zero_by_none():
    result = explain("pi^2 + sin(1)", order=2)
    assert result.variables == ("x",)
    assert result.value.symbolic == pytest.approx(math.pi**2 + math.sin(1), rel=1e-15)
    assert [r.autodiff for r in result.derivatives] == [0.0, 0.0]
    assert all("None" in r.note and r.agree for r in result.derivatives)


def test_x_to_the_y_at_x_zero_uses_the_simplified_form_and_limits():
    result = explain("x^y", {"x": 0, "y": 2}, order=2)
    exact = {row.wrt: row.symbolic for row in result.derivatives}
    # f = x^y: f_x = y x^(y-1) = 0, f_y = x^y ln x -> 0, f_xx = y(y-1) x^(y-2) = 2
    assert exact == {("x",): 0.0, ("y",): 0.0, ("x", "x"): 2.0, ("x", "y"): 0.0, ("y", "y"): 0.0}
    assert result.all_agree


@pytest.mark.parametrize(
    ("text", "point", "expected"),
    [
        # |x|' has slopes −1 and 1 at 0, so no f' and no f''
        ("abs(x)", {"x": 0}, {("x",): math.nan, ("x", "x"): math.nan}),
        # |x|³ = x²·|x|: (h²|h|)/h → 0 and (3h|h|)/h → 0, both sides
        ("abs(x)^3", {"x": 0}, {("x",): 0.0, ("x", "x"): 0.0}),
        # relu(x)² has f' = 2·relu(x) (0 both sides) and f'' = 2·step(x): 0 and 2, none
        ("relu(x)^2", {"x": 0}, {("x",): 0.0, ("x", "x"): math.nan}),
        # y·|x − 1| at (1, 2): along x slopes −2 and 2; along y the corner does not move
        (
            "y abs(x-1)",
            {"x": 1, "y": 2},
            {
                ("x",): math.nan,
                ("y",): 0.0,
                ("x", "x"): math.nan,
                ("x", "y"): math.nan,
                ("y", "y"): 0.0,
            },
        ),
    ],
)
def test_at_a_corner_derivatives_come_from_the_difference_quotient(text, point, expected):
    result = explain(text, point, order=2)
    found = {row.wrt: row.symbolic for row in result.derivatives}
    assert found.keys() == expected.keys()
    for wrt, value in expected.items():
        assert (math.isnan(found[wrt]) and math.isnan(value)) or found[wrt] == value, wrt
    for row in result.derivatives:
        if math.isnan(row.symbolic):
            # a derivative that does not exist never agrees with the tape's number
            assert row.agree == math.isnan(row.autodiff), row.name
            assert "does not exist" in row.note, row.name
        elif "corner of" in row.note:
            assert "from both sides" in row.note and "does not exist" not in row.note


def test_where_f_is_infinite_no_derivative_exists():
    result = explain("atanh(x)", {"x": 1}, order=1)
    assert result.value.symbolic == math.inf and result.value.agree
    row = result.derivatives[0]
    assert math.isnan(row.symbolic) and "no finite real value" in row.note


def test_to_dict_has_the_steps_of_the_first_derivatives_tied_to_graph_nodes():
    data = explain("x*sin(x)", {"x": 1}, order=1).to_dict()
    node_ids = {node["id"] for node in data["tape"]["nodes"]}
    assert data["steps"], "no steps"
    assert {"rule", "before", "after", "latex", "ops"} <= set(data["steps"][0])
    assert any("product rule" in step["rule"] for step in data["steps"])
    assert all(set(step["ops"]) <= node_ids for step in data["steps"])


def test_a_point_typed_as_a_constant_is_taken_exactly_so_tan_at_pi_over_2_is_a_pole():
    # at the float nearest π/2 tan is about 1.6e16; at π/2 itself it has no value at all
    result = explain("tan(x)", {"x": "pi/2"}, order=1)
    assert math.isnan(result.value.symbolic) and not result.value.agree
    assert "does not exist" in result.value.note
    assert math.isnan(result.derivatives[0].symbolic)


def test_sin_at_pi_typed_as_pi_is_exactly_zero_and_agrees():
    result = explain("sin(x)", {"x": "pi"}, order=2)
    assert result.value.symbolic == 0.0 and result.value.agree
    assert [row.symbolic for row in result.derivatives] == [-1.0, 0.0]


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("relu(sin(x))", {"x": 0}),  # slopes 0 on the left, cos 0 = 1 on the right
        ("relu(1 - x^2)", {"x": 1}),  # slopes −2 on the left, 0 on the right
        ("relu(sin(x))", {"x": "pi"}),  # slopes −1 on the left, 0 on the right
    ],
)
def test_relu_of_a_curve_on_its_corner_says_the_first_derivative_does_not_exist(text, point):
    row = explain(text, point, order=1).derivatives[0]
    assert math.isnan(row.symbolic) and not row.agree
    assert "corner of relu(" in row.note and "does not exist" in row.note


def test_no_third_derivative_where_the_second_jumps():
    # relu(x)² has f'' = 2·step(x): 0 on the left, 2 on the right, so f''' at 0 does not exist
    # (SymPy's formula has 6·δ(x)·step(x), which step(0) = 0 would turn into the number 0)
    third = explain("relu(x)^2", {"x": 0}, order=3).derivatives[2]
    assert math.isnan(third.symbolic)
    assert "does not exist" in third.note


def test_xy_over_x2_plus_y2_has_no_value_at_the_origin():
    # 0/0 at (0, 0): 0 along both axes but 1/2 along the diagonal, so no limit either
    result = explain("x y/(x^2+y^2)", {"x": 0, "y": 0}, order=1)
    assert math.isnan(result.value.symbolic)
    assert "no limit" in result.value.note
    assert "0 along y = 0" in result.value.note and "0.5 along y = x" in result.value.note


def test_the_cone_has_no_partial_derivatives_at_its_tip():
    # f = √(x² + y²) at (0, 0): f(h, 0) = |h|, so ∂f/∂x has slopes −1 and 1, and none there
    result = explain("sqrt(x^2+y^2)", {"x": 0, "y": 0}, order=1)
    assert result.value.symbolic == 0.0
    assert all(math.isnan(row.symbolic) for row in result.derivatives)


def test_a_partial_derivative_is_a_slope_along_its_own_variable_only():
    # f = √(x·y) is 0 on both axes, so ∂f/∂x = ∂f/∂y = 0 at (0, 0), though the formula
    # √(xy)/(2x) has different limits along the diagonal; ∂²f/∂x∂y does not exist there
    # (∂f/∂x(0, y) is infinite for y > 0)
    rows = {row.wrt: row.symbolic for row in explain("sqrt(x*y)", {"x": 0, "y": 0}, 2).derivatives}
    assert rows[("x",)] == rows[("y",)] == rows[("x", "x")] == rows[("y", "y")] == 0.0
    assert math.isnan(rows[("x", "y")])


def test_a_float32_difference_from_rounding_the_point_is_said_to_be_the_inputs():
    result = explain("1/(x-1)", {"x": "1.001"}, order=1, dtype="float32")
    stored = mp.mpf(float(np.float32(1.001)))  # 1.00100004673…: where the float32 tape works
    f_prime = result.derivatives[0]
    assert f_prime.symbolic == pytest.approx(-1e6, rel=1e-7)  # exact at the point typed
    assert f_prime.autodiff == pytest.approx(float(-1 / (stored - 1) ** 2), rel=2e-5)
    assert not f_prime.agree  # the numbers do differ, and the words say why
    assert "rounding the input" in f_prime.note and "1.00100005" in f_prime.note
    assert "rounding the input" in result.value.note


def test_a_float32_difference_the_point_does_not_explain_keeps_its_plain_note():
    # 1 − cos x cancels in float32 whatever x is: not the input's fault
    result = explain("(1-cos(x))/x^2", {"x": "0.001"}, order=1, dtype="float32")
    assert not result.value.agree
    assert result.value.note.startswith("differs by more than float32 rounding explains; ")
    assert "1 - cos(x) subtracts nearly equal numbers" in result.value.note
    assert "rounding the input" not in result.value.note


def test_float64_and_exactly_stored_points_are_not_looked_at_again():
    from diffexplain.core.explanation import prepare, stored_point

    assert stored_point(prepare("1/(x-1)", {"x": "1.001"}, 1, "float64")) is None
    assert stored_point(prepare("1/(x-1)", {"x": "0.5"}, 1, "float32")) is None


def test_a_derivative_whose_formula_has_no_limit_is_found_by_its_definition():
    # f = x²·sin(1/x): f'(0) = lim h·sin(1/h) = 0 (|h·sin(1/h)| ≤ |h|), though the formula
    # 2x·sin(1/x) − cos(1/x) oscillates at 0; f'' = lim (2 sin(1/h) − cos(1/h)/h) does not exist
    result = explain("x^2 sin(1/x)", {"x": 0}, order=2)
    assert result.value.symbolic == 0.0  # the limit of x² sin(1/x)
    f_prime, f_second = result.derivatives
    assert f_prime.symbolic == 0.0
    assert math.isnan(f_prime.autodiff) and not f_prime.agree  # TensorFlow: 0·sin(1/0) is nan
    assert math.isnan(f_second.symbolic)
    # away from 0 the formula is used as before: an independent value by mpmath
    elsewhere = explain("x^2 sin(1/x)", {"x": 0.5}, order=1).derivatives[0]
    assert elsewhere.symbolic == pytest.approx(
        float(mp.diff(lambda t: t**2 * mp.sin(1 / t), mp.mpf("0.5"))), rel=1e-14
    )


def test_zero_to_the_x_has_slope_zero_at_one():
    # 0^x is 0 for every x > 0; SymPy's formula 0^x·log(0) is 0·∞ there
    (f_prime,) = explain("0^x", {"x": 1}, order=1).derivatives
    assert f_prime.symbolic == 0.0 and f_prime.agree


# Issue 16: exact values a student can trust. References are mpmath at 1000 digits of
# closed forms worked out by hand.
@pytest.mark.parametrize(
    ("text", "at", "f", "f_prime"),
    [
        ("cosh(x) - sinh(x)", 400, lambda a: mp.exp(-a), lambda a: -mp.exp(-a)),
        ("cosh(x)^2 - sinh(x)^2", 200, lambda a: 1, lambda a: 0),
        (
            "1 - tanh(x)^2",
            200,
            lambda a: mp.cosh(a) ** -2,
            lambda a: -2 * mp.tanh(a) / mp.cosh(a) ** 2,
        ),
        (
            "1 - sigmoid(x)",
            800,
            lambda a: 1 / (1 + mp.exp(a)),
            lambda a: -1 / (4 * mp.cosh(a / 2) ** 2),
        ),
        ("tan(x)^2 - sec(x)^2", "0.3", lambda a: -1, lambda a: 0),
    ],
)
def test_exact_column_has_no_digit_lost_to_cancellation(text, at, f, f_prime):
    result = explain(text, {"x": at}, order=1)
    with mp.workdps(1000):
        a = mp.mpf(str(at))
        expected = [float(mp.mpf(f(a))), float(mp.mpf(f_prime(a)))]
    assert [result.value.symbolic, result.derivatives[0].symbolic] == expected
    assert all(row.known for row in (result.value, *result.derivatives))


def test_cosh_minus_sinh_blames_autodiff_only_where_it_is_wrong():
    # at 400 the tape's 0.0 is right to float64's absolute tolerance: no "differs"
    near = explain("cosh(x) - sinh(x)", {"x": 400}, order=1)
    assert near.all_agree and near.value.note == ""
    # at 800 e^-800 ≈ 3.6e-348 rounds to 0, the tape's cosh(800) overflows: inf − inf = nan
    far = explain("cosh(x) - sinh(x)", {"x": 800}, order=1)
    assert far.value.symbolic == 0.0 and math.isnan(far.value_autodiff)
    assert "overflows float64" in far.value.note and "e+347" in far.value.note


@pytest.mark.parametrize(
    ("text", "at", "dtype"), [("1 - sigmoid(x)", 800, "float64"), ("exp(-x)", 120, "float32")]
)
def test_an_exact_value_too_small_for_the_dtype_reads_0_and_says_how_small(text, at, dtype):
    result = explain(text, {"x": at}, order=1, dtype=dtype)
    with mp.workdps(50):
        truth = mp.exp(-at) if text == "exp(-x)" else 1 / (1 + mp.exp(at))  # f; f′ = ∓ the same
    about = mp.nstr(truth, 3, min_fixed=0, max_fixed=0)
    assert result.value.symbolic == 0.0 and result.value.agree
    assert f"about {about}" in result.value.note and dtype in result.value.note
    assert f"about -{about}" in result.derivatives[0].note


@pytest.mark.parametrize(
    ("text", "order", "exact"),
    [
        # = log(1 + eˣ): f′(0) = σ(0) = 1/2, f″(0) = σ(0)(1 − σ(0)) = 1/4
        ("relu(x) + log(1 + exp(-abs(x)))", 2, [0.5, 0.25]),
        ("relu(x) - relu(-x)", 2, [1.0, 0.0]),  # = x
        ("relu(x)^2 + relu(-x)^2", 3, [0.0, 2.0, 0.0]),  # = x²
    ],
)
def test_smooth_functions_built_of_kinked_pieces_have_their_true_derivatives(text, order, exact):
    result = explain(text, {"x": 0}, order=order)
    assert [row.symbolic for row in result.derivatives] == exact
    for row in result.derivatives:
        if row.autodiff != row.symbolic:  # TensorFlow's relu′(0) = 0, |x|′(0) = 0
            assert not row.agree
            assert "convention" in row.note or "nan" in row.note, row.name
    softplus = explain("relu(x) + log(1 + exp(-abs(x)))", {"x": 0}, order=2)
    assert [row.autodiff for row in softplus.derivatives] == [0.0, 0.0]  # the tape is wrong here
    assert all("wrong value" in row.note for row in softplus.derivatives)


def test_abs_at_its_corner_has_no_derivative_and_no_tick():
    first = explain("abs(x)", {"x": 0}, order=1).derivatives[0]
    assert math.isnan(first.symbolic) and first.autodiff == 0.0 and not first.agree
    assert "does not exist" in first.note and "convention" in first.note


def test_a_function_of_two_variables_without_a_limit_is_not_given_a_value():
    result = explain("x^2*y/(x^4 + y^2)", {"x": 0, "y": 0}, order=1)
    assert math.isnan(result.value.symbolic)
    assert "no limit" in result.value.note and "0.5 along y = x^2" in result.value.note
    # f(h, 0) = f(0, h) = 0 for h ≠ 0: both partials are slopes of 0 along an axis
    assert [row.symbolic for row in result.derivatives] == [0.0, 0.0]
    assert all("slope of f along" in row.note for row in result.derivatives)


@pytest.mark.parametrize(
    ("text", "point", "order", "row", "words"),
    [
        ("sin(x)/x", {"x": 0}, 2, 0, ["sin(x)/x is 0/0 at this point as typed", "limit"]),
        ("(exp(x)-1)/x", {"x": 0}, 2, 1, ["(exp(x) - 1)/x is 0/0", "limit"]),
        ("log(1 + exp(x))", {"x": 800}, 2, 1, ["exp(x) overflows float64", "2.73e+347"]),
        ("(x^3 - 8)/(x - 2)", {"x": "2.0000001"}, 2, 1, ["x^3 - 8 subtracts nearly equal"]),
        ("sqrt(x^2 + 1) - x", {"x": "1e6"}, 1, None, ["about 12 of float64's 16 digits"]),
        ("x^2", {"x": 0}, 3, 2, ["Pow", "0·0⁻¹"]),
        ("abs(sin(x))", {"x": "pi"}, 1, 0, ["cannot hold the point", "left of the corner", "−1"]),
        ("exp(x) - 1 - x", {"x": "1e-8"}, 1, None, ["opposite sign", "all 16 of float64's"]),
    ],
)
def test_notes_name_the_cause(text, point, order, row, words):
    result = explain(text, point, order=order)
    checked = result.value if row is None else result.derivatives[row]
    assert not checked.agree
    for word in words:
        assert word in checked.note, (word, checked.note)
    assert checked.note != "autodiff gives nan where the exact value is finite"


@pytest.mark.parametrize(
    ("text", "point", "order"),
    [
        ("abs(x)", {"x": 0}, 2),
        ("abs(x)^3", {"x": 0}, 3),
        ("sqrt(abs(x))", {"x": 0}, 2),
        ("relu(x)", {"x": 0}, 2),
        ("relu(x)^2", {"x": 0}, 3),
        ("abs(sin(x))", {"x": "pi"}, 2),
        ("relu(x) + log(1 + exp(-abs(x)))", {"x": 0}, 2),
        ("x^2*y/(x^4 + y^2)", {"x": 0, "y": 0}, 1),
        ("x y/(x^2+y^2)", {"x": 0, "y": 0}, 1),
        ("sqrt(x^2+y^2)", {"x": 0, "y": 0}, 2),
    ],
)
def test_no_note_contradicts_itself_or_its_verdict(text, point, order):
    result = explain(text, point, order=order)
    for checked in (result.value, *result.derivatives):
        note, exists = checked.note, not math.isnan(checked.symbolic)
        if "does not exist" in note or "no limit at this point, so no value" in note:
            assert not exists, note
        if exists:
            assert "both values are undefined" not in note
        if checked.agree:
            assert "differs" not in note and "wrong value" not in note
            assert "still returns" not in note and "all the same" not in note
        assert "{" not in words(checked.note_parts, zh.TEXT)  # every clause in Chinese too


def test_beyond_the_ladder_an_exact_limit_of_a_continuous_formula_still_settles_it():
    # cosh(x)² − sinh(x)² at 5000: terms near 10^4343, beyond the 8192-bit rung; the formula
    # has a value and no piece jumps, so SymPy's exact limit there, 1, is that value
    result = explain("cosh(x)^2 - sinh(x)^2", {"x": 5000}, order=1)
    assert result.value.symbolic == 1.0 and result.value.known


def test_an_exact_value_that_cannot_be_established_is_shown_as_unknown():
    data = explain("x^2*y^2/(x^2 + y^4)", {"x": 0, "y": 0}, order=1).to_dict()
    assert data["value"]["status"] == "unknown" and data["value"]["symbolic"] == "nan"
    assert "curves that agree prove nothing" in data["value"]["note"]


# --- time: every request finishes or is refused within budget.REQUEST_SECONDS (issue 16) ----


# What the size gate decides does not depend on the machine; the deadline does, so these tests
# give SymPy all the time a busy test machine may need (the times are in the benchmark).
PATIENT = 600


def test_issue_16_sin_cos_tan_at_order_6_has_every_row_and_the_graph_of_the_tapes_that_fit():
    result = explain(
        "sin(x)^cos(x)^tan(x)", {"x": "0.7"}, order=6, deadline=Deadline.start(PATIENT)
    )
    assert [row.order for row in result.derivatives] == [1, 2, 3, 4, 5, 6]
    assert result.all_agree
    shown = len(result.graph.backward_ops)
    assert 1 <= shown < 6
    ((key, values),) = result.graph_note_parts
    assert key == "graph.too_big" and values["shown"] == str(shown)
    assert f"tapes t0 to t{shown - 1}" in result.graph_note  # the notes: t0 innermost
    assert "too many to record in time" in result.graph_note
    tape = result.to_dict()["tape"]
    assert len(tape["ops_per_stage"]) == 7 and tape["stages_counted"] > shown
    assert tape["note"] == result.graph_note


def test_issue_16_two_variable_power_at_order_6_is_refused_saying_which_order_fits():
    with pytest.raises(InputError) as refused:
        explain("(x^2 + y^2)^(x y)", {"x": "0.5", "y": "0.8"}, order=6)
    assert refused.value.kind == "too_large"
    assert re.fullmatch(
        r"order 6 of this function needs about [\d,]+ ops on the tapes, more than the 25,000 "
        r"that fit in 20 s: order 5 fits \(about [\d,]+ ops\)",
        refused.value.message,
    )
    assert "5 阶可以" in refused.value.words(zh.TEXT)


def test_the_order_a_refusal_says_fits_is_explained():
    point = {"x": "0.5", "y": "0.8"}
    result = explain("(x^2 + y^2)^(x y)", point, order=5, deadline=Deadline.start(PATIENT))
    assert len(result.derivatives) == 20 and result.all_agree
    assert result.graph is not None and result.graph_note_parts[0][0] == "graph.too_big"


def test_a_small_request_that_starts_after_its_deadline_still_finishes():
    # a class's first minute: the request waited its turn; each step gets its grace
    late = Deadline(time.monotonic() - 1)
    result = explain("x^3 + 2x", {"x": 2}, order=2, deadline=late)
    assert [row.autodiff for row in result.derivatives] == [3 * 2**2 + 2, 6 * 2]
    assert result.graph is not None and result.complete


def test_a_request_out_of_time_past_its_grace_is_refused_and_not_remembered(monkeypatch):
    from diffexplain.core import budget

    monkeypatch.setattr(budget, "GRACE_SECONDS", 0.0)
    late = Deadline(time.monotonic() - 1)
    with pytest.raises(InputError) as refused:
        explain("x^3 + 3x", {"x": 2}, order=2, deadline=late)
    assert refused.value.kind == "timeout"
    assert "too busy" in refused.value.message
    monkeypatch.undo()
    result = explain("x^3 + 3x", {"x": 2}, order=2)
    assert [row.autodiff for row in result.derivatives] == [3 * 2**2 + 3, 6 * 2]


def _examples_and_class_functions():
    from diffexplain.core.parse import is_vector
    from diffexplain.devtools.load import FUNCTIONS
    from diffexplain.ui.state import PRESETS

    # a list of functions is explain_vector's (tests/test_vector.py)
    examples = [(p.function, p.point, p.dtype) for p in PRESETS if not is_vector(p.function)]
    return examples + [(text, {}, "float64") for text in FUNCTIONS]


@pytest.mark.parametrize(
    "text, point, dtype", _examples_and_class_functions(), ids=lambda value: str(value)
)
def test_every_example_and_class_function_fits_in_full_at_order_4(text, point, dtype):
    # the size gate is exact: what it decides does not depend on how busy the machine is;
    # the graph of order 4 holds those of orders 1 to 3
    request = prepare(text, point, 4, dtype)
    recorded = record_part(request)
    assert len(recorded.graph.backward_ops) == 4 and recorded.note_parts == ()
    assert recorded.size.exact and recorded.size.ops() <= MAX_GRAPH_OPS
    refuse_oversized(request, recorded.size)  # does not raise
