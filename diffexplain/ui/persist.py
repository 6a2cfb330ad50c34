"""Inputs that survive a visit to another page, or to another section in presentation mode.

Streamlit forgets a widget's value on runs where the widget is not drawn (another page is
open, or the section holding it is not the one presented); writing the values back as plain
session state on every run keeps them for the way back: the main page's inputs and every
widget a link may carry (`url_state.OWNED`). Kept apart from `state.py` so the router can call
it without importing SymPy.
"""

from __future__ import annotations

import streamlit as st

from diffexplain.ui.url_state import OWNED

MAIN_PAGE_KEYS = ("f", "order", "dtype")
POINT_PREFIX = "at_"


def keep_inputs_across_pages() -> None:
    for key in list(st.session_state.keys()):
        if key in MAIN_PAGE_KEYS or key in OWNED or str(key).startswith(POINT_PREFIX):
            st.session_state[key] = st.session_state[key]
