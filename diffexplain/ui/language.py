"""The visitor's language: chosen once in the sidebar, read by every page through `tr`.

The router draws `language_selector()` on every run; a page run on its own (as tests do) still
works, because `current_language()` falls back to English when nothing was chosen.
"""

from __future__ import annotations

import streamlit as st

from diffexplain.text import TEXTS

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "en"
STATE_KEY = "lang"
SWITCH_KEY = "lang_switch"


def language_selector() -> str:
    """Draw the sidebar's language switch; the chosen code ("en" or "zh").

    On a session's first run a `?lang=zh` in the URL decides. The choice lives in plain session
    state (`lang`), not in the switch's widget state: Streamlit gave the switch a new identity on
    a run after a slow first one (a cold server), reset it to its first option, and a Chinese
    page turned English at the visitor's first click. Now a reset switch starts at the choice.
    """
    if st.session_state.get(STATE_KEY) not in LANGUAGES:
        from_url = st.query_params.get("lang")
        st.session_state[STATE_KEY] = from_url if from_url in LANGUAGES else DEFAULT_LANGUAGE
    codes = tuple(LANGUAGES)
    chosen = st.sidebar.radio(
        "Language · 语言",
        options=codes,
        index=codes.index(st.session_state[STATE_KEY]),
        format_func=LANGUAGES.__getitem__,
        key=SWITCH_KEY,
        horizontal=True,
    )
    if chosen != st.session_state[STATE_KEY]:
        st.session_state[STATE_KEY] = chosen
        st.query_params["lang"] = chosen  # so a copied link opens in the language on screen
    return current_language()


def _run_through_the_router() -> None:
    """Send a page run that bypassed `streamlit_app.py` back through it.

    With a `pages/` folder, Streamlit runs a deep link's file on its own (its own page list, no
    language switch, English) until some run on the server has called `st.navigation`: a shared
    `/three_ways?lang=zh` opened first after a restart showed the English page. Clearing that
    flag and rerunning makes the router, and so the chosen language, take over at once.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_run_through_the_router()  # once per server process: the first import of this module


def current_language() -> str:
    """The chosen language code; English when none was chosen (or an unknown one was set)."""
    code = st.session_state.get(STATE_KEY, DEFAULT_LANGUAGE)
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **fmt: object) -> str:
    """The text for `key` in the current language, with `fmt` filled into its {fields}.

    A key missing from a translation shows the English text, and a key missing everywhere
    shows the key itself: a page never fails over a string.
    """
    text = TEXTS[current_language()].get(key) or TEXTS[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**fmt) if fmt else text


def tr_error(error) -> str:
    """A refusal (`parse.InputError`) in the current language; its English message when it
    carries no key to translate."""
    return error.words(TEXTS[current_language()])
