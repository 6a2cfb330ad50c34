"""Check my answer: any function, the student's derivative, a verdict that says where it
differs (the main page's panel, on a page of its own)."""

import streamlit as st

from diffexplain.ui.language import tr
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

from diffexplain.core.parse import InputError  # noqa: E402
from diffexplain.ui import engine, state  # noqa: E402
from diffexplain.ui.answer_panel import answer_form  # noqa: E402
from diffexplain.ui.display import show_input_error  # noqa: E402

engine.start_sympy_workers()
if "check.f" not in st.session_state:  # a shared link's f, else the main page's function
    st.session_state["check.f"] = st.query_params.get("f") or st.session_state.get(
        "f", state.DEFAULT_FUNCTION
    )

st.title(tr("answer.page.title"))
st.markdown(tr("answer.panel.intro"))
text = st.text_input(tr("main.function"), key="check.f", help=tr("main.function.help"))
try:
    parsed = engine.parsed(text)
except InputError as error:
    show_input_error(error, text)
    st.stop()
st.latex(state.function_latex(parsed))
if st.query_params.get("f") != text:
    st.query_params["f"] = text
answer_form(text, tuple(parsed.variables), key=f"check.{text}")
