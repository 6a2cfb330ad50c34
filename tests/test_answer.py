"""check_answer: equal forms SymPy's simplify cannot prove, near-misses, domains, bad input.

Reference values come from mpmath's numerical differentiation of the function written again
in mpmath here, never from the module under test.
"""

from fractions import Fraction

import mpmath
import pytest
import sympy

from diffexplain import InputError, check_answer
from diffexplain.core.parse import parse_function, symbol
from diffexplain.teach.answer import critical_points, departed_step


def _at(check) -> float:
    (value,) = check.counterexample.point.values()
    return float(Fraction(value))


def _numeric_derivative(function, at: float) -> float:
    with mpmath.workdps(30):
        return float(mpmath.diff(function, mpmath.mpf(at)))


def _simplify_proves(function: str, answer: str) -> bool:
    parsed = parse_function(function)
    derivative = sympy.diff(parsed.expr, *parsed.symbols)
    return sympy.simplify(parse_function(answer).expr - derivative) == 0


# --- equal forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function, answer",
    [
        ("log(exp(x) + exp(-x))", "tanh(x)"),
        ("log(abs(sin(x)))", "cot(x)"),
        ("log(abs(x))", "1/x"),
        ("sqrt(x^2 + 2x + 1)", "(x+1)/abs(x+1)"),
    ],
)
def test_equal_forms_that_simplify_alone_cannot_prove_are_correct(function, answer):
    assert not _simplify_proves(function, answer)  # the case is worth testing
    check = check_answer(function, answer)
    assert (check.correct, check.kind, check.method) == (True, "correct", "numeric")
    assert check.points_checked >= 5


@pytest.mark.parametrize(
    "function, answer",
    [
        ("sin(x)^2", "2 sin(x) cos(x)"),
        ("sin(x)^2", "sin(2x)"),
        ("log(x^2)", "2/x"),
        ("2 log(x)", "2/x"),  # on x > 0, the function's domain
        ("tan(x)", "1 + tan(x)^2"),
        ("tan(x)", "sec(x)^2"),
        ("x^2 sin(x)", "2x sin(x) + x^2 cos(x)"),
        ("abs(x)^3", "3x abs(x)"),
        ("sin(x)^4 - cos(x)^4", "2 sin(2x)"),
    ],
)
def test_identities_are_correct(function, answer):
    assert check_answer(function, answer).correct is True


def test_a_form_undefined_at_one_point_is_correct_where_the_function_is_defined():
    check = check_answer("sqrt(x^2)", "x/abs(x)")
    assert (check.correct, check.kind) == (True, "correct_where_defined")
    (where,) = check.differs_at
    assert where.point == {"x": "0"} and where.given is None


# --- near-misses -----------------------------------------------------------------------------


def test_sqrt_of_x_squared_is_not_1_for_negative_x():
    check = check_answer("sqrt(x^2)", "1")
    assert (check.correct, check.kind) == (False, "wrong")
    x = _at(check)
    assert x < 0  # the side a random positive point would never see
    assert check.counterexample.given == 1.0
    assert check.counterexample.expected == pytest.approx(-1.0)


def test_a_sign_change_close_to_zero_is_sampled_on_both_sides():
    check = check_answer("abs(x - 1/1000)", "1")
    assert check.correct is False
    assert _at(check) < 0.001
    assert "1/1000" in check.critical


def test_a_domain_split_inside_the_argument_is_found():
    # d/dx asin(2x/(1+x²)) = 2/(1+x²) only for |x| < 1; the sign flips outside
    check = check_answer("asin(2x/(1+x^2))", "2/(1+x^2)")
    assert check.correct is False
    x = _at(check)
    assert abs(x) > 1
    reference = _numeric_derivative(lambda t: mpmath.asin(2 * t / (1 + t**2)), x)
    assert check.counterexample.expected == pytest.approx(reference, rel=1e-12)
    assert check.counterexample.given == pytest.approx(2 / (1 + x**2), rel=1e-12)


@pytest.mark.parametrize(
    "function, answer, reference, hint",
    [
        ("cos(x)", "sin(x)", lambda t: mpmath.cos(t), "sign"),
        ("sin(3x)", "cos(3x)", lambda t: mpmath.sin(3 * t), "factor"),
        ("x^2 + 3x - 1", "2x + 4", lambda t: t**2 + 3 * t - 1, "constant"),
        ("x^2 sin(x)", "2x sin(x) - x^2 cos(x)", lambda t: t**2 * mpmath.sin(t), ""),
        ("exp(x^2)", "exp(x^2)", lambda t: mpmath.exp(t**2), ""),
        ("log(x^2)", "2/abs(x)", lambda t: mpmath.log(t**2), ""),
    ],
)
def test_near_misses_are_wrong_with_both_values_at_a_point(function, answer, reference, hint):
    check = check_answer(function, answer)
    assert (check.correct, check.kind) == (False, "wrong")
    x = _at(check)
    assert check.counterexample.expected == pytest.approx(_numeric_derivative(reference, x))
    given = sympy.lambdify(symbol("x"), parse_function(answer).expr, "mpmath")(x)
    assert check.counterexample.given == pytest.approx(float(given))
    assert check.counterexample.expected != pytest.approx(check.counterexample.given)
    assert check.hint == hint


def test_missing_chain_factor_points_at_the_chain_rule_step():
    check = check_answer("x^2 sin(3x)", "2x sin(3x) + x^2 cos(3x)")
    assert check.step.name == "chain" and check.step.before == "sin(3·x)"
    assert parse_function(check.step.after).expr == parse_function("3 cos(3x)").expr
    assert parse_function(check.step.fits).expr == parse_function("cos(3x)").expr


def test_a_sign_slip_inside_the_product_rule_points_at_that_function_rule():
    check = check_answer("x^2 sin(x)", "2x sin(x) - x^2 cos(x)")
    assert (check.step.name, check.step.before, check.step.fits) == ("sin", "sin(x)", "-cos(x)")


def test_a_wrong_rule_at_the_top_is_blamed_on_the_top_step():
    # (uv)' = u'v' is not a slip in u' or v': the product rule itself went wrong
    check = check_answer("x^2 sin(x)", "2x cos(x)")
    assert check.step.name == "product" and check.step.top


def test_minus_the_derivative_is_a_sign_hint_not_a_step():
    # -f' fits "d(x²) = -2x" as well as any other step: the hint is the honest diagnosis
    check = check_answer("(x^2 - 4)/(x^2 + 2)", "-(12x/(x^2 + 2)^2)")
    assert check.correct is False and check.hint == "sign" and check.step is None


def test_departed_step_is_none_for_higher_orders():
    x = symbol("x")
    assert departed_step(x**3, 5 * x, 6 * x, ("x", "x")) is None


# --- several variables and orders ------------------------------------------------------------


def test_mixed_partial_by_two_names():
    assert check_answer("x^2 y^3", "6 x y^2", wrt="x,y").correct is True
    check = check_answer("x^2 y^3", "6 x y", wrt="x,y")
    assert check.correct is False
    x, y = (float(Fraction(v)) for v in check.counterexample.point.values())
    assert check.counterexample.expected == pytest.approx(6 * x * y**2)


def test_second_derivative_by_order():
    assert check_answer("sin(x)", "-sin(x)", order=2).correct is True
    assert check_answer("sin(x)", "-cos(x)", order=2).correct is False


def test_partial_derivative_by_one_name():
    assert check_answer("x*y + y^2", "x + 2y", wrt="y").correct is True
    assert check_answer("x*y + y^2", "x + 2y", wrt="x").correct is False


def test_a_function_real_nowhere_cannot_be_decided():
    check = check_answer("sqrt(-x^2 - 1)", "0")
    assert (check.correct, check.kind, check.reason) == (None, "undecided", "too_few_points")


def test_to_dict_is_plain_data():
    data = check_answer("sqrt(x^2)", "1").to_dict()
    assert data["correct"] is False and data["kind"] == "wrong"
    assert data["counterexample"]["given"] == 1.0
    assert data["wrt"] == ["x"]


def test_critical_points_include_the_poles_of_tan_near_zero():
    x = symbol("x")
    found = critical_points([sympy.tan(x)], x)
    assert sympy.pi / 2 in found and -sympy.pi / 2 in found


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, kind, words",
    [
        ({"function": "x*y", "answer": "y"}, "invalid_option", "several variables"),
        ({"function": "x^2", "answer": "2x", "wrt": "z"}, "invalid_option", "no variable 'z'"),
        ({"function": "x^2", "answer": "2y"}, "unknown_name", "uses y"),
        ({"function": "x^2", "answer": "2x +"}, "syntax", "your answer"),
        ({"function": "x^2", "answer": "__import__('os')"}, "forbidden", "your answer"),
        ({"function": "x^2", "answer": "2x", "order": 7}, "invalid_option", "1 to 6"),
        ({"function": "x*y", "answer": "1", "wrt": "x,y", "order": 3}, "invalid_option", "order"),
        ({"function": "x^2", "answer": "x" * 500}, "too_large", "your answer"),
    ],
)
def test_bad_input_is_an_input_error_naming_the_problem(kwargs, kind, words):
    with pytest.raises(InputError) as caught:
        check_answer(**kwargs)
    assert caught.value.kind == kind
    assert words in caught.value.message


def test_a_check_that_runs_out_of_time_is_undecided_not_a_hang(monkeypatch):
    from diffexplain.teach import answer

    monkeypatch.setattr(answer, "CHECK_SECONDS", 0.05)  # the worker is killed at once
    check = answer.check_answer("sin(x)^5 exp(x)", "0", order=6)
    assert (check.correct, check.kind, check.reason) == (None, "undecided", "timeout")
