"""Input read two ways: a warning where a common reading differs from ours, none otherwise."""

import pytest
import sympy

from diffexplain.core.parse import parse_function, symbol
from diffexplain.core.symbolic import to_latex
from diffexplain.teach.readings import KINDS, readings
from diffexplain.text import TEXTS

x, y = symbol("x"), symbol("y")


def _kinds(text):
    return [reading.kind for reading in readings(text)]


@pytest.mark.parametrize(
    ("text", "kind", "suggestion"),
    [
        ("sin x^2", "function_power", "(sin x)^2"),
        ("ln x^2 + 1", "function_power", "(ln x)^2 + 1"),
        ("2/3x", "fraction", "2/(3x)"),
        ("1/2x", "fraction", "1/(2x)"),
        ("x/2y", "fraction", "x/(2y)"),
        ("sin 2x", "function_product", "sin(2)x"),
        ("sin x y", "function_product", "sin(x) y"),
        ("sin^2 2x", "function_product", "sin^2(2)x"),
        ("e^2x", "function_product", "e^(2)x"),
        ("2^3x", "function_product", "2^(3)x"),
        ("sin x * y", "argument_ends", "sin(x * y)"),
        ("sin x / 2", "argument_ends", "sin(x / 2)"),
        ("sin x(x+1)", "argument_ends", "sin(x(x+1))"),
        ("e^x/2", "argument_ends", "e^(x/2)"),
        ("e^x(x+1)", "argument_ends", "e^(x(x+1))"),
        ("x^2y", "power_product", "x^(2y)"),
        ("(x+1)^2y", "power_product", "(x+1)^(2y)"),
        ("-x^2", "negative_power", "(-x)^2"),
        ("1 + (-x^2)", "negative_power", "1 + ((-x)^2)"),
        ("x^2^3", "power_tower", "(x^2)^3"),
        ("x(x+1)", "product_not_call", ""),
        ("e^x", "euler", ""),
        ("x + e", "euler", ""),
        ("2x3", "digit_name", "2x*3"),
        ("x3 + 1", "digit_name", "x*3 + 1"),
    ],
)
def test_a_second_reading_is_named_with_the_text_that_says_it(text, kind, suggestion):
    found = {r.kind: r for r in readings(text)}
    assert kind in found
    assert found[kind].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "sin(x)*exp(x)",
        "x^2 + 1",
        "sin x cos x",
        "sin^2 x",
        "x/(2y)",
        "2x/3",
        "(sin x)^2",
        "sin(x^2)",
        "exp(-x^2/2)",
        "x - x^2",
        "3x^2 - 2x + 1",
        "x sin(x)",
        "sqrt(x) + 1",
        "sin(2x)",
        "sin(2) x",
        "x^2 y",
        "x^2 y/(x^4 + y^2)",
        "x^2(x+1)",
        "sin x + 1",
        "sin(2x) + 1",
        "2^x",
        "exp(2x)",
    ],
)
def test_plain_input_gets_no_warning(text):
    assert readings(text) == ()


def test_no_warning_where_both_readings_are_the_same_function():
    assert readings("-x^3") == ()  # −(x³) = (−x)³
    assert readings("(x+1)^2^2") == ()  # ((x+1)²)² = (x+1)^(2²)


def test_a_warning_carries_both_readings_in_latex():
    (reading,) = readings("2/3x")
    assert reading.ours == r"\frac{2 x}{3}"
    assert reading.theirs == r"\frac{2}{3 x}"
    assert reading.fragment == "2/3x"
    assert reading.position == 0


def test_sin_2x_is_read_as_sin_of_2x_and_the_other_reading_is_sin_2_times_x():
    (reading,) = readings("sin 2x")
    assert reading.ours == r"\sin{\left(2 x \right)}"
    assert reading.theirs == r"x \sin{\left(2 \right)}"
    assert (reading.fragment, reading.position) == ("sin 2x", 0)


@pytest.mark.parametrize(
    ("text", "kind", "ours", "theirs"),
    [
        ("sin 2x", "function_product", sympy.sin(2 * x), x * sympy.sin(2)),
        ("cos 3x + 1", "function_product", sympy.cos(3 * x) + 1, x * sympy.cos(3) + 1),
        ("log 2x", "function_product", sympy.log(2 * x), x * sympy.log(2)),
        ("sin^2 2x", "function_product", sympy.sin(2 * x) ** 2, x * sympy.sin(2) ** 2),
        ("sin pi x", "function_product", sympy.sin(sympy.pi * x), sympy.Integer(0)),
        ("sin x y", "function_product", sympy.sin(x * y), y * sympy.sin(x)),
        ("e^2x", "function_product", sympy.exp(2 * x), sympy.E**2 * x),
        ("2^3x", "function_product", sympy.Integer(2) ** (3 * x), 8 * x),
        ("sin x * y", "argument_ends", y * sympy.sin(x), sympy.sin(x * y)),
        ("sin x / 2", "argument_ends", sympy.sin(x) / 2, sympy.sin(x / 2)),
        ("sin 2(x+1)", "argument_ends", sympy.sin(2) * (x + 1), sympy.sin(2 * (x + 1))),
        ("e^x(x+1)", "argument_ends", sympy.exp(x) * (x + 1), sympy.exp(x * (x + 1))),
        ("e^-x^2/2", "argument_ends", sympy.exp(-(x**2)) / 2, sympy.exp(-(x**2) / 2)),
        ("x^2y", "power_product", x**2 * y, x ** (2 * y)),
        ("sin x^2", "function_power", sympy.sin(x**2), sympy.sin(x) ** 2),
        ("2/3x", "fraction", sympy.Rational(2, 3) * x, 2 / (3 * x)),
    ],
)
def test_both_readings_are_the_functions_built_by_hand(text, kind, ours, theirs):
    found = {r.kind: r for r in readings(text)}
    assert parse_function(text).expr == ours
    assert parse_function(found[kind].suggestion).expr == theirs
    assert found[kind].ours == to_latex(ours)
    assert found[kind].theirs == to_latex(theirs)


def test_every_kind_of_reading_has_a_note_in_both_languages():
    for language in ("en", "zh"):
        for kind in KINDS:
            note = TEXTS[language][f"steps.reading.{kind}"]
            assert "{fragment}" in note


@pytest.mark.parametrize(
    ("language", "kind", "says"),
    [
        ("en", "function_product", ["takes the whole product", "sin 2x as sin(2x)", "e^(2x)"]),
        ("zh", "function_product", ["整个乘积", "sin 2x 读作 sin(2x)", "e^2x 读作 e^(2x)"]),
        ("en", "argument_ends", ["ends at *, / or a bracket", "sin x / 2 as sin(x)/2"]),
        ("zh", "argument_ends", ["到 *、/ 或括号就结束", "sin x / 2 读作 sin(x)/2"]),
        ("en", "power_product", ["only the next factor", "x^2y as x²·y", "e^2x is e^(2x)"]),
        ("zh", "power_product", ["紧跟的一个因子", "x^2y 读作 x²·y", "e^2x 是 e^(2x)"]),
    ],
)
def test_the_notes_say_the_rule_in_both_languages(language, kind, says):
    note = TEXTS[language][f"steps.reading.{kind}"].format(fragment="F", suggestion="S")
    assert "**F**" in note and "**S**" in note
    assert all(part in note for part in says), note


def test_friendly_symbols_are_read_as_the_parser_reads_them():
    assert _kinds("−x²") == ["negative_power"]
    assert _kinds("2/3x × sin x²") == ["function_power", "fraction"]


def test_one_warning_per_kind():
    assert _kinds("sin x^2 + cos x^2") == ["function_power"]


@pytest.mark.parametrize("text", ["", "sin(", "__import__('os')", "x +* 2", 42, "9^9^9^9"])
def test_input_the_parser_refuses_gets_no_warning_and_no_error(text):
    assert readings(text) == ()
