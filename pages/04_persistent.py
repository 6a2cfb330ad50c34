"""Lecture 4: persistent=True: 6.0 and 12.0 from one tape; 8.0 and 6.0 for x² + y² at (4, 3)."""

import streamlit as st

from diffexplain.teach.lessons import persistent
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_outcome,
    show_snippet,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/04_persistent.py"
sections = Sections(
    PATH,
    ("intro", "persistent.twice.header", "persistent.partials.header", "persistent.del.header"),
)
cells = []


def yes_no(answer: bool) -> str:
    return tr("common.yes") if answer else tr("common.no")


st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("persistent.intro"))

if sections.shows("persistent.twice.header"):
    st.markdown(tr("persistent.twice.explain"))
    toggle_column, x_column = st.columns([1, 2])
    keep = toggle_column.toggle(tr("persistent.twice.persistent"), value=True, key="pe.twice")
    x = x_column.slider(tr("persistent.twice.x"), -5.0, 5.0, 3.0, 0.5, key="pe.x")
    twice = cached(persistent.gradient_twice)(keep, x)
    cells.append(
        show_snippet(
            tr("persistent.twice.header"),
            persistent.twice_snippet(keep),
            twice.printed,
            lesson=persistent.gradient_twice,
            persistent=keep,
            at=x,
        )
    )
    dy_column, dz_column = st.columns(2)
    with dy_column:
        show_value(tr("persistent.twice.dy_dx"), twice.dy_dx)
    with dz_column:  # "raised RuntimeError", never a bare None (page 6 teaches None apart)
        show_outcome(tr("persistent.twice.dz_dx"), twice.dz_dx, twice.raised)

if sections.shows("persistent.partials.header"):
    columns = st.columns(4)
    at_x = columns[0].slider("x", -5.0, 5.0, 4.0, 0.5, key="pe.px")
    at_y = columns[1].slider("y", -5.0, 5.0, 3.0, 0.5, key="pe.py")
    keep_partials = columns[2].toggle(
        tr("persistent.twice.persistent"), value=True, key="pe.partials"
    )
    one_call = columns[3].toggle(tr("persistent.partials.one_call"), value=False, key="pe.one")
    partials = cached(persistent.partials_of_sum_of_squares)(at_x, at_y, keep_partials, one_call)
    cells.append(
        show_snippet(
            tr("persistent.partials.header"),
            persistent.partials_snippet(keep_partials, one_call),
            partials.printed,
            lesson=persistent.partials_of_sum_of_squares,
            at_x=at_x,
            at_y=at_y,
            persistent=keep_partials,
        )
    )
    dx_column, dy_column = st.columns(2)
    with dx_column:
        show_value(tr("persistent.partials.dz_dx"), partials.dz_dx)
    with dy_column:
        show_outcome(tr("persistent.partials.dz_dy"), partials.dz_dy, partials.raised)

    with notes_vs_truth("persistent.partials.notes", "persistent.partials.truth"):
        in_one_call = cached(persistent.partials_of_sum_of_squares)(4.0, 3.0, False, True)
        show_value(
            "persistent=False: tape.gradient(z, [x, y])",
            [in_one_call.dz_dx, in_one_call.dz_dy],
        )

if sections.shows("persistent.del.header"):
    with notes_vs_truth("persistent.del.notes", "persistent.del.truth"):
        keep_alias = st.toggle(tr("persistent.del.keep_alias"), value=False, key="pe.alias")
        deletion = cached(persistent.delete_tape)(keep_alias)
        cells.append(
            show_snippet(
                tr("persistent.del.header"),
                persistent.deletion_snippet(keep_alias),
                deletion.printed,
                lesson=persistent.delete_tape,
            )
        )
        gradient_column, alive_column, later_column = st.columns(3)
        with gradient_column:
            show_value(tr("persistent.del.dy_dx"), deletion.dy_dx)
        with alive_column:
            show_value(tr("persistent.del.alive"), yes_no(deletion.alive_after_del))
        with later_column:
            show_value(
                tr("persistent.del.alive_later"),
                yes_no(deletion.alive_after_last_reference_dropped),
            )
        in_function = cached(persistent.tape_after_function_returns)()
        cells.append(
            show_snippet(
                tr("persistent.del.function.header"),
                persistent.FUNCTION_TAPE,
                in_function.printed,
                lesson=persistent.tape_after_function_returns,
            )
        )
        st.markdown(tr("persistent.del.function", answer=yes_no(in_function.alive_after_return)))

downloads(PATH, cells)
previous_next(PATH)
