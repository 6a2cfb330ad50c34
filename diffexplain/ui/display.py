"""How results and errors look on a page: one place, so every page shows them alike.

Visitor text reaches the page only as plain text, code or LaTeX: messages that quote it are
escaped before Markdown sees them.
"""

from __future__ import annotations

import html
import math
import re

import streamlit as st

from diffexplain.core.agree import TOLERANCES, words
from diffexplain.core.explanation import Explanation
from diffexplain.core.parse import InputError
from diffexplain.text import TEXTS
from diffexplain.ui.language import current_language, tr, tr_error

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """`text` with every Markdown and LaTeX marker escaped: shown as typed, never interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def show_input_error(error: InputError, text: str) -> None:
    """A friendly message, and a caret under the culprit when its column is known; a button to
    try again where the server, not the input, failed (a click reruns the page)."""
    st.error(plain(tr_error(error)), icon="✋")
    if error.position is not None and 0 <= error.position <= len(text) and "\n" not in text:
        st.code(f"{text}\n{' ' * error.position}^", language=None)
    if error.said is not None and error.said.key == "worker_lost":
        st.button(tr("main.try_again"), icon=":material/refresh:")


def lazy_expander(label: str, key: str, icon: str | None = None):
    """An expander whose content is computed only while it is open: the container when open,
    None when closed. Opening or closing it reruns (inside a fragment, only the fragment), so
    a panel nobody opened costs the server nothing and the browser nothing to draw."""
    box = st.expander(label, key=key, icon=icon, on_change="rerun")
    return box if box.open else None


def format_number(value: float | None, dtype: str) -> str:
    """All the digits the dtype holds, and words for the non-finite values; None is an exact
    value no digit of which could be made certain ("unknown", never a nan posing as exact)."""
    if value is None:
        return tr("main.exact.unknown")
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    return f"{value:.{8 if dtype == 'float32' else 13}g}"


VERDICT_MARKS = {"agree": "✅", "differ": "❌", "unknown": "❔"}
"""The verdict column: ❔ where the exact value is unknown and the tape cannot be judged."""


def verdict_banner(explanation: Explanation) -> None:
    tolerance = TOLERANCES[explanation.dtype]
    rows = len(explanation.derivatives) + 1
    if explanation.all_agree:
        st.success(
            tr(
                "main.verdict.agree",
                rows=rows,
                dtype=explanation.dtype,
                absolute=f"{tolerance.absolute:g}",
                relative=f"{tolerance.relative:g}",
            ),
            icon="✅",
        )
        return
    named = [("f", explanation.value.status)] + [
        (r.name, r.status) for r in explanation.derivatives
    ]
    differing = [name for name, status in named if status == "differ"]
    unknown = [name for name, status in named if status == "unknown"]
    if differing:
        st.warning(
            tr("main.verdict.differ", count=len(differing), rows=rows, names=", ".join(differing)),
            icon="⚠️",
        )
    if unknown:
        st.info(
            tr("main.verdict.unknown", count=len(unknown), rows=rows, names=", ".join(unknown)),
            icon="❔",
        )


def agreement_table(explanation: Explanation) -> None:
    """One row per value: exact, autodiff, errors and verdict; the notes in words below."""
    dtype = explanation.dtype
    named = [("f", explanation.value, explanation.value_autodiff)] + [
        (row.name, row, row.autodiff) for row in explanation.derivatives
    ]
    records = [
        {
            "": name,
            tr("main.col.agree"): VERDICT_MARKS[result.status],
            tr("main.col.exact"): format_number(result.symbolic if result.known else None, dtype),
            tr("main.col.autodiff"): format_number(autodiff, dtype),
            tr("main.col.rel_error"): f"{result.rel_error:.0e}" if result.known else "—",
        }
        for name, result, autodiff in named
    ]
    st.dataframe(records, hide_index=True, width="stretch")
    for name, result, _ in named:
        if result.note_parts:
            said = words(result.note_parts, TEXTS[current_language()])
            st.caption(f"**{plain(name)}** — {plain(said)}")


def graph_legend(entries: list[tuple[str, str]]) -> None:
    """What the graph's colours mean, as swatches: the graph itself has no room for a key."""
    swatches = "".join(
        f'<span style="white-space:nowrap;margin-right:0.9em">'
        f'<span style="display:inline-block;width:0.9em;height:0.9em;border-radius:3px;'
        f'background:{colour};vertical-align:-0.1em;margin-right:0.3em"></span>'
        f"{html.escape(words)}</span> "
        for colour, words in entries
    )
    st.markdown(
        f'<div style="font-size:0.875rem">{html.escape(tr("main.graph.legend"))} {swatches}</div>',
        unsafe_allow_html=True,
    )


GRAPH_WIDE_KEY = "graph_wide"
GRAPH_ZOOM_KEY = "graph_zoom"
GRAPH_VIEW_KEY = "tape_graph_view"
GRAPH_ZOOMS = (50, 75, 100, 125, 150, 200, 250, 300)
"""The zoom's stops, in percent of the reading size."""
READING_SCALE = 0.75
"""CSS pixels per Graphviz point at 100 %: a point is 4/3 px, so at 3/4 a label of
draw.LABEL_POINTS points is as many pixels (about 13 px tall with its line) wherever it is drawn."""
GRAPH_VIEW_HEIGHT = "75vh"
"""The graph's box scrolls past this height: the page around it stays in reach."""


def graph_wide(by_default: bool = False) -> bool:
    """Whether the page shows the tape graph across its whole width: the visitor's toggle, or
    `by_default` until it is touched (pass the same to tape_graph_panel's `wide_by_default`)."""
    return bool(st.session_state.get(GRAPH_WIDE_KEY, by_default))


def graph_view_css(zoom_percent: int) -> str:
    """The style that sizes the graph: `zoom_percent` of its reading size, drawn by the browser
    (no layout again), in a box that scrolls to pan. Streamlit would shrink the graph to its
    column and draw its text smaller than Graphviz made room for; the full-screen view is left
    as Streamlit draws it, the whole graph on the screen. It names Streamlit's own data-testids
    and its full-screen button's label: if they change, tests/e2e/test_graph_view.py says so."""
    from diffexplain.figures.draw import LABEL_POINTS

    view = f".st-key-{GRAPH_VIEW_KEY}"
    in_place = '[data-testid="stFullScreenFrame"]:not(:has([aria-label^="Close fullscreen"]))'
    svg = '[data-testid="stGraphVizChart"] svg'
    scale = READING_SCALE * zoom_percent / 100
    return (
        "<style>\n"
        f"{view} {{max-height: {GRAPH_VIEW_HEIGHT}; overflow: auto}}\n"
        f"{view} {in_place} {svg} {{max-width: none; width: auto; height: auto; zoom: {scale:g}}}\n"
        f"{view} {svg} text {{font-size: {LABEL_POINTS}px}}\n"
        "</style>"
    )


@st.fragment
def _graph_zoom() -> None:
    """The zoom slider and the style it sets: moving it reruns only this, no explanation."""
    zoom = st.select_slider(
        tr("main.graph.zoom"),
        options=GRAPH_ZOOMS,
        value=100,
        format_func=lambda percent: f"{percent} %",
        key=GRAPH_ZOOM_KEY,
        help=tr("main.graph.zoom.help"),
    )
    st.html(graph_view_css(zoom))


def tape_graph_panel(
    explanation: Explanation,
    highlight: frozenset[int] = frozenset(),
    wide_toggle: bool = False,
    wide_by_default: bool = False,
) -> None:
    """The ops the tapes ran: compact or full, step by step, zoomed, with totals and a DOT
    download. `wide_toggle`: offer to show it across the page (the caller lays it out so when
    graph_wide() says so)."""
    from diffexplain.core.tape_graph import compact
    from diffexplain.figures.draw import MAX_DRAWN_NODES, legend, rule_words, stage_name, to_digraph

    text = TEXTS[current_language()]
    graph = explanation.graph
    note = words(explanation.graph_note_parts, text)
    if graph is None:
        st.info(plain(note or tr("main.graph.none")), icon="⏱️" if note else None)
        return
    if note:  # fewer tapes than the order: too many ops to record them all in time
        st.info(plain(note), icon="⏱️")
    with st.container(horizontal=True):
        show_all = st.toggle(
            tr("main.graph.every_op"), key="graph_all", help=tr("main.graph.every_op.help")
        )
        if wide_toggle:
            st.toggle(
                tr("main.graph.wide"),
                value=wide_by_default,
                key=GRAPH_WIDE_KEY,
                help=tr("main.graph.wide.help"),
            )
    shown = graph if show_all else compact(graph)
    last = shown.nodes[-1].id
    step = st.select_slider(
        tr("main.graph.step"),
        options=[node.id for node in shown.nodes],
        value=last,
        format_func=lambda i: tr("main.graph.op", id=i),
        key=f"graph_step_{len(shown.nodes)}_{last}",
    )
    if len(shown.nodes) > MAX_DRAWN_NODES:
        st.info(tr("main.graph.too_big", count=len(shown.nodes), limit=MAX_DRAWN_NODES))
    else:
        digraph = to_digraph(
            shown, step=None if step == last else step, highlight=highlight, text=text
        )
        _graph_zoom()
        with st.container(border=True, key=GRAPH_VIEW_KEY):
            st.graphviz_chart(digraph, alt=tr("main.graph.alt"))
        graph_legend(legend(len(graph.backward_ops), text))
        st.caption(tr("main.graph.hint"))
        current = next(node for node in shown.nodes if node.id == step)
        if step != last:
            st.caption(
                tr(
                    "main.graph.current",
                    id=current.id,
                    op=current.op,
                    stage=stage_name(current.stage, text),
                )
                + (f" — {rule_words(current.rule, text)}" if current.rule else "")
            )
        st.download_button(
            tr("main.graph.download"),
            digraph.source,
            file_name="tape.dot",
            mime="text/vnd.graphviz",
        )
    if explanation.none_gradients:
        names = [r.name for r in explanation.derivatives if r.wrt in explanation.none_gradients]
        st.caption(tr("main.graph.none_gradient", names=", ".join(names)))
    totals = [tr("main.graph.forward", count=graph.forward_ops)] + [
        tr("main.graph.tape", tape=k, count=count)  # t0 is the innermost tape, as in the notes
        for k, count in enumerate(graph.backward_ops)
    ]
    st.caption(" · ".join(totals) + " " + tr("main.graph.bookkeeping"))


FIT_TEXT_CSS = """<style>
/* Nothing cut off on a 1280-pixel projector: a widget's or a metric's label, and a metric's
   value, wrap onto a second line where Streamlit would end them in an ellipsis. */
[data-testid="stWidgetLabel"] .stMarkdownEllipsis,
[data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMetricValue"] .stMarkdownEllipsis,
[data-testid="stWidgetLabel"] .stMarkdownEllipsis p,
[data-testid="stMetricLabel"] .stMarkdownEllipsis p,
[data-testid="stMetricValue"] .stMarkdownEllipsis p {
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
  overflow-wrap: break-word;
}
/* A page link's label (the presentation row's "2. assign, assign_add, assign_sub") wraps too. */
[data-testid="stPageLink-NavLink"] span,
[data-testid="stPageLink-NavLink"] p {
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
}
</style>"""
"""Streamlit's own class names (`stMarkdownEllipsis`, the data-testids): if they change, labels
are cut off again, and the browser test of clipped labels at 1280 px says so."""


def fit_text() -> None:
    """Let labels and metric values wrap instead of being cut off (a style, no space taken)."""
    st.html(FIT_TEXT_CSS)
