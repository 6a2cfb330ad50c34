""" "Show me the code": the standalone script for what is on screen, to read, copy or download."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from diffexplain.core.parse import InputError
from diffexplain.ui.display import lazy_expander, show_input_error
from diffexplain.ui.language import tr


@st.cache_data(max_entries=128, show_spinner=False)
def _script(text: str, point: tuple[tuple[str, object], ...], order: int, dtype: str) -> str:
    from diffexplain.teach.codegen import standalone_script

    return standalone_script(text, dict(point), order, dtype)


def code_panel(
    text: str,
    point: Mapping[str, object] | Iterable[tuple[str, object]],
    order: int,
    dtype: str,
) -> None:
    """An expander with the script (SymPy, nested tapes, both values printed) and a download,
    made only while the expander is open.

    `point` as the main page holds it: (name, typed value) pairs, or a dict.
    """
    pairs = tuple(point.items() if isinstance(point, Mapping) else point)
    box = lazy_expander(tr("code.header"), key="code.open", icon=":material/code:")
    if box is None:
        return
    with box:
        try:
            script = _script(text, pairs, int(order), dtype)
        except InputError as error:
            show_input_error(error, text)
            return
        st.markdown(tr("code.intro", dtype=dtype))
        st.download_button(
            tr("code.download"),
            script,
            file_name="diffexplain_derivatives.py",
            mime="text/x-python",
            icon=":material/download:",
            key="code.download",
        )
        st.code(script, language="python", line_numbers=True)
        st.caption(tr("code.note"))
