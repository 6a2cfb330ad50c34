"""Presentation mode in a real browser at a projector's 1280×720, in both languages: the link
with `?present=1` folds the sidebar (even after the visitor's own click had opened it), sets
larger type, and the → key and the buttons walk the sections; the exit button and the
sidebar's toggle turn it off and on."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from diffexplain.devtools.load import RUN_ENDED
from diffexplain.text import TEXTS
from tests.e2e.conftest import SCREENSHOTS

PROJECTOR = {"width": 1280, "height": 720}
SIDEBAR_FOLDED = """() => document.querySelector('[data-testid="stSidebar"]')
    ?.dataset.collapsed === "true" """
SIDEBAR_OPEN = """() => document.querySelector('[data-testid="stSidebar"]')
    ?.dataset.collapsed === "false" """
TEXT_SIZE = """() => parseFloat(getComputedStyle(
    document.querySelector('[data-testid="stMarkdownContainer"] p')).fontSize)"""
SIDEBAR_RIGHT = """() => document.querySelector('[data-testid="stSidebar"]')
    .getBoundingClientRect().right"""
VISITOR_OPENED_THE_SIDEBAR = """localStorage.setItem("stSidebarCollapsed-", "false")"""
"""What Streamlit keeps once a visitor has opened the sidebar with its own button: a choice
that outweighs `initial_sidebar_state` (the app folds it with a click of its own)."""


def _settle(page, timeout: float = 120_000) -> None:
    page.wait_for_timeout(500)
    page.wait_for_function(RUN_ENDED, polling=100, timeout=timeout)


def _headers(page) -> list[str]:
    return [text.strip() for text in page.locator("h2").all_text_contents()]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_lecturer_presents_a_lecture_page(page, server_url, language):
    texts = TEXTS[language]
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{server_url}/gradient_tape?lang={language}")
    _settle(page)
    page.wait_for_function(SIDEBAR_OPEN)
    normal_size = page.evaluate(TEXT_SIZE)
    assert texts["tape.basic.header"] in _headers(page)

    page.context.add_init_script(VISITOR_OPENED_THE_SIDEBAR)
    page.goto(f"{server_url}/gradient_tape?present=1&lang={language}")
    _settle(page)
    page.locator(".st-key-present-next-top button:visible").wait_for()  # drawn: keys work
    page.wait_for_function(SIDEBAR_FOLDED, timeout=10_000)
    page.wait_for_timeout(600)  # the fold's animation
    assert page.evaluate(SIDEBAR_RIGHT) <= 0  # off the screen, not just marked folded
    assert page.evaluate(TEXT_SIZE) >= 1.15 * normal_size
    assert _headers(page) == []  # the intro: no section header, none of the others
    assert "section=1" in page.url and f"lang={language}" in page.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"present_{language}_start.png"))

    page.keyboard.press("ArrowRight")
    page.wait_for_url("**section=2**")
    _settle(page)
    page.get_by_role("heading", name=texts["tape.basic.header"]).wait_for()
    assert _headers(page) == [texts["tape.basic.header"]]
    assert "section=2" in page.url and "present=1" in page.url
    code = page.locator('[data-testid="stCode"]').first.bounding_box()
    block = page.locator('[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]')
    assert code["width"] > 0.95 * block.first.bounding_box()["width"]  # the page's width
    page.screenshot(path=str(SCREENSHOTS / f"present_{language}.png"))

    page.get_by_role("button", name=texts["present.next"]).first.click()
    page.wait_for_url("**section=3**")
    _settle(page)
    page.get_by_role("heading", name=texts["tape.scalar.header"]).wait_for()
    assert "section=3" in page.url
    for where in ("top", "bottom"):  # the last section: no next one
        expect(page.locator(f".st-key-present-next-{where} button:visible")).to_be_disabled()
    page.locator(".st-key-present-previous-bottom button:visible").wait_for()
    page.keyboard.press("PageUp")
    page.wait_for_url("**section=2**")
    _settle(page)
    page.get_by_role("heading", name=texts["tape.basic.header"]).wait_for()
    assert "section=2" in page.url

    page.locator(".st-key-present-exit button:visible").click()
    _settle(page)
    page.wait_for_function(SIDEBAR_OPEN, timeout=10_000)
    page.get_by_role("heading", name=texts["tape.scalar.header"]).wait_for()
    assert "present" not in page.url and "section" not in page.url
    page.wait_for_function(f"() => ({TEXT_SIZE})() === {normal_size}", timeout=10_000)

    page.locator('[data-testid="stSidebar"]').get_by_text(texts["present.toggle"]).click()
    _settle(page)
    page.wait_for_function(SIDEBAR_FOLDED, timeout=10_000)
    page.get_by_role("heading", name=texts["tape.basic.header"]).wait_for()  # where it was
    assert "present=1" in page.url and "section=2" in page.url
