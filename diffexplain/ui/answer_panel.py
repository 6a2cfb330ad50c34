""" "Check my answer": a student types their derivative of the current function and gets a
verdict (`answer.check_answer`, in the SymPy worker under its time limit), in words.

`answer_form` is the form itself (the main page's panel, the *Check my answer* page and the
*Practice* page use it); `answer_panel` puts it in an expander on the main page that computes
nothing until opened. Verdicts are cached for the whole server by their inputs.
"""

from __future__ import annotations

import streamlit as st

from diffexplain.core.parse import MAX_ORDER, InputError
from diffexplain.text import TEXTS
from diffexplain.ui.display import lazy_expander, plain, show_input_error
from diffexplain.ui.language import current_language, tr


@st.cache_data(max_entries=256, show_spinner=False)
def checked(function: str, answer: str, wrt: tuple[str, ...], order: int):
    """The verdict, once per (function, answer, wrt, order) for the whole server."""
    from diffexplain.teach.answer import check_answer

    return check_answer(function, answer, list(wrt), order)


def derivative_label(wrt: tuple[str, ...], partial: bool = True) -> str:
    """∂²/∂x∂y for a partial derivative, d²/dx² for a function of one variable."""
    order, d = len(wrt), "∂" if partial else "d"
    top = d if order == 1 else f"{d}{_superscript(order)}"
    if not partial:
        return f"{top}/{d}{wrt[0]}" + (_superscript(order) if order > 1 else "")
    return top + "/" + "".join(f"∂{name}" for name in wrt)


def _superscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def show_verdict(check) -> None:
    """The verdict as a coloured box, then the hint, the step it departs from and the
    derivative (behind a click: a student may want to try again first)."""
    from diffexplain.teach.answer import verdict_words

    sentences = verdict_words(check, TEXTS[current_language()])
    first, rest = plain(sentences[0]), [plain(s) for s in sentences[1:]]
    if check.correct:
        st.success(first)
    elif check.correct is False:
        st.error(first)
    else:
        st.warning(first)
    for sentence in rest:
        st.markdown(sentence)
    if check.step is not None and not check.step.top:
        st.latex(
            r"\frac{d}{d%s}\left(%s\right) = %s \quad\text{%s}\quad %s"
            % (
                check.wrt[0],
                check.step.latex_before,
                check.step.latex_after,
                tr("answer.panel.not"),
                check.step.latex_fits,
            )
        )
    if check.latex_derivative:
        with st.expander(tr("answer.panel.show_derivative")):
            st.latex(check.latex_derivative)


def answer_form(
    function: str,
    variables: tuple[str, ...],
    key: str,
    wrt: tuple[str, ...] | None = None,
):
    """The answer box and its verdict; the order and variable(s) are chosen here unless `wrt`
    fixes them (the practice page's exercises). Returns the AnswerCheck, or None before an
    answer is submitted or when it was refused."""
    if wrt is None:
        columns = st.columns([1, 2])
        order = int(
            columns[0].number_input(
                tr("answer.panel.order"), 1, MAX_ORDER, 1, step=1, key=f"{key}.order"
            )
        )
        if len(variables) > 1:
            from diffexplain.core.symbolic import partials

            options = [p for p in partials(variables, order) if len(p) == order]
            wrt = columns[1].selectbox(
                tr("answer.panel.wrt"),
                options,
                format_func=derivative_label,
                key=f"{key}.wrt.{order}",
            )
        else:
            wrt = ((variables[0] if variables else "x"),) * order
    with st.form(f"{key}.form", border=False):
        answer = st.text_input(
            tr("answer.panel.answer", derivative=derivative_label(wrt, len(variables) > 1)),
            key=f"{key}.text",
            placeholder=tr("answer.panel.placeholder"),
            help=tr("answer.panel.help"),
        )
        submitted = st.form_submit_button(tr("answer.panel.check"), icon=":material/task_alt:")
    if not answer.strip():
        if submitted:
            st.info(tr("answer.panel.empty"))
        return None
    try:
        with st.spinner(tr("answer.panel.checking")):
            check = checked(function, answer, tuple(wrt), len(wrt))
    except InputError as error:
        show_input_error(error, answer)
        return None
    show_verdict(check)
    return check


@st.fragment
def answer_panel(text: str, variables: tuple[str, ...]) -> None:
    """The main page's expander: nothing is computed or drawn until it is opened, and its
    widgets rerun only this fragment."""
    box = lazy_expander(tr("answer.panel.title"), key="answer.open", icon=":material/task_alt:")
    if box is None:
        return
    with box:
        st.caption(tr("answer.panel.intro"))
        answer_form(text, variables, key=f"answer.{text}")
