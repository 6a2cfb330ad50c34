"""diffexplain: the router, and the main page (type a function, see both derivatives agree).

Run with `streamlit run streamlit_app.py`. The page shell and SymPy's derivatives appear first;
TensorFlow loads once per server while they are on screen.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

st.set_page_config(page_title="diffexplain", page_icon="🧮", layout="wide")

from diffexplain.ui.guard import run_guarded  # noqa: E402 - page config comes first
from diffexplain.ui.language import language_selector  # noqa: E402
from diffexplain.ui.lectures import LECTURES  # noqa: E402
from diffexplain.ui.persist import keep_inputs_across_pages  # noqa: E402

language = language_selector()
keep_inputs_across_pages()
lecture_pages = [
    st.Page(page.path, title=page.title_zh if language == "zh" else page.title_en, icon=page.icon)
    for page in LECTURES
    if Path(page.path).exists()
]
navigation = st.navigation(
    {
        "diffexplain": [
            st.Page(
                "pages/00_explain.py",
                title="求导对照" if language == "zh" else "Explain a function",
                icon=":material/functions:",
                default=True,
            ),
            st.Page(
                "pages/three_ways.py",
                title="求导的三种方式" if language == "zh" else "Three ways to differentiate",
                icon=":material/balance:",
            ),
        ],
        ("讲义" if language == "zh" else "Lecture"): lecture_pages,
    }
)
run_guarded(navigation.run)
