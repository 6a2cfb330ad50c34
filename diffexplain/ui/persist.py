"""Inputs that survive a visit to another page.

Streamlit forgets a widget's value on runs where the widget is not drawn (another page is
open); writing the values back as plain session state on every run keeps them for the way back.
Kept apart from `state.py` so the router can call it without importing SymPy.
"""

from __future__ import annotations

import streamlit as st

MAIN_PAGE_KEYS = ("f", "order", "dtype")
POINT_PREFIX = "at_"


def keep_inputs_across_pages() -> None:
    for key in list(st.session_state.keys()):
        if key in MAIN_PAGE_KEYS or str(key).startswith(POINT_PREFIX):
            st.session_state[key] = st.session_state[key]
