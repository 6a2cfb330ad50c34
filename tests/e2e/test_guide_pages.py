"""The pages on TensorFlow's guides in a real browser: listed in the sidebar, each loads in both
languages without an exception or an error box, and a quiz answer appears when clicked."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from diffexplain.devtools.load import RUN_ENDED
from diffexplain.ui.lectures import LECTURES
from tests.e2e.conftest import SCREENSHOTS

GUIDES = [page for page in LECTURES if page.part == "guides"]
SHOW_ANSWER = {"en": "Show the answer", "zh": "显示答案"}
ANSWERED = {
    "en": re.compile(r"The snippet returns|TensorFlow raised"),
    "zh": re.compile(r"这段代码返回|TensorFlow 抛出了"),
}


def _settle(page, timeout: float = 120_000) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function(RUN_ENDED, polling=100, timeout=timeout)


def _url_path(page) -> str:
    """Streamlit's URL for a page file: its name without the leading number."""
    return Path(page.path).stem.split("_", 1)[1]


def test_the_sidebar_lists_every_guide_page_after_the_notes(page, server_url):
    page.goto(f"{server_url}/?lang=zh")
    navigation = page.locator('[data-testid="stSidebarNav"]')
    expect(navigation).to_contain_text("TensorFlow 指南")
    for guide in GUIDES:
        expect(navigation).to_contain_text(guide.title_zh)
    assert page.locator('[data-testid="stSidebarNavViewButton"]').count() == 0  # no "View more"


def test_every_guide_page_loads_and_reveals_a_quiz_answer_in_both_languages(page, server_url):
    for guide in GUIDES:
        for language in ("en", "zh"):
            where = (guide.path, language)
            page.goto(f"{server_url}/{_url_path(guide)}?lang={language}")
            page.get_by_role("heading", name=guide.title(language)).first.wait_for()
            _settle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, where
            assert page.locator('[data-testid="stAlertContentError"]').count() == 0, where
            question = page.locator('[data-testid="stExpander"]').filter(
                has_text=SHOW_ANSWER[language]
            )
            expect(question).to_have_count(3)
            first = question.first
            assert first.get_by_text(ANSWERED[language]).count() == 0, where  # not yet run
            first.get_by_text(SHOW_ANSWER[language]).click()
            first.get_by_text(ANSWERED[language]).first.wait_for()
            _settle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, where


def test_a_guide_page_at_projector_size(page, server_url):
    """The errors page's first screen at 1280 × 720, for the README and for a look."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server_url}/errors")
    page.get_by_text("LookupError: gradient registry has no entry for").first.wait_for()
    _settle(page)
    page.wait_for_timeout(1500)  # fonts and the code blocks' layout
    page.screenshot(path=str(SCREENSHOTS / "guide-page-errors.png"))
