"""symbolic: partials, bounded simplification, exact values at awkward points."""

import math
import time

import mpmath as mp
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from diffexplain.core import symbolic
from diffexplain.core.ops import sigmoid
from diffexplain.core.parse import symbol
from diffexplain.core.symbolic import (
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


# Values the issue found wrong, against closed forms worked out by hand and evaluated by mpmath
# at 1000 digits (never evalf): cosh a − sinh a = e⁻ᵃ, cosh²a − sinh²a = 1, 1 − tanh²a =
# 1/cosh²a (derivative −2 tanh a/cosh²a), 1 − σ(a) = 1/(1 + eᵃ) (derivative −σ(a)(1 − σ(a))),
# tan²a − sec²a = −1 (derivative 0, though diff writes 2 tan a·(tan²a + 1) − 2 tan a·sec²a).
@pytest.mark.parametrize(
    ("text", "at", "f", "f_prime"),
    [
        ("cosh(x) - sinh(x)", 400, lambda a: mp.exp(-a), lambda a: -mp.exp(-a)),
        ("cosh(x) - sinh(x)", 800, lambda a: mp.exp(-a), lambda a: -mp.exp(-a)),
        ("cosh(x)^2 - sinh(x)^2", 200, lambda a: mp.mpf(1), lambda a: mp.mpf(0)),
        (
            "1 - tanh(x)^2",
            200,
            lambda a: 1 / mp.cosh(a) ** 2,
            lambda a: -2 * mp.tanh(a) / mp.cosh(a) ** 2,
        ),
        (
            "1 - sigmoid(x)",
            800,
            lambda a: 1 / (1 + mp.exp(a)),
            lambda a: -mp.exp(a) / (1 + mp.exp(a)) ** 2,
        ),
        ("tan(x)^2 - sec(x)^2", sympy.Rational(3, 10), lambda a: mp.mpf(-1), lambda a: 0),
    ],
)
def test_exact_values_keep_no_digit_lost_to_cancellation(text, at, f, f_prime):
    from diffexplain.core.parse import parse_function

    parsed = parse_function(text)
    result = analyze(parsed.expr, parsed.symbols, 1, {"x": sympy.Rational(at)})
    with mp.workdps(1000):
        a = mp.mpf(sympy.Rational(at).p) / sympy.Rational(at).q
        expected = float(f(a)), float(f_prime(a))
    assert (result.value.kind, result.value.value) == ("finite", expected[0])
    assert result.derivatives[0].exact.value == expected[1]


def test_a_value_no_rung_settles_in_time_is_unknown():
    with symbolic.values_budget(0.0):  # only the first rung, 128 bits, for each value
        value = exact_value(sympy.cosh(x) - sympy.sinh(x), {x: sympy.Integer(400)})
    assert value.kind == "unknown" and math.isnan(value.value)


def _analyzed(text: str, order: int, **point):
    from diffexplain.core.parse import parse_function

    parsed = parse_function(text)
    numbers = {name: sympy.Rational(value) for name, value in point.items()}
    return analyze(parsed.expr, parsed.symbols, order, numbers)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        # relu(x) + log(1 + e^−|x|) is log(1 + eˣ) everywhere: f′ = σ, f″ = σ(1 − σ)
        ("relu(x) + log(1 + exp(-abs(x)))", 2, [0.5, 0.25]),
        ("relu(x) - relu(-x)", 2, [1.0, 0.0]),  # = x
        ("relu(x)^2 + relu(-x)^2", 3, [0.0, 2.0, 0.0]),  # = x²
        ("abs(x)^3", 2, [0.0, 0.0]),  # = |x|·x²: 3x|x| and 6|x|, both 0 at 0
    ],
)
def test_at_a_corner_of_a_piece_of_a_smooth_function_the_definition_gives_the_truth(
    text, order, expected
):
    result = _analyzed(text, order, x=0)
    assert [d.exact.value for d in result.derivatives] == expected
    assert all(d.at_corner and d.exact.how == "definition" for d in result.derivatives)
    assert all(d.exact.sides == (v, v) for d, v in zip(result.derivatives, expected, strict=True))


def test_where_the_one_sided_slopes_differ_the_derivative_does_not_exist():
    first, second = _analyzed("abs(x)", 2, x=0).derivatives
    assert (first.exact.kind, first.exact.how, first.exact.sides) == (
        "undefined",
        "definition",
        (-1.0, 1.0),
    )
    assert (second.exact.kind, second.exact.how) == ("undefined", "parent")
    third = _analyzed("abs(x)^3", 3, x=0).derivatives[2]  # 6|x| has slopes −6 and 6
    assert third.exact.sides == (-6.0, 6.0) and third.exact.kind == "undefined"
    root = _analyzed("sqrt(abs(x))", 1, x=0).derivatives[0]
    assert root.exact.sides == (-math.inf, math.inf) and root.exact.kind == "undefined"


def test_a_derivative_away_from_every_corner_is_the_formulas_value():
    (first,) = _analyzed("relu(x) + log(1 + exp(-abs(x)))", 1, x=2).derivatives
    assert not first.at_corner and first.exact.how == ""
    assert first.exact.value == pytest.approx(1 / (1 + math.exp(-2)), rel=1e-15)


def test_switches_are_found_where_a_piece_changes_formula_along_the_variable():
    y0 = {x: sympy.Integer(1), y: sympy.Integer(0)}
    assert symbolic.switches_at(sympy.Abs(x - 1) + sympy.Max(x, y + 1), y0) == (
        sympy.Abs(x - 1),
        sympy.Max(x, y + 1),
    )
    assert symbolic.switches_at(sympy.Abs(x - 1) * y, y0, along=y) == ()
    assert symbolic.switches_at(sympy.Heaviside(y) * x, y0, along=y) == (sympy.Heaviside(y),)


def test_a_limit_of_several_variables_is_disproved_by_two_curves():
    # x²y/(x⁴ + y²) is 0 along every line through (0, 0) and ½ along y = x²
    result = _analyzed("x^2*y/(x^4 + y^2)", 1, x=0, y=0)
    assert (result.value.kind, result.value.how) == ("undefined", "paths")
    assert dict(result.value.paths) == {"y = 0": 0.0, "y = x^2": 0.5}
    # partial derivatives are slopes along an axis: f(h, 0) = f(0, h) = 0, so both are 0
    assert [d.exact.value for d in result.derivatives] == [0.0, 0.0]
    assert all(d.exact.how == "definition" for d in result.derivatives)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("x^2*y^2/(x^2 + y^2)", 0.0),  # r²·cos²θ·sin²θ ≤ r²
        ("x*y/sqrt(x^2 + y^2)", 0.0),  # r·cos θ·sin θ ≤ r
        ("sin(x^2 + y^2)/(x^2 + y^2)", 1.0),  # sin(r²)/r², radial
    ],
)
def test_a_limit_of_several_variables_is_proved_in_polar_form(text, limit):
    value = _analyzed(text, 1, x=0, y=0).value
    assert (value.kind, value.how, value.value) == ("finite", "limit", limit)


def test_a_limit_of_several_variables_that_cannot_be_proved_is_unknown_not_assumed():
    # x²y²/(x² + y⁴) does tend to 0 (it is at most y²), but no curve proves it and its polar
    # form does not separate: it is reported unknown, with the curves that agreed
    value = _analyzed("x^2*y^2/(x^2 + y^4)", 1, x=0, y=0).value
    assert (value.kind, value.how) == ("unknown", "paths")
    assert {v for _, v in value.paths} == {0.0} and len(value.paths) == 5


# The exact column on random compositions near cancellation and overflow: f and f′ from
# `analyze` against mpmath at 2500 digits of the same function and its derivative, both
# written by hand. A value is either the reference rounded to float64 or marked unknown.
_PROPERTY_CASES = [
    (
        lambda u: sympy.cosh(u) - sympy.sinh(u),
        lambda u: mp.exp(-u),
        lambda u: -mp.exp(-u),
    ),
    (
        lambda u: sympy.cosh(u) ** 2 - sympy.sinh(u) ** 2,
        lambda u: mp.mpf(1),
        lambda u: mp.mpf(0),
    ),
    (
        lambda u: 1 - sympy.tanh(u) ** 2,
        lambda u: 1 / mp.cosh(u) ** 2,
        lambda u: -2 * mp.tanh(u) / mp.cosh(u) ** 2,
    ),
    (
        lambda u: sympy.log(1 + sympy.exp(u)),
        lambda u: mp.log(1 + mp.exp(u)),
        lambda u: 1 / (1 + mp.exp(-u)),
    ),
    (
        lambda u: 1 - sigmoid(u),
        lambda u: 1 / (1 + mp.exp(u)),
        lambda u: -1 / (4 * mp.cosh(u / 2) ** 2),
    ),
    (
        lambda u: sympy.exp(u) - 1 - u,
        lambda u: mp.expm1(u) - u,
        lambda u: mp.expm1(u),
    ),
]


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, len(_PROPERTY_CASES) - 1),
    st.integers(1, 3),
    st.one_of(st.integers(1, 4000), st.integers(-12, -4)),
)
def test_the_exact_column_matches_mpmath_or_says_unknown(case, a, where):
    # where > 0: x = where/10 (up to 400, a·x up to 1200); where < 0: x = 10^where (near 0)
    x_value = sympy.Rational(where, 10) if where > 0 else sympy.Rational(1, 10**-where)
    f, f_mp, f_prime_mp = _PROPERTY_CASES[case]
    result = analyze(f(a * x), (x,), 1, {"x": x_value})
    with mp.workdps(2500):
        u = a * mp.mpf(x_value.p) / x_value.q
        expected = [float(f_mp(u)), float(a * f_prime_mp(u))]
    for exact, reference in zip((result.value, result.derivatives[0].exact), expected, strict=True):
        if exact.kind == "unknown":
            continue
        assert exact.kind in ("finite", "overflow")
        assert exact.value == reference, (case, a, x_value, exact, reference)


def test_higher_derivatives_of_the_stable_softplus_come_from_the_definition_too():
    # = log(1 + eˣ), whose derivatives at 0 are σ(0) = 1/2, σ′(0) = 1/4, σ″(0) = 0, σ‴(0) = −1/8
    result = _analyzed("relu(x) + log(1 + exp(-abs(x)))", 4, x=0)
    assert [d.exact.value for d in result.derivatives] == [0.5, 0.25, 0.0, -0.125]


def test_where_a_derivatives_formula_fails_its_limit_is_not_taken_for_its_value():
    # f = x²y/(x⁴ + y²): ∂²f/∂x² is 0 at (0, 0) (a slope along the x axis) but 2/y along x = 0,
    # so ∂³f/∂x²∂y(0, 0) = lim (2/h − 0)/h = +∞, though the formula's limit along y is −∞
    rows = {d.wrt: d.exact for d in _analyzed("x^2*y/(x^4 + y^2)", 3, x=0, y=0).derivatives}
    assert rows[("x", "x")].value == 0.0
    assert (rows[("x", "x", "y")].value, rows[("x", "x", "y")].how) == (math.inf, "definition")
