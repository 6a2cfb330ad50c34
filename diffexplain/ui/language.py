"""The visitor's language: chosen once in the sidebar, read by every page through `tr`.

The router (`ui/router.py`) draws `language_selector()` on every run; code run without it (a
component in a test) still works, because `current_language()` falls back to English.
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
    state (`lang`); only a click on the switch changes it (`_switched`), and every run sets the
    switch to the choice before drawing it. So a switch whose widget state was lost or reset
    (Streamlit forgets it on runs where it is not drawn) never turns a Chinese page English.
    """
    if st.session_state.get(STATE_KEY) not in LANGUAGES:
        from_url = st.query_params.get("lang")
        st.session_state[STATE_KEY] = from_url if from_url in LANGUAGES else DEFAULT_LANGUAGE
    st.session_state[SWITCH_KEY] = st.session_state[STATE_KEY]
    st.sidebar.radio(
        "Language · 语言",
        options=tuple(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=SWITCH_KEY,
        horizontal=True,
        on_change=_switched,
    )
    return current_language()


def _switched() -> None:
    """The visitor clicked the switch: remember the choice, and put it in the URL so a copied
    link opens in the language on screen."""
    chosen = st.session_state[SWITCH_KEY]
    st.session_state[STATE_KEY] = chosen
    st.query_params["lang"] = chosen


def keep_language_in_url() -> None:
    """Every page's URL says its language when it is not the default, so a link copied from any
    page (a lecture, *Three ways*, reached through the sidebar, which drops the query) opens in
    the language on screen."""
    language = current_language()
    if st.query_params.get("lang") == language:
        return
    if language != DEFAULT_LANGUAGE or "lang" in st.query_params:
        st.query_params["lang"] = language


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
