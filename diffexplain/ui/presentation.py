"""Presentation mode: a page on the projector, one section at a time.

A page declares its sections once, by the text keys of their headers, and asks before each
whether to draw it:

    sections = Sections(PATH, ("tape.basic.header", "tape.scalar.header"))
    if sections.shows("tape.basic.header"):   # draws the header; False when presenting another
        ...

Outside presentation mode every section is drawn, as before. In presentation mode only the
current one is, with previous/next buttons. The state is the session's own (`present`,
`section.<path>` in session state); nothing is shared across sessions.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from diffexplain.ui.language import tr

PRESENT_KEY = "present"
"""Session state (and URL parameter, `?present=1`): presentation mode is on."""


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY, False))


@dataclass(frozen=True)
class Sections:
    path: str
    """The page file, as in `lectures.LECTURES`."""
    keys: tuple[str, ...]
    """The text keys of the sections' headers, in page order."""

    @property
    def state_key(self) -> str:
        return f"section.{self.path}"

    def current(self) -> int:
        index = st.session_state.get(self.state_key, 0)
        return index if isinstance(index, int) and 0 <= index < len(self.keys) else 0

    def shows(self, key: str, header: bool = True) -> bool:
        """Whether the section `key` is drawn in this run; when it is, its header is drawn
        first (unless `header` is False: the section draws its own)."""
        drawn = not presenting() or self.keys.index(key) == self.current()
        if drawn and header:
            st.header(tr(key))
        return drawn
