"""Guide page: if, tf.cond and loops inside the tape; a piecewise function at its boundary; the
tf.where NaN trap, and where TensorFlow 2.21 no longer springs it."""

import streamlit as st

from diffexplain.teach.lessons import control_flow
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    compare_table,
    format_exact,
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

PATH = "pages/11_control_flow.py"
sections = Sections(
    PATH,
    (
        "flow.branch.header",
        "flow.loop.header",
        "flow.piece.header",
        "flow.where.header",
        "quiz.header",
    ),
)

st.title(lecture_title(PATH))

if sections.shows("flow.branch.header", header=False):
    st.markdown(tr("flow.intro"))

    st.header(tr("flow.branch.header"))
    st.markdown(tr("flow.branch.explain"))
    x_column, cond_column = st.columns(2, gap="large")
    at = x_column.slider("x", -2.0, 2.0, 1.0, 0.5, key="flow.x")
    use_cond = cond_column.toggle(tr("flow.branch.cond"), value=False, key="flow.cond")
    branches = cached(control_flow.branch_taken)(at, use_cond)
    exact = cached(control_flow.exact_branches)(at)
    show_source(control_flow.branch_taken)
    show_value(tr("flow.branch.taken"), branches.branch)
    compare_table(
        [
            (f"∂result/∂{name}", taped, formula, value)
            for name, taped, formula, value in zip(
                ("v0", "v1", "x"),
                (branches.dresult_dv0, branches.dresult_dv1, branches.dresult_dx),
                exact.formulas,
                exact.values,
                strict=True,
            )
        ]
    )
    st.info(tr("flow.branch.none"), icon="🕳️")

if sections.shows("flow.loop.header"):
    st.markdown(tr("flow.loop.explain"))
    at = st.slider("x", 1.5, 12.0, 2.0, 0.5, key="flow.loop.x")
    loop = cached(control_flow.squaring_loop)(at)
    exact = cached(control_flow.exact_loop)(at, loop.squarings)
    show_source(control_flow.squaring_loop)
    y_column, count_column = st.columns(2)
    with y_column:
        show_value("y", loop.y)
    with count_column:
        show_value(tr("flow.loop.squarings"), loop.squarings)
    compare_table([("dy/dx", loop.dy_dx, exact.formulas[0], exact.values[0])])
    st.markdown(tr("flow.loop.after", k=loop.squarings, power=2**loop.squarings))

if sections.shows("flow.piece.header"):
    st.markdown(tr("flow.piece.explain"))
    x_column, strict_column = st.columns(2, gap="large")
    at = x_column.select_slider("x", (0.5, 0.9, 1.0, 1.1, 1.5), value=1.0, key="flow.piece.x")
    strict = strict_column.radio(
        tr("flow.piece.condition"),
        (True, False),
        format_func=lambda s: "x < 1.0" if s else "x <= 1.0",
        horizontal=True,
        key="flow.piece.strict",
    )
    piece = cached(control_flow.piecewise)(at, strict)
    exact = cached(control_flow.exact_piecewise)(at, strict)
    sides = cached(control_flow.one_sided)(at)
    show_source(control_flow.piecewise)
    compare_table([("dy/dx", piece.dy_dx, exact.formulas[0], exact.values[0])])
    left_column, right_column = st.columns(2)
    with left_column:
        show_value(tr("flow.piece.left"), sides.left)
    with right_column:
        show_value(tr("flow.piece.right"), sides.right)
    if sides.left != sides.right:
        st.warning(
            tr("flow.piece.kink", left=format_value(sides.left), right=format_value(sides.right)),
            icon="📐",
        )
    with st.expander("exact_piecewise · one_sided"):
        show_source(control_flow.exact_piecewise, control_flow.one_sided)
    below = cached(control_flow.piecewise)(1.0, True).dy_dx
    at_most = cached(control_flow.piecewise)(1.0, False).dy_dx
    edge = cached(control_flow.one_sided)(1.0)
    notes_vs_truth(
        "flow.piece.guide",
        "flow.piece.truth",
        source="guide",
        strict=format_value(below),
        loose=format_value(at_most),
        left=format_value(edge.left),
        right=format_value(edge.right),
    )

if sections.shows("flow.where.header"):
    st.markdown(tr("flow.where.explain"))
    at = st.radio("x", (-1.0, 0.0, 4.0), index=1, horizontal=True, key="flow.where.x")
    show_source(control_flow.where_gradients)
    rows = []
    for inner in control_flow.INNER_FUNCTIONS:
        where = cached(control_flow.where_gradients)(inner, at)
        exact = cached(control_flow.exact_where)(inner, at)
        rows.append(
            {
                tr("flow.where.col.inner"): inner,
                tr("flow.where.col.naive"): format_value(where.naive),
                tr("flow.where.col.safe"): format_value(where.safe),
                tr("flow.where.col.exact"): format_exact(exact.values[0]),
            }
        )
    st.dataframe(rows, hide_index=True)
    with notes_vs_truth("flow.where.docs", "flow.where.truth", source="docs"):
        show_source(control_flow.zero_upstream)
        st.dataframe(
            [
                {
                    tr("flow.where.col.inner"): inner,
                    tr("flow.where.col.zero"): format_value(
                        cached(control_flow.zero_upstream)(inner)
                    ),
                }
                for inner in control_flow.INNER_FUNCTIONS
            ],
            hide_index=True,
        )
    with st.expander("exact_where"):
        show_source(control_flow.exact_where)

if sections.shows("quiz.header", header=False):
    quiz(
        "flow",
        (control_flow.quiz_branch, control_flow.quiz_loop, control_flow.quiz_condition),
    )

previous_next(PATH)
