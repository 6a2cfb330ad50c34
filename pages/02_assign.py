"""Lecture 2: .assign, .assign_add, .assign_sub: what they accept, and what tapes make of them."""

import streamlit as st

from diffexplain.teach.lessons import assign
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

PATH = "pages/02_assign.py"
NOTES_EXAMPLES = {  # the notes' start value and operand for each method
    "assign": ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)),
    "assign_add": ((1.0, 2.0, 3.0), (10.0, 10.0, 10.0)),
    "assign_sub": ((10.0, 10.0, 10.0), (1.0, 2.0, 3.0)),
}
VARIABLE_LABELS = {"ints": "tf.Variable([1, 2, 3])", "floats": "tf.Variable([1.0, 2.0, 3.0])"}
sections = Sections(
    PATH,
    (
        "intro",
        "assign.update.header",
        "assign.returns.header",
        "assign.accept.header",
        "assign.gradient.header",
        "assign.step.header",
    ),
)
cells = []

st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("assign.intro"))

if sections.shows("assign.update.header"):
    method = st.radio(tr("assign.update.method"), assign.METHODS, horizontal=True, key="as.method")
    start, notes_operand = NOTES_EXAMPLES[method]
    st.caption(tr("assign.update.operand"))
    operand_columns = st.columns(6)
    operand = tuple(
        float(
            column.number_input(f"[{i}]", value=default, step=1.0, key=f"as.operand.{method}.{i}")
        )
        for i, (column, default) in enumerate(zip(operand_columns, notes_operand, strict=False))
    )
    update = cached(assign.update_variable)(method, start, operand)
    cells.append(
        show_snippet(
            tr("assign.update.header"),
            assign.UPDATES[method],
            update.output,
            lesson=assign.update_variable,
            start=start,
            operand=operand,
        )
    )
    before_column, after_column = st.columns(2)
    with before_column:
        show_value(tr("assign.update.before"), update.before)
    with after_column:
        show_value(tr("assign.update.after"), update.after)

if sections.shows("assign.returns.header", header=False):
    st.subheader(tr("assign.returns.header"))
    st.markdown(tr("assign.returns.explain"))
    returned = cached(assign.what_assign_returns)(*NOTES_EXAMPLES["assign_add"])
    cells.append(
        show_snippet(
            tr("assign.returns.header"),
            assign.WHAT_ASSIGN_RETURNS,
            returned.output,
            lesson=assign.what_assign_returns,
            start=NOTES_EXAMPLES["assign_add"][0],
            operand=NOTES_EXAMPLES["assign_add"][1],
        )
    )
    is_v_column, variable_column, follows_column, none_column = st.columns(4)
    with is_v_column:
        show_value("returned is v", returned.is_v)
    with variable_column:
        show_value("isinstance(…, tf.Variable)", returned.is_a_variable)
    with follows_column:
        show_value(tr("assign.returns.follows"), returned.follows_v)
    with none_column:
        show_value("read_value=False", returned.without_read_value)

if sections.shows("assign.accept.header"):
    st.markdown(tr("assign.accept.explain"))
    method_column, variable_column, value_column = st.columns([1, 1.3, 1.3])
    accept_method = method_column.radio(tr("assign.update.method"), assign.METHODS, key="as.m2")
    variable_values = variable_column.radio(
        tr("assign.accept.variable"),
        tuple(VARIABLE_LABELS),
        format_func=VARIABLE_LABELS.__getitem__,
        index=1,
        key="as.variable",
    )
    new_value = value_column.radio(
        tr("assign.accept.new"),
        assign.NEW_VALUES,
        format_func=lambda kind: tr(f"assign.new.{kind}"),
        key="as.new",
    )
    outcome = cached(assign.assign_value)(accept_method, variable_values, new_value)
    cells.append(
        show_snippet(
            tr("assign.accept.header"),
            assign.accept_snippet(accept_method, variable_values, new_value),
            outcome.printed,
            lesson=assign.assign_value,
            values=assign.VARIABLE_VALUES[variable_values],
        )
    )
    show_raised(outcome.raised)
    show_value(f"{tr('assign.accept.after')} ({outcome.variable_dtype})", outcome.after)

    with notes_vs_truth("assign.shape.notes", "assign.shape.truth"):
        evidence = [
            (method_name, values, kind, cached(assign.assign_value)(method_name, values, kind))
            for method_name, values, kind in (
                ("assign", "floats", "too_short"),
                ("assign", "floats", "scalar"),
                ("assign", "floats", "python_ints"),
                ("assign", "floats", "int32_tensor"),
                ("assign", "ints", "python_floats"),
            )
        ]
        st.dataframe(
            [
                {
                    "v": VARIABLE_LABELS[values],
                    tr("assign.accept.new"): f".{method_name}({result.new_value})",
                    tr("assign.accept.after"): format_value(result.after)
                    if result.raised is None
                    else result.raised.type_name,
                }
                for method_name, values, kind, result in evidence
            ],
            hide_index=True,
        )

if sections.shows("assign.gradient.header"):
    with notes_vs_truth("assign.gradient.notes", "assign.gradient.truth"):
        u = st.slider(tr("assign.gradient.u"), -3.0, 3.0, 1.0, 0.5, key="as.u")
        through = cached(assign.gradient_through_assign)(u)
        cells.append(
            show_snippet(
                tr("assign.gradient.header"),
                assign.GRADIENT_THROUGH_ASSIGN,
                through.printed,
                lesson=assign.gradient_through_assign,
                start=u,
            )
        )
        through_column, without_column, dw_column = st.columns(3)
        with through_column:
            show_value(tr("assign.gradient.through"), through.dy_du_through_assign)
        with without_column:
            show_value(tr("assign.gradient.without"), through.dy_du_without_assign)
        with dw_column:
            show_value(tr("assign.gradient.dw"), through.dy_dw_after_assign)

if sections.shows("assign.step.header"):
    st.markdown(tr("assign.step.explain"))
    w_column, lr_column = st.columns(2)
    w = w_column.slider(tr("assign.step.w"), -5.0, 10.0, 5.0, 0.5, key="as.w")
    learning_rate = round(  # as a student types it: 0.15, never 0.15000000000000002
        lr_column.slider(tr("assign.step.lr"), 0.0, 1.0, 0.1, 0.05, key="as.lr"), 2
    )
    step = cached(assign.gradient_descent_step)(w, learning_rate)
    cells.append(
        show_snippet(
            tr("assign.step.header"),
            assign.DESCENT_STEP,
            step.output,
            lesson=assign.gradient_descent_step,
            w=w,
            learning_rate=learning_rate,
        )
    )
    loss_column, gradient_column = st.columns(2)
    with loss_column:
        show_value(tr("assign.step.loss"), step.loss)
    with gradient_column:
        show_value(tr("assign.step.gradient"), step.gradient)

downloads(PATH, cells)
previous_next(PATH)
