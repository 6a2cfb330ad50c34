"""Generated exercises: the same set from the same seed, every problem readable, and the
Practice page through the router in both languages (one exercise right, one wrong)."""

import re

import pytest
import sympy

from diffexplain.core.parse import parse_function, symbol
from diffexplain.teach.exercises import LEVELS, problem
from diffexplain.teach.lessons.predict import TWISTS, run_snippet, snippet
from tests.app import app_at

PAGE = "pages/practice.py"


# --- the generators --------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_every_generated_problem_parses_and_has_a_nonzero_derivative(level):
    for seed in (1, 2, 99):
        for number in range(1, 9):
            shown = problem(level, seed, number)
            parsed = parse_function(shown.function)
            assert set(shown.wrt) <= set(parsed.variables)
            derivative = sympy.diff(parsed.expr, *[symbol(n) for n in shown.wrt])
            assert derivative != 0


def test_the_same_seed_gives_the_same_set_and_another_seed_another():
    first = [problem("trig_exp_log", 42, n).function for n in range(1, 6)]
    assert first == [problem("trig_exp_log", 42, n).function for n in range(1, 6)]
    assert first != [problem("trig_exp_log", 43, n).function for n in range(1, 6)]


def test_a_set_shows_every_template_before_repeating_one():
    functions = [problem("second_derivatives", 5, n).function for n in range(1, 7)]
    heads = {re.sub(r"\d+", "k", f) for f in functions}
    assert len(heads) == 6


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="unknown level"):
        problem("calculus 101", 1, 1)


def test_the_snippets_cover_every_twist_and_the_result_kinds():
    seen = {snippet(seed).twist for seed in range(200)}
    assert seen == set(TWISTS)


def _numbers(source: str) -> tuple[float, int]:
    start = float(re.search(r"tf\.(?:Variable|constant)\((-?[\d.]+)\)", source).group(1))
    return start, source.split("y = ")[1].split("\n")[0].count("x")


@pytest.mark.parametrize("seed", [s for s in range(60) if snippet(s).twist == "plain"][:3])
def test_a_float_variable_gives_the_derivative(seed):
    start, power = _numbers(snippet(seed).source)
    outcome = run_snippet(snippet(seed).source)
    assert outcome.kind == "number"
    assert outcome.value == pytest.approx(power * start ** (power - 1))


def test_a_constant_not_watched_gives_none_and_a_second_call_on_a_used_tape_raises():
    constant = next(s for s in range(200) if snippet(s).twist == "constant")
    assert run_snippet(snippet(constant).source).kind == "none"
    second = next(
        s
        for s in range(200)
        if snippet(s).twist == "second_call" and "persistent" not in snippet(s).source
    )
    outcome = run_snippet(snippet(second).source)
    assert outcome.kind == "error" and outcome.raised.type_name == "RuntimeError"


# --- the page --------------------------------------------------------------------------------


def _calculus_page(language: str, seed: str = "42", level: str = "power_chain"):
    at = app_at(PAGE, language, kind="calculus", level=level, seed=seed, n="1").run()
    assert not at.exception
    return at


def _submit(at, text: str):
    (box,) = [t for t in at.text_input if str(t.key).endswith(".text")]
    box.input(text)
    next(b for b in at.button if "FormSubmitter" in str(b.key)).click()
    return at.run()


def _correct_answer(level: str, seed: int, number: int) -> str:
    shown = problem(level, seed, number)
    expr = parse_function(shown.function).expr
    return str(sympy.diff(expr, *[symbol(n) for n in shown.wrt]))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_calculus_exercise_answered_right_then_another_wrong(language):
    at = _calculus_page(language)
    expected = parse_function(problem("power_chain", 42, 1).function).expr
    shown = [latex.value for latex in at.latex]
    assert any(sympy.latex(expected).split(" ")[0] in tex for tex in shown)
    at = _submit(at, _correct_answer("power_chain", 42, 1))
    assert not at.exception
    assert at.success[-1].icon == "✅"
    assert at.metric[0].value == "1 / 1"
    at.button(key=None) if False else None
    next(
        b for b in at.button if b.label == ("Next problem" if language == "en" else "下一题")
    ).click()
    at = at.run()
    assert at.query_params["n"] == ["2"] or at.query_params["n"] == "2"
    at = _submit(at, _correct_answer("power_chain", 42, 2) + " + 1")
    assert not at.exception
    assert at.error[-1].icon == "❌"
    assert at.metric[0].value == "1 / 2"


def test_hint_then_steps_then_graph():
    at = _calculus_page("en", level="product_quotient")
    hint = problem("product_quotient", 42, 1).hint
    for label in ("Show a hint", "Show the steps", "Show the tape's graph"):
        next(b for b in at.button if b.label == label).click()
        at = at.run()
        assert not at.exception
    assert any(f"{hint.capitalize()} rule" in i.value for i in at.info)
    assert any("Step by step" in h.value for h in at.subheader)
    assert any("What the tapes recorded" in h.value for h in at.subheader)


def test_the_url_holds_the_set_and_a_bad_value_falls_back():
    at = app_at(PAGE, "en", level="no such level", seed="-3", n="x").run()
    assert not at.exception
    assert at.session_state["practice.level"] == LEVELS[0]
    assert 1 <= at.session_state["practice.seed"] < 10**6
    assert at.session_state["practice.n"] == 1


def _tape_page(language: str, seed: int):
    at = app_at(PAGE, language, kind="tape", seed=str(seed), n="1").run()
    assert not at.exception
    return at


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_tape_exercise_predicted_right_and_one_predicted_wrong(language):
    seed = next(s for s in range(1, 200) if snippet(s * 1000 + 1).twist == "plain")
    source = snippet(seed * 1000 + 1).source
    start, power = _numbers(source)
    at = _tape_page(language, seed)
    assert at.code[0].value.strip() == source.strip()  # the code shown is the code run
    at.radio(key=f"practice.tape:{seed}:1.kind").set_value("number")
    at.number_input(key=f"practice.tape:{seed}:1.value").set_value(power * start ** (power - 1))
    next(b for b in at.button if "FormSubmitter" in str(b.key)).click()
    at = at.run()
    assert not at.exception
    assert at.success[-1].icon == "✅"
    at.radio(key=f"practice.tape:{seed}:1.kind").set_value("none")
    next(b for b in at.button if "FormSubmitter" in str(b.key)).click()
    at = at.run()
    assert at.error[-1].icon == "❌"
    assert at.metric[0].value == "1 / 1"  # the first verdict counts
