"""Main page: type a function; SymPy's exact derivatives beside the nested tapes' values."""

from __future__ import annotations

import streamlit as st

# The title first: it reaches the browser before SymPy (about 0.5 s) is imported below.
from diffexplain.ui.language import tr  # noqa: E402 - cheap: no SymPy behind it
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

st.title("∂ diffexplain")
st.caption(tr("main.caption"))

from diffexplain.core.budget import Deadline  # noqa: E402
from diffexplain.core.explanation import DTYPE_NAMES  # noqa: E402
from diffexplain.core.parse import MAX_ORDER, InputError, is_vector  # noqa: E402
from diffexplain.ui import engine, state  # noqa: E402
from diffexplain.ui.answer_panel import answer_panel  # noqa: E402
from diffexplain.ui.code_panel import code_panel  # noqa: E402
from diffexplain.ui.display import (  # noqa: E402
    agreement_table,
    graph_wide,
    show_input_error,
    tape_graph_panel,
    verdict_banner,
)
from diffexplain.ui.multivariable_panel import multivariable_panel  # noqa: E402
from diffexplain.ui.plots_panel import derivative_plots_panel  # noqa: E402
from diffexplain.ui.presentation import presenting  # noqa: E402
from diffexplain.ui.steps_panel import readings_panel, steps_panel  # noqa: E402
from diffexplain.ui.vector_panel import vector_page  # noqa: E402

engine.start_sympy_workers()
state.load_from_url()
state.forget_edited_preset()

top = st.columns([4, 3, 1.2, 2], vertical_alignment="bottom")
top[1].selectbox(
    tr("main.examples"),
    state.PRESET_KEYS,
    index=None,
    format_func=lambda key: tr("preset." + key),
    placeholder=tr("main.examples.placeholder"),
    key="preset",
    on_change=state.apply_preset,
)
text = top[0].text_input(tr("main.function"), key="f", help=tr("main.function.help"))
order = top[2].number_input(tr("main.order"), min_value=1, max_value=MAX_ORDER, step=1, key="order")
dtype = top[3].radio("dtype", DTYPE_NAMES, key="dtype", horizontal=True)

for note in state.url_notes():
    st.info(note)

if is_vector(text):  # [x*y, sin(x)]: a vector-valued function, shown as its Jacobian
    vector_page(text, int(order), dtype)
    st.stop()

try:
    parsed = engine.parsed(text)
except InputError as error:
    show_input_error(error, text)
    st.stop()

st.latex(state.function_latex(parsed))
readings_panel(text)

point = state.point_inputs(parsed.variables)
state.save_to_url(text, point, int(order), dtype)

deadline = Deadline.start()  # the run's answer is due within budget.REQUEST_SECONDS
try:
    checked = engine.request(text, point, int(order), dtype)
    with st.spinner(tr("main.differentiating")):
        exact = engine.symbolic(text, point, int(order), deadline)
except InputError as error:
    show_input_error(error, text)
    st.stop()

if checked.defaulted:
    st.caption(tr("main.defaulted", names=", ".join(checked.defaulted)))

results_row = st.container()
st.subheader(tr("main.exact.header"))
derivative_columns = st.columns(2)
for number, (derivative, row_name) in enumerate(
    zip(exact.derivatives, state.derivative_names(checked), strict=True)
):
    with derivative_columns[number % 2]:
        st.latex(state.derivative_latex(checked, derivative.wrt, derivative.latex_simplified))
        if derivative.simplify_note or derivative.latex_raw != derivative.latex_simplified:
            with st.expander(tr("main.exact.raw", name=row_name)):
                st.latex(derivative.latex_raw)
                if derivative.simplify_note:
                    st.caption(derivative.simplify_note)

with results_row:  # filled last, shown first: the exact derivatives appear while TF loads
    with st.spinner(tr("main.loading_tf")):
        engine.load_tensorflow()
    try:
        explanation = engine.explanation(text, point, int(order), dtype, deadline)
    except InputError as error:
        show_input_error(error, text)
        st.stop()
    # The table spans the page: beside the graph it was cut off on a 1280-pixel projector.
    st.subheader(tr("main.agreement.header", dtype=dtype))
    verdict_banner(explanation)
    agreement_table(explanation)
    if graph_wide(by_default=presenting()):  # across the page, the steps below it
        graph_box = st.container()
        highlight = steps_panel(text, dict(point), explanation, deadline)
    else:
        steps_box, graph_box = st.columns([1, 1], gap="medium")
        with steps_box:
            highlight = steps_panel(text, dict(point), explanation, deadline)
    with graph_box:
        st.subheader(tr("main.graph.header"))
        tape_graph_panel(
            explanation, highlight=highlight, wide_toggle=True, wide_by_default=presenting()
        )

if len(parsed.variables) == 1:
    derivative_plots_panel(text, checked.point[parsed.variables[0]], int(order), dtype)
else:
    multivariable_panel(explanation, text)
code_panel(text, point, int(order), dtype)
answer_panel(text, tuple(parsed.variables))
st.page_link(
    "pages/three_ways.py",
    label=tr("ways.title"),
    query_params={"f": text, **dict(point), "order": int(order)},
)
