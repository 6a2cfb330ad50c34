"""Lecture 5: which tensors a tape follows by itself, and what tape.watch adds."""

import streamlit as st

from diffexplain.teach.lessons import watch
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_snippet,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/05_watch.py"
sections = Sections(PATH, ("intro", "watch.demo.header", "watch.records.header"))
cells = []

st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("watch.intro"))

if sections.shows("watch.demo.header"):
    kind_column, dtype_column, switch_column = st.columns([1.4, 1, 1.6])
    kind = kind_column.radio(
        tr("watch.kind"), watch.KINDS, format_func=lambda k: tr(f"watch.kind.{k}"), key="wa.kind"
    )
    dtype = dtype_column.radio(tr("watch.dtype"), watch.DTYPES, key="wa.dtype")
    with switch_column:
        watched = st.toggle(tr("watch.watch"), value=True, key="wa.watch")
        accessed = st.toggle(tr("watch.accessed"), value=True, key="wa.accessed")
        x = st.slider(tr("watch.x"), -5, 5, 3, key="wa.x")
    result = cached(watch.watched_gradient)(kind, dtype, watched, accessed, x)
    cells.append(
        show_snippet(
            tr("watch.demo.header"),
            watch.watch_snippet(kind, dtype, watched, accessed),  # the code for these switches
            result.printed,
            lesson=watch.watched_gradient,
            at=x,
        )
    )
    gradient_column, watched_column = st.columns(2)
    with gradient_column:
        show_value(tr("watch.gradient"), result.gradient)
    with watched_column:
        show_value(tr("watch.watched"), list(result.watched_variables))
    if result.gradient is not None:
        st.success(tr("watch.followed"), icon="✅")
    elif dtype == "int32":
        st.warning(tr("watch.none.integer"), icon="🕳️")
    else:
        st.warning(tr("watch.none.unwatched"), icon="🕳️")

if sections.shows("watch.records.header"):
    with notes_vs_truth("watch.records.notes", "watch.records.truth"):
        rows = []
        for each_kind in watch.KINDS:
            for each_watch in (False, True):
                live = cached(watch.watched_gradient)(each_kind, "float32", each_watch, True, 3)
                rows.append(
                    {
                        tr("watch.table.kind"): tr(f"watch.kind.{each_kind}"),
                        tr("watch.table.watch"): format_value(each_watch),
                        tr("watch.table.gradient"): format_value(live.gradient),
                        tr("watch.table.watched"): format_value(list(live.watched_variables)),
                    }
                )
        st.dataframe(rows, hide_index=True)
        st.caption(tr("watch.int.note"))

downloads(PATH, cells)
previous_next(PATH)
