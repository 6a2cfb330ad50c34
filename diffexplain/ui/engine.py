"""The engine behind Streamlit's caches: one process-wide TensorFlow, results keyed by inputs.

Every wrapper takes plain hashable inputs and returns picklable data (never a tensor), so an
identical rerun — the same function, point, order and dtype — does no work at all.

What lives across sessions (one server process serves a whole class), and what keeps it safe:

- `st.cache_data` results (vector-valued functions' too), here and in every panel and page
  (`ui/steps_panel`, `ui/plots_panel`,
  `ui/multivariable_panel`, `ui/code_panel`, `ui/lectures.cached`, `pages/three_ways`,
  `ui/answer_panel.checked` (answer verdicts), `ui/practice.outcome_of` (what a generated
  snippet returned)): each
  bounded by `max_entries`; Streamlit computes a key once while other sessions asking for it
  wait on its per-key lock, and hands every reader its own unpickled copy, so no session can
  change another's. Only plain data goes in: never a tensor, a tape or a figure.
- `st.cache_resource`: `start_sympy_workers` and `load_tensorflow`, run once per process.
- The SymPy worker pool (`worker.pool()`), made once under a lock: a worker is taken from an
  idle queue, so one thread at a time talks to a process; a dead worker costs only its call.
- `vector._explained` (the CLI's cache of Jacobians): frozen results behind a lock.
- `explanation._derivations`: derivatives per function, bounded, behind its own lock; and
  `explanation._explain_once`, an `lru_cache` of frozen Explanations (immutable, so shareable).
- `record._traces` (16, under a lock): traced graphs, finalized (read-only) after tracing, each
  with a `tf.compat.v1.Session`, whose `run` TensorFlow allows from many threads; a trace the
  deadline cut short is not kept. `modes.traced_mode_ops` keeps graphs the same way.
- The gradient hook (`tape.watched`), installed once under a lock: each thread's deadline and
  gradient observer live in a thread-local, so one visitor's deadline never stops another's
  tapes.
- TensorFlow's eager context and thread pools (sized by `cpu_budget`): thread-safe; each
  tape belongs to the thread that opened it. SymPy's own cache: an `lru_cache`, thread-safe.
- matplotlib: figures are made with `Figure(...)`, never pyplot's global state, so Streamlit's
  `plt.close("all")` after another session's run cannot close them mid-draw.
"""

from __future__ import annotations

import gc

import streamlit as st

from diffexplain.core import worker
from diffexplain.core.budget import Deadline
from diffexplain.core.explanation import (
    Explanation,
    Request,
    autodiff_part,
    checks_part,
    prepare,
    record_part,
    refuse_oversized,
    side_by_side,
    symbolic_part,
)
from diffexplain.core.parse import ParsedFunction, ParsedVector, parse_function, parse_vector
from diffexplain.core.symbolic import SymbolicResult
from diffexplain.core.vector import (
    ExactJacobian,
    VectorExplanation,
    VectorRequest,
    combine_vector,
    exact_part,
    prepare_vector,
    tape_part,
)

Point = tuple[tuple[str, str], ...]
"""A point as cache-friendly pairs (name, text as typed)."""


@st.cache_resource(show_spinner=False)
def start_sympy_workers() -> bool:
    """Start the SymPy worker processes once per server, in the background, and let a call
    whose visitor has left stop waiting (its job is killed, the worker freed)."""
    worker.check_callers_with(visitor_still_connected)
    worker.pool().warm_up()
    return True


def visitor_still_connected():
    """A check, callable from any thread, that the calling script run's session is still
    connected; None outside a Streamlit server (AppTest, the CLI): every call is wanted.

    Uses `get_script_run_ctx` and `Runtime.is_active_session` (documented thread-safe), not
    public API: if they change, calls simply run to their budget (see the README's list).
    """
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        context = get_script_run_ctx()
        if context is None or not Runtime.exists():
            return worker.always_wanted
        runtime, session_id = Runtime.instance(), context.session_id
        return lambda: runtime.is_active_session(session_id)
    except Exception:  # noqa: BLE001 - a changed private API must not break a page
        return worker.always_wanted


@st.cache_resource(show_spinner=False)
def load_tensorflow() -> bool:
    """Import TensorFlow and the modules that use it (about 5 s and 500 MB) once per server.

    Then freeze what the imports made out of the garbage collector's reach: Streamlit calls
    `keras.backend.clear_session()` after every script run, which runs a full collection; over
    TensorFlow's and SymPy's half a million objects that cost 0.25 CPU-s per run, per visitor.
    """
    import diffexplain.core.record  # noqa: F401 - the import is the work
    import diffexplain.core.tape  # noqa: F401

    gc.collect()
    gc.freeze()
    return True


@st.cache_data(max_entries=512, show_spinner=False)
def parsed(text: str) -> ParsedFunction:
    return parse_function(text)


@st.cache_data(max_entries=256, show_spinner=False)
def request(text: str, point: Point, order: int, dtype: str) -> Request:
    return prepare(text, dict(point), order, dtype)


@st.cache_data(max_entries=128, show_spinner=False)
def symbolic(
    text: str, point: Point, order: int, _deadline: Deadline | None = None
) -> SymbolicResult:
    """SymPy's part, within what is left of the page run's deadline (not part of the key: a
    refusal for want of time raises, and Streamlit caches no exception)."""
    return symbolic_part(request(text, point, order, "float64"), _deadline)


class _Incomplete(Exception):
    """Carries an Explanation whose graph the deadline cut: raised so it is not cached."""

    def __init__(self, explanation: Explanation) -> None:
        super().__init__()
        self.explanation = explanation


def explanation(
    text: str, point: Point, order: int, dtype: str, deadline: Deadline | None = None
) -> Explanation:
    """The page's Explanation, cached by its inputs unless the deadline cut its graph short
    (that says how busy the server was, not what fits: the next run tries again)."""
    try:
        return _explanation(text, point, order, dtype, deadline)
    except _Incomplete as cut:
        return cut.explanation


@st.cache_data(max_entries=128, show_spinner=False)
def _explanation(
    text: str, point: Point, order: int, dtype: str, _deadline: Deadline | None
) -> Explanation:
    checked = request(text, point, order, dtype)
    recorded = record_part(checked, _deadline)  # first: its op counts say if the tapes fit
    if recorded.size is not None:
        refuse_oversized(checked, recorded.size)
    result = side_by_side(
        checked,
        symbolic(text, point, order, _deadline),
        autodiff_part(checked, recorded.size, _deadline),
        recorded,
        checks_part(checked),
        _deadline,
    )
    if not result.complete:
        raise _Incomplete(result)
    return result


# --- vector-valued functions: [f1, ..., fm] and their Jacobian --------------------------------


@st.cache_data(max_entries=256, show_spinner=False)
def parsed_vector(text: str) -> ParsedVector:
    return parse_vector(text)


@st.cache_data(max_entries=128, show_spinner=False)
def vector_request(text: str, point: Point, dtype: str) -> VectorRequest:
    return prepare_vector(text, dict(point), dtype)


@st.cache_data(max_entries=64, show_spinner=False)
def vector_exact(text: str, point: Point, _deadline: Deadline | None = None) -> ExactJacobian:
    """SymPy's Jacobian and its values (the same for both dtypes), within the run's deadline."""
    return exact_part(vector_request(text, point, "float64"), _deadline)


@st.cache_data(max_entries=64, show_spinner=False)
def vector_explanation(
    text: str, point: Point, dtype: str, _deadline: Deadline | None = None
) -> VectorExplanation:
    checked = vector_request(text, point, dtype)
    return combine_vector(
        checked, vector_exact(text, point, _deadline), tape_part(checked, _deadline)
    )
