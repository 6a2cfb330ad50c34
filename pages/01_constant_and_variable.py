"""Lecture 1: tf.constant beside tf.Variable, and what really happens when you change them."""

import streamlit as st

from diffexplain.teach.lessons import variables
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_raised,
    show_snippet,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/01_constant_and_variable.py"
VALUES = {"[1.0, 2.0, 3.0]": (1.0, 2.0, 3.0), "[1, 2, 3]": (1, 2, 3)}
WATCHED_AT = 3.0  # x in the notes' watch example
sections = Sections(
    PATH,
    (
        "intro",
        "constvar.create.header",
        "constvar.change.header",
        "constvar.autodiff.header",
        "constvar.scene.header",
    ),
)
cells = []

st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("constvar.intro"))

if sections.shows("constvar.create.header"):
    st.markdown(tr("constvar.create.explain"))
    literal = st.radio(
        tr("constvar.create.values"), tuple(VALUES), horizontal=True, key="cv.values"
    )
    made = cached(variables.constant_and_variable)(VALUES[literal])
    cells.append(
        show_snippet(
            tr("constvar.create.header"),
            variables.CONSTANT_AND_VARIABLE,
            made.printed,
            lesson=variables.constant_and_variable,
            values=VALUES[literal],
        )
    )
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

if sections.shows("constvar.change.header"):
    st.markdown(tr("constvar.change.explain"))
    corner = st.slider(tr("constvar.change.value"), -100, 100, 100, key="cv.corner")
    change = cached(variables.change_a_constant)(corner)
    cells.append(
        show_snippet(
            tr("constvar.change.header"),
            variables.CHANGE_A_CONSTANT,
            change.output,
            lesson=variables.change_a_constant,
            corner=corner,
        )
    )
    for label_key, raised in (
        ("constvar.change.item", change.item_assignment),
        ("constvar.change.tuple", change.tuple_index_assignment),
        ("constvar.change.assign", change.assign),
    ):
        st.markdown(f"**{tr(label_key)}**")
        show_raised(raised)
    st.success(
        tr("constvar.change.rebuilt", rebuilt=change.rebuilt, unchanged=change.unchanged),
        icon="✅",
    )

if sections.shows("constvar.autodiff.header"):
    with notes_vs_truth("constvar.autodiff.notes", "constvar.autodiff.truth"):
        gradient = cached(variables.constant_gradient)(WATCHED_AT)
        cells.append(
            show_snippet(
                tr("constvar.autodiff.header"),
                variables.CONSTANT_GRADIENT,
                gradient.printed,
                lesson=variables.constant_gradient,
                at=WATCHED_AT,
            )
        )
        without_column, with_column = st.columns(2)
        with without_column:
            show_value(tr("constvar.autodiff.without"), gradient.unwatched)
        with with_column:
            show_value(tr("constvar.autodiff.with"), gradient.watched)

if sections.shows("constvar.scene.header"):
    st.markdown(tr("constvar.scene.explain"))
    inputs_column, outputs_column, _ = st.columns([1, 1, 2])
    inputs = inputs_column.number_input(tr("constvar.scene.inputs"), 1, 8, 3, key="cv.inputs")
    outputs = outputs_column.number_input(tr("constvar.scene.outputs"), 1, 8, 2, key="cv.outputs")
    scene = cached(variables.model_parameters)(int(inputs), int(outputs))
    cells.append(
        show_snippet(
            tr("constvar.scene.header"),
            variables.MODEL_PARAMETERS,
            scene.printed,
            lesson=variables.model_parameters,
            inputs=int(inputs),
            outputs=int(outputs),
        )
    )
    st.dataframe(
        [
            {
                tr("common.col.name"): p.name,
                tr("common.col.kind"): p.kind,
                tr("common.col.shape"): str(p.shape),
                tr("common.col.dtype"): p.dtype,
                tr("common.col.trainable"): format_value(p.trainable),
            }
            for p in scene.parameters
        ],
        hide_index=True,
    )

downloads(PATH, cells)
previous_next(PATH)
