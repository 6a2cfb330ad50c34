"""Lecture 2: .assign, .assign_add, .assign_sub: what they accept, and what tapes make of them."""

import streamlit as st

from diffexplain.teach.lessons import assign
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

PATH = "pages/02_assign.py"
NOTES_EXAMPLES = {  # the notes' start value and operand for each method
    "assign": ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)),
    "assign_add": ((1.0, 2.0, 3.0), (10.0, 10.0, 10.0)),
    "assign_sub": ((10.0, 10.0, 10.0), (1.0, 2.0, 3.0)),
}
VARIABLE_LABELS = {"ints": "tf.Variable([1, 2, 3])", "floats": "tf.Variable([1.0, 2.0, 3.0])"}

st.title(lecture_title(PATH))
st.markdown(tr("assign.intro"))

st.header(tr("assign.update.header"))
method = st.radio(tr("assign.update.method"), assign.METHODS, horizontal=True, key="as.method")
start, notes_operand = NOTES_EXAMPLES[method]
st.caption(tr("assign.update.operand"))
operand_columns = st.columns(6)
operand = tuple(
    float(column.number_input(f"[{i}]", value=default, step=1.0, key=f"as.operand.{method}.{i}"))
    for i, (column, default) in enumerate(zip(operand_columns, notes_operand, strict=False))
)
update = cached(assign.update_variable)(method, start, operand)
show_source(assign.update_variable)
before_column, after_column = st.columns(2)
with before_column:
    show_value(tr("assign.update.before"), update.before)
with after_column:
    show_value(tr("assign.update.after"), update.after)
show_printed("print(v.numpy())", update.printed)

st.subheader(tr("assign.returns.header"))
st.markdown(tr("assign.returns.explain"))
returned = cached(assign.what_assign_returns)(*NOTES_EXAMPLES["assign_add"])
show_source(assign.what_assign_returns)
show_printed("returned  # v.assign_add([10.0, 10.0, 10.0])", returned.printed)
is_v_column, variable_column, follows_column, none_column = st.columns(4)
with is_v_column:
    show_value("returned is v", returned.is_v)
with variable_column:
    show_value("isinstance(…, tf.Variable)", returned.is_a_variable)
with follows_column:
    show_value(tr("assign.returns.follows"), returned.follows_v)
with none_column:
    show_value("read_value=False", returned.without_read_value)

st.header(tr("assign.accept.header"))
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
show_source(assign.assign_value)
st.code(
    f"v = {VARIABLE_LABELS[variable_values]}\nv.{accept_method}({outcome.new_value})",
    language="python",
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

st.header(tr("assign.gradient.header"))
with notes_vs_truth("assign.gradient.notes", "assign.gradient.truth"):
    u = st.slider(tr("assign.gradient.u"), -3.0, 3.0, 1.0, 0.5, key="as.u")
    through = cached(assign.gradient_through_assign)(u)
    show_source(assign.gradient_through_assign)
    through_column, without_column, dw_column = st.columns(3)
    with through_column:
        show_value(tr("assign.gradient.through"), through.dy_du_through_assign)
    with without_column:
        show_value(tr("assign.gradient.without"), through.dy_du_without_assign)
    with dw_column:
        show_value(tr("assign.gradient.dw"), through.dy_dw_after_assign)

st.header(tr("assign.step.header"))
st.markdown(tr("assign.step.explain"))
w_column, lr_column = st.columns(2)
w = w_column.slider(tr("assign.step.w"), -5.0, 10.0, 5.0, 0.5, key="as.w")
learning_rate = lr_column.slider(tr("assign.step.lr"), 0.0, 1.0, 0.1, 0.05, key="as.lr")
step = cached(assign.gradient_descent_step)(w, learning_rate)
show_source(assign.gradient_descent_step)
loss_column, gradient_column = st.columns(2)
with loss_column:
    show_value(tr("assign.step.loss"), step.loss)
with gradient_column:
    show_value(tr("assign.step.gradient"), step.gradient)
show_printed("print(W.numpy())", step.printed)

previous_next(PATH)
