"""The one place where an unexpected error stops: logged for us, a friendly message for the
visitor, never a traceback on the page."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

log = logging.getLogger("diffexplain")


def run_guarded(page: Callable[[], None]) -> None:
    """Run a page; an InputError that escaped its page and any other failure become a message.

    Streamlit's own control flow (st.stop, st.rerun) passes through untouched.
    """
    try:
        page()
    except ScriptControlException:
        raise
    except Exception as error:  # noqa: BLE001 - the whole point: nothing reaches the visitor raw
        from diffexplain.core.parse import (
            InputError,  # not at the top: SymPy would delay first paint
        )
        from diffexplain.ui.display import plain
        from diffexplain.ui.language import tr, tr_error

        if isinstance(error, InputError):
            st.error(plain(tr_error(error)), icon="✋")
            return
        log.exception("unexpected error while drawing a page")
        st.error(tr("main.error.internal"), icon="🛠️")
