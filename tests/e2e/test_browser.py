"""The app in a real browser, as a person uses it: type, read, share a link, open the lectures."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from diffexplain.devtools.load import RUN_ENDED
from tests.e2e.conftest import SCREENSHOTS

AGREE = re.compile(r"All \d+ values agree")


def _wait_for_agreement(page, count: int | None = None):
    text = f"All {count} values agree" if count else AGREE
    page.get_by_text(text).first.wait_for()


def _wait_for_latex(page, tex: str) -> None:
    """Until some formula on the page contains `tex` (KaTeX keeps the source in <annotation>)."""
    page.wait_for_function(
        "tex => [...document.querySelectorAll('.katex annotation')]"
        ".some(a => a.textContent.includes(tex))",
        arg=tex,
    )


def _graph_text(page) -> str:
    chart = page.locator('[data-testid="stGraphVizChart"] svg').first
    chart.wait_for()
    return " ".join(chart.locator("text").all_text_contents())


def _settle(page, timeout: float = 90_000):
    """Until the app has finished the run the last input started (Streamlit's script state on
    its root element: the status widget is not drawn on this app's pages, so its absence says
    nothing)."""
    page.wait_for_timeout(400)
    page.wait_for_function(RUN_ENDED, polling=100, timeout=timeout)


def _type(page, label: str, value: str):
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    _settle(page)


def test_type_a_function_change_order_and_point(page, server_url):
    page.goto(server_url)
    _wait_for_agreement(page)
    _type(page, "Function", "x^3")
    _type(page, "x =", "3")
    _type(page, "Order", "3")
    _wait_for_agreement(page, 4)
    _wait_for_latex(page, "3 x^{2}")
    _wait_for_latex(page, "6 x")
    graph = _graph_text(page)
    assert "Pow" in graph and "▶ f'''" in graph
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1700})  # the page scrolls inside itself
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "main-page.png"))


def test_graph_shows_the_recorded_ops(page, server_url):
    page.goto(f"{server_url}/?f={quote('sin(x)*exp(x)')}&x=1&order=2")
    _wait_for_agreement(page, 3)
    graph = _graph_text(page)
    for op in ("Sin", "Exp", "Mul", "Cos", "AddN"):
        assert op in graph


def test_a_list_of_functions_shows_its_jacobian_by_the_tape_and_exactly(page, server_url):
    page.goto(f"{server_url}/?f={quote('[x*y, sin(x)]')}&x=1&y=2&order=1")
    _wait_for_agreement(page, 4)
    _wait_for_latex(page, r"J = \begin{bmatrix}y & x")
    _wait_for_latex(page, r"J_{\text{tape}} = \begin{bmatrix} 2 & 1")
    page.locator('[data-testid="stDataFrame"]').first.wait_for()  # the table of entries
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1100})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "main-page-vector.png"))


def test_hostile_input_gets_a_friendly_error_and_the_page_keeps_working(page, server_url):
    page.goto(server_url)
    _wait_for_agreement(page)
    _type(page, "Function", "__import__('os').system('echo hacked')")
    alert = page.locator('[data-testid="stAlertContentError"]').first
    alert.wait_for()
    assert "not" in alert.inner_text().lower()
    assert page.locator('[data-testid="stException"]').count() == 0
    _type(page, "Function", "x^2")
    _wait_for_agreement(page)


def test_a_shared_link_restores_its_example(page, server_url):
    page.goto(f"{server_url}/?f=x%5E3&x=3&order=2")
    _wait_for_agreement(page, 3)
    expect(page.get_by_label("Function", exact=True)).to_have_value("x^3")
    expect(page.get_by_label("x =", exact=True)).to_have_value("3")
    _wait_for_latex(page, "6 x")


def test_every_lecture_page_loads_in_both_languages(page, server_url):
    page.goto(server_url)
    _wait_for_agreement(page)
    links = page.locator('[data-testid="stSidebarNav"] a')
    links.first.wait_for()
    paths = sorted({href for href in (a.get_attribute("href") for a in links.all()) if href})
    assert len(paths) >= 8
    for path in paths:
        for language in ("en", "zh"):
            url = path if path.startswith("http") else f"{server_url}/{path.lstrip('/')}"
            page.goto(f"{url}{'&' if '?' in url else '?'}lang={language}")
            page.locator('[data-testid="stMain"]').first.wait_for()
            page.wait_for_timeout(1100)
            _settle(page, timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0, (path, language)
    page.goto(f"{server_url}/gradient_tape?lang=zh")
    page.locator('[data-testid="stMain"]').first.wait_for()
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.wait_for_timeout(4000)
    page.screenshot(path=str(SCREENSHOTS / "lecture-page-zh.png"))


def test_inputs_survive_a_visit_to_a_lecture_page(page, server_url):
    page.goto(server_url)
    _wait_for_agreement(page)
    _type(page, "Function", "x^3 + 1")
    _wait_for_latex(page, "x^{3} + 1")
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="GradientTape").first.click()
    page.get_by_text("dy/dx").first.wait_for()
    page.locator('[data-testid="stSidebarNav"] a').first.click()
    expect(page.get_by_label("Function", exact=True)).to_have_value("x^3 + 1")


def _clipped_tables(page) -> list[list[int]]:
    """[visible, full] widths of every table that needs sideways scrolling to be read."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
            .map(s => [s.clientWidth, s.scrollWidth]).filter(([seen, full]) => full > seen + 1)"""
    )


def test_tables_fit_a_projector_sized_window(page, server_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    for query in ("", "f=sigmoid(w*x%2Bb)&order=1", "f=abs(x)&x=0&lang=zh"):
        page.goto(f"{server_url}/?{query}")
        page.locator('[data-testid="stDataFrame"]').first.wait_for()
        _settle(page)
        page.wait_for_timeout(1000)
        assert _clipped_tables(page) == [], query


def test_a_chinese_page_stays_chinese_after_the_first_click_on_a_cold_server(browser):
    """A fresh server (TensorFlow loads during the first run): choosing an example used to
    reset the language switch to English."""
    from diffexplain.serving.server import running_app

    with running_app(120) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(120_000)
        try:
            page.goto(f"{url}/?lang=zh")
            page.get_by_text(re.compile(r"全部 \d+ 个值")).first.wait_for()
            _settle(page)
            page.locator('[data-testid="stSelectbox"]').first.click()
            page.get_by_role("option", name=re.compile("x\\^x")).click()
            _settle(page)
            page.get_by_text("全部 4 个值").first.wait_for()
            assert page.get_by_text(AGREE).count() == 0
            switch = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]')
            expect(switch).to_have_count(1, timeout=60_000)
            switch.get_by_text("English").click()  # and the switch still works both ways
            _settle(page)
            page.get_by_text("All 4 values agree").first.wait_for()
            assert "lang=en" in page.url
        finally:
            context.close()


def test_the_three_ways_tables_fit_a_projector_sized_window(page, server_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    for language in ("zh", "en"):
        page.goto(f"{server_url}/three_ways?lang={language}")
        # at least the first tab's two tables (the other tabs' are in the page too, hidden)
        page.locator('[data-testid="stDataFrame"]').nth(1).wait_for(timeout=120_000)
        _settle(page)
        page.wait_for_timeout(1000)
        assert _clipped_tables(page) == [], language
        page.get_by_role("slider").first.focus()
        page.keyboard.press("End")  # the logistic map's most iterations: the widest table
        _settle(page)
        page.wait_for_timeout(1000)
        assert _clipped_tables(page) == [], language


def test_a_shared_lecture_link_is_a_fresh_servers_first_visit(browser):
    """With a pages/ folder, Streamlit ran such a link's file on its own until someone opened
    the main page: English, its own page list, no language switch."""
    from diffexplain.serving.server import running_app

    with running_app(120) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(120_000)
        try:
            page.goto(f"{url}/three_ways?lang=zh")
            page.get_by_role("heading", name="求导的三种方式").first.wait_for()
            _settle(page)
            navigation = page.locator('[data-testid="stSidebarNav"]')
            expect(navigation).to_contain_text("求导对照")
            expect(navigation).to_contain_text("常量与变量")
            expect(page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]')).to_have_count(
                1
            )
        finally:
            context.close()


CLIPPED_TEXT = """() => [
    ...[...document.querySelectorAll(
        '[data-testid="stWidgetLabel"], [data-testid="stMetricLabel"], '
        + '[data-testid="stMetricValue"], [data-testid="stWidgetLabel"] *, '
        + '[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *, '
        + '[data-testid="stPageLink-NavLink"] span:has(> [data-testid="stMarkdownContainer"]), '
        + '[data-testid="stDownloadButton"] p')]
      .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1),
    ...[...document.querySelectorAll('.katex-display')]
      .filter(e => e.offsetParent !== null && e.scrollWidth
                   > e.closest('[data-testid="stElementContainer"]').clientWidth + 1),
  ].map(e => e.textContent.slice(0, 50))"""
"""The labels, metric values, page links and download buttons wider than their box (cut off,
or "…" at the end), and the formulas wider than their column (KaTeX sizes its box to the
formula, give or take 2 px)."""


@pytest.mark.parametrize("language", ["en", "zh"])
def test_nothing_is_cut_off_at_1280_by_720(browser, server_url, language):
    """The pages where a label, a metric or the product rule was cut off on a projector."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        for path in (
            "",
            "persistent",
            "assign",
            "higher_order",
            "jacobians",
            "none_gradients",
            "gradient_tape?present=1",  # the presentation row's lecture links
        ):
            joiner = "&" if "?" in path else "?"
            page.goto(f"{server_url}/{path}{joiner}lang={language}")
            page.locator('[data-testid="stMain"]').first.wait_for()
            page.wait_for_timeout(1100)
            _settle(page)
            if not path:
                _wait_for_latex(page, r"\begin{aligned}")  # the steps' product rule
            page.wait_for_timeout(1000)
            assert page.evaluate(CLIPPED_TEXT) == [], (path, language)
    finally:
        context.close()


def test_a_link_copied_from_a_lecture_page_opens_in_chinese(page, server_url):
    page.goto(f"{server_url}/?lang=zh")
    page.get_by_text(re.compile(r"全部 \d+ 个值")).first.wait_for()
    _settle(page)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="persistent=True").first.click()
    page.get_by_text("dy/dx = 2x").first.wait_for()
    _settle(page)
    page.wait_for_function("() => location.search.includes('lang=zh')")
    copied = page.url
    fresh = page.context.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        other = fresh.new_page()
        other.set_default_timeout(90_000)
        other.goto(copied)  # another visitor, a new session
        other.get_by_text("一盘磁带，两个问题").first.wait_for()
    finally:
        fresh.close()
