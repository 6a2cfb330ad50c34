"""The main page for a list of functions [f1, ..., fm]: the components, SymPy's Jacobian
matrix, the tape's (`tape.jacobian`), and one agreement row per entry ∂fᵢ/∂xⱼ."""

from __future__ import annotations

import streamlit as st

from diffexplain.core.agree import TOLERANCES, words
from diffexplain.core.budget import Deadline
from diffexplain.core.parse import InputError
from diffexplain.core.symbolic import to_latex
from diffexplain.core.vector import VectorExplanation
from diffexplain.text import TEXTS
from diffexplain.ui import engine, state
from diffexplain.ui.display import VERDICT_MARKS, format_number, show_input_error
from diffexplain.ui.language import current_language, tr


def components_latex(latex: tuple[str, ...], variables: tuple[str, ...]) -> str:
    r"""f(x, y) = [f1; f2; ...] as a column, e.g. \mathbf{f}(x, y) = \begin{bmatrix}…"""
    import sympy

    arguments = ", ".join(sympy.latex(sympy.Symbol(name)) for name in variables)
    column = r" \\ ".join(latex)
    return rf"\mathbf{{f}}({arguments}) = \begin{{bmatrix}} {column} \end{{bmatrix}}"


def tape_matrix_latex(explanation: VectorExplanation) -> str:
    """The tape's values as a bmatrix, with every digit the dtype holds."""
    rows = [
        " & ".join(format_number(entry.autodiff, explanation.dtype) for entry in row)
        for row in explanation.rows
    ]
    body = r" \\ ".join(rows).replace("inf", r"\infty").replace("nan", r"\text{nan}")
    return rf"J_{{\text{{tape}}}} = \begin{{bmatrix}} {body} \end{{bmatrix}}"


def _banner(explanation: VectorExplanation) -> None:
    tolerance = TOLERANCES[explanation.dtype]
    entries = explanation.entries
    if explanation.all_agree:
        absolute, relative = f"{tolerance.absolute:g}", f"{tolerance.relative:g}"
        st.success(
            tr(
                "main.verdict.agree",
                rows=len(entries),
                dtype=explanation.dtype,
                absolute=absolute,
                relative=relative,
            ),
            icon="✅",
        )
        return
    for status, key, icon in (("differ", "differ", "⚠️"), ("unknown", "unknown", "❔")):
        names = [e.name for e in entries if e.status == status]
        if names:
            message = tr(
                f"main.verdict.{key}", count=len(names), rows=len(entries), names=", ".join(names)
            )
            (st.warning if status == "differ" else st.info)(message, icon=icon)


def agreement_rows(explanation: VectorExplanation) -> list[dict[str, str]]:
    """One row per entry ∂fᵢ/∂xⱼ: formula, exact, tape, error, verdict and the note in words."""
    text, dtype = TEXTS[current_language()], explanation.dtype
    return [
        {
            "": entry.name,
            tr("main.col.agree"): VERDICT_MARKS[entry.status],
            tr("vector.col.formula"): entry.expression,
            tr("main.col.exact"): format_number(entry.symbolic if entry.known else None, dtype),
            tr("main.col.autodiff"): format_number(entry.autodiff, dtype),
            tr("main.col.rel_error"): f"{entry.rel_error:.0e}" if entry.known else "—",
            tr("vector.col.note"): words(entry.note_parts, text),
        }
        for entry in explanation.entries
    ]


def vector_page(text: str, order: int, dtype: str) -> None:
    """Everything below the inputs when the function typed is a bracketed list."""
    try:
        parsed = engine.parsed_vector(text)
    except InputError as error:
        show_input_error(error, text)
        return
    formulas = tuple(to_latex(component.expr) for component in parsed.components)
    st.latex(components_latex(formulas, parsed.variables))
    point = state.point_inputs(parsed.variables)
    state.save_to_url(text, point, order, dtype)
    if order > 1:
        st.info(tr("vector.first_order", order=order), icon="ℹ️")

    deadline = Deadline.start()
    try:
        checked = engine.vector_request(text, point, dtype)
        with st.spinner(tr("main.differentiating")):
            exact = engine.vector_exact(text, point, deadline)
    except InputError as error:
        show_input_error(error, text)
        return
    if checked.defaulted:
        st.caption(tr("main.defaulted", names=", ".join(checked.defaulted)))
    left, right = st.columns(2, gap="medium")
    with left:
        st.subheader(tr("vector.exact.header"))
        st.latex(r"J = " + exact.latex)
    with right:
        st.subheader(tr("vector.tape.header", dtype=dtype))
        with st.spinner(tr("main.loading_tf")):
            engine.load_tensorflow()
        try:
            explanation = engine.vector_explanation(text, point, dtype, deadline)
        except InputError as error:
            show_input_error(error, text)
            return
        st.latex(tape_matrix_latex(explanation))
    st.markdown(tr("vector.tape.explain"))
    st.subheader(tr("vector.agreement.header", dtype=dtype))
    _banner(explanation)
    st.dataframe(agreement_rows(explanation), hide_index=True, width="stretch")
