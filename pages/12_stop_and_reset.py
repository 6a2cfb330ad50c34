"""Guide page: stop_recording, reset and tf.stop_gradient, with the ops each backward pass
went through."""

import streamlit as st

from diffexplain.teach.lessons import stopping
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    compare_table,
    differentiated,
    format_value,
    lecture_title,
    notes_vs_truth,
    op_sequence,
    previous_next,
    quiz,
    show_raised,
    show_source,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/12_stop_and_reset.py"
sections = Sections(PATH, ("stop.cases.header", "stop.summary.header", "quiz.header"))
CASES = (
    ("everything", stopping.recording_everything),
    ("paused", stopping.recording_paused),
    ("reset", stopping.recording_reset),
    ("stopped", stopping.gradient_stopped),
)

st.title(lecture_title(PATH))
runs = {name: differentiated(case) for name, case in CASES}  # both sections read them (cached)

if sections.shows("stop.cases.header", header=False):
    st.markdown(tr("stop.intro"))

    st.header(tr("stop.cases.header"))
    st.markdown(tr("stop.cases.explain"))
    exact = cached(stopping.exact_sum_of_squares)()
    for tab, (name, case) in zip(
        st.tabs([tr(f"stop.case.{name}") for name, _ in CASES]), CASES, strict=True
    ):
        with tab:
            run = runs[name]
            show_source(case)
            compare_table(
                [
                    ("dz/dx", run.result["x"], exact.formulas[0], exact.values[0]),
                    ("dz/dy", run.result["y"], exact.formulas[1], exact.values[1]),
                ]
            )
            st.markdown(tr("stop.ops"))
            st.code(op_sequence(run.op_types), language=None, wrap_lines=True)
            st.markdown(tr(f"stop.case.{name}.explain"))

if sections.shows("stop.summary.header", header=False):
    st.subheader(tr("stop.summary.header"))
    st.dataframe(
        [
            {
                tr("stop.col.case"): tr(f"stop.case.{name}"),
                "dz/dx": format_value(runs[name].result["x"]),
                "dz/dy": format_value(runs[name].result["y"]),
                tr("stop.col.ops"): op_sequence(runs[name].op_types),
            }
            for name, _ in CASES
        ],
        hide_index=True,
    )
    st.caption(tr("stop.ops.how"))

    still = cached(stopping.stop_gradient_keeps_recording)()
    with notes_vs_truth(
        "stop.precise.guide",
        "stop.precise.truth",
        source="guide",
        dz_dy=format_value(still.dz_dy),
        dy_sq_dy=format_value(still.dy_sq_dy),
    ):
        show_source(stopping.stop_gradient_keeps_recording)
        dz_column, dy_sq_column = st.columns(2)
        with dz_column:
            show_value("t.gradient(z, y)", still.dz_dy)
        with dy_sq_column:
            show_value("t.gradient(y_sq, y)", still.dy_sq_dy)

    raised = cached(stopping.stop_recording_after_the_block)()
    raised_type = raised.type_name if raised else "—"
    with notes_vs_truth("stop.error.docs", "stop.error.truth", source="docs", raised=raised_type):
        show_source(stopping.stop_recording_after_the_block)
        show_raised(raised)

    with st.expander("exact_sum_of_squares"):
        show_source(stopping.exact_sum_of_squares)

if sections.shows("quiz.header", header=False):
    quiz(
        "stop",
        (
            stopping.quiz_half_stopped,
            stopping.quiz_watch_then_reset,
            stopping.quiz_two_tapes_one_paused,
        ),
    )

previous_next(PATH)
