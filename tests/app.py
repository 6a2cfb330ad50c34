"""The app as visitors get it, for AppTest: every page through the router (`streamlit_app.py`),
as in the browser — a page file run on its own would run the router itself."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
TIMEOUT = 120
"""Seconds for a run: the first one imports TensorFlow (about 5 s, more on a busy machine)."""


def app_at(page: str = "pages/00_explain.py", language: str = "en", **query: str) -> AppTest:
    """The app opened at `page` (a path such as "pages/three_ways.py"), not yet run."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = language
    at.query_params.update(query)
    return at.switch_page(page)
