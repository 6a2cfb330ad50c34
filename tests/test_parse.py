"""The grammar, rule by rule: each text against the SymPy tree built by hand."""

import pickle

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from diffexplain.core.ops import NOT_FUNCTIONS, relu, sigmoid
from diffexplain.core.parse import (
    KINDS,
    MAX_COMPONENTS,
    MAX_CONSTANT_DIGITS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_LITERAL_DIGITS,
    MAX_ORDER,
    MAX_VARIABLES,
    InputError,
    ParsedFunction,
    is_vector,
    parse_function,
    parse_point,
    parse_vector,
    symbol,
)
from diffexplain.text import zh

x, y, z, w = (symbol(name) for name in "xyzw")
theta, beta = symbol("theta"), symbol("beta")
R = sympy.Rational


def expr_of(text: str) -> sympy.Expr:
    return parse_function(text).expr


def refusal(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_function(text)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", sympy.Integer(2)),
        ("0.5", R(1, 2)),
        (".5", R(1, 2)),
        ("0.1", R(1, 10)),
        ("1e-3", R(1, 1000)),
        ("2.5E+4", sympy.Integer(25000)),
        ("1.e2", sympy.Integer(100)),
        ("3.14159", R(314159, 100000)),
        ("0.000", sympy.Integer(0)),
        ("1e300", sympy.Integer(10) ** 300),
        ("1e-300", R(1, 10**300)),
    ],
)
def test_number_literals_are_exact_rationals(text, expected):
    expr = expr_of(text)
    assert expr == expected
    assert not expr.atoms(sympy.Float)


def test_decimal_coefficients_stay_exact_inside_expressions():
    expr = expr_of("0.1x + 0.2")
    assert expr == R(1, 10) * x + R(1, 5)
    assert not expr.atoms(sympy.Float)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x", x),
        ("theta", theta),
        ("x1", symbol("x1")),
        ("x_1", symbol("x_1")),
        ("xy", symbol("xy")),
        ("w + b", w + symbol("b")),
        ("beta", beta),
        ("gamma + 1", symbol("gamma") + 1),
        ("X", symbol("X")),
        ("abcdefghijklmnop", symbol("abcdefghijklmnop")),
    ],
)
def test_identifiers_are_real_variables(text, expected):
    assert expr_of(text) == expected


def test_multi_letter_name_is_one_variable():
    assert parse_function("xy").variables == ("xy",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("pi", sympy.pi), ("e", sympy.E), ("2pi", 2 * sympy.pi), ("e^x", sympy.exp(x))],
)
def test_constants(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sin(x)", sympy.sin(x)),
        ("cos(x)", sympy.cos(x)),
        ("tan(x)", sympy.tan(x)),
        ("sec(x)", sympy.sec(x)),
        ("csc(x)", sympy.csc(x)),
        ("cot(x)", sympy.cot(x)),
        ("asin(x)", sympy.asin(x)),
        ("acos(x)", sympy.acos(x)),
        ("atan(x)", sympy.atan(x)),
        ("sinh(x)", sympy.sinh(x)),
        ("cosh(x)", sympy.cosh(x)),
        ("tanh(x)", sympy.tanh(x)),
        ("asinh(x)", sympy.asinh(x)),
        ("acosh(x)", sympy.acosh(x)),
        ("atanh(x)", sympy.atanh(x)),
        ("exp(x)", sympy.exp(x)),
        ("log(x)", sympy.log(x)),
        ("sqrt(x)", sympy.sqrt(x)),
        ("abs(x)", sympy.Abs(x)),
        ("erf(x)", sympy.erf(x)),
        ("sigmoid(x)", sigmoid(x)),
        ("relu(x)", relu(x)),
        ("ln(x)", sympy.log(x)),
        ("arcsin(x)", sympy.asin(x)),
        ("arccos(x)", sympy.acos(x)),
        ("arctan(x)", sympy.atan(x)),
    ],
)
def test_every_function_of_the_table(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("log(x, 2)", sympy.log(x) / sympy.log(2)),
        ("log(x, b)", sympy.log(x) / sympy.log(symbol("b"))),
        ("log(8, 2)", sympy.Integer(3)),
        ("log(x, e)", sympy.log(x)),
    ],
)
def test_log_with_a_base_divides_logarithms(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x + y", x + y),
        ("x - y", x - y),
        ("x * y", x * y),
        ("x / y", x / y),
        ("x ^ 3", x**3),
        ("x ** 3", x**3),
        ("-x", -x),
        ("+x", x),
        ("--x", x),
        ("x - -1", x + 1),
        ("x*-2", -2 * x),
        ("((x))", x),
        ("x^(1/2)", sympy.sqrt(x)),
        ("x^0.5", sympy.sqrt(x)),
    ],
)
def test_operators(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-x^2", -(x**2)),
        ("-2^2", sympy.Integer(-4)),
        ("(-2)^2", sympy.Integer(4)),
        ("2^3^2", sympy.Integer(512)),
        ("x^y^z", x ** (y**z)),
        ("2^-1", R(1, 2)),
        ("x^-2", x**-2),
        ("2^-x^2", 2 ** (-(x**2))),
        ("1 + 2*3", sympy.Integer(7)),
        ("2*3^2", sympy.Integer(18)),
        ("8/4/2", sympy.Integer(1)),
        ("x - y - z", x - y - z),
        ("2/3x", R(2, 3) * x),
        ("x/2y", x * y / 2),
        ("2x^2", 2 * x**2),
        ("1/2 x", x / 2),
    ],
)
def test_precedence_and_associativity(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2x", 2 * x),
        ("3(x+1)", 3 * (x + 1)),
        ("(x+1)(x-1)", (x + 1) * (x - 1)),
        ("2 sin(x)", 2 * sympy.sin(x)),
        ("x sin(x)", x * sympy.sin(x)),
        ("2 x y", 2 * x * y),
        ("x(1-x)", x * (1 - x)),
        ("(x+1)y", (x + 1) * y),
        ("2pi x", 2 * sympy.pi * x),
        ("x y / z", x * y / z),
        ("sin(x)cos(x)", sympy.sin(x) * sympy.cos(x)),
        ("2 -x", 2 - x),
    ],
)
def test_implicit_multiplication_has_the_precedence_of_times(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sin x", sympy.sin(x)),
        ("sin x^2", sympy.sin(x**2)),
        ("sin -x", sympy.sin(-x)),
        ("sin x y", sympy.sin(x * y)),
        ("2 sin x", 2 * sympy.sin(x)),
        ("sin x cos x", sympy.sin(x) * sympy.cos(x)),
        ("sin x + 1", sympy.sin(x) + 1),
        ("sin^2(x)", sympy.sin(x) ** 2),
        ("sin^2 x", sympy.sin(x) ** 2),
        ("sin(x)^2", sympy.sin(x) ** 2),
        ("log^3(x, 2)", (sympy.log(x) / sympy.log(2)) ** 3),
        ("exp sin x", sympy.exp(sympy.sin(x))),
        ("sqrt 2", sympy.sqrt(2)),
    ],
)
def test_function_application_without_parentheses(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "normalized"),
    [
        ("x²+2×x", x**2 + 2 * x, "x^2+2*x"),
        ("x⁻¹", 1 / x, "x^-1"),
        ("x¹⁰", x**10, "x^10"),
        ("π", sympy.pi, "pi"),
        ("2πx", 2 * sympy.pi * x, "2 pi x"),
        ("√x", sympy.sqrt(x), "sqrt x"),
        ("√(x+1)", sympy.sqrt(x + 1), "sqrt(x+1)"),
        ("x·y", x * y, "x*y"),
        ("x⋅y", x * y, "x*y"),
        ("x∗y", x * y, "x*y"),
        ("x÷y", x / y, "x/y"),
        ("x∕y", x / y, "x/y"),
        ("x − 1", x - 1, "x - 1"),
        ("x – 1", x - 1, "x - 1"),
        ("ｓｉｎ（ｘ）", sympy.sin(x), "sin(x)"),
        ("x\u00a0+\u00a01", x + 1, "x + 1"),
        ("e⁻ˣ", sympy.exp(-x), "e^-x"),
    ],
)
def test_friendly_unicode_is_mapped_then_nfkc_folded(text, expected, normalized):
    parsed = parse_function(text)
    assert parsed.expr == expected
    assert parsed.normalized == normalized
    assert parsed.text == text


def test_parsed_function_lists_variables_sorted_and_real():
    parsed = parse_function("z + theta*x + y")
    assert isinstance(parsed, ParsedFunction)
    assert parsed.variables == ("theta", "x", "y", "z")
    assert parsed.symbols == (theta, x, y, z)
    assert all(s.is_real for s in parsed.symbols)


def test_variables_come_from_the_expression_after_simplification():
    assert parse_function("x - x + 2").variables == ()


def test_symbol_is_real():
    assert symbol("x") == sympy.Symbol("x", real=True)
    assert symbol("x") != sympy.Symbol("x")


def test_parsed_function_is_frozen():
    parsed = parse_function("x")
    with pytest.raises(AttributeError):
        parsed.text = "y"  # type: ignore[misc]


def test_up_to_max_variables_are_allowed():
    assert len(parse_function("x + y + z + w").variables) == MAX_VARIABLES


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("sine(x)", "sin"),
        ("sn(x)", "sin"),
        ("expo(x)", "exp"),
        ("sqr(x)", "sqrt"),
        ("Sin(x)", "sin"),
        ("arcsine(x)", "arcsin"),
        ("cosine (x)", "cos"),
        ("SQRT(x)", "sqrt"),
        ("Abs(x)", "abs"),
    ],
)
def test_misspelled_function_gets_a_did_you_mean(text, suggestion):
    error = refusal(text)
    assert error.kind == "unknown_name"
    assert f"did you mean '{suggestion}'?" in error.message
    assert "Available functions: " in error.message and "sigmoid" in error.message


def test_unknown_function_message_reads_as_specified():
    assert refusal("sine(x)").message.startswith("unknown function 'sine' — did you mean 'sin'?")


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("sinx", "sin(x)"),
        ("cosx", "cos(x)"),
        ("expx", "exp(x)"),
        ("logx", "log(x)"),
        ("sqrtx", "sqrt(x)"),
        ("lnx", "ln(x)"),
        ("sinhx", "sinh(x)"),
        ("sin2x", "sin(2x)"),
        ("x + tanx", "tan(x)"),
        ("sinxy", "sin(xy)"),
        ("Sinx", "sin(x)"),
    ],
)
def test_function_glued_to_its_argument_gets_a_suggestion(text, suggestion):
    error = refusal(text)
    assert error.kind == "unknown_name"
    assert f"did you mean '{suggestion}'?" in error.message


@pytest.mark.parametrize(("text", "suggestion"), [("E", "e"), ("Pi", "pi"), ("PI", "pi")])
def test_capitalised_constant_gets_a_suggestion(text, suggestion):
    error = refusal(text)
    assert error.kind == "unknown_name"
    assert f"did you mean '{suggestion}'?" in error.message


@pytest.mark.parametrize("text", ["gamma(x)", "beta(x, y)", "zeta (2)"])
def test_greek_sympy_function_names_are_refused_when_called(text):
    assert refusal(text).kind == "unknown_name"


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("x +* 2", 3, "'*' at column 4"),
        ("2..3", 2, "column 3"),
        ("1.2.3", 3, "column 4"),
        ("2 3", 2, "'3' at column 3"),
        ("(x+1", 0, "'(' at column 1 is never closed"),
        ("x+1)", 3, "')' at column 4 has no matching"),
        ("x +", 2, "after '+' at column 3"),
        ("sin(", 3, "column 4"),
        ("()", 0, "empty parentheses at column 1"),
        ("x*()", 2, "column 3"),
        ("(x))", 3, "column 4"),
        ("((x)", 0, "column 1"),
        ("x^", 1, "after '^' at column 2"),
        ("sin^-1(x)", 3, "asin(x)"),
        ("log(x, 2, 3)", 8, "column 9"),
        ("(x+1)2", 5, "column 6"),
    ],
)
def test_syntax_errors_give_the_column(text, position, fragment):
    error = refusal(text)
    assert error.kind == "syntax"
    assert error.position == position
    assert fragment in error.message


@pytest.mark.parametrize("text", ["", " ", "  \t  "])
def test_empty_input_asks_for_a_function(text):
    error = refusal(text)
    assert (error.kind, error.message) == ("syntax", "type a function of x, e.g. sin(x)*exp(x)")


@pytest.mark.parametrize("text", ["sin", "sin()", "sin + 1", "2*cos", "sin )", "sin * x"])
def test_function_without_argument(text):
    error = refusal(text)
    name = text.strip("2*").split()[0].split("(")[0]
    assert error.kind == "syntax"
    assert error.message == f"{name} needs an argument, e.g. {name}(x)"


def test_positions_refer_to_the_normalized_text():
    error = refusal("π + é")
    assert error.position == 5  # "pi + é"
    assert error.message == "character 'é' (U+00E9) at column 6 is not allowed"


def test_non_ascii_character_is_named():
    error = refusal("x+é")
    assert error.kind == "forbidden"
    assert error.message == "character 'é' (U+00E9) at column 3 is not allowed"


def test_input_error_carries_kind_message_and_position():
    error = InputError("syntax", "something", 3)
    assert (error.kind, error.message, error.position) == ("syntax", "something", 3)
    assert str(error) == "something"
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.kind, copy.message, copy.position) == ("syntax", "something", 3)


def test_input_error_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        InputError("oops", "message")


def test_every_refusal_uses_a_known_kind():
    for text in ["", "x$", "foo(", "Symbol", "9^9^9", "1/0"]:
        assert refusal(text).kind in KINDS


def test_limits_have_the_agreed_values():
    assert (MAX_LENGTH, MAX_DEPTH, MAX_VARIABLES, MAX_ORDER) == (400, 40, 4, 6)
    assert (MAX_LITERAL_DIGITS, MAX_EXPONENT, MAX_CONSTANT_DIGITS) == (30, 1000, 300)


@pytest.mark.parametrize(
    "text",
    ["x^1000", "x^-1000", "(x^10)^100", "9^9^2", "2^996", "x * 10^300", "(" * 39 + "x" + ")" * 39],
)
def test_inputs_just_inside_the_limits_are_accepted(text):
    parse_function(text)


def test_input_of_exactly_max_length_is_accepted():
    text = "x" + "+x" * ((MAX_LENGTH - 1) // 2)
    assert len(text) <= MAX_LENGTH
    assert expr_of(text) == (1 + (MAX_LENGTH - 1) // 2) * x


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/0", "syntax"),
        ("x/0", "syntax"),
        ("x/(x-x)", "syntax"),
        ("0^-1", "syntax"),
        ("log(0)", "syntax"),
        ("tan(pi/2)", "syntax"),
        ("log(x, 1)", "syntax"),
        ("sqrt(-1)", "syntax"),
        ("asin(2)", "syntax"),
        ("x + log(-1)", "syntax"),
    ],
)
def test_undefined_or_complex_constants_are_refused(text, expected):
    assert refusal(text).kind == expected


@pytest.mark.parametrize("text", ["sigmoid(sin(1))", "relu(sigmoid(sin(1)))"])
def test_sigmoid_of_a_constant_is_accepted(text):
    assert parse_function(text).variables == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3.0),
        (-2.5, -2.5),
        ("3", 3.0),
        ("-2.5", -2.5),
        ("1e-3", 0.001),
        (" 0.5 ", 0.5),
        ("pi/4", 0.7853981633974483),
        ("sqrt(2)", 1.4142135623730951),
        ("-e", -2.718281828459045),
        ("2^-1", 0.5),
        ("1e6", 1e6),
        ("−1", -1.0),
    ],
)
def test_parse_point_accepts_numbers_and_constant_formulas(value, expected):
    result = parse_point(value)
    assert isinstance(result, float)
    assert result == expected


# A tiny grammar of valid inputs, each paired with the tree it must produce.
_leaves = st.sampled_from(
    [
        ("x", x),
        ("y", y),
        ("theta", theta),
        ("pi", sympy.pi),
        ("e", sympy.E),
        ("2", sympy.Integer(2)),
        ("0.25", R(1, 4)),
        ("7", sympy.Integer(7)),
        ("3x", 3 * x),
        ("2 y", 2 * y),
    ]
)
_safe_functions = st.sampled_from(
    [
        ("sin", sympy.sin),
        ("cos", sympy.cos),
        ("atan", sympy.atan),
        ("tanh", sympy.tanh),
        ("erf", sympy.erf),
        ("sigmoid", sigmoid),
        ("abs", sympy.Abs),
    ]
)


def _extend(children):
    pairs = st.tuples(children, children)
    return st.one_of(
        pairs.map(lambda p: (f"({p[0][0]}) + ({p[1][0]})", p[0][1] + p[1][1])),
        pairs.map(lambda p: (f"({p[0][0]}) - ({p[1][0]})", p[0][1] - p[1][1])),
        pairs.map(lambda p: (f"({p[0][0]}) * ({p[1][0]})", p[0][1] * p[1][1])),
        pairs.map(lambda p: (f"({p[0][0]})({p[1][0]})", p[0][1] * p[1][1])),
        st.tuples(children, _leaves.filter(lambda leaf: leaf[0] in {"x", "pi", "2", "7"})).map(
            lambda p: (f"({p[0][0]}) / {p[1][0]}", p[0][1] / p[1][1])
        ),
        st.tuples(children, st.integers(0, 2)).map(
            lambda p: (f"({p[0][0]})^{p[1]}", p[0][1] ** p[1])
        ),
        children.map(lambda c: (f"-({c[0]})", -c[1])),
        st.tuples(_safe_functions, children).map(
            lambda p: (f"{p[0][0]}({p[1][0]})", p[0][1](p[1][1]))
        ),
    )


@settings(max_examples=200, deadline=None)
@given(st.recursive(_leaves, _extend, max_leaves=8))
def test_generated_valid_expressions_parse_to_the_same_tree(pair):
    text, expected = pair
    assert expr_of(text) == expected


# What a student means: a function name binds the product after it (sin 2x), e^2x follows
# exp 2x, f(x) and d/dx are refused with a reason, Greek letters are their names, 1,5 is 1.5.

lamda, sigma = symbol("lamda"), symbol("sigma")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sin 2x", sympy.sin(2 * x)),
        ("sin 2 x", sympy.sin(2 * x)),
        ("cos 3x + 1", sympy.cos(3 * x) + 1),
        ("log 2x", sympy.log(2 * x)),
        ("ln 2x", sympy.log(2 * x)),
        ("sqrt 2x", sympy.sqrt(2 * x)),
        ("exp 2x", sympy.exp(2 * x)),
        ("sin^2 2x", sympy.sin(2 * x) ** 2),
        ("sin pi x", sympy.sin(sympy.pi * x)),
        ("sin 2pi x", sympy.sin(2 * sympy.pi * x)),
        ("sin x y", sympy.sin(x * y)),
        ("sin 2x^2", sympy.sin(2 * x**2)),
        ("sin x^2 y", sympy.sin(x**2 * y)),
        ("sin -2x", sympy.sin(-2 * x)),
        ("2 sin 3x", 2 * sympy.sin(3 * x)),
        ("x sin 2x", x * sympy.sin(2 * x)),
        ("sin 2x + 1", sympy.sin(2 * x) + 1),
        ("sin 2x - x", sympy.sin(2 * x) - x),
        ("exp sin 2x", sympy.exp(sympy.sin(2 * x))),
    ],
)
def test_a_function_without_brackets_takes_the_whole_product_after_it(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sin x * y", sympy.sin(x) * y),
        ("sin x / 2", sympy.sin(x) / 2),
        ("sin 2x / 3", sympy.sin(2 * x) / 3),
        ("sin x/x", sympy.sin(x) / x),
        ("sin x(x+1)", sympy.sin(x) * (x + 1)),
        ("sin 2(x+1)", sympy.sin(2) * (x + 1)),
        ("sin x cos x", sympy.sin(x) * sympy.cos(x)),
        ("sin 2x cos 2x", sympy.sin(2 * x) * sympy.cos(2 * x)),
        ("sin x e^x", sympy.sin(x) * sympy.exp(x)),
        ("sin(x) y", sympy.sin(x) * y),
        ("sin (x) y", sympy.sin(x) * y),
        ("sin(2)x", sympy.sin(2) * x),
    ],
)
def test_an_operator_a_bracket_or_a_function_ends_the_argument(text, expected):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e^2x", sympy.exp(2 * x)),
        ("e^-2x", sympy.exp(-2 * x)),
        ("e^x y", sympy.exp(x * y)),
        ("x e^2x", x * sympy.exp(2 * x)),
        ("e^2x + 1", sympy.exp(2 * x) + 1),
        ("2^3x", sympy.Integer(2) ** (3 * x)),
        ("10^-3x", sympy.Integer(10) ** (-3 * x)),
        ("2^x ln 2", sympy.Integer(2) ** x * sympy.log(2)),
        ("e^x^2", sympy.exp(x**2)),
        ("e^x/2", sympy.exp(x) / 2),
        ("e^-x^2/2", sympy.exp(-(x**2)) / 2),
        ("e^x(x+1)", sympy.exp(x) * (x + 1)),
        ("e^x sin x", sympy.exp(x) * sympy.sin(x)),
        ("e^(2)x", sympy.E**2 * x),
        ("e^2*x", sympy.E**2 * x),
        ("e^(x+1) y", sympy.exp(x + 1) * y),
        ("x^2y", x**2 * y),
        ("x^2 y", x**2 * y),
        ("3x^2y", 3 * x**2 * y),
        ("x^2(x+1)", x**2 * (x + 1)),
        ("(x+1)^2x", (x + 1) ** 2 * x),
        ("pi^2 x", sympy.pi**2 * x),
        ("x^2^3", x**8),
        ("-2^2", sympy.Integer(-4)),
    ],
)
def test_a_power_of_e_or_a_number_takes_its_exponent_as_a_function_takes_its_argument(
    text, expected
):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("f(x)", "to multiply, write f*( )"),
        ("g(x)", "to multiply, write g*( )"),
        ("h(x)", "to multiply, write h*( )"),
        ("F(x)", "to multiply, write F*( )"),
        ("phi(x)", "to multiply, write phi*( )"),
        ("f (x)", "to multiply, write f*( )"),
        ("x + f(x)^2", "to multiply, write f*( )"),
        ("sigma(x)", "did you mean sigmoid(x)?"),
        ("σ(x)", "did you mean sigmoid(x)?"),
        ("softplus(x)", "did you mean log(1 + exp(x))?"),
        ("sinc(x)", "did you mean sin(x)/x?"),
    ],
)
def test_a_name_conventionally_a_function_is_refused_before_brackets(text, suggestion):
    error = refusal(text)
    assert error.kind == "unknown_name"
    name = error.message.split("'")[1]
    assert name in NOT_FUNCTIONS
    assert error.message.startswith(f"unknown function '{name}' at column ")
    assert "diffexplain differentiates formulas you write out, e.g. x^2 + sin(x)" in error.message
    assert error.message.endswith(suggestion)


def test_the_unknown_function_message_reads_as_specified_in_both_languages():
    error = refusal("g(x)")
    assert error.position == 0
    assert error.message == (
        "unknown function 'g' at column 1: diffexplain differentiates formulas you write out, "
        "e.g. x^2 + sin(x); to multiply, write g*( )"
    )
    assert error.words(zh.TEXT) == (
        "第 1 列是未知函数“g”：diffexplain 求导的是你写出来的公式，例如 x^2 + sin(x)"
        "；如果想相乘，请写成 g*( )"
    )
    assert "你是不是想写 sigmoid(x)？" in refusal("sigma(x)").words(zh.TEXT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x(x+1)", x * (x + 1)),
        ("y(x+1)", y * (x + 1)),
        ("u(1-u)", symbol("u") * (1 - symbol("u"))),
        ("theta(x+1)", theta * (x + 1)),
        ("f*(x)", symbol("f") * x),
        ("f x", symbol("f") * x),
        ("f + g", symbol("f") + symbol("g")),
        ("sigma x", sigma * x),
        ("x^2 sigma", x**2 * sigma),
    ],
)
def test_a_variable_before_brackets_multiplies_them_and_f_g_sigma_are_variables_elsewhere(
    text, expected
):
    assert expr_of(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "fragment", "suggestion"),
    [
        ("d/dx sin(x)", "syntax", "'d/dx' at column 1", "type just sin(x) "),
        ("d/dx(x^2)", "syntax", "'d/dx' at column 1", "type just (x^2) "),
        ("dy/dx x^2", "syntax", "'dy/dx' at column 1", "type just x^2 "),
        ("d^2/dx^2 x^3", "syntax", "'d^2/dx^2' at column 1", "type just x^3 "),
        ("d^2y/dx^2", "syntax", "'d^2y/dx^2' at column 1", "just the function, e.g. sin(x)"),
        ("d / dt t^2", "syntax", "'d / dt' at column 1", "type just t^2 "),
        ("d/dθ sin θ", "syntax", "'d/d theta' at column 1", "type just sin theta "),
        ("x + d/dx x", "syntax", "'d/dx' at column 5", "type just x "),
        ("∂f/∂x", "syntax", "'∂' at column 1", "just the function, e.g. sin(x)"),
        ("derivative of x^2", "unknown_name", "'derivative' at column 1", "type just x^2 "),
        ("the derivative of x^2", "unknown_name", "'derivative' at column 5", "just x^2 "),
        ("differentiate sin x", "unknown_name", "'differentiate' at column 1", "type just sin x "),
        ("diff(x^2, x)", "unknown_name", "'diff' at column 1", "type just x^2 "),
        ("diff(sin(x))", "unknown_name", "'diff' at column 1", "type just (sin(x)) "),
        ("Derivative(x, x)", "unknown_name", "'Derivative' at column 1", "type just x "),
        ("derivative", "unknown_name", "'derivative' at column 1", "e.g. sin(x)"),
    ],
)
def test_a_request_to_differentiate_is_refused_with_the_function_to_type(
    text, kind, fragment, suggestion
):
    error = refusal(text)
    assert error.kind == kind
    assert error.message.startswith(fragment + " asks for a derivative: ")
    assert "diffexplain differentiates what you type" in error.message
    assert suggestion in error.message
    assert error.message.endswith("(the order box sets the order)")


def test_a_request_to_differentiate_is_refused_in_both_languages():
    error = refusal("d/dx sin(x)")
    assert error.message == (
        "'d/dx' at column 1 asks for a derivative: diffexplain differentiates what you type, so "
        "type just sin(x) (the order box sets the order)"
    )
    assert error.words(zh.TEXT) == (
        "第 1 列的“d/dx”是在要求求导：diffexplain 对你输入的内容求导，所以只需输入：sin(x)"
        "（阶数在阶数框里设置）"
    )
    assert "函数本身，例如 sin(x)" in refusal("∂f/∂x").words(zh.TEXT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("d", symbol("d")),
        ("d x", symbol("d") * x),
        ("x/d", x / symbol("d")),
        ("d/dist", symbol("d") / symbol("dist")),
        ("delta/d", symbol("delta") / symbol("d")),
        ("dx + dy", symbol("dx") + symbol("dy")),
        ("diffusion", symbol("diffusion")),
    ],
)
def test_names_near_a_request_to_differentiate_are_still_variables(text, expected):
    assert expr_of(text) == expected


def test_a_prime_says_that_the_app_takes_the_derivative_itself():
    error = refusal("f'(x)")
    assert (error.kind, error.position) == ("forbidden", 1)
    assert "diffexplain takes the derivative itself" in error.message
    assert "diffexplain 会自己求导" in error.words(zh.TEXT)


@pytest.mark.parametrize(
    ("text", "expected", "normalized"),
    [
        ("θ", theta, "theta"),
        ("sin θ", sympy.sin(theta), "sin theta"),
        ("sinθ", sympy.sin(theta), "sin theta"),
        ("2θ", 2 * theta, "2 theta"),
        ("θ²", theta**2, "theta^2"),
        ("α + β", symbol("alpha") + beta, "alpha + beta"),
        ("λ x", lamda * x, "lamda x"),
        ("μ", symbol("mu"), "mu"),
        ("\u00b5", symbol("mu"), "mu"),  # the micro sign folds to μ
        ("σ", sigma, "sigma"),
        ("ς", sigma, "sigma"),
        ("ω t", symbol("omega") * symbol("t"), "omega t"),
        ("ϑ", theta, "theta"),  # the variant folds to θ
        ("2πx", 2 * sympy.pi * x, "2 pi x"),
    ],
)
def test_lower_case_greek_letters_are_the_variables_they_name(text, expected, normalized):
    parsed = parse_function(text)
    assert parsed.expr == expected
    assert parsed.normalized == normalized


def test_a_greek_variable_is_named_as_typed_in_latex():
    from diffexplain.core.symbolic import to_latex

    assert to_latex(expr_of("θ + λ")) == r"\lambda + \theta"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Δx", "; Greek capitals are not read here: write the name, e.g. Delta"),
        ("Ω", "; Greek capitals are not read here: write the name, e.g. Omega"),
        ("Π", ""),  # Pi would be refused in its turn: it is not pi
        ("Λ", "; Greek capitals are not read here: write the name, e.g. Lamda"),
    ],
)
def test_a_greek_capital_is_refused_with_its_name_where_that_is_a_variable(text, hint):
    error = refusal(text)
    assert error.kind == "forbidden"
    code = f"U+{ord(text[0]):04X}"
    assert error.message == f"character '{text[0]}' ({code}) at column 1 is not allowed{hint}"


def test_lambda_is_python_but_its_greek_letter_is_a_variable():
    assert "for the Greek letter write lamda or λ" in refusal("lambda").message
    assert expr_of("lamda") == lamda


@pytest.mark.parametrize(
    ("text", "position", "number"),
    [
        ("1,5", 1, "1.5"),
        ("3,14", 1, "3.14"),
        ("x + 1,5", 5, "1.5"),
        ("1,5x", 1, "1.5"),
        ("sin(1,5)", 5, "1.5"),
        ("(2,5)x", 2, "2.5"),
        ("x^0,5", 3, "0.5"),
        ("log(x, 1,5)", 8, "1.5"),
        ("1,5e3", 1, "1.5e3"),
    ],
)
def test_a_decimal_comma_is_refused_with_the_number_written_with_a_point(text, position, number):
    error = refusal(text)
    assert (error.kind, error.position) == ("syntax", position)
    assert error.message == f"',' at column {position + 1}: use a decimal point: {number}"
    assert error.words(zh.TEXT) == f"第 {position + 1} 列的“,”：请用小数点：{number}"


@pytest.mark.parametrize("text", ["1, 5", "x,5", "1 ,5", "1.5,3", ",5", "(1, 2)"])
def test_a_comma_that_is_not_between_digits_keeps_the_log_message(text):
    error = refusal(text)
    assert error.kind == "forbidden"
    assert "log(u, b)" in error.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("log(x, 2)", sympy.log(x) / sympy.log(2)),
        ("log(x,2)", sympy.log(x) / sympy.log(2)),
        ("log(8,2)", sympy.Integer(3)),  # inside log the comma separates the base
    ],
)
def test_log_keeps_its_comma(text, expected):
    assert expr_of(text) == expected


_bare_leaves = st.sampled_from(
    [("x", x), ("y", y), ("theta", theta), ("pi", sympy.pi), ("x^2", x**2), ("y^3", y**3)]
)
_bare_functions = st.sampled_from(
    [("sin", sympy.sin), ("cos", sympy.cos), ("exp", sympy.exp), ("atan", sympy.atan)]
)
_bare_tails = st.sampled_from(
    [
        ("", lambda f: f),
        (" + x", lambda f: f + x),
        (" - 1", lambda f: f - 1),
        (" * y", lambda f: f * y),
        (" / 2", lambda f: f / 2),
        (" cos x", lambda f: f * sympy.cos(x)),
        ("(x + 1)", lambda f: f * (x + 1)),
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    _bare_functions,
    st.sampled_from([("", 1), ("2", 2), ("3", 3), ("-", -1), ("-2", -2)]),
    st.lists(_bare_leaves, min_size=1, max_size=3),
    _bare_tails,
)
def test_generated_bare_arguments_take_the_product_up_to_an_operator(
    function, coefficient, leaves, tail
):
    (name, head), (number, factor), (end, after) = function, coefficient, tail
    text = f"{name} {number}{' '.join(leaf for leaf, _ in leaves)}{end}"
    argument = sympy.Mul(factor, *(value for _, value in leaves))
    assert expr_of(text) == after(head(argument))
    assert expr_of(text.replace(name, "e^", 1).replace("^ ", "^")) == after(sympy.exp(argument))


# --- a bracketed list: a vector-valued function ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "variables"),
    [
        ("[x*y, sin(x)]", [x * y, sympy.sin(x)], ("x", "y")),
        ("[x^2, x*y, exp(y)]", [x**2, x * y, sympy.exp(y)], ("x", "y")),
        (
            "  [ 2x sin x , log(y, 2) ]  ",
            [2 * x * sympy.sin(x), sympy.log(y) / sympy.log(2)],
            ("x", "y"),
        ),
        ("［z, x］", [z, x], ("x", "z")),  # full-width brackets, as a Chinese keyboard types them
        ("[x]", [x], ("x",)),
    ],
)
def test_a_bracketed_list_parses_component_by_component(text, expected, variables):
    parsed = parse_vector(text)
    assert [c.expr for c in parsed.components] == expected
    assert parsed.variables == variables
    assert parsed.symbols == tuple(symbol(name) for name in variables)
    assert is_vector(text)


@pytest.mark.parametrize(
    ("text", "key", "kind", "column"),
    [
        ("[[x], y]", "vector_nested", "syntax", 2),
        ("[x, [y]]", "vector_nested", "syntax", 5),
        ("[]", "vector_empty", "syntax", 1),
        ("[   ]", "vector_empty", "syntax", 1),
        ("[x, , y]", "vector_empty_component", "syntax", 4),
        ("[x, y,]", "vector_empty_component", "syntax", 7),
        ("[x, y, x+y, x*y, x-y]", "vector_too_many", "too_large", 16),
        ("[x, y", "vector_closing", "syntax", 1),
        ("x + [y]", "vector_opening", "syntax", 1),
    ],
)
def test_a_malformed_list_is_refused_with_a_message_in_both_languages(text, key, kind, column):
    with pytest.raises(InputError) as caught:
        parse_vector(text)
    error = caught.value
    assert (error.kind, error.said.key) == (kind, key)
    assert dict(error.said.fields).get("column", column) == column
    english, chinese = error.message, error.words(zh.TEXT)
    assert english and chinese and english != chinese
    if key == "vector_too_many":
        assert f"at most {MAX_COMPONENTS}" in english and str(MAX_COMPONENTS) in chinese


def test_each_component_keeps_every_limit_and_its_refusal_points_into_the_whole_text():
    with pytest.raises(InputError) as caught:
        parse_vector("[x, sine(x)]")
    assert caught.value.kind == "unknown_name" and "'sin'" in caught.value.message
    assert caught.value.position == 4 and "column 5" not in caught.value.message  # no column
    with pytest.raises(InputError) as caught:
        parse_vector("[x, y + eval(1)]")
    assert caught.value.kind == "forbidden" and caught.value.position == 8
    assert "column 9" in caught.value.message
    with pytest.raises(InputError) as caught:
        parse_vector(f"[x, {'x+' * (MAX_LENGTH // 2)}x]")
    assert caught.value.kind == "too_large" and caught.value.said.key == "too_long"
    with pytest.raises(InputError) as caught:  # five variables across the components
        parse_vector("[d*b, c, a*x]")
    assert caught.value.said.key == "variables"
    assert "'x' at column 12" in caught.value.message  # the fifth one read, not by name
    assert MAX_VARIABLES == 4


def test_the_scalar_parser_sends_a_list_to_the_main_page_and_still_refuses_code_inside_it():
    with pytest.raises(InputError) as caught:
        parse_function("[x*y, sin(x)]")
    assert caught.value.said.key == "vector_here" and "Jacobian" in caught.value.message
    with pytest.raises(InputError) as caught:
        parse_function("[x for x in y]")
    assert caught.value.kind == "forbidden"
    assert not is_vector("x[0]") and not is_vector("(x, y)")
