"""Guide page: no gradient registered (LookupError) against not differentiable (None), integer
and string dtypes, and a stateful object in the middle."""

import streamlit as st

from diffexplain.teach.lessons import errors
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    compare_table,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    quiz,
    show_raised,
    show_source,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/15_errors.py"
sections = Sections(
    PATH, ("errors.registry.header", "errors.dtype.header", "errors.state.header", "quiz.header")
)

st.title(lecture_title(PATH))

if sections.shows("errors.registry.header", header=False):
    st.markdown(tr("errors.intro"))

    st.header(tr("errors.registry.header"))
    st.markdown(tr("errors.registry.explain"))
    raised = cached(errors.no_gradient_registered)()
    show_source(errors.no_gradient_registered)
    show_raised(raised)
    st.markdown(tr("errors.round.explain"))
    at = st.slider("x", -2.0, 2.0, 1.2, 0.1, key="errors.round.x")
    show_source(errors.not_differentiable)
    show_value("tape.gradient(tf.round(x), x)", cached(errors.not_differentiable)(at))
    with notes_vs_truth(
        "errors.registry.guide",
        "errors.registry.truth",
        source="guide",
        raised=raised.type_name if raised else "—",
    ):
        st.markdown(tr("errors.byhand.explain"))
        delta = st.slider("δ", -2.0, 2.0, 0.5, 0.25, key="errors.delta")
        by_hand = cached(errors.contrast_by_hand)(delta)
        exact = cached(errors.exact_contrast)(delta)
        show_source(errors.contrast_by_hand)
        show_value(
            tr("errors.byhand.same"),
            tr("common.yes" if by_hand.same_as_adjust_contrast else "common.no"),
        )
        compare_table([("d loss / dδ", by_hand.dloss_ddelta, exact.formulas[0], exact.values[0])])
        with st.expander("exact_contrast"):
            show_source(errors.exact_contrast)

if sections.shows("errors.dtype.header"):
    st.markdown(tr("errors.dtype.explain"))
    cases = {case.__name__: cached(errors.dtype_case)(case.__name__) for case in errors.DTYPE_CASES}
    for tab, case in zip(
        st.tabs([tr(f"errors.case.{case.__name__}") for case in errors.DTYPE_CASES]),
        errors.DTYPE_CASES,
        strict=True,
    ):
        with tab:
            ran = cases[case.__name__]
            show_source(case)
            if ran.attempt.raised is not None:
                show_raised(ran.attempt.raised)
            else:
                show_value("g.gradient(y, x)", ran.attempt.value)
            if ran.logged:
                st.code(
                    "\n".join(f"WARNING:tensorflow:{line}" for line in ran.logged), language=None
                )
            else:
                st.caption(tr("errors.logged.nothing"))
            st.markdown(tr(f"errors.case.{case.__name__}.explain"))
    st.caption(tr("errors.logged.first_n"))
    typed = cases["integer_times_float"].attempt.raised
    notes_vs_truth(
        "errors.dtype.guide",
        "errors.dtype.truth",
        source="guide",
        raised=typed.type_name if typed else "—",
        cast=format_value(cases["cast_to_integer"].attempt.value),
        string=format_value(cases["through_a_string"].attempt.value),
    )

if sections.shows("errors.state.header"):
    st.markdown(tr("errors.state.explain"))
    at = st.slider("x0", -3.0, 3.0, 3.0, 0.5, key="errors.state.x0")
    state = cached(errors.stateful_middle)(at)
    exact = cached(errors.exact_stateful)(at)
    show_source(errors.stateful_middle)
    compare_table(
        [
            ("dy/dx0, x1.assign_add(x0)", state.through_assign, exact.formulas[0], exact.values[0]),
            ("dy/dx1, x1.assign_add(x0)", state.dy_dx1, exact.formulas[1], exact.values[1]),
            ("dy/dx0, x1 + x0", state.repaired, exact.formulas[0], exact.values[0]),
        ]
    )
    st.markdown(tr("errors.state.after"))
    with st.expander("exact_stateful"):
        show_source(errors.exact_stateful)
    pipes = cached(errors.through_a_queue_and_a_dataset)()
    with notes_vs_truth("errors.pipes.guide", "errors.pipes.truth", source="guide"):
        show_source(errors.through_a_queue_and_a_dataset)
        queue_column, dataset_column = st.columns(2)
        with queue_column:
            show_value("tape.gradient(from_queue, x)", pipes.through_queue)
        with dataset_column:
            show_value("tape.gradient(from_dataset, x)", pipes.through_dataset)

if sections.shows("quiz.header", header=False):
    quiz("errors", (errors.quiz_half_rounded, errors.quiz_float_times_int, errors.quiz_argmax))

previous_next(PATH)
