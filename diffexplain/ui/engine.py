"""The engine behind Streamlit's caches: one process-wide TensorFlow, results keyed by inputs.

Every wrapper takes plain hashable inputs and returns picklable data (never a tensor), so an
identical rerun — the same function, point, order and dtype — does no work at all.
"""

from __future__ import annotations

import streamlit as st

from diffexplain.explanation import (
    Explanation,
    Request,
    autodiff_part,
    checks_part,
    prepare,
    record_part,
    side_by_side,
    symbolic_part,
)
from diffexplain.parse import ParsedFunction, parse_function
from diffexplain.symbolic import SymbolicResult
from diffexplain.worker import pool

Point = tuple[tuple[str, str], ...]
"""A point as cache-friendly pairs (name, text as typed)."""


@st.cache_resource(show_spinner=False)
def start_sympy_workers() -> bool:
    """Start the SymPy worker processes once per server, in the background."""
    pool().warm_up()
    return True


@st.cache_resource(show_spinner=False)
def load_tensorflow() -> bool:
    """Import TensorFlow (about 5 s and 500 MB) once per server process."""
    import diffexplain.tape  # noqa: F401 - the import is the work

    return True


@st.cache_data(max_entries=512, show_spinner=False)
def parsed(text: str) -> ParsedFunction:
    return parse_function(text)


@st.cache_data(max_entries=256, show_spinner=False)
def request(text: str, point: Point, order: int, dtype: str) -> Request:
    return prepare(text, dict(point), order, dtype)


@st.cache_data(max_entries=128, show_spinner=False)
def symbolic(text: str, point: Point, order: int) -> SymbolicResult:
    return symbolic_part(request(text, point, order, "float64"))


@st.cache_data(max_entries=128, show_spinner=False)
def explanation(text: str, point: Point, order: int, dtype: str) -> Explanation:
    checked = request(text, point, order, dtype)
    return side_by_side(
        checked,
        symbolic(text, point, order),
        autodiff_part(checked),
        record_part(checked),
        checks_part(checked),
    )
