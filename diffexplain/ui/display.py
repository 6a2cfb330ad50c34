"""How results and errors look on a page: one place, so every page shows them alike.

Visitor text reaches the page only as plain text, code or LaTeX: messages that quote it are
escaped before Markdown sees them.
"""

from __future__ import annotations

import math
import re

import streamlit as st

from diffexplain.agree import TOLERANCES
from diffexplain.explanation import Explanation
from diffexplain.parse import InputError

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """`text` with every Markdown and LaTeX marker escaped: shown as typed, never interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def show_input_error(error: InputError, text: str) -> None:
    """A friendly message, and a caret under the culprit when its column is known."""
    st.error(plain(error.message), icon="✋")
    if error.position is not None and 0 <= error.position <= len(text) and "\n" not in text:
        st.code(f"{text}\n{' ' * error.position}^", language=None)


def format_number(value: float, dtype: str) -> str:
    """All the digits the dtype holds, and words for the non-finite values."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    return f"{value:.{8 if dtype == 'float32' else 15}g}"


def verdict_banner(explanation: Explanation) -> None:
    tolerance = TOLERANCES[explanation.dtype]
    rows = len(explanation.derivatives) + 1
    if explanation.all_agree:
        st.success(
            f"All {rows} values agree within {explanation.dtype} rounding "
            f"(|autodiff − exact| ≤ {tolerance.absolute:g} + {tolerance.relative:g}·|exact|).",
            icon="✅",
        )
    else:
        differing = [r.name for r in explanation.derivatives if not r.agree]
        if not explanation.value.agree:
            differing.insert(0, "f")
        st.warning(
            f"{len(differing)} of {rows} values differ: {', '.join(differing)}. "
            "The notes in the table say why.",
            icon="⚠️",
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
            "exact (SymPy)": format_number(result.symbolic, dtype),
            "autodiff (tape)": format_number(autodiff, dtype),
            "rel. error": f"{result.rel_error:.0e}",
            "agree": "✅" if result.agree else "❌",
        }
        for name, result, autodiff in named
    ]
    st.dataframe(records, hide_index=True, width="stretch")
    for name, result, _ in named:
        if result.note:
            st.caption(f"**{plain(name)}** — {plain(result.note)}")


def tape_graph_panel(explanation: Explanation) -> None:
    """The ops the tapes ran: compact or full, step by step, with totals and a DOT download."""
    from diffexplain.draw import MAX_DRAWN_NODES, stage_name, to_digraph
    from diffexplain.record import compact

    graph = explanation.graph
    if graph is None:
        st.info(plain(explanation.graph_note or "No graph was recorded."))
        return
    show_all = st.toggle(
        "Show every op",
        key="graph_all",
        help="Also show bookkeeping ops (Const, Shape, Reshape, …)",
    )
    shown = graph if show_all else compact(graph)
    last = shown.nodes[-1].id
    step = st.select_slider(
        "Step through the ops in the order TensorFlow ran them",
        options=[node.id for node in shown.nodes],
        value=last,
        format_func=lambda i: f"op {i}",
        key=f"graph_step_{len(shown.nodes)}_{last}",
    )
    if len(shown.nodes) > MAX_DRAWN_NODES:
        st.info(
            f"{len(shown.nodes)} ops are too many to draw readably (limit {MAX_DRAWN_NODES}): "
            "lower the order or try a smaller function. The totals below still hold."
        )
    else:
        digraph = to_digraph(shown, step=None if step == last else step)
        st.graphviz_chart(digraph, width="stretch")
        st.caption(
            "Hover the graph and use its full-screen button to enlarge it; hover a node "
            "for the full rule."
        )
        current = next(node for node in shown.nodes if node.id == step)
        if step != last:
            st.caption(
                f"op {current.id}: {current.op} in the {stage_name(current.stage)}"
                + (f" — {current.rule}" if current.rule else "")
            )
        st.download_button(
            "Download the graph (DOT)",
            digraph.source,
            file_name="tape.dot",
            mime="text/vnd.graphviz",
        )
    totals = [f"forward: {graph.forward_ops} ops"] + [
        f"tape {k} backward: {count} ops" for k, count in enumerate(graph.backward_ops, start=1)
    ]
    st.caption(" · ".join(totals) + " (bookkeeping ops included)")
