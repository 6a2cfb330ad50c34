"""Lecture 1: tf.constant beside tf.Variable, and what really happens when you change them."""

import streamlit as st

from diffexplain.teach.lessons import outcome, variables, watch
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_printed,
    show_raised,
    show_source,
    show_value,
)
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/01_constant_and_variable.py"
VALUES = {"[1.0, 2.0, 3.0]": (1.0, 2.0, 3.0), "[1, 2, 3]": (1, 2, 3)}

st.title(lecture_title(PATH))
st.markdown(tr("constvar.intro"))

st.header(tr("constvar.create.header"))
st.markdown(tr("constvar.create.explain"))
literal = st.radio(tr("constvar.create.values"), tuple(VALUES), horizontal=True, key="cv.values")
made = cached(variables.constant_and_variable)(VALUES[literal])
show_source(variables.constant_and_variable)
st.caption(tr("common.output"))
show_printed("print(a)", made.constant_printed)
show_printed("print(v)", made.variable_printed)
dtype_column, trainable_column, gradient_column = st.columns(3)
with dtype_column:
    show_value(tr("constvar.create.dtype"), made.dtype)
with trainable_column:
    show_value(tr("constvar.create.trainable"), made.variable_trainable)
with gradient_column:
    show_value(tr("constvar.create.gradient"), made.gradient)

with notes_vs_truth("constvar.int.notes", "constvar.int.truth"):
    integer = cached(variables.constant_and_variable)(VALUES["[1, 2, 3]"])
    floats = cached(variables.constant_and_variable)(VALUES["[1.0, 2.0, 3.0]"])
    st.dataframe(
        [
            {
                "v": f"tf.Variable({label})",
                "dtype": result.dtype,
                "v.trainable": format_value(result.variable_trainable),
                tr("constvar.create.gradient"): format_value(result.gradient),
            }
            for label, result in (("[1, 2, 3]", integer), ("[1.0, 2.0, 3.0]", floats))
        ],
        hide_index=True,
    )

st.header(tr("constvar.change.header"))
st.markdown(tr("constvar.change.explain"))
corner = st.slider(tr("constvar.change.value"), -100, 100, 100, key="cv.corner")
change = cached(variables.change_a_constant)(corner)
show_source(variables.change_a_constant)
show_printed("print(c)", change.printed)
for label_key, raised in (
    ("constvar.change.item", change.item_assignment),
    ("constvar.change.tuple", change.tuple_index_assignment),
    ("constvar.change.assign", change.assign),
):
    st.markdown(f"**{tr(label_key)}**")
    show_raised(raised)
st.success(
    tr("constvar.change.rebuilt", rebuilt=change.rebuilt, unchanged=change.unchanged), icon="✅"
)
with st.expander("raised_by · attempt · as_python"):
    show_source(outcome.raised_by, outcome.attempt, outcome.as_python)

with notes_vs_truth("constvar.autodiff.notes", "constvar.autodiff.truth"):
    watched_gradient = cached(watch.watched_gradient)
    unwatched = watched_gradient("constant", "float32", False, True, 3)
    watched = watched_gradient("constant", "float32", True, True, 3)
    without_column, with_column = st.columns(2)
    with without_column:
        show_value(tr("constvar.autodiff.without"), unwatched.gradient)
    with with_column:
        show_value(tr("constvar.autodiff.with"), watched.gradient)
    with st.expander("watch.watched_gradient"):
        show_source(watch.watched_gradient)

st.header(tr("constvar.scene.header"))
st.markdown(tr("constvar.scene.explain"))
inputs_column, outputs_column, _ = st.columns([1, 1, 2])
inputs = inputs_column.number_input(tr("constvar.scene.inputs"), 1, 8, 3, key="cv.inputs")
outputs = outputs_column.number_input(tr("constvar.scene.outputs"), 1, 8, 2, key="cv.outputs")
parameters = cached(variables.model_parameters)(int(inputs), int(outputs))
show_source(variables.model_parameters)
st.dataframe(
    [
        {
            tr("common.col.name"): p.name,
            tr("common.col.kind"): p.kind,
            tr("common.col.shape"): str(p.shape),
            tr("common.col.dtype"): p.dtype,
            tr("common.col.trainable"): format_value(p.trainable),
        }
        for p in parameters
    ],
    hide_index=True,
)

previous_next(PATH)
