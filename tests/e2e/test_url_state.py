"""A lecturer's link in a real browser: lecture 3 opened from `?lang=zh&tape.x=2.5` shows the
Chinese page with the slider at 2.5 and the gradient 5.0; moving a slider rewrites the address
bar, which then opens the same page in a fresh tab."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_guide_pages import _settle

TITLE = {"en": "GradientTape basics", "zh": "GradientTape 基础"}


def _query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def _slider(page, index: int):
    return page.get_by_role("slider").nth(index)


def _metric(page, label: str):
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return metric.get_by_test_id("stMetricValue")


def _open(page, url: str, language: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=TITLE[language]).first.wait_for()
    _settle(page)


def test_a_shared_link_opens_lecture_3_in_chinese_at_its_x(page, server_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, f"{server_url}/gradient_tape?lang=zh&tape.x=2.5", "zh")
    x = _slider(page, 0)
    expect(x).to_have_value("2.5")
    expect(_metric(page, "dy/dx")).to_have_text("5.0")  # 2x at x = 2.5
    expect(_metric(page, "y")).to_have_text("6.25")
    assert page.locator('[data-testid="stException"]').count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(1500)  # fonts and the code blocks' layout
    page.screenshot(path=str(SCREENSHOTS / "shared-link-lecture-zh.png"))
    _metric(page, "dy/dx").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "shared-link-lecture-zh-gradient.png"))

    x.focus()
    page.keyboard.press("ArrowLeft")  # one step: 2.0
    expect(_metric(page, "dy/dx")).to_have_text("4.0")
    _settle(page)
    page.wait_for_function(
        "() => location.search.includes('tape.x=2&') || location.search.endsWith('tape.x=2')"
    )
    assert _query(page) == {"lang": "zh", "tape.x": "2"}

    v0 = _slider(page, 1)
    v0.focus()
    page.keyboard.press("ArrowRight")  # 1.0 → 1.5
    _settle(page)
    page.wait_for_function("() => location.search.includes('tape.v0=1.5')")
    assert _query(page) == {"lang": "zh", "tape.x": "2", "tape.v0": "1.5"}

    copied = page.url  # what a student gets: a new tab, a new session
    other = page.context.new_page()
    _open(other, copied, "zh")
    expect(_slider(other, 0)).to_have_value("2")
    expect(_slider(other, 1)).to_have_value("1.5")
    expect(_metric(other, "dy/dx")).to_have_text("4.0")
    other.close()


def test_a_link_in_english_with_a_bad_value_opens_at_the_default(page, server_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, f"{server_url}/gradient_tape?tape.x=99&tape.v0=-2", "en")
    expect(_slider(page, 0)).to_have_value("3")
    expect(_metric(page, "dy/dx")).to_have_text("6.0")
    expect(_slider(page, 1)).to_have_value("-2")
    page.wait_for_function("() => !location.search.includes('tape.x')")
    assert _query(page) == {"tape.v0": "-2"}  # the bad value left the address bar
    assert page.locator('[data-testid="stException"]').count() == 0
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "shared-link-lecture-en.png"))


def test_back_and_forward_step_through_the_values_a_slider_had(page, server_url):
    """Each change of the URL is an entry in the browser's history: Back reruns the page with
    the earlier URL, which then decides the widgets."""
    _open(page, f"{server_url}/gradient_tape?lang=zh", "zh")
    x = _slider(page, 0)
    for value in ("2.5", "2"):
        x.focus()
        page.keyboard.press("ArrowLeft")
        _settle(page)
        page.wait_for_function(f"() => location.search.endsWith('tape.x={value}')")
    page.go_back()
    expect(_slider(page, 0)).to_have_value("2.5")
    expect(_metric(page, "dy/dx")).to_have_text("5.0")
    _settle(page)
    assert _query(page) == {"lang": "zh", "tape.x": "2.5"}
    page.go_forward()
    expect(_slider(page, 0)).to_have_value("2")
    expect(_metric(page, "dy/dx")).to_have_text("4.0")
