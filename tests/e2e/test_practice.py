"""The Practice page in a real browser: one exercise solved right, the next one wrong."""

from __future__ import annotations

import sympy
from playwright.sync_api import expect

from diffexplain.core.parse import parse_function, symbol
from diffexplain.teach.exercises import problem
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_browser import _settle


def _derivative(level: str, seed: int, number: int) -> str:
    """The exact derivative, worked out here with SymPy, as text the parser reads."""
    shown = problem(level, seed, number)
    expr = parse_function(shown.function).expr
    return str(sympy.diff(expr, *[symbol(name) for name in shown.wrt]))


def _answer(page, text: str) -> None:
    box = page.get_by_role("textbox", name="Your d/dx")
    box.fill(text)
    page.get_by_role("button", name="Check").click()
    _settle(page)


def test_solve_one_exercise_right_and_the_next_wrong(page, server_url):
    page.goto(f"{server_url}/practice?kind=calculus&level=product_quotient&seed=42&n=1")
    page.get_by_text("Problem 1.").first.wait_for()
    _settle(page)
    _answer(page, _derivative("product_quotient", 42, 1))
    page.get_by_text("Correct: your answer is the derivative").first.wait_for()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1 / 1")

    page.get_by_role("button", name="Next problem").click()
    page.get_by_text("Problem 2.").first.wait_for()
    _settle(page)
    assert "n=2" in page.url and "seed=42" in page.url  # the link hands out the same problem
    _answer(page, f"-({_derivative('product_quotient', 42, 2)})")
    page.get_by_text("Not the derivative").first.wait_for()
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1 / 2")
    page.get_by_role("button", name="Show a hint").click()
    _settle(page)
    page.get_by_text("minus the derivative").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1300})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "practice-page.png"))


def test_predict_a_gradient_in_chinese(page, server_url):
    from diffexplain.teach.lessons.predict import snippet

    seed = next(s for s in range(1, 200) if snippet(s * 1000 + 1).twist == "constant")
    page.goto(f"{server_url}/practice?kind=tape&seed={seed}&n=1&lang=zh")
    page.get_by_text("第 1 题").first.wait_for()
    _settle(page)
    page.get_by_text("None", exact=True).first.click()  # a constant not watched: None
    page.get_by_role("button", name="检查").click()
    _settle(page)
    page.get_by_text("正确：TensorFlow 给出 None").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_check_my_answer_on_the_main_page(page, server_url):
    page.goto(f"{server_url}/?f=sqrt(x%5E2)&x=2&order=1")
    page.get_by_text("All 2 values agree").first.wait_for()
    _settle(page)
    panel = page.locator('[data-testid="stMain"] [data-testid="stExpander"]')
    panel.filter(has_text="Check my answer").first.click()
    _settle(page)
    box = page.get_by_role("textbox", name="Your d/dx")
    box.fill("1")
    page.get_by_role("button", name="Check").click()
    _settle(page)
    page.get_by_text("at x = -1 the derivative is -1").first.wait_for()
    panel.filter(has_text="Check my answer").first.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "check-my-answer.png"))
