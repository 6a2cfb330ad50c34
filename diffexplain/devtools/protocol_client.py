"""A student without a browser: Streamlit's own protocol, spoken over its websocket.

One machine cannot hold a lecture's browsers: a fresh Chromium page of this app costs the
machine about 2 CPU-seconds to load and draw, so 50 of them on the two cores the benchmark
shares with the server measure the browser, not the server (each student's laptop pays that
in a real lecture). This student costs the machine almost nothing and the server what a
browser's visit costs it:

1. the page's files over HTTP: the list a real browser fetched (`load.page_files`, recorded
   once per class), so static serving is paid per student as it is in a lecture; cookies are
   kept as a browser keeps them (behind the cluster's nginx, they keep the tab on its replica);
2. the websocket at `/_stcore/stream`, with the messages the frontend sends: a
   `BackMsg.rerun_script` with the URL's query string, then, to type a function, the text
   box's new value as a `WidgetState` (the box found by its label in the page's elements);
3. the `ForwardMsg`s of each run read as the page would show them: the agreement verdict,
   exceptions and error boxes, the URL the run wrote, until `script_finished`.

A lecture page (`ProtocolStudent(url, page="gradient_tape?lang=zh")`) is asked for by its URL
path, as the frontend does (`page_name` in each rerun request), with the link's query string;
its run is ready when it finished with the page's title (an h1) and no exception or error box.
The student's own step there is the first slider moved one step (`slider_step`), as the right
arrow key moves it in a browser.

It asks for every message in full (it reports no cached messages), and relies on Streamlit's
protobufs (`streamlit.proto`), which ship with Streamlit: a change in them breaks this client,
never the app.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

VERDICT = re.compile(r"values agree|values differ")
STREAM_PATH = "/_stcore/stream"
REPLICA_HEADER = "X-Diffexplain-Replica"
"""Which replica answered, added by the cluster's nginx (`deploy/nginx.conf.template`)."""


@dataclass(frozen=True)
class SliderSeen:
    """A slider as drawn: its widget id, bounds, step and position; for a select slider, its
    options (the position is then an option's index)."""

    id: str
    label: str
    low: float
    high: float
    step: float
    position: float
    options: tuple[str, ...] = ()


@dataclass
class RunSeen:
    """What one script run put on the page, as a reader of the page would find it."""

    verdict: str = ""
    exceptions: list[str] = field(default_factory=list)
    error_boxes: list[str] = field(default_factory=list)
    text_inputs: dict[str, str] = field(default_factory=dict)
    """Label → widget id of every text box drawn."""
    sliders: list[SliderSeen] = field(default_factory=list)
    """Every slider drawn (plain and select sliders), in the order of the page."""
    title: str = ""
    """The page's first h1 (`st.title`)."""
    finished: bool = False

    @property
    def problem(self) -> str:
        """An exception or an error box on the page, in a few words ("" when none)."""
        if self.exceptions:
            return "exception on the page: " + self.exceptions[0][:160]
        if self.error_boxes:
            return "error box on the page: " + self.error_boxes[0][:160]
        return ""


def read(message: ForwardMsg, seen: RunSeen) -> None:
    """Note in `seen` what one ForwardMsg shows."""
    kind = message.WhichOneof("type")
    if kind == "page_not_found":
        seen.exceptions.append(f"page not found: {message.page_not_found.page_name}")
        return
    if kind == "script_finished":
        if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            seen.finished = True
        return
    if kind != "delta" or message.delta.WhichOneof("type") != "new_element":
        return
    element = message.delta.new_element
    shown = element.WhichOneof("type")
    if shown == "alert":
        body = element.alert.body
        if VERDICT.search(body):
            seen.verdict = VERDICT.search(body).group(0)
        if element.alert.format == element.alert.ERROR:
            seen.error_boxes.append(body)
    elif shown == "exception":
        seen.exceptions.append(f"{element.exception.type}: {element.exception.message}")
    elif shown == "text_input":
        seen.text_inputs[element.text_input.label] = element.text_input.id
    elif shown == "heading" and element.heading.tag == "h1" and not seen.title:
        seen.title = element.heading.body
    elif shown == "slider":
        drawn = element.slider
        at = drawn.value if drawn.set_value and drawn.value else drawn.default
        seen.sliders.append(
            SliderSeen(
                id=drawn.id,
                label=drawn.label,
                low=drawn.min,
                high=drawn.max,
                step=drawn.step,
                position=at[0] if at else drawn.min,
                options=tuple(drawn.options),
            )
        )


def ready_problem(seen: RunSeen) -> str:
    """Why a lecture page's run is not ready ("" when it is): it did not finish, showed an
    exception or an error box, or drew no title."""
    if not seen.finished:
        return "the run did not finish"
    if seen.problem:
        return seen.problem
    if not seen.title:
        return "no title on the page"
    return ""


def slider_step(slider: SliderSeen):
    """The slider's value one step to the right, as the right arrow key moves it (one step to
    the left from its right end): the WidgetState the frontend sends, a number array for a
    plain slider, the option's text for a select slider."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    step = slider.step or 1
    moved = (
        slider.position + step if slider.position + step <= slider.high else slider.position - step
    )
    widget = WidgetState(id=slider.id)
    if slider.options:
        widget.string_array_value.data.append(slider.options[round(moved)])
    else:
        widget.double_array_value.data.append(moved)
    return widget


def rerun_request(query_string: str, widget_states=(), page_name: str = "") -> bytes:
    """The BackMsg a page sends to run the script: its URL's query and its widgets' values;
    `page_name`, the URL path of a page other than the main one."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    if page_name:
        state.page_name = page_name
    for widget in widget_states:
        state.widget_states.widgets.append(widget)
    return message.SerializeToString()


def text_value(widget_id: str, text: str):
    """A text box's new value, as the frontend reports it when Enter is pressed."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    widget = WidgetState(id=widget_id)
    widget.string_value = text
    return widget


class ProtocolStudent:
    """One student's tab: a websocket session of the app at `url`; of the page `page` (its URL
    path and query, "gradient_tape?lang=zh") when given, else of the main page."""

    def __init__(self, url: str, page: str = "") -> None:
        self.url = url.rstrip("/")
        self.page_name, _, self.query_string = page.lstrip("/").partition("?")
        self.cookies = http.cookiejar.CookieJar()
        """As a browser keeps them: behind the cluster's nginx, the replica this tab is on."""
        self.served_by: list[str] = []
        """The replica named by each answer (the page's files, then the websocket), when
        behind the cluster's nginx; empty otherwise."""
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self._socket = None

    def fetch(self, paths: list[str]) -> int:
        """GET every path of the page, keeping cookies; bytes received."""
        received = 0
        for path in paths:
            with self._opener.open(self.url + path, timeout=60) as answer:
                received += len(answer.read())
                self._note_replica(answer.headers)
        return received

    def _note_replica(self, headers) -> None:
        replica = headers.get(REPLICA_HEADER)
        if replica:
            self.served_by.append(replica)

    async def open(self, page_files: list[str] = ()) -> RunSeen:
        """Load the page (its files, then the session) and wait for the first run's end."""
        from websockets.asyncio.client import connect

        if page_files:
            await asyncio.to_thread(self.fetch, list(page_files))
        parts = urlsplit(self.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        self._socket = await connect(
            f"{scheme}://{parts.netloc}{parts.path}{STREAM_PATH}",
            subprotocols=["streamlit"],
            origin=f"{parts.scheme}://{parts.netloc}",
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            open_timeout=60,
        )
        self._note_replica(self._socket.response.headers)
        await self._socket.send(rerun_request(self.query_string, page_name=self.page_name))
        return await self.run_seen()

    async def move_slider(self, seen: RunSeen) -> RunSeen:
        """Move the page's first slider one step (`slider_step`); the new run, seen. A page
        without a slider is simply run again."""
        moved = [slider_step(seen.sliders[0])] if seen.sliders else []
        await self._socket.send(rerun_request(self.query_string, moved, self.page_name))
        return await self.run_seen()

    async def type_function(self, seen: RunSeen, text: str, label: str = "Function") -> RunSeen:
        """Type `text` into the box labelled `label` and press Enter; the new run, seen."""
        widget = seen.text_inputs.get(label)
        if widget is None:
            raise LookupError(f"no text box labelled {label!r} on the page")
        typed = [text_value(widget, text)]
        await self._socket.send(rerun_request(self.query_string, typed, self.page_name))
        return await self.run_seen()

    async def run_seen(self) -> RunSeen:
        """Read messages until the current run has finished; what it showed."""
        seen = RunSeen()
        while not seen.finished:
            message = ForwardMsg()
            message.ParseFromString(await self._socket.recv())
            if message.WhichOneof("type") == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            read(message, seen)
        return seen

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
