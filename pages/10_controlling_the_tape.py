"""Guide page: what the tape watches, intermediate results, non-scalar targets, None or zeros."""

import streamlit as st

from diffexplain.teach.lessons import tape_control
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    compare_table,
    lecture_title,
    notes_vs_truth,
    previous_next,
    quiz,
    show_source,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/10_controlling_the_tape.py"
sections = Sections(
    PATH,
    (
        "control.watch.header",
        "control.intermediate.header",
        "control.targets.header",
        "control.unconnected.header",
        "quiz.header",
    ),
)

st.title(lecture_title(PATH))

if sections.shows("control.watch.header", header=False):
    st.markdown(tr("control.intro"))

    st.header(tr("control.watch.header"))
    st.markdown(tr("control.watch.explain"))
    x1_column, accessed_column = st.columns(2, gap="large")
    x1 = x1_column.slider("x1", -5.0, 10.0, 10.0, 0.5, key="control.x1")
    accessed = accessed_column.toggle(
        "watch_accessed_variables=True", value=False, key="control.accessed"
    )
    watching = cached(tape_control.only_what_you_watch)(x1, accessed)
    exact = cached(tape_control.exact_watching)(x1)
    show_source(tape_control.only_what_you_watch)
    show_value("tape.watched_variables()", list(watching.watched))
    compare_table(
        [
            ("∂ys/∂x0", watching.dy_dx0, exact.formulas[0], exact.values[0]),
            ("∂ys/∂x1", watching.dy_dx1, exact.formulas[1], exact.values[1]),
        ]
    )
    if watching.dy_dx0 is None:
        st.info(tr("control.watch.none"), icon="🕳️")
    with st.expander("exact_watching"):
        show_source(tape_control.exact_watching)
    constant = cached(tape_control.watched_constant_is_not_listed)()
    with notes_vs_truth("control.listed.guide", "control.listed.truth", source="guide"):
        show_source(tape_control.watched_constant_is_not_listed)
        listed_column, gradient_column = st.columns(2)
        with listed_column:
            show_value("tape.watched_variables()", list(constant.watched))
        with gradient_column:
            show_value("tape.gradient(y, x)", constant.dy_dx)

if sections.shows("control.intermediate.header"):
    st.markdown(tr("control.intermediate.explain"))
    at = st.slider("x", -3.0, 3.0, 3.0, 0.5, key="control.x")
    intermediate = cached(tape_control.intermediate_results)(at)
    exact = cached(tape_control.exact_intermediate)(at)
    show_source(tape_control.intermediate_results)
    compare_table(
        [
            ("dz/dy", intermediate.dz_dy, exact.formulas[0], exact.values[0]),
            ("dz/dx", intermediate.dz_dx, exact.formulas[1], exact.values[1]),
        ]
    )

if sections.shows("control.targets.header"):
    st.markdown(tr("control.targets.explain"))
    at = st.slider("x", 0.5, 4.0, 2.0, 0.5, key="control.targets.x")
    targets = cached(tape_control.several_targets)(at)
    exact = cached(tape_control.exact_targets)(at)
    show_source(tape_control.several_targets)
    compare_table(
        [
            ("y0 = x**2", targets.dy0_dx, exact.formulas[0], exact.values[0]),
            ("y1 = 1 / x", targets.dy1_dx, exact.formulas[1], exact.values[1]),
            ("{'y0': y0, 'y1': y1}", targets.of_dict, exact.formulas[2], exact.values[2]),
            ("x * [3.0, 4.0]", targets.of_vector, exact.formulas[3], exact.values[3]),
        ]
    )
    st.markdown(tr("control.targets.sum"))
    with st.expander("exact_intermediate · exact_targets"):
        show_source(tape_control.exact_intermediate, tape_control.exact_targets)

if sections.shows("control.unconnected.header"):
    st.markdown(tr("control.unconnected.explain"))
    rule = st.radio(
        "unconnected_gradients", ("none", "zero"), horizontal=True, key="control.unconnected"
    )
    show_source(tape_control.unconnected)
    show_value(
        f'tape.gradient(z, x, unconnected_gradients="{rule}")',
        cached(tape_control.unconnected)(rule),
    )

if sections.shows("quiz.header", header=False):
    quiz(
        "control",
        (
            tape_control.quiz_dict_of_targets,
            tape_control.quiz_nothing_watched,
            tape_control.quiz_intermediate_from_before,
        ),
    )

previous_next(PATH)
