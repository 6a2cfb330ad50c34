"""The grammar, rule by rule: each text against the SymPy tree built by hand."""

import pickle

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from diffexplain.ops import relu, sigmoid
from diffexplain.parse import (
    KINDS,
    MAX_CONSTANT_DIGITS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_LITERAL_DIGITS,
    MAX_ORDER,
    MAX_VARIABLES,
    InputError,
    ParsedFunction,
    parse_function,
    parse_point,
    symbol,
)

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
        ("e^2x", sympy.E**2 * x),
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
        ("sin x y", sympy.sin(x) * y),
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
