"""symbolic: partials, bounded simplification, exact values at awkward points."""

import math
import time

import pytest
import sympy

from diffexplain import symbolic
from diffexplain.parse import symbol
from diffexplain.symbolic import (
    ExactValue,
    analyze,
    derive,
    exact_value,
    kinks_at,
    needs_identities,
    partials,
    soft_time_limit,
)

x, y = symbol("x"), symbol("y")


def test_partials_are_every_sorted_combination_lowest_order_first():
    assert partials(("x",), 3) == (("x",), ("x", "x"), ("x", "x", "x"))
    assert partials(("x", "y"), 2) == (("x",), ("y",), ("x", "x"), ("x", "y"), ("y", "y"))
    assert len(partials(("a", "b", "c"), 3)) == 3 + 6 + 10


def test_derive_gives_raw_and_simplified_forms_that_are_equal():
    results = derive(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, (x,), 2)
    for _, raw, simplified, note in results:
        assert note == ""
        assert simplified == 0
        assert sympy.simplify(raw - simplified) == 0


def test_abs_of_a_real_variable_differentiates_to_sign_not_re_and_im():
    ((_, raw, _, _),) = derive(sympy.Abs(x), (x,), 1)
    assert raw == sympy.sign(x)


def test_simplification_over_its_budget_keeps_the_raw_form_with_a_note():
    expr = sympy.sin(x) ** 7 * sympy.exp(sympy.tan(x)) / (1 + x**2) ** 3
    results = derive(expr, (x,), 3, simplify_seconds=0.0)
    assert all(simplified == raw for _, raw, simplified, _ in results)
    assert all("raw form" in note or "budget" in note for *_, note in results)


def test_known_derivatives_are_reused_and_only_new_ones_simplified(monkeypatch):
    expr = sympy.sin(x * y) * sympy.exp(x)
    fresh = derive(expr, (x, y), 3)
    first = derive(expr, (x, y), 2)
    simplified = []
    original = symbolic.simpler_form
    monkeypatch.setattr(
        symbolic, "simpler_form", lambda e, s: simplified.append(e) or original(e, s)
    )
    extended = derive(expr, (x, y), 3, known=first)
    assert [r[0] for r in extended] == [r[0] for r in fresh]
    assert len(simplified) == 4  # the four third-order partials, nothing of orders 1 and 2
    for (_, raw, simpler, _), (_, raw_fresh, _, _) in zip(extended, fresh, strict=True):
        assert sympy.simplify(raw - raw_fresh) == 0
        assert sympy.simplify(simpler - raw) == 0
    assert derive(expr, (x, y), 1, known=first) == first[:2]


@pytest.mark.parametrize(
    ("expr", "shorter"),
    [
        (sympy.sinh(x) / sympy.cosh(x), sympy.tanh(x)),
        (1 + sympy.tan(x) ** 2, sympy.cos(x) ** -2),
        (-(sympy.sin(x) ** 2) + sympy.cos(x) ** 2, sympy.cos(2 * x)),
        (2 * sympy.tanh(x) * (1 - sympy.tanh(x) ** 2), 2 * sympy.tanh(x) / sympy.cosh(x) ** 2),
    ],
)
def test_trig_and_hyperbolic_identities_shorten_derivatives(expr, shorter, monkeypatch):
    monkeypatch.setattr(symbolic, "IDENTITY_SECONDS", 30.0)  # a loaded machine must not matter
    assert needs_identities(expr)
    form, note = symbolic.simpler_form(expr, 5.0)
    assert note == ""
    assert form == shorter


def test_identities_are_not_tried_where_none_can_apply():
    for expr in (
        y * sympy.cos(x * y) + sympy.exp(x - y),  # one trig function alone
        (sympy.sin(x) + sympy.cos(x)) * sympy.exp(x),  # a sum times exp: no product of two
        sympy.exp(x) / (1 + sympy.exp(x)) ** 2,
        x**3 - 2 * x,
    ):
        assert not needs_identities(expr), expr


def test_soft_time_limit_interrupts_python_work_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(Exception) as caught, soft_time_limit(0.2):
        while True:
            pass
    assert type(caught.value).__name__ == "_Overrun"
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("expr", "at", "expected"),
    [
        (sympy.acos(x).diff(x), 1, ExactValue(-math.inf, "infinite")),
        ((sympy.sqrt(x)).diff(x), 0, ExactValue(math.inf, "infinite")),
        (1 / x, 0, ExactValue(math.nan, "undefined")),
        (-1 / x**2, 0, ExactValue(-math.inf, "infinite")),
        (sympy.log(x), -1, ExactValue(math.nan, "complex")),
        (sympy.exp(x), 1000, ExactValue(math.inf, "overflow")),
        (sympy.DiracDelta(x), 0, ExactValue(math.nan, "undefined")),
        (sympy.DiracDelta(x) + x, 2, ExactValue(2.0, "finite")),
        (sympy.sin(x) / x, 0, ExactValue(1.0, "finite")),
    ],
)
def test_exact_values_at_awkward_points(expr, at, expected):
    value = exact_value(expr, {x: sympy.Integer(at)})
    assert value.kind == expected.kind
    assert (math.isnan(value.value) and math.isnan(expected.value)) or value.value == expected.value


def test_exact_value_at_one_tenth_uses_the_fraction_not_the_binary_float():
    value = exact_value(10 * x, {x: sympy.Rational(1, 10)})
    assert value == ExactValue(1.0, "finite")


def test_kinks_name_the_non_smooth_parts_on_their_corner():
    assert kinks_at(sympy.Abs(x) + sympy.Abs(y - 1), {x: 0, y: 1}) == ("Abs(x)", "Abs(y - 1)")
    assert kinks_at(sympy.Abs(x), {x: sympy.Integer(2)}) == ()


def test_analyze_marks_derivatives_undefined_where_the_function_is():
    result = analyze(1 / x, (x,), 2, {"x": sympy.Integer(0)})
    assert math.isnan(result.value.value)
    assert all(math.isnan(d.exact.value) for d in result.derivatives)


def test_analyze_gives_latex_for_both_forms():
    result = analyze(x**2 * y, (x, y), 1, {"x": sympy.Integer(1), "y": sympy.Integer(2)})
    assert [d.latex_simplified for d in result.derivatives] == ["2 x y", "x^{2}"]
    assert [d.exact.value for d in result.derivatives] == [4.0, 1.0]
