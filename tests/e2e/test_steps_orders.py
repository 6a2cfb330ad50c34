"""The steps of a second derivative in a real browser at a projector's 1280×720, both languages:
chosen by its name, drawn without a formula cut off, and said to be untied from the tape."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.e2e.conftest import ROOT
from tests.e2e.test_browser import CLIPPED_TEXT, _settle, _wait_for_latex

SHOTS = ROOT / "artifacts"
"""Where the screenshots go to be looked at (not kept in the repository)."""

WORDS = {
    "en": ("Steps of", "tape t1 differentiates the backward ops"),
    "zh": ("查看哪个导数的步骤", "磁带 t1 求导的是"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_second_derivative_steps_fit_a_projector(browser, server_url, language):
    label, why = WORDS[language]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(300_000)  # a cold server on a busy machine
    try:
        page.goto(f"{server_url}/?f={quote('sin(x)*exp(x)')}&x=0.5&order=2&lang={language}")
        choice = page.locator('[data-testid="stRadio"]').filter(has_text=label)
        second = choice.get_by_text("f''", exact=True)
        second.wait_for()  # drawn before the steps are worked out (a cold server's first run
        _settle(page)  # may have no time left for them: choosing f'' runs the page again)
        second.click()
        _settle(page)
        _wait_for_latex(page, r"\frac{d}{dx}\left(\left(\sin")  # f' as shown, differentiated
        note = page.get_by_text(why).first
        note.wait_for()
        page.wait_for_timeout(1000)
        assert page.evaluate(CLIPPED_TEXT) == []
        choice.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"steps-second-derivative-{language}.png"))
        note.scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(SHOTS / f"steps-second-derivative-{language}-rules.png"))
    finally:
        context.close()
