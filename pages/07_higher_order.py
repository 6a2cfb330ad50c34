"""Lecture 7: nested tapes give x³'s 27.0 and 18.0 at x = 3, beside SymPy's 3x² and 6x."""

import math
from urllib.parse import urlencode

import streamlit as st

from diffexplain.teach.lessons import higher_order
from diffexplain.ui.language import current_language, tr
from diffexplain.ui.lectures import (
    cached,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_printed,
    show_source,
    show_value,
)
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/07_higher_order.py"


def main_page_link(x: float) -> str:
    """The main page's URL for x³ at this x, order 2 (its query parameters: f, x, order)."""
    point = f"{x:g}"
    parameters = {"f": "x^3", "x": point, "order": 2}
    if current_language() != "en":
        parameters["lang"] = current_language()
    return "/?" + urlencode(parameters)


st.title(lecture_title(PATH))
st.markdown(tr("higher.intro"))

x_column, inside_column = st.columns([1, 1], gap="large")
x = x_column.slider(tr("higher.x"), -5.0, 5.0, 3.0, 0.5, key="ho.x")
inside = inside_column.toggle(tr("higher.inside"), value=True, key="ho.inside")
taped = cached(higher_order.nested_tapes)(x, inside)
exact = cached(higher_order.symbolic_derivatives)(x)

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
    st.latex(rf"\frac{{d^2y}}{{dx^2}} = {exact.second_latex} = {format_value(exact.second_value)}")

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

show_source(higher_order.nested_tapes)
show_printed("print(dy_dx.numpy(), d2y_dx2.numpy())", taped.printed)
with st.expander("symbolic_derivatives"):
    show_source(higher_order.symbolic_derivatives)

st.subheader(tr("higher.line.header"))
st.markdown(tr("higher.line.explain"))
line = cached(higher_order.nested_tapes_on_a_line)(x)
show_source(higher_order.nested_tapes_on_a_line)
line_columns = st.columns(3)
for column, key, value in zip(
    line_columns,
    ("higher.line.dy_dx", "higher.line.d2y_dx2", "higher.line.zero"),
    (line.dy_dx, line.d2y_dx2, line.d2y_dx2_zero),
    strict=True,
):
    with column:
        show_value(tr(key), value)

st.markdown(tr("higher.link", x=f"{x:g}", url=main_page_link(x)))

previous_next(PATH)
