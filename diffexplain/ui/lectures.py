"""The lecture pages: their order and titles, and the parts every lecture page draws alike.

`LECTURES` is the one list the router builds its navigation from. The drawing helpers keep
the pages short and uniform: the source of the lesson function that ran (`show_source`), its
result (`show_value`, `show_raised`), a "the notes say / TensorFlow actually does" box
(`notes_vs_truth`), and previous/next buttons (`previous_next`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitPageNotFoundError

from diffexplain.lessons.outcome import Raised
from diffexplain.ui.language import current_language, tr

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LecturePage:
    path: str
    """The page file, relative to the project root (as `st.Page` and `st.page_link` take it)."""
    title_en: str
    title_zh: str
    icon: str

    def title(self, language: str) -> str:
        return self.title_zh if language == "zh" else self.title_en


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
)


def lecture(path: str) -> LecturePage:
    return next(page for page in LECTURES if page.path == path)


def lecture_title(path: str) -> str:
    """The page's title in the current language, with its icon."""
    page = lecture(path)
    return f"{page.icon} {page.title(current_language())}"


def exists(page: LecturePage) -> bool:
    return (PROJECT_ROOT / page.path).is_file()


def page_link(path: str, label: str, icon: str | None = None) -> bool:
    """A link to a lecture page; False (and nothing drawn) when this run cannot route there.

    Links resolve through the router's page list, so a page run on its own (a test, or
    `streamlit run pages/…`) has no pages to link to.
    """
    try:
        st.page_link(path, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        return False
    return True


def previous_next(path: str) -> None:
    """Buttons to the nearest existing lecture before and after this one."""
    index = next(i for i, page in enumerate(LECTURES) if page.path == path)
    before = [page for page in LECTURES[:index] if exists(page)]
    after = [page for page in LECTURES[index + 1 :] if exists(page)]
    language = current_language()
    rule = st.container()  # drawn only when a link is: a page run alone has none
    left, _, right = st.columns([2, 1, 2])
    drawn = False
    if before:
        with left:
            page = before[-1]
            drawn |= page_link(page.path, tr("common.previous", title=page.title(language)), "⬅️")
    if after:
        with right:
            page = after[0]
            drawn |= page_link(page.path, tr("common.next", title=page.title(language)), "➡️")
    if drawn:
        rule.divider()


@cache
def cached(lesson: Callable) -> Callable:
    """`lesson` behind a bounded `st.cache_data`: the same parameters never run twice."""
    return st.cache_data(max_entries=64, show_spinner=False)(lesson)


def show_source(*lessons: Callable) -> None:
    """The lesson functions' source, exactly the code that ran."""
    source = "\n\n".join(inspect.getsource(lesson) for lesson in lessons)
    st.code(source, language="python", wrap_lines=True)  # never a sideways scroll


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


def notes_vs_truth(notes_key: str, truth_key: str, **fmt: object) -> DeltaGenerator:
    """A bordered box: what the notes claim, then what TensorFlow does.

    The box is returned, so `with notes_vs_truth(...):` puts the live evidence inside it.
    """
    box = st.container(border=True)
    box.markdown(f"📒 **{tr('common.notes_say')}** {tr(notes_key, **fmt)}")
    box.markdown(f"🔬 **{tr('common.truth')}** {tr(truth_key, **fmt)}")
    return box
