"""causes.diagnose: what the tape's forward pass meets at a point, subtree by subtree."""

from __future__ import annotations

import pytest

from diffexplain.core.causes import diagnose, shown
from diffexplain.core.parse import exact_point, parse_function


def _causes(text: str, point: dict, dtype: str = "float64") -> dict[str, list]:
    parsed = parse_function(text)
    exact = {name: exact_point(value) for name, value in point.items()}
    stored = {name: float(value.evalf(30)) for name, value in exact.items()}
    found: dict[str, list] = {}
    for cause in diagnose(parsed.expr, stored, dtype, exact):
        found.setdefault(cause.kind, []).append(cause)
    return found


def test_an_intermediate_that_overflows_is_named_with_its_exact_size():
    (cause,) = _causes("log(1 + exp(x))", {"x": 800})["overflow"]
    assert cause.node == "exp(x)"
    assert cause.fields["about"] == "2.73e+347"  # e^800 = 2.726…e347
    assert cause.fields["largest"] == "1.8e+308"


def test_float32_overflows_where_float64_does_not():
    assert "overflow" not in _causes("exp(x)", {"x": 100})
    (cause,) = _causes("exp(x)", {"x": 100}, "float32")["overflow"]
    assert cause.fields["about"] == "2.69e+43"


def test_underflow_is_a_non_zero_exact_value_that_is_zero_in_the_dtype():
    (cause,) = _causes("x exp(-x)", {"x": 200}, "float32")["underflow"]
    assert cause.node == "exp(-x)" and cause.fields["about"] == "1.38e-87"


@pytest.mark.parametrize(
    ("text", "point", "node", "digits"),
    [
        # √(10¹² + 1) − 10⁶ = 5e-7 from terms of 10⁶: 12 digits gone
        ("sqrt(x^2 + 1) - x", {"x": "1e6"}, "-x + sqrt(x^2 + 1)", "12"),
        # e^x − 1 − x = 5e-17 from terms of 1: all 16
        ("exp(x) - 1 - x", {"x": "1e-8"}, "-x + exp(x) - 1", "16"),
        ("(x^3 - 8)/(x - 2)", {"x": "2.0000001"}, "x^3 - 8", "7"),
    ],
)
def test_a_sum_that_cancels_is_named_with_the_digits_it_loses(text, point, node, digits):
    cancellations = {c.node: c.fields["digits"] for c in _causes(text, point)["cancellation"]}
    assert cancellations[node] == digits


def test_a_sum_computed_exactly_is_no_cancellation():
    # x − 2 at 2.5: terms and result alike, nothing lost
    assert "cancellation" not in _causes("(x^3 - 8)/(x - 2)", {"x": "2.5"})


@pytest.mark.parametrize(
    ("text", "node", "form"),
    [("sin(x)/x", "sin(x)/x", "0/0"), ("(exp(x)-1)/x", "(exp(x) - 1)/x", "0/0")],
)
def test_a_division_by_zero_as_typed_is_named(text, node, form):
    (cause,) = _causes(text, {"x": 0})["divide_by_zero"]
    assert (cause.node, cause.fields["form"]) == (node, form)


def test_a_power_at_zero_base_is_where_tensorflows_pow_gradient_meets_0_times_infinity():
    (cause,) = _causes("x^2", {"x": 0})["pow_zero"]
    assert cause.fields == {"base": "x", "exponent": "2", "order": "3"}
    assert "pow_zero" not in _causes("x^2", {"x": 1})
    assert "pow_zero" not in _causes("sqrt(x)", {"x": 0})  # √ is its own op


def test_a_switch_the_stored_point_misses_is_named_with_its_side():
    # float64's π is 1.2e-16 short of π: sin there is 1.22e-16, left of the corner
    (cause,) = _causes("abs(sin(x))", {"x": "pi"})["off_corner"]
    assert cause.fields["switch"] == "sin(x)" and cause.fields["value"] == "1.22e-16"
    assert cause.fields["side"] == "left"
    assert "off_corner" not in _causes("abs(x)", {"x": 0})  # 0 is stored exactly


def test_nothing_is_found_where_nothing_happens():
    assert _causes("sin(x) exp(x)", {"x": 1}) == {}


def test_subtrees_are_shown_as_typed():
    assert shown(parse_function("sqrt(abs(x)) + y^3").expr) == "y^3 + sqrt(abs(x))"
