"""Lecture 6: why is my gradient None? The notes' four cases, then a sandbox of switches."""

import dataclasses

import streamlit as st

from diffexplain.teach.lessons import none_gradients
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_raised,
    show_source,
    show_value,
)
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/06_none_gradients.py"
CASES = (
    ("no_path", none_gradients.no_path),
    ("integer", none_gradients.integer_variable),
    ("numpy", none_gradients.numpy_detour),
    ("outside", none_gradients.computed_outside_tape),
)
SWITCHES = tuple(  # the Setup's on/off fields; `at` (the value of x) gets a slider
    field.name for field in dataclasses.fields(none_gradients.Setup) if field.name != "at"
)

st.title(lecture_title(PATH))
st.markdown(tr("none.intro"))

st.header(tr("none.cases.header"))
for tab, (name, case) in zip(
    st.tabs([tr(f"none.case.{name}.title") for name, _ in CASES]), CASES, strict=True
):
    with tab:
        result = cached(case)()
        show_source(case)
        written_column, repaired_column = st.columns(2)
        with written_column:
            show_value(tr("none.as_written"), result.as_written)
        with repaired_column:
            show_value(tr("none.repaired"), result.repaired)
        st.markdown(tr(f"none.case.{name}.repair"))
        if name == "numpy":
            mistake = cached(none_gradients.numpy_on_the_variable)()
            st.markdown(tr("none.case.numpy.mistake", y_type=mistake.y_type))
            show_source(none_gradients.numpy_on_the_variable)
            show_raised(mistake.raised)
        if name == "outside":
            notes_vs_truth("none.outside.notes", "none.outside.truth", repaired=result.repaired)

st.header(tr("none.sandbox.header"))
st.markdown(tr("none.sandbox.explain"))
switch_columns = st.columns(3)
switches = {
    name: switch_columns[i % 3].toggle(tr(f"none.switch.{name}"), key=f"none.{name}")
    for i, name in enumerate(SWITCHES)
}
at = st.slider("x", 1, 5, 3, key="none.at")
setup = none_gradients.Setup(**switches, at=at)
sandbox = cached(none_gradients.why_is_my_gradient_none)(setup)
result_column, words_column = st.columns([1, 3])
with result_column:
    show_value(tr("none.sandbox.result"), sandbox.gradient)
with words_column:
    if sandbox.raised is not None:
        show_raised(sandbox.raised)
    if sandbox.causes:
        st.markdown(tr("none.sandbox.causes"))
        for cause in sandbox.causes:
            st.error(tr(f"none.cause.{cause}"), icon="🕳️")
    elif sandbox.raised is None:
        st.success(tr("none.sandbox.healthy"), icon="✅")
    if sandbox.notes:
        st.markdown(tr("none.sandbox.notes"))
        words = {"at": at, "moved": at + 1, "gradient": format_value(sandbox.gradient)}
        for note in sandbox.notes:
            st.info(tr(f"none.note.{note}", **words), icon="💡")
show_source(none_gradients.taped_gradient)
with st.expander("causes_of_none · notes_on"):
    show_source(none_gradients.causes_of_none, none_gradients.notes_on)

previous_next(PATH)
