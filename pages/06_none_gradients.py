"""Lecture 6: why is my gradient None? The notes' four cases, then a sandbox of switches."""

import dataclasses

import streamlit as st

from diffexplain.teach.lessons import none_gradients
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_outcome,
    show_raised,
    show_snippet,
    show_source,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/06_none_gradients.py"
CASES = (
    ("no_path", none_gradients.no_path, none_gradients.NO_PATH),
    ("integer", none_gradients.integer_variable, none_gradients.INTEGER_VARIABLE),
    ("numpy", none_gradients.numpy_detour, none_gradients.NUMPY_DETOUR),
    ("outside", none_gradients.computed_outside_tape, none_gradients.OUTSIDE_TAPE),
)
SWITCHES = tuple(  # the Setup's on/off fields; `at` (the value of x) gets a slider
    field.name for field in dataclasses.fields(none_gradients.Setup) if field.name != "at"
)
sections = Sections(PATH, ("intro", "none.cases.header", "none.sandbox.header"))
cells = []

st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("none.intro"))

if sections.shows("none.cases.header"):
    titles = [tr(f"none.case.{name}.title") for name, _, _ in CASES]
    for tab, title, (name, case, snippet) in zip(st.tabs(titles), titles, CASES, strict=True):
        with tab:
            result = cached(case)()
            cells.append(show_snippet(title, snippet, result.printed, lesson=case))
            written_column, repaired_column = st.columns(2)
            with written_column:
                show_value(tr("none.as_written"), result.as_written)
            with repaired_column:
                show_value(tr("none.repaired"), result.repaired)
            st.markdown(tr(f"none.case.{name}.repair"))
            if name == "numpy":
                mistake = cached(none_gradients.numpy_on_the_variable)()
                st.markdown(tr("none.case.numpy.mistake", y_type=mistake.y_type))
                cells.append(
                    show_snippet(
                        tr("none.case.numpy.mistake.title"),
                        none_gradients.NUMPY_ON_THE_VARIABLE,
                        mistake.printed,
                        lesson=none_gradients.numpy_on_the_variable,
                    )
                )
                show_raised(mistake.raised)
            if name == "outside":
                notes_vs_truth("none.outside.notes", "none.outside.truth", repaired=result.repaired)

if sections.shows("none.sandbox.header"):
    st.markdown(tr("none.sandbox.explain"))
    switch_columns = st.columns(3)
    switches = {
        name: switch_columns[i % 3].toggle(tr(f"none.switch.{name}"), key=f"none.{name}")
        for i, name in enumerate(SWITCHES)
    }
    at = st.slider("x", 1, 5, 3, key="none.at")
    setup = none_gradients.Setup(**switches, at=at)
    sandbox = cached(none_gradients.why_is_my_gradient_none)(setup)
    cells.append(
        show_snippet(
            tr("none.sandbox.header"),
            none_gradients.sandbox_snippet(setup),
            sandbox.printed,
            lesson=none_gradients.taped_gradient,
            **none_gradients.sandbox_params(setup),
        )
    )
    result_column, words_column = st.columns([2, 3])  # room for "raised AttributeError"
    with result_column:
        show_outcome(tr("none.sandbox.result"), sandbox.gradient, sandbox.raised)
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
    with st.expander("sandbox_snippet · causes_of_none · notes_on"):
        show_source(
            none_gradients.sandbox_snippet, none_gradients.causes_of_none, none_gradients.notes_on
        )

downloads(PATH, cells)
previous_next(PATH)
