"""Input read two ways: a warning where a common reading differs from ours, none otherwise."""

import pytest

from diffexplain.readings import readings


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
        ("sin 2x", "function_product", "sin(2x)"),
        ("sin x y", "function_product", "sin(x y)"),
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


def test_sin_2x_is_read_as_sin_of_2_times_x():
    (reading,) = readings("sin 2x")
    assert reading.ours == r"x \sin{\left(2 \right)}"
    assert reading.theirs == r"\sin{\left(2 x \right)}"


def test_friendly_symbols_are_read_as_the_parser_reads_them():
    assert _kinds("−x²") == ["negative_power"]
    assert _kinds("2/3x × sin x²") == ["function_power", "fraction"]


def test_one_warning_per_kind():
    assert _kinds("sin x^2 + cos x^2") == ["function_power"]


@pytest.mark.parametrize("text", ["", "sin(", "__import__('os')", "x +* 2", 42, "9^9^9^9"])
def test_input_the_parser_refuses_gets_no_warning_and_no_error(text):
    assert readings(text) == ()
