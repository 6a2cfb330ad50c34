"""Presentation mode: a page on the projector, one section at a time.

A page declares its sections once, by the text keys of their headers, and asks before each
whether to draw it:

    sections = Sections(PATH, ("tape.basic.header", "tape.scalar.header"))
    if sections.shows("tape.basic.header"):   # draws the header; False when presenting another
        ...

Outside presentation mode every section is drawn, as before. In presentation mode the sidebar
is folded away, the type is larger, and only the current section is drawn: the first `shows`
call draws the buttons to the previous and next section (← and →) and the links to the
previous and next lecture above it, and `lectures.previous_next` draws them again below it
(PageUp and PageDown, what a presenter's clicker sends). A page without sections is drawn
whole, in the larger type.

The mode is switched in the sidebar (`presentation_switch`) or by `?present=1` in the URL on a
session's first run; while it is on, the URL says `present=1` and `section=N` (from 1), so a
copied link opens the same slide. State is the session's own: `present` and `section.<path>`
in session state; `_page_run` holds the Sections the running page declared, for that run of
that session's script thread only. Nothing is shared across sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import streamlit as st

from diffexplain.ui.language import tr

PRESENT_KEY = "present"
"""Session state (and URL parameter, `?present=1`): presentation mode is on."""
SWITCH_KEY = "present_switch"
"""The sidebar toggle's own state; `present` is the choice, which survives the toggle's reset."""
SECTION_PARAM = "section"
"""URL parameter while presenting: the section on screen, counted from 1."""

PRESENT_CSS = """<style>
/* Presentation mode: every text a quarter larger than the theme's 17 px (.streamlit/config.toml).
   Streamlit sizes its type (and the space around it) in rem, so one rule on the root element
   scales text, code, tables and widgets; the page starts higher, under the folded sidebar's
   button, to give the section the room. */
html { font-size: 21px; }
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
</style>"""

APPLIED_KEY = "present.applied"
"""Session state: the mode the last run applied, to fold or unfold the sidebar on a change."""

SIDEBAR_JS = """<script>
/* The sidebar folded (or unfolded) once, as a click on its own button would. Streamlit's
   initial_sidebar_state alone gives way to a visitor's earlier click, which the browser keeps. */
setTimeout(() => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar || (bar.dataset.collapsed === "true") === FOLD) return;
  const button = FOLD
    ? document.querySelector('[data-testid="stSidebarCollapseButton"] button')
    : document.querySelector('[data-testid="stExpandSidebarButton"]');
  button?.click();
}, 300);
</script>"""
"""`FOLD` is replaced by true or false; Streamlit's data-testids and data-collapsed: if they
change, the browser test of a folded sidebar says so."""

KEYS = {"top": ("Left", "Right"), "bottom": ("PageUp", "PageDown")}
"""Keyboard shortcuts of the previous/next section buttons above and below the section: the
arrow keys, and the keys a presenter's clicker sends."""

PageLink = Callable[[str], bool]
"""Draws a link to the lecture before (or after) the page at a path; whether it drew one."""


@dataclass(frozen=True)
class _PageRun:
    sections: dict[str, Sections]
    """The Sections the running page declared, by path."""
    links: tuple[PageLink, PageLink]
    """The links to the lecture before and after a page (the router's, from `lectures`)."""


_page_run: ContextVar[_PageRun | None] = ContextVar("diffexplain_page_run", default=None)
"""Set by the router around one page run, in the script thread that runs it."""


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY, False))


def presentation_switch() -> bool:
    """Draw the sidebar's presentation toggle and apply the mode to this run: the sidebar
    folded, the larger type, the URL's `present=1`. Whether the mode is on.

    On a session's first run `?present=1` decides; afterwards only the toggle (or the exit
    button) changes it, as with the language switch."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(PRESENT_KEY) == "1"
    st.session_state[SWITCH_KEY] = st.session_state[PRESENT_KEY]
    st.sidebar.toggle(
        tr("present.toggle"), key=SWITCH_KEY, on_change=_switched, help=tr("present.help")
    )
    on = presenting()
    st.set_page_config(initial_sidebar_state="collapsed" if on else "auto")
    if on:
        st.html(PRESENT_CSS)
    if st.session_state.get(APPLIED_KEY, False) != on:  # turned on or off: fold, or unfold
        st.html(SIDEBAR_JS.replace("FOLD", "true" if on else "false"), unsafe_allow_javascript=True)
    st.session_state[APPLIED_KEY] = on
    _keep_in_url(on)
    return on


def _switched() -> None:
    _set(bool(st.session_state[SWITCH_KEY]))


def _set(on: bool) -> None:
    st.session_state[PRESENT_KEY] = on
    _keep_in_url(on)


def _keep_in_url(on: bool) -> None:
    """`present=1` in the URL while presenting (a copied link presents too); neither it nor
    `section` otherwise. Every other parameter is left as it is."""
    if on:
        if st.query_params.get(PRESENT_KEY) != "1":
            st.query_params[PRESENT_KEY] = "1"
        return
    for name in (PRESENT_KEY, SECTION_PARAM):
        if name in st.query_params:
            del st.query_params[name]


def _no_link(path: str) -> bool:
    return False


@contextmanager
def page_run(before: PageLink = _no_link, after: PageLink = _no_link) -> Iterator[None]:
    """Around one run of a page (the router's): the Sections it declares are found by path
    (`section_buttons`) until it ends; `before` and `after` draw the links to the previous and
    next lecture in the row above the section (passed in: `lectures` imports this module)."""
    token = _page_run.set(_PageRun({}, (before, after)))
    try:
        yield
    finally:
        _page_run.reset(token)


@dataclass(eq=False)
class Sections:
    path: str
    """The page file, as in `lectures.LECTURES`."""
    keys: tuple[str, ...]
    """The text keys of the sections' headers, in page order."""
    opened: bool = field(default=False, init=False)
    """This run has drawn the navigation above the first section (a page's Sections object
    lives for one run: the page script makes it anew each time)."""

    def __post_init__(self) -> None:
        run = _page_run.get()
        if run is not None:
            run.sections[self.path] = self

    @property
    def state_key(self) -> str:
        return f"section.{self.path}"

    def current(self) -> int:
        index = st.session_state.get(self.state_key, 0)
        return index if isinstance(index, int) and 0 <= index < len(self.keys) else 0

    def shows(self, key: str, header: bool = True) -> bool:
        """Whether the section `key` is drawn in this run; when it is, its header is drawn
        first (unless `header` is False: the section draws its own)."""
        if presenting() and not self.opened:
            self._open()
        drawn = not presenting() or self.keys.index(key) == self.current()
        if drawn and header:
            st.header(tr(key))
        return drawn

    def tabs(self, draws: Mapping[str, Callable[[], None]]) -> None:
        """Each section in a tab of its own, named by its header; while presenting, only the
        current one, headed, with the section buttons above and below it."""
        if not presenting():
            for tab, key in zip(st.tabs([tr(key) for key in self.keys]), self.keys, strict=True):
                with tab:
                    draws[key]()
            return
        for key in self.keys:
            if self.shows(key):
                draws[key]()
        section_buttons(self.path, "bottom")

    def _open(self) -> None:
        """Before the first section, while presenting: the section a shared link names on the
        session's first visit to the page, that section's number in the URL, and the row of
        previous/next buttons and links."""
        self.opened = True
        if self.state_key not in st.session_state:
            wanted = st.query_params.get(SECTION_PARAM, "")
            number = int(wanted) if wanted.isdigit() else 1
            st.session_state[self.state_key] = number - 1 if 1 <= number <= len(self.keys) else 0
        number = str(self.current() + 1)
        if st.query_params.get(SECTION_PARAM) != number:
            st.query_params[SECTION_PARAM] = number
        self._row("top")

    def _row(self, where: str) -> None:
        """Previous section, "n / m", next section, centred; at the top, the links to the
        previous and next lecture at either end and the exit button."""
        run = _page_run.get()
        previous_link, next_link = run.links if run else (_no_link, _no_link)
        if where == "top":
            before, middle, after, end = st.columns(
                [3.2, 4.2, 3.2, 0.6], vertical_alignment="center"
            )
            with before:
                previous_link(self.path)
            with after.container(horizontal=True, horizontal_alignment="right"):
                next_link(self.path)
            end.button(
                "",
                key="present.exit",
                icon=":material/close_fullscreen:",
                help=tr("present.exit"),
                on_click=_set,
                args=(False,),
            )
        else:
            middle = st.container()
        index, total = self.current(), len(self.keys)
        back, forward = KEYS[where]
        with middle.container(
            horizontal=True, horizontal_alignment="center", vertical_alignment="center"
        ):
            # both buttons always, greyed out at either end: they stay where the hand is
            st.button(
                tr("present.previous"),
                key=f"present.previous.{where}",
                icon=":material/chevron_left:",
                help=tr("present.previous.help"),
                shortcut=back,
                on_click=self._go,
                args=(max(index - 1, 0),),
                disabled=index == 0,
            )
            st.markdown(f"**{index + 1}** / {total}", width="content")
            st.button(
                tr("present.next"),
                key=f"present.next.{where}",
                icon=":material/chevron_right:",
                icon_position="right",
                help=tr("present.next.help"),
                shortcut=forward,
                on_click=self._go,
                args=(min(index + 1, total - 1),),
                disabled=index == total - 1,
            )

    def _go(self, index: int) -> None:
        st.session_state[self.state_key] = index
        st.query_params[SECTION_PARAM] = str(index + 1)


def section_buttons(path: str, where: str) -> bool:
    """The row of section buttons of the page at `path`, while presenting one that declared
    Sections in this run; whether it was drawn."""
    run = _page_run.get()
    sections = run.sections.get(path) if run else None
    if sections is None or not presenting():
        return False
    sections._row(where)
    return True
