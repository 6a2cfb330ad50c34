"""Lecture 3: GradientTape basics: record y = x², ask for dy/dx (6.0 at x = 3)."""

import streamlit as st

from diffexplain.teach.lessons import tape_basics
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_snippet,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/03_gradient_tape.py"
sections = Sections(PATH, ("intro", "tape.basic.header", "tape.scalar.header"))
cells = []

st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("tape.intro"))
    st.markdown(tr("tape.steps"))

if sections.shows("tape.basic.header"):
    x = st.slider(tr("tape.basic.x"), -5.0, 5.0, 3.0, 0.5, key="tape.x")
    result = cached(tape_basics.square_gradient)(x)
    cells.append(
        show_snippet(
            tr("tape.basic.header"),
            tape_basics.SQUARE_GRADIENT,
            result.printed,
            lesson=tape_basics.square_gradient,
            at=x,
        )
    )
    y_column, gradient_column = st.columns(2)
    with y_column:
        show_value(tr("tape.basic.y"), result.y)
    with gradient_column:
        show_value(tr("tape.basic.dy_dx"), result.dy_dx)
    notes_vs_truth("tape.print.notes", "tape.print.truth", printed_numpy=result.printed_numpy)

if sections.shows("tape.scalar.header"):
    with notes_vs_truth("tape.scalar.notes", "tape.scalar.truth"):
        first = st.slider("v[0]", -3.0, 3.0, 1.0, 0.5, key="tape.v0")
        vector = cached(tape_basics.vector_target_gradient)((first, 2.0, 3.0))
        cells.append(
            show_snippet(
                tr("tape.scalar.header"),
                tape_basics.VECTOR_TARGET,
                vector.printed,
                lesson=tape_basics.vector_target_gradient,
                values=(first, 2.0, 3.0),
            )
        )
        y_column, vector_column, sum_column = st.columns(3)
        with y_column:
            show_value(tr("tape.scalar.y"), vector.y)
        with vector_column:
            show_value(tr("tape.scalar.of_vector"), vector.gradient_of_vector)
        with sum_column:
            show_value(tr("tape.scalar.of_sum"), vector.gradient_of_sum)

downloads(PATH, cells)
previous_next(PATH)
