"""Guide page: tf.custom_gradient: a stable log(1 + eˣ) beside SymPy's 50 digits, clipping in
the backward pass, and what the second derivative through a custom gradient is."""

import streamlit as st

from diffexplain.teach.lessons import custom_gradients
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    compare_table,
    format_value,
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

PATH = "pages/13_custom_gradients.py"
sections = Sections(
    PATH, ("custom.stable.header", "custom.clip.header", "custom.second.header", "quiz.header")
)

st.title(lecture_title(PATH))

if sections.shows("custom.stable.header", header=False):
    st.markdown(tr("custom.intro"))

    st.header(tr("custom.stable.header"))
    st.markdown(tr("custom.stable.explain"))
    at = st.select_slider("x", (0.0, 10.0, 50.0, 88.0, 89.0, 100.0), value=100.0, key="custom.x")
    result = cached(custom_gradients.log1pexp_gradients)(at)
    exact = cached(custom_gradients.exact_log1pexp)(at)
    show_source(custom_gradients.log1pexp_gradients)
    st.dataframe(
        [
            {
                tr("custom.col.how"): how,
                tr("custom.col.value"): format_value(value),
                tr("custom.col.gradient"): format_value(gradient),
            }
            for how, value, gradient in (
                ("log(1 + exp(x))", result.plain_value, result.plain_gradient),
                ("@tf.custom_gradient log1pexp", result.custom_value, result.custom_gradient),
                ("tf.math.softplus", result.softplus_value, result.softplus_gradient),
                (tr("custom.exact"), exact.values[0], exact.values[1]),
            )
        ],
        hide_index=True,
    )
    st.markdown(tr("custom.digits", x=format_value(at)))
    st.code(f"f(x)  = {exact.digits[0]}\nf′(x) = {exact.digits[1]}", language=None, wrap_lines=True)
    with st.expander("exact_log1pexp"):
        show_source(custom_gradients.exact_log1pexp)
    at_100 = cached(custom_gradients.log1pexp_gradients)(100.0)
    notes_vs_truth(
        "custom.stable.docs",
        "custom.stable.truth",
        source="docs",
        gradient=format_value(at_100.custom_gradient),
        value=format_value(at_100.custom_value),
        softplus=format_value(at_100.softplus_value),
        softplus_gradient=format_value(at_100.softplus_gradient),
    )

if sections.shows("custom.clip.header"):
    st.markdown(tr("custom.clip.explain"))
    scale = st.select_slider(
        tr("custom.clip.scale"), (0.25, 0.5, 1.0, 2.0, 10.0), value=1.0, key="custom.scale"
    )
    clipped = cached(custom_gradients.clipped_gradient)(scale)
    show_source(custom_gradients.clipped_gradient)
    clipped_column, plain_column = st.columns(2)
    with clipped_column:
        show_value(tr("custom.clip.clipped"), clipped.clipped)
    with plain_column:
        show_value(tr("custom.clip.plain"), clipped.plain)
    st.markdown(tr("custom.clip.after", scale=format_value(scale)))
    guide_case = cached(custom_gradients.clipped_gradient)(1.0)
    notes_vs_truth(
        "custom.clip.guide",
        "custom.clip.truth",
        source="guide",
        gradient=format_value(guide_case.clipped),
        ten=format_value(cached(custom_gradients.clipped_gradient)(10.0).clipped),
    )

if sections.shows("custom.second.header"):
    st.markdown(tr("custom.second.explain"))
    x_column, stable_column = st.columns(2, gap="large")
    at = x_column.select_slider("x", (0.0, 2.0, 30.0, 100.0), value=100.0, key="custom.second.x")
    stable = stable_column.toggle(tr("custom.second.stable"), value=False, key="custom.stable")
    second = cached(custom_gradients.second_order)(at, stable)
    exact = cached(custom_gradients.exact_log1pexp)(at)
    show_source(custom_gradients.second_order)
    compare_table(
        [
            ("dy/dx", second.first, exact.formulas[1], exact.values[1]),
            ("d²y/dx²", second.second, exact.formulas[2], exact.values[2]),
        ]
    )
    st.code(f"d²y/dx² = {exact.digits[2]}", language=None, wrap_lines=True)
    unstable = cached(custom_gradients.second_order)(100.0, False)
    fixed = cached(custom_gradients.second_order)(100.0, True)
    notes_vs_truth(
        "custom.second.docs",
        "custom.second.truth",
        source="docs",
        unstable=format_value(unstable.second),
        fixed=format_value(fixed.second),
        exact=f"{cached(custom_gradients.exact_log1pexp)(100.0).values[2]:.3g}",
    )

if sections.shows("quiz.header", header=False):
    quiz(
        "custom",
        (
            custom_gradients.quiz_custom_rule,
            custom_gradients.quiz_small_clip,
            custom_gradients.quiz_two_inputs_one_gradient,
        ),
    )

previous_next(PATH)
