"""Lecture 9: the notes' quick reference, each row a short program run live, linked to its page."""

import streamlit as st

from diffexplain.teach.lessons import summary
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    lecture_title,
    page_link,
    previous_next,
    show_snippet,
    show_source,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/09_summary.py"
sections = Sections(PATH, ("intro", *(row.key for row in summary.ROWS)))
cells = []

st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("summary.intro"))
    with st.expander(tr("common.how_it_runs")):
        show_source(summary.answer)

for row in summary.ROWS:
    if not sections.shows(row.key, header=False):
        continue
    with st.container(border=True):
        what_column, link_column = st.columns(2, vertical_alignment="center")
        calls = " · ".join(f"`{call}`" for call in row.how)
        what_column.markdown(f"**{tr(row.key)}**" + (f" · {calls}" if calls else ""))
        with link_column:
            if not page_link(row.page, lecture_title(row.page)):
                st.caption(f"{tr('summary.open')}: `{row.page}`")
        if row.key == "summary.row.none":
            st.markdown(tr("summary.none.how"))
        result = cached(summary.answer)(row.key)
        cells.append(show_snippet(tr(row.key), row.snippet, result.printed))

downloads(PATH, cells)
previous_next(PATH)
