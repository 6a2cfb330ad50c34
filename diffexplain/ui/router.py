"""The router: the page list, the language switch, and one guard around every page.

`streamlit_app.py` calls `run_app()`; every page file starts with `through_the_router()`.

Why the second call: with a `pages/` folder beside the main script, Streamlit runs a shared
deep link (`/three_ways?lang=zh`) that is a fresh server's first visit as the page file alone
(its own page list, no language switch, English), until some run on the server has called
`st.navigation`. A page that finds itself outside the router runs the router itself — which
calls `st.navigation` (public API), so every later run on the server goes through
`streamlit_app.py` — and stops there. Nothing happens at import time.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import partial

import streamlit as st

from diffexplain.core.cpu_budget import size_tensorflow_pools
from diffexplain.ui import url_state
from diffexplain.ui.display import fit_text
from diffexplain.ui.guard import run_guarded
from diffexplain.ui.language import keep_language_in_url, language_selector
from diffexplain.ui.lectures import LECTURES, exists, next_link, previous_link
from diffexplain.ui.persist import keep_inputs_across_pages
from diffexplain.ui.presentation import page_run, presentation_switch

MAIN_PAGE = "pages/00_explain.py"
THREE_WAYS_PAGE = "pages/three_ways.py"
PRACTICE_PAGE = "pages/practice.py"
CHECK_PAGE = "pages/check_answer.py"

_routed: ContextVar[bool] = ContextVar("diffexplain_routed", default=False)
"""True while the router runs a page, in the script thread that runs it (one per session)."""


def navigation(language: str) -> st.navigation:
    """The sidebar's page list in `language`: the main page first, then the course notes'
    lectures, then the pages on TensorFlow's guides (a section without pages is left out).

    Always fully expanded: by default Streamlit shows ten of more than twelve pages behind a
    "View more" button, which would hide the guides' whole section."""
    zh = language == "zh"
    sections = {
        "diffexplain": [
            st.Page(
                MAIN_PAGE,
                title="求导对照" if zh else "Explain a function",
                icon=":material/functions:",
                default=True,
            ),
            st.Page(
                THREE_WAYS_PAGE,
                title="求导的三种方式" if zh else "Three ways to differentiate",
                icon=":material/balance:",
            ),
            st.Page(
                CHECK_PAGE,
                title="检查我的答案" if zh else "Check my answer",
                icon=":material/task_alt:",
            ),
            st.Page(
                PRACTICE_PAGE,
                title="练习" if zh else "Practice",
                icon=":material/exercise:",
            ),
        ],
    }
    for part, title_en, title_zh in (
        ("notes", "Lecture", "讲义"),
        ("guides", "TensorFlow's guides", "TensorFlow 指南"),
    ):
        pages = [
            st.Page(page.path, title=page.title(language), icon=page.icon)
            for page in LECTURES
            if page.part == part and exists(page)
        ]
        if pages:
            sections[title_zh if zh else title_en] = pages
    return st.navigation(sections, expanded=True)


def run_app() -> None:
    """One run of the app: page config, language switch, presentation toggle, page list, the
    chosen page."""
    st.set_page_config(page_title="diffexplain", page_icon="🧮", layout="wide")
    size_tensorflow_pools()  # before any page imports TensorFlow; nothing once it has
    fit_text()  # labels and values wrap rather than end in "…" on a projector
    language = language_selector()
    keep_language_in_url()
    presentation_switch()  # the sidebar folded and the type larger while presenting
    keep_inputs_across_pages()
    page = navigation(language)
    url_state.restore(page.url_path)  # a shared link's widget values, before the page draws
    token = _routed.set(True)
    try:
        with page_run(partial(previous_link, short=True), partial(next_link, short=True)):
            run_guarded(page.run)  # a page's Sections find their buttons and links through it
    finally:
        _routed.reset(token)
    url_state.save(page.url_path)  # not after st.stop(): the next full run writes the URL


def through_the_router() -> None:
    """First line of every page file: outside the router, run the router instead, then stop.

    Inside the router (every run but a deep link on a fresh server) this does nothing.
    """
    if _routed.get():
        return
    run_app()
    st.stop()
