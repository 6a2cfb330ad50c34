"""The lecture pages: their order and titles, and the parts every lecture page draws alike.

`LECTURES` is the one list the router builds its navigation from: the course notes' pages,
then the pages on TensorFlow's two autodiff guides. The drawing helpers keep the pages short
and uniform: the source of the lesson function that ran (`show_source`), its result
(`show_value`, `show_raised`), a "the notes (or the guide) say / TensorFlow actually does"
box (`notes_vs_truth`), a quiz whose answers run only when revealed (`quiz`), and
previous/next buttons (`previous_next`).

Shared across sessions: `cached` lessons' results and the quiz answers (`_answer`), both in
bounded `st.cache_data` (plain values, pickled per caller).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitPageNotFoundError

from diffexplain.core.agree import TOLERANCES
from diffexplain.teach.lessons.notebook import Cell, as_notebook, as_script
from diffexplain.teach.lessons.outcome import Attempt, Raised, attempt
from diffexplain.teach.lessons.snippet import Literal, Snippet, display_width, shown_source
from diffexplain.ui.display import lazy_expander
from diffexplain.ui.language import current_language, tr
from diffexplain.ui.presentation import presenting, section_buttons

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LecturePage:
    path: str
    """The page file, relative to the project root (as `st.Page` and `st.page_link` take it)."""
    title_en: str
    title_zh: str
    icon: str
    part: str = "notes"
    """The sidebar section: "notes" (the course notes) or "guides" (TensorFlow's guides)."""

    @property
    def number(self) -> int | None:
        """The lecture's number, as the pages' texts refer to it ("page 5", "第 5 页"): the file's
        prefix, for the course notes' pages; None for the guides', which the notes do not have."""
        prefix = Path(self.path).name.split("_", 1)[0]
        return int(prefix) if self.part == "notes" and prefix.isdigit() else None

    def title(self, language: str) -> str:
        """ "3. GradientTape basics": in the sidebar, the page's own title and its links alike,
        so a lecturer's "lecture 3" is the third one a student sees."""
        title = self.title_zh if language == "zh" else self.title_en
        return title if self.number is None else f"{self.number}. {title}"


LECTURES: tuple[LecturePage, ...] = (
    LecturePage("pages/01_constant_and_variable.py", "constant vs Variable", "常量与变量", "🧱"),
    LecturePage("pages/02_assign.py", "assign, assign_add, assign_sub", "assign 系列方法", "🔧"),
    LecturePage("pages/03_gradient_tape.py", "GradientTape basics", "GradientTape 基础", "🎥"),
    LecturePage("pages/04_persistent.py", "persistent=True", "persistent=True", "🔁"),
    LecturePage("pages/05_watch.py", "tape.watch", "tape.watch", "👀"),
    LecturePage("pages/06_none_gradients.py", "Why is my gradient None?", "梯度为何是 None？", "🕳️"),
    LecturePage("pages/07_higher_order.py", "Higher-order derivatives", "高阶导数", "🪜"),
    LecturePage("pages/08_training_loop.py", "Training loop", "训练循环", "🏋️"),
    LecturePage("pages/09_summary.py", "Quick reference", "速查表", "📊"),
    # beyond the notes: TensorFlow's "Introduction to gradients and automatic
    # differentiation" and "Advanced automatic differentiation" guides
    LecturePage(
        "pages/10_controlling_the_tape.py", "Controlling the tape", "控制磁带", "🎛️", "guides"
    ),
    LecturePage("pages/11_control_flow.py", "Control flow", "控制流", "🔀", "guides"),
    LecturePage(
        "pages/12_stop_and_reset.py", "Stopping and resetting", "暂停与重置", "⏸️", "guides"
    ),
    LecturePage("pages/13_custom_gradients.py", "Custom gradients", "自定义梯度", "✍️", "guides"),
    LecturePage("pages/14_jacobians.py", "Jacobians", "雅可比矩阵", "🔢", "guides"),
    LecturePage("pages/15_errors.py", "Errors worth seeing", "值得一看的错误", "🚨", "guides"),
)
"""In sidebar order. The quick reference closes the notes' part: its rows summarise the notes'
pages only, so the guides' pages come after it, in a section of their own."""


def lecture(path: str) -> LecturePage:
    return next(page for page in LECTURES if page.path == path)


def lecture_title(path: str) -> str:
    """The page's title in the current language, with its icon."""
    page = lecture(path)
    return f"{page.icon} {page.title(current_language())}"


def exists(page: LecturePage) -> bool:
    return (PROJECT_ROOT / page.path).is_file()


def page_link(path: str, label: str, icon: str | None = None, help: str | None = None) -> bool:
    """A link to a lecture page; False (and nothing drawn) when this run cannot route there.

    Links resolve through the router's page list, so a page run on its own (a test, or
    `streamlit run pages/…`) has no pages to link to.
    """
    try:
        st.page_link(path, label=label, icon=icon, help=help)
    except StreamlitPageNotFoundError:
        return False
    return True


def neighbours(path: str) -> tuple[LecturePage | None, LecturePage | None]:
    """The nearest existing lecture before and after the one at `path` (None at either end, or
    for a page that is not a lecture)."""
    index = next((i for i, page in enumerate(LECTURES) if page.path == path), None)
    if index is None:
        return None, None
    before = [page for page in LECTURES[:index] if exists(page)]
    after = [page for page in LECTURES[index + 1 :] if exists(page)]
    return (before[-1] if before else None), (after[0] if after else None)


_LINK_SIDES = {"previous": (0, "common.previous", "⬅️"), "next": (1, "common.next", "➡️")}


def _neighbour_link(side: str, path: str, short: bool) -> bool:
    """A link to the lecture before (`side` "previous") or after ("next") this one; False when
    none is drawn. `short`: the title alone (the words "Previous: …" in its tooltip), for a
    row with other buttons."""
    index, words_key, icon = _LINK_SIDES[side]
    page = neighbours(path)[index]
    if page is None:
        return False
    title = page.title(current_language())
    words = tr(words_key, title=title)
    if short:
        return page_link(page.path, title, icon, help=words)
    return page_link(page.path, words, icon)


def previous_link(path: str, short: bool = False) -> bool:
    return _neighbour_link("previous", path, short)


def next_link(path: str, short: bool = False) -> bool:
    return _neighbour_link("next", path, short)


def previous_next(path: str) -> None:
    """Links to the nearest existing lecture before and after this one; while presenting, the
    page's section buttons above them (the top of the page has both as well)."""
    rule = st.container()  # drawn only when a link is: a page run alone has none
    drawn = section_buttons(path, "bottom")
    left, _, right = st.columns([2, 1, 2])
    with left:
        drawn |= previous_link(path)
    with right:
        drawn |= next_link(path)
    if drawn:
        rule.divider()


@cache
def cached(lesson: Callable) -> Callable:
    """`lesson` behind a bounded `st.cache_data`: the same parameters never run twice."""
    return st.cache_data(max_entries=64, show_spinner=False)(lesson)


def show_source(*lessons: Callable) -> None:
    """The lesson functions' source, exactly the code that ran, with comments in the page's
    language (its docstring left out: the page's text explains)."""
    language = current_language()
    source = "\n\n".join(shown_source(lesson, language) for lesson in lessons)
    st.code(source, language="python", wrap_lines=True)  # never a sideways scroll


def show_snippet(
    heading: str,
    snippet: Snippet,
    printed: str,
    raised: Raised | None = None,
    lesson: Callable | None = None,
    **params: Literal,
) -> Cell:
    """The notes-style code a student would type (comments in the page's language), beside
    what it printed when the lesson ran it with the same `params`; the lesson function that
    ran it (and returned the numbers the page shows) in an expander below.

    Returns the cell, for the page's downloads (`downloads`)."""
    code = snippet.code(current_language(), **params)
    # on a projector, or when a line would wrap beside the output, the code takes the whole
    # width and its output goes below it
    if presenting() or not fits_beside(code):
        code_column, output_column = st.container(), st.container()
    else:
        code_column, output_column = st.columns([3, 2])
    code_column.code(code, language="python", wrap_lines=True)
    with output_column:
        st.caption(tr("common.printed"))
        console = printed + (f"{raised}\n" if raised else "")
        st.code(console or tr("common.no_output"), language=None, wrap_lines=True)
    if lesson is not None:
        with st.expander(tr("common.how_it_runs")):
            show_source(lesson)
    return Cell(heading, code, printed)


BESIDE_COLUMNS = 52
"""The widest line (in monospace columns) the code column holds at 1280 px beside its output."""


def fits_beside(code: str) -> bool:
    """Whether every line of `code` fits the code column beside the output without wrapping
    (a Chinese character takes two columns).

    >>> fits_beside("y = x * x  # recorded"), fits_beside("#" + "磁带" * 26)
    (True, False)
    """
    return all(display_width(line) <= BESIDE_COLUMNS for line in code.splitlines())


def downloads(path: str, cells: Sequence[Cell]) -> None:
    """The page's code to take home: a notebook and a script, in the page's language, each
    printing what the page showed. Not while presenting: one section shows, not the page."""
    if not cells or presenting():
        return
    title = lecture_title(path)
    note = tr("common.download.note")
    stem = Path(path).stem
    cells = list(cells)
    row = st.container(horizontal=True)  # each button as wide as its label: none cut off
    row.download_button(
        tr("common.download.notebook"),
        lambda: as_notebook(title, cells, note),  # made only when clicked
        file_name=f"{stem}_{current_language()}.ipynb",
        mime="application/x-ipynb+json",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        tr("common.download.script"),
        lambda: as_script(title, cells, note),
        file_name=f"{stem}_{current_language()}.py",
        mime="text/x-python",
        icon=":material/download:",
        on_click="ignore",
    )


def format_value(value: Any) -> str:
    """A result as Python prints it, with float32's digits: 6.0, [2.0, 4.0], ['x:0'], None."""
    if isinstance(value, float):
        text = f"{value:.7g}"
        return f"{text}.0" if text.lstrip("-").isdigit() else text
    if isinstance(value, list):
        return "[" + ", ".join(_list_item(item) for item in value) + "]"
    return str(value)


def _list_item(item: Any) -> str:
    return repr(item) if isinstance(item, str) else format_value(item)


def show_value(label: str, value: Any, help: str | None = None) -> None:
    st.metric(label, format_value(value), help=help)


def show_outcome(label: str, value: Any, raised: Raised | None) -> None:
    """A metric for a call that may have raised: its value, or "raised RuntimeError" — never
    a bare None, which a page teaches as a different outcome (no recorded path)."""
    if raised is None:
        show_value(label, value)
    else:
        st.metric(label, tr("common.raised_metric", type_name=raised.type_name))


def agrees(taped: Any, exact: float | None) -> bool:
    """The tape's float32 number within the main page's float32 tolerance of the exact value
    (NaN and None never agree; the same infinity does)."""
    if not isinstance(taped, int | float) or exact is None:
        return False
    if math.isinf(exact) or math.isinf(taped):
        return taped == exact
    tolerance = TOLERANCES["float32"]
    return abs(taped - exact) <= tolerance.absolute + tolerance.relative * abs(exact)


def format_exact(value: float | None) -> str:
    """An exact value rounded to ten digits for a table (a float64 is more than float32 holds,
    so the reader sees where the tape's digits end)."""
    if value is None:
        return "—"
    text = f"{value:.10g}"
    return f"{text}.0" if text.lstrip("-").isdigit() else text


def compare_table(rows: Sequence[tuple[str, Any, str, float | None]]) -> None:
    """The tape beside SymPy, one row per value: what is computed, the tape's value, SymPy's
    formula and its exact value, and whether they agree (float32's tolerance)."""
    verdicts = {True: tr("common.agree"), False: tr("common.differ")}
    st.dataframe(
        [
            {
                tr("common.col.what"): what,
                tr("common.col.tape"): format_value(taped),
                tr("common.col.formula"): formula,
                tr("common.col.exact"): format_exact(exact),
                tr("common.col.verdict"): (
                    tr("common.verdict.none") if taped is None else verdicts[agrees(taped, exact)]
                ),
            }
            for what, taped, formula, exact in rows
        ],
        hide_index=True,
    )


def show_printed(call: str, printed: str) -> None:
    """What a `print(...)` in the lesson shows, as a console would."""
    st.code(f">>> {call}\n{printed}", language=None, wrap_lines=True)


def show_raised(raised: Raised | None) -> None:
    """The exception TensorFlow raised, type and message as Python prints them."""
    if raised is None:
        st.success(tr("common.no_error"), icon="✅")
        return
    st.markdown(tr("common.raised", type_name=raised.type_name))
    st.code(str(raised), language=None, wrap_lines=True)


SOURCES = {
    "notes": ("📒", "common.notes_say"),
    "guide": ("📘", "common.guide_says"),
    "docs": ("📘", "common.docs_say"),
}
"""Who made the claim a truth box tests: the course notes, a guide, or TensorFlow's API docs."""


def notes_vs_truth(
    notes_key: str, truth_key: str, source: str = "notes", **fmt: object
) -> DeltaGenerator:
    """A bordered box: what the notes (or a guide, or the API docs) claim, then what
    TensorFlow does.

    The box is returned, so `with notes_vs_truth(...):` puts the live evidence inside it.
    """
    icon, says = SOURCES[source]
    box = st.container(border=True)
    box.markdown(f"{icon} **{tr(says)}** {tr(notes_key, **fmt)}")
    box.markdown(f"🔬 **{tr('common.truth')}** {tr(truth_key, **fmt)}")
    return box


# --- the quiz at the end of a page ------------------------------------------------------------


def quiz(page_key: str, questions: Sequence[Callable]) -> None:
    """Three "predict what the tape returns" questions, each a lesson function whose source is
    shown; its answer (a value, None or the exception) comes from running it, only once the
    reader opens the answer.

    Texts: `{page_key}.quiz.{n}` asks, `{page_key}.quiz.{n}.why` explains (`{answer}` is the
    live answer), for n = 1, 2, ….
    """
    st.header(tr("quiz.header"))
    st.markdown(tr("quiz.explain"))
    _questions(page_key, tuple(questions))


@st.fragment
def _questions(page_key: str, questions: tuple[Callable, ...]) -> None:
    """A fragment: opening an answer reruns only the quiz, not the page above it."""
    for number, question in enumerate(questions, 1):
        with st.container(border=True):
            st.markdown(f"**{number}.** {tr(f'{page_key}.quiz.{number}')}")
            show_source(question)
            box = lazy_expander(tr("quiz.reveal"), key=f"{page_key}.quiz.{number}.open")
            if box is None:
                continue  # not revealed: nothing runs
            with box:
                answer = _answer(question.__module__, question.__qualname__)
                show_answer(answer)
                st.markdown(tr(f"{page_key}.quiz.{number}.why", answer=answer_text(answer)))


@st.cache_data(max_entries=128, show_spinner=False)
def _answer(module: str, name: str) -> Attempt:
    """A quiz question run for real (keyed by module and name: two pages' questions may share
    a name, and Streamlit hashes a function argument by its name alone)."""
    return attempt(getattr(importlib.import_module(module), name))


@st.cache_data(max_entries=32, show_spinner=False)
def _differentiated(module: str, name: str):
    from diffexplain.core import record  # TensorFlow: imported once a page needs it

    return record.differentiated_ops(getattr(importlib.import_module(module), name))


def differentiated(lesson: Callable):
    """`record.differentiated_ops(lesson)`, cached: the lesson's result and the ops its
    gradient calls went through."""
    return _differentiated(lesson.__module__, lesson.__qualname__)


def op_sequence(op_types: Sequence[str]) -> str:
    """Op types in order, repeats folded: "AddV2 → Mul ×2 → ReadVariableOp ×4".

    >>> op_sequence(["AddV2", "Mul", "Mul", "ReadVariableOp"])
    'AddV2 → Mul ×2 → ReadVariableOp'
    """
    runs: list[list] = []
    for op_type in op_types:
        if runs and runs[-1][0] == op_type:
            runs[-1][1] += 1
        else:
            runs.append([op_type, 1])
    return " → ".join(f"{op} ×{n}" if n > 1 else op for op, n in runs) or "—"


def answer_text(answer: Attempt) -> str:
    """The answer in a sentence: the value as Python prints it, or the exception's type."""
    return answer.raised.type_name if answer.raised else format_value(answer.value)


def show_answer(answer: Attempt) -> None:
    if answer.raised is not None:
        show_raised(answer.raised)
    else:
        show_value(tr("quiz.returned"), answer.value)
