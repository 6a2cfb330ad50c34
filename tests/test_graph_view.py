"""The tape graph at reading size: the drawing's attributes, the zoom's style, and the main
page's full-width toggle and zoom through Streamlit's AppTest (the browser's sizes are measured
in tests/e2e/test_graph_view.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Subheader

from diffexplain.core.tape_graph import Edge, Node, TapeGraph
from diffexplain.figures.draw import LABEL_POINTS, to_digraph
from diffexplain.ui.display import GRAPH_ZOOMS, READING_SCALE, graph_view_css

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
TIMEOUT = 120
QUERY = {"f": "sin(x)*exp(x)", "x": "1", "order": "2"}


def _sin_graph() -> TapeGraph:
    """x → Sin, recorded by hand: the drawing needs no TensorFlow."""
    nodes = (
        Node(0, "Placeholder", "x", 0, 1.0, "float64", (), None, "", ()),
        Node(1, "Sin", "Sin", 0, 0.8414709848078965, "float64", (), None, "", ("f",)),
    )
    return TapeGraph(nodes, (Edge(0, 1),), forward_ops=1, backward_ops=())


def test_the_drawing_is_laid_out_for_reading_on_a_projector():
    lines = to_digraph(_sin_graph()).source.splitlines()
    assert lines[1].strip() == (
        "graph [bgcolor=transparent fontname=Helvetica nodesep=0.15 rankdir=TB ranksep=0.3]"
    )
    assert (
        lines[2].strip() == 'node [fontname=Helvetica fontsize=10 shape=box style="rounded,filled"]'
    )
    assert lines[3].strip() == 'edge [arrowsize=0.6 color="#555555"]'
    assert LABEL_POINTS == 10


def test_one_drawing_changed_leaves_the_next_as_it_was():
    first = to_digraph(_sin_graph())
    first.graph_attr["rankdir"] = "LR"
    first.node_attr["fontsize"] = "30"
    second = to_digraph(_sin_graph()).source
    assert "rankdir=TB" in second and "fontsize=10" in second


def test_the_zoom_runs_from_half_to_three_times_the_reading_size():
    assert GRAPH_ZOOMS[0] == 50 and GRAPH_ZOOMS[-1] == 300 and 100 in GRAPH_ZOOMS
    assert list(GRAPH_ZOOMS) == sorted(set(GRAPH_ZOOMS))
    # at 100 % a label of LABEL_POINTS points (4/3 px each) is LABEL_POINTS CSS pixels
    assert abs(LABEL_POINTS * 4 / 3 * READING_SCALE - LABEL_POINTS) < 1e-9


@pytest.mark.parametrize(("percent", "zoom"), [(50, "0.375"), (100, "0.75"), (300, "2.25")])
def test_the_style_scales_the_graph_in_its_scrolling_box(percent, zoom):
    css = graph_view_css(percent)
    assert css.startswith("<style>") and css.endswith("</style>")
    assert ".st-key-tape_graph_view {max-height: 75vh; overflow: auto}" in css
    assert f"max-width: none; width: auto; height: auto; zoom: {zoom}}}" in css
    assert '[data-testid="stGraphVizChart"] svg text {font-size: 10px}' in css
    # the full-screen view keeps Streamlit's own fit to the screen
    assert ':not(:has([aria-label^="Close fullscreen"]))' in css


# --- the main page -------------------------------------------------------------------------------


def _in_order(block, inside: bool = False):
    """Every element under `block` in page order, with whether a column holds it."""
    for child in getattr(block, "children", {}).values():
        if isinstance(child, Block):
            yield from _in_order(child, inside or child.type == "column")
        else:
            yield child, inside


def _within_columns(at, kind: str) -> list[bool]:
    """For every element of type `kind` on the page: whether a column holds it."""
    return [inside for element, inside in _in_order(at.main) if element.type == kind]


def _headers(at) -> list[tuple[str, bool]]:
    """The subheaders in page order, each with whether a column holds it."""
    return [(e.value, inside) for e, inside in _in_order(at.main) if isinstance(e, Subheader)]


def _graph_spec(at) -> str:
    (chart,) = at.get("graphviz_chart")
    return chart.proto.spec


@pytest.fixture
def counted_recordings(monkeypatch):
    """How often the page records the tapes (a fresh cache, so the first run does once)."""
    from diffexplain.ui import engine

    calls = []
    record = engine.record_part

    def counting(*args, **kwargs):
        calls.append(args)
        return record(*args, **kwargs)

    monkeypatch.setattr(engine, "record_part", counting)
    engine._explanation.clear()
    return calls


def _main_page(language: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = language
    at.query_params.update(QUERY)
    return at.run()


def test_the_graph_goes_across_the_page_and_back_without_recording_again(counted_recordings):
    at = _main_page()
    assert not at.exception
    assert len(counted_recordings) == 1
    wide = at.toggle(key="graph_wide")
    assert wide.label == "Across the page" and wide.value is False
    assert _within_columns(at, "graphviz_chart") == [True]  # beside the steps
    assert ("Step by step, tied to the tape", True) in _headers(at)
    assert ("What the tapes recorded", True) in _headers(at)
    spec = _graph_spec(at)

    wide.set_value(True).run()
    assert not at.exception
    assert at.toggle(key="graph_wide").value is True
    assert _within_columns(at, "graphviz_chart") == [False]  # across the page
    assert _graph_spec(at) == spec
    headers = _headers(at)  # the graph where the two columns began, the steps below it
    graph_at = headers.index(("What the tapes recorded", False))
    assert headers.index(("Step by step, tied to the tape", False)) == graph_at + 1

    at.toggle(key="graph_wide").set_value(False).run()
    assert not at.exception
    assert _within_columns(at, "graphviz_chart") == [True]
    assert len(counted_recordings) == 1  # the explanation came from the cache each time


def test_the_zoom_changes_only_the_style(counted_recordings):
    at = _main_page("zh")
    assert at.toggle(key="graph_wide").label == "横跨整页"
    zoom = at.select_slider(key="graph_zoom")
    assert zoom.value == 100 and zoom.label == "缩放"
    assert zoom.options == [f"{percent} %" for percent in GRAPH_ZOOMS]
    spec = _graph_spec(at)

    zoom.set_value(200).run()
    assert not at.exception
    assert at.select_slider(key="graph_zoom").value == 200
    assert _graph_spec(at) == spec  # the same graph: the browser only rescales it
    assert len(counted_recordings) == 1


def test_full_width_and_zoom_work_together_with_the_compact_view_and_the_steps():
    at = _main_page()
    at.toggle(key="graph_wide").set_value(True)
    at.select_slider(key="graph_zoom").set_value(300).run()
    assert not at.exception
    compact = _graph_spec(at)
    at.toggle(key="graph_all").set_value(True).run()  # every op, bookkeeping too
    assert not at.exception
    every = _graph_spec(at)
    assert every.count("->") > compact.count("->")
    assert at.toggle(key="graph_wide").value is True
    assert at.select_slider(key="graph_zoom").value == 300
    (step,) = [s for s in at.select_slider if s.key.startswith("graph_step_")]
    second = int(re.search(r"\d+", step.options[1]).group())  # "op 3": 3
    step.set_value(second).run()  # step through: the later ops grey and dashed
    assert not at.exception
    assert "dashed" in _graph_spec(at)
    assert _within_columns(at, "graphviz_chart") == [False]


def _a_page_wide_by_default():
    """A page that wants the graph across the page until the visitor says otherwise (as a
    presentation would): it asks graph_wide and the panel with the same default."""
    import streamlit as st

    from diffexplain.core.explanation import explain
    from diffexplain.ui.display import graph_wide, tape_graph_panel

    st.write(f"wide: {graph_wide(by_default=True)}")
    explanation = explain("sin(x)*exp(x)", {"x": 1.0}, order=1)
    tape_graph_panel(explanation, wide_toggle=True, wide_by_default=True)


def test_a_page_can_show_the_graph_wide_by_default_and_the_visitor_can_narrow_it():
    at = AppTest.from_function(_a_page_wide_by_default, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.markdown[0].value == "wide: True"
    assert at.toggle(key="graph_wide").value is True
    at.toggle(key="graph_wide").set_value(False).run()
    assert not at.exception
    assert at.markdown[0].value == "wide: False"
    assert at.toggle(key="graph_wide").value is False
    assert at.get("graphviz_chart")
