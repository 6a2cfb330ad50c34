"""Lecture 7: nested tapes give x³'s 27.0 and 18.0 at x = 3, beside SymPy's 3x² and 6x."""

import math
from urllib.parse import urlencode

import streamlit as st

from diffexplain.teach.lessons import higher_order
from diffexplain.ui.language import current_language, tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_snippet,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/07_higher_order.py"
sections = Sections(PATH, ("intro", "higher.nested.header", "higher.line.header"))
cells = []


def main_page_link(x: float) -> str:
    """The main page's URL for x³ at this x, order 2 (its query parameters: f, x, order)."""
    point = f"{x:g}"
    parameters = {"f": "x^3", "x": point, "order": 2}
    if current_language() != "en":
        parameters["lang"] = current_language()
    return "/?" + urlencode(parameters)


st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("higher.intro"))

x = st.session_state.get("ho.x", 3.0)  # the slider's, for a section shown without it
if sections.shows("higher.nested.header"):
    x_column, inside_column = st.columns([1, 1], gap="large")
    x = x_column.slider(tr("higher.x"), -5.0, 5.0, 3.0, 0.5, key="ho.x")
    inside = inside_column.toggle(tr("higher.inside"), value=True, key="ho.inside")
    taped = cached(higher_order.nested_tapes)(x, inside)
    exact = cached(higher_order.symbolic_derivatives)(x)
    cells.append(
        show_snippet(
            tr("higher.nested.header"),
            higher_order.nested_snippet(inside),  # t1 outer, t0 inner, as in the notes
            taped.printed,
            lesson=higher_order.nested_tapes,
            at=x,
        )
    )

    tape_column, sympy_column = st.columns(2, gap="large")
    with tape_column:
        st.subheader(tr("higher.tape.header"))
        first_column, second_column = st.columns(2)
        with first_column:
            show_value(tr("higher.dy_dx"), taped.dy_dx)
        with second_column:
            show_value(tr("higher.d2y_dx2"), taped.d2y_dx2)
    with sympy_column:
        st.subheader(tr("higher.sympy.header"))
        st.latex(rf"y = {exact.function_latex}")
        st.latex(rf"\frac{{dy}}{{dx}} = {exact.first_latex} = {format_value(exact.first_value)}")
        st.latex(
            rf"\frac{{d^2y}}{{dx^2}} = {exact.second_latex} = {format_value(exact.second_value)}"
        )

    if taped.d2y_dx2 is None:
        st.warning(tr("higher.outside"), icon="🕳️")
    elif math.isclose(taped.dy_dx, exact.first_value, rel_tol=1e-6, abs_tol=1e-6) and math.isclose(
        taped.d2y_dx2, exact.second_value, rel_tol=1e-6, abs_tol=1e-6
    ):  # float32 against exact values
        st.success(
            tr(
                "higher.agree",
                x=format_value(x),
                first=format_value(taped.dy_dx),
                second=format_value(taped.d2y_dx2),
            ),
            icon="✅",
        )
    else:
        st.info(tr("higher.differ", x=format_value(x)))

    misplaced = cached(higher_order.nested_tapes)(x, False)
    first = format_value(misplaced.dy_dx)
    with notes_vs_truth("higher.nesting.notes", "higher.nesting.truth", first=first):
        show_value(tr("higher.misplaced"), misplaced.d2y_dx2)

    st.subheader(tr("higher.sympy.code"))
    cells.append(
        show_snippet(
            tr("higher.sympy.code"),
            higher_order.SYMBOLIC,
            exact.printed,
            lesson=higher_order.symbolic_derivatives,
            at=x,
        )
    )
    st.markdown(tr("higher.link", x=f"{x:g}", url=main_page_link(x)))

if sections.shows("higher.line.header"):
    st.markdown(tr("higher.line.explain"))
    at_line = cached(higher_order.nested_tapes_on_a_line)(x)
    cells.append(
        show_snippet(
            tr("higher.line.header"),
            higher_order.ON_A_LINE,
            at_line.printed,
            lesson=higher_order.nested_tapes_on_a_line,
            at=x,
        )
    )
    line_columns = st.columns(3)
    for column, key, value in zip(
        line_columns,
        ("higher.line.dy_dx", "higher.line.d2y_dx2", "higher.line.zero"),
        (at_line.dy_dx, at_line.d2y_dx2, at_line.d2y_dx2_zero),
        strict=True,
    ):
        with column:
            show_value(tr(key), value)

downloads(PATH, cells)
previous_next(PATH)
