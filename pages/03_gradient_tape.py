"""Lecture 3: GradientTape basics: record y = x², ask for dy/dx (6.0 at x = 3)."""

import streamlit as st

from diffexplain.teach.lessons import tape_basics
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_printed,
    show_source,
    show_value,
)
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/03_gradient_tape.py"

st.title(lecture_title(PATH))
st.markdown(tr("tape.intro"))
st.markdown(tr("tape.steps"))

st.header(tr("tape.basic.header"))
x = st.slider(tr("tape.basic.x"), -5.0, 5.0, 3.0, 0.5, key="tape.x")
result = cached(tape_basics.square_gradient)(x)
show_source(tape_basics.square_gradient)
y_column, gradient_column = st.columns(2)
with y_column:
    show_value(tr("tape.basic.y"), result.y)
with gradient_column:
    show_value(tr("tape.basic.dy_dx"), result.dy_dx)

with notes_vs_truth("tape.print.notes", "tape.print.truth", printed_numpy=result.printed_numpy):
    show_printed("print(dy_dx.numpy())", result.printed_numpy)
    show_printed("print(dy_dx)", result.printed_tensor)

st.header(tr("tape.scalar.header"))
with notes_vs_truth("tape.scalar.notes", "tape.scalar.truth"):
    first = st.slider("v[0]", -3.0, 3.0, 1.0, 0.5, key="tape.v0")
    vector = cached(tape_basics.vector_target_gradient)((first, 2.0, 3.0))
    show_source(tape_basics.vector_target_gradient)
    y_column, vector_column, sum_column = st.columns(3)
    with y_column:
        show_value(tr("tape.scalar.y"), vector.y)
    with vector_column:
        show_value(tr("tape.scalar.of_vector"), vector.gradient_of_vector)
    with sum_column:
        show_value(tr("tape.scalar.of_sum"), vector.gradient_of_sum)

previous_next(PATH)
