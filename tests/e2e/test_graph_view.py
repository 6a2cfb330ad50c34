"""The tape graph on a 1280×720 projector: labels at reading size beside the steps, larger when
zoomed, the whole graph across the page, and Streamlit's full screen left as it was."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_browser import _settle

WORDS = {
    "en": {"header": "What the tapes recorded", "zoom": "Zoom", "wide": "Across the page"},
    "zh": {"header": "磁带记录下的运算", "zoom": "缩放", "wide": "横跨整页"},
}
VIEW = ".st-key-tape_graph_view"

MEASURE = """() => {
  const view = document.querySelector('.st-key-tape_graph_view');
  const svg = view.querySelector('[data-testid="stGraphVizChart"] svg');
  const nodes = [...svg.querySelectorAll('g.node')];
  const heights = nodes.flatMap(n => [...n.querySelectorAll('text')])
    .map(t => t.getBoundingClientRect().height);
  const overflowing = nodes.filter(n => {
    const box = n.querySelector('path, polygon').getBoundingClientRect();
    return [...n.querySelectorAll('text')].some(t => {
      const r = t.getBoundingClientRect();
      return r.left < box.left - 0.5 || r.right > box.right + 0.5;
    });
  }).map(n => n.textContent.trim().slice(0, 40));
  return {label: Math.min(...heights), nodes: nodes.length, overflowing,
          svg: svg.getBoundingClientRect().width,
          view: [view.clientWidth, view.scrollWidth, view.clientHeight, view.scrollHeight]};
}"""
"""The smallest label's height on the screen, the labels wider than their box, and the
graph's box: its visible and its whole width and height (larger whole: it scrolls)."""


def _measure(page) -> dict:
    page.wait_for_timeout(500)  # the browser applies the new style
    return page.evaluate(MEASURE)


def _zoom(page, language: str, steps: int) -> None:
    """Move the zoom `steps` stops right (left when negative), as with the keyboard."""
    thumb = page.get_by_role("slider", name=WORDS[language]["zoom"])
    thumb.focus()
    for _ in range(abs(steps)):
        thumb.press("ArrowRight" if steps > 0 else "ArrowLeft")
    _settle(page)


def _shoot(page, language: str, name: str) -> None:
    """The graph's section from its header down, as a projector shows it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    header = page.get_by_role("heading", name=WORDS[language]["header"])
    header.evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / name))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_graph_reads_on_a_projector_zooms_and_spans_the_page(browser, server_url, language):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        for _visit in ("warms the caches", "is measured"):  # the steps too, on a busy server
            page.goto(f"{server_url}/?f={quote('sin(x)*exp(x)')}&x=1&order=2&lang={language}")
            page.locator(f'{VIEW} [data-testid="stGraphVizChart"] svg g.node').first.wait_for()
            _settle(page)

        beside = _measure(page)  # in its column, beside the steps
        assert beside["nodes"] == 24  # the compact view of sin(x)·exp(x) to order 2
        assert beside["label"] >= 11, beside
        assert beside["overflowing"] == [], beside
        seen, whole = beside["view"][0], beside["view"][1]
        assert seen < 420 < whole  # a column's width; the graph scrolls sideways to pan
        _shoot(page, language, f"graph-beside-the-steps-{language}.png")

        _zoom(page, language, 2)  # 100 % → 150 %
        zoomed = _measure(page)
        assert zoomed["label"] == pytest.approx(1.5 * beside["label"], rel=0.08), zoomed
        assert zoomed["svg"] == pytest.approx(1.5 * beside["svg"], rel=0.02)

        page.get_by_text(WORDS[language]["wide"], exact=True).click()
        _settle(page)
        page.locator(f'{VIEW} [data-testid="stGraphVizChart"] svg g.node').first.wait_for()
        wide = _measure(page)
        assert wide["label"] == pytest.approx(zoomed["label"], rel=0.02)  # the zoom stayed
        assert wide["view"][0] > 2 * seen  # across the page
        if language == "en":
            _shoot(page, language, "graph-across-the-page-150-en.png")

        _zoom(page, language, -2)  # back to 100 %: at reading size it fits the page's width
        whole_graph = _measure(page)
        assert whole_graph["label"] == pytest.approx(beside["label"], rel=0.02)
        assert whole_graph["view"][1] <= whole_graph["view"][0], whole_graph
        _shoot(page, language, f"graph-across-the-page-{language}.png")

        page.locator(VIEW).hover()  # Streamlit's full screen: the whole graph, screen-wide
        page.locator(f"{VIEW} [data-testid=stBaseButton-elementToolbar]").first.click()
        page.wait_for_timeout(1000)
        assert page.evaluate(MEASURE)["svg"] > 1100
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)
        assert _measure(page)["svg"] == pytest.approx(whole_graph["svg"], rel=0.02)
    finally:
        context.close()
