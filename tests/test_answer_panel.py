"""The "Check my answer" panel on the main page, through the router, in both languages."""

import math

import pytest

from tests.app import app_at

FUNCTION = "x^2 sin(x)"


def _opened(language: str, function: str = FUNCTION):
    at = app_at(language=language, f=function, x="1", order="1")
    at.session_state["answer.open"] = True  # as a visitor's click leaves it
    return at.run()


def _answer(at, text: str, function: str = FUNCTION):
    at.text_input(key=f"answer.{function}.text").input(text)
    at.button[-1].click()  # the form's Check button
    return at.run()


def test_the_closed_panel_computes_nothing():
    at = app_at(f=FUNCTION, x="1").run()
    assert not at.exception
    assert "Check my answer" in [e.label for e in at.expander]
    assert not [t for t in at.text_input if str(t.key).startswith("answer.")]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_right_and_a_wrong_answer(language):
    at = _opened(language)
    assert not at.exception
    at = _answer(at, "2x sin(x) + x^2 cos(x)")
    assert not at.exception
    assert at.success[-1].icon == "✅"
    assert ("Correct" if language == "en" else "正确") in at.success[-1].value
    at = _answer(at, "2x sin(x) - x^2 cos(x)")
    assert not at.exception
    assert not [s for s in at.success if ("Correct" if language == "en" else "正确") in s.value]
    wrong = at.error[-1].value
    assert at.error[-1].icon == "❌"
    expected = 2 * math.sin(1) + math.cos(1)  # at x = 1, the simplest point
    assert f"{expected:.10g}".replace(".", "\\.") in wrong
    departs = " ".join(m.value for m in at.markdown)
    assert ("derivative of sin" if language == "en" else "sin 的导数") in departs


def test_a_refused_answer_is_a_message_not_an_exception():
    at = _answer(_opened("en"), "2x sin(")
    assert not at.exception
    assert "your answer cannot be read" in at.error[-1].value


def test_two_variables_offer_the_partials_of_the_chosen_order():
    at = _opened("en", "x^2 y^3")
    at.number_input(key="answer.x^2 y^3.order").set_value(2).run()
    box = at.selectbox(key="answer.x^2 y^3.wrt.2")
    assert [tuple(o) if not isinstance(o, str) else o for o in box.options] == [
        "∂²/∂x∂x",
        "∂²/∂x∂y",
        "∂²/∂y∂y",
    ]
    box.select(("x", "y")).run()
    at = _answer(at, "6 x y^2", "x^2 y^3")
    assert not at.exception
    assert at.success[-1].icon == "✅"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_check_page_takes_the_function_from_the_link(language):
    at = app_at("pages/check_answer.py", language, f="sqrt(x^2)").run()
    assert not at.exception
    assert at.text_input(key="check.f").value == "sqrt(x^2)"
    at.text_input(key="check.sqrt(x^2).text").input("1")
    at.button[-1].click()
    at = at.run()
    assert not at.exception
    assert at.error[-1].icon == "❌"
    assert "x = -1" in at.error[-1].value.replace("\\", "")  # the side where 1 is wrong


def test_the_check_page_refuses_a_bad_function_with_a_message():
    at = app_at("pages/check_answer.py", "en", f="sin(").run()
    assert not at.exception
    assert at.error
