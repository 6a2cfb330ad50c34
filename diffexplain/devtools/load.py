"""A lecture's worth of load: a class opens the app's link in the same minute, then each student
types a function of their own. What does a visit cost the server, and does every page work?

    python -m diffexplain.devtools.load                         # 20 students, a cold server
    python -m diffexplain.devtools.load --sessions 60 --runs 3  # three cold servers in a row
    python -m diffexplain.devtools.load --sessions 50 --server-cores 1 --json out.json
    python -m diffexplain.devtools.load --replicas 2 --sessions 60  # a cold cluster, nginx
    python -m diffexplain.devtools.load --visits                # cost of one visit, step by step
    python -m diffexplain.devtools.load --sessions 50 --page "gradient_tape?lang=zh"  # a lecture
    python -m diffexplain.devtools.load --url https://host/ --server-pid 1234,1240  # deployed

A class run starts a cold server (`streamlit run` in its own process group on a free loopback
port), or a cold cluster (`--replicas`, `diffexplain.serving.cluster`), unless given `--url`,
and lets every student at once: open the main page and wait for the agreement verdict and the
end of the page's run, then type their own function (`FUNCTIONS[i % len(FUNCTIONS)]`, none of them
an example of the page) and press Enter, and wait for the new verdict. `--browsers` of them
(4 by default) do it in Chromium, one browser context each; the others without a browser
(`protocol_client`: the page's files, then Streamlit's own protocol), because 50 Chromium
pages would cost this machine more CPU than the server under test. A student who sees an
exception or an error box, gets no verdict within `STUDENT_SECONDS`, or whose browser fails,
is an error; any error makes the exit status 1.

`--page` opens a lecture page's link instead (`gradient_tape?lang=zh`, as a lecturer shares
it): each student waits until the page is ready (its run ended, its title shown, no exception
or error box), then moves the page's first slider one step (the right arrow key in Chromium,
the slider's next value over the protocol), which costs the server a rerun, and waits until
the page is ready again with the slider's new value in its URL.

The server's cost comes from /proc, for its whole process group (Streamlit and its SymPy
worker processes): CPU-seconds (utime + stime of every live process, plus cutime + cstime,
which hold the children already reaped, such as killed workers) and the peak of the group's
resident memory, sampled every `RSS_INTERVAL` seconds. After the last student finishes, with
every page still open, the server's CPU over `IDLE_SECONDS` shows what open pages cost when
nobody types.

`--visits` measures one student at a time on a fresh server: a first (cold) visit, the idle
after it, a repeat visit of the same page, a new one-variable function at order 2, and the
idle after that, each against its goal (PASS/MISS, never asserted); then where a page run's
CPU goes, panel by panel (`page_profile`).

Nothing runs on import: Playwright is imported only when a browser is launched.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote, quote_plus

from diffexplain.serving.server import BROWSER_ARGS, CHROMIUM, running_server

CLASS_BROWSER_ARGS = [
    *BROWSER_ARGS,
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
"""Every student's page as the tab in front: Chromium throttles the timers and frames of pages
it thinks are in the background, and of 50 pages in one browser all but one are; in a lecture
each student's own tab is in front of them."""

FUNCTIONS = (
    "x^3 - 2x",
    "log(1 + x^2)",
    "tanh(x)^2",
    "sqrt(1 + x^2)",
    "exp(-x^2/2)",
    "atan(x)/x",
    "cos(x)^3 sin(x)",
    "erf(x)",
    "(x+1)(x-1)/(x^2+3)",
    "asinh(x)",
    "x^5 - 3x^3 + x",
    "x^2 log(x)",
    "sin(x y) + exp(x - y)",
    "1/(1 + exp(-x))",
    "abs(x) x",
    "relu(x) + x^2",
    "x^4 - x",
    "cosh(x)/x",
    "log(x^2+1)*x",
    "exp(sin(x))",
    "x/(1+x^2)",
    "atan(2x)",
    "sqrt(x^2+y^2)",
    "x^2 y - y^3",
    "exp(x) cos(y)",
    "sin(x)/x",
    "tan(x) + x",
    "log(x + sqrt(x^2 + 1))",
    "x e^(-x)",
    "sin(2x) cos(3x)",
    "(x - y)^2 + x y",
    "1/sqrt(x^2 + y^2 + 1)",
    "sinh(x) - x",
    "acos(x/2)",
    "sigmoid(3x - 1)",
)
"""What the students type: one and two variables, none of them the page's default or one of
its examples (`diffexplain.ui.state.PRESETS`), so every student's function is new to the server."""

VISIT_FUNCTION = "x^3*cos(x)"
"""The new one-variable function of `--visits` (typed at the page's default order, 2)."""

MAX_SESSIONS = 200
"""A lecture is 30 to 60 students; more find where one server or a cluster gives up."""
DEFAULT_BROWSERS = 4
"""Students in real Chromium pages in a class; the rest use `protocol_client`. A fresh page of
the app costs Chromium about 2 CPU-seconds, which each student's own laptop pays in a lecture
but which 50 pages would take from the server on this machine's two cores."""
STUDENT_SECONDS = 120.0
"""Longest wait of one student for one verdict (after opening, after pressing Enter)."""
IDLE_SECONDS = 10.0
RSS_INTERVAL = 0.2
GRACE_MS = 400
"""Pause before waiting for the run to end: a run may not have started yet."""
VIEWPORT = {"width": 1280, "height": 900}

GOALS = {"repeat_visit": 0.3, "new_function": 1.0, "idle": 0.2}
"""CPU-seconds a visit may cost the server (issue 8's goals for a class)."""

MAIN_PAGE = ""
"""`--page`'s default: the main page, with its verdict and a function to type."""
SLIDER_STEP = "first slider →"
"""A lecture page's student action, in place of a function in the report."""

VERDICT = re.compile(r"values agree|values differ")
EXCEPTION = '[data-testid="stException"]'
ERROR_BOX = '[data-testid="stAlertContentError"]'
STATUS = '[data-testid="stStatusWidget"]'
TITLE = '[data-testid="stHeading"] h1'
SLIDER = '[data-testid="stSlider"] [role="slider"]'
RUN_ENDED = """() => ["notRunning", "compilationError"].includes(
    document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState)"""
"""Whether the page's script run has ended, from the state Streamlit keeps on its root element.
The status widget alone is not enough: Streamlit draws it only after 0.5 s of running, and on
this app's pages (minimal toolbar) not at all, so its absence says nothing."""


# ---------------------------------------------------------------- the server's cost, from /proc


def _stat_fields(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (which may hold spaces and
    parentheses): index 0 is the state (field 3 in proc(5)), so field n is at index n - 3."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def process_group_pids(pgid: int) -> list[int]:
    """Every live process whose process group is `pgid` (the group's leader included)."""
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):  # it ended meanwhile
            if int(_stat_fields(int(entry.name))[2]) == pgid:
                pids.append(int(entry.name))
    return sorted(pids)


def cpu_seconds(pids: Collection[int]) -> float:
    """CPU time of these processes and of their children already waited for (utime, stime,
    cutime, cstime), in seconds; processes that ended meanwhile count nothing."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = _stat_fields(pid)
            ticks += sum(int(fields[n - 3]) for n in (14, 15, 16, 17))
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_bytes(pids: Collection[int]) -> int:
    """Resident memory of these processes together (VmRSS; zombies and ended ones count 0)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
    return total


class GroupMeter:
    """The CPU and memory of the server's process groups (one, or a cluster's replicas and
    nginx), their memory's peak sampled in a thread. `groups` is called at every reading: a
    replica restarted by the cluster is a new group."""

    def __init__(self, groups: Callable[[], Collection[int]], interval: float = RSS_INTERVAL):
        self.groups = groups
        self.interval = interval
        self.peak_rss = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="rss-sampler", daemon=True)

    def pids(self) -> list[int]:
        return [pid for group in self.groups() for pid in process_group_pids(group)]

    def cpu(self) -> float:
        return cpu_seconds(self.pids())

    def _sample(self) -> None:
        while not self._stop.is_set():
            pids = self.pids()
            self.peak_rss = max(self.peak_rss, rss_bytes(pids))
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop.wait(self.interval)

    def __enter__(self) -> GroupMeter:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# ---------------------------------------------------------------------------- results


@dataclass
class Student:
    """One student's visit: seconds to each verdict, or the reason it failed."""

    index: int
    function: str
    browser: bool = True
    """In a Chromium page; False: a `protocol_client.ProtocolStudent` (no browser)."""
    replicas: list[str] = field(default_factory=list)
    """Behind the cluster's nginx: the replicas that answered this student, each once, in the
    order seen (one, when affinity holds)."""
    open_seconds: float | None = None
    """From `goto` to the first verdict on the page (a lecture page: to the page ready)."""
    open_complete_seconds: float | None = None
    """From `goto` to the end of the page's run (the status widget gone)."""
    enter_seconds: float | None = None
    """From pressing Enter to the new verdict with the run complete (a lecture page: from
    moving the slider to the page ready again)."""
    goto_at: float | None = None
    """Seconds from the start of the class to this student's `goto` (after the browser made
    their page)."""
    done_at: float | None = None
    """Seconds from the start of the class to the end of this student's last wait."""
    stage: str = "waiting"
    error: str = ""


@dataclass
class ServerCost:
    """CPU-seconds and memory of the server's process group; None where not measured."""

    measured: bool
    startup_cpu: float | None = None
    class_cpu: float | None = None
    cpu_per_student: float | None = None
    idle_cpu: float | None = None
    idle_seconds: float = IDLE_SECONDS
    peak_rss_mb: float | None = None
    peak_processes: int | None = None


@dataclass
class ClassRun:
    """One class: every student, the server's cost, what the server's log says went wrong."""

    url: str
    sessions: int
    cold: bool
    replicas: int | None
    """A cluster of that many replicas behind nginx; None: one server."""
    wall_seconds: float
    students: list[Student]
    cost: ServerCost
    server_cores: list[int] | None = None
    browser_cpu: float | None = None
    """CPU-seconds of Chromium and Playwright's driver over the whole class (idle included):
    what the students' side took from the same machine."""
    browsers: int = 0
    """Students in Chromium pages; the others spoke Streamlit's protocol (`protocol_client`)."""
    page_files: int = 0
    """Files each student without a browser fetched, as a browser did."""
    page: str = MAIN_PAGE
    """The page the class opened (URL path and query); "" for the main page."""
    log_problems: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Student]:
        return [s for s in self.students if s.error]


@dataclass
class VisitCosts:
    """`--visits`: the server's CPU-seconds for each step of one student's visit."""

    url: str
    first_visit: float | None = None
    first_visit_seconds: float | None = None
    idle_after_first: float | None = None
    repeat_visit: float | None = None
    repeat_visit_seconds: float | None = None
    new_function: float | None = None
    new_function_seconds: float | None = None
    idle_after_new: float | None = None
    idle_seconds: float = IDLE_SECONDS
    error: str = ""
    log_problems: dict[str, int] = field(default_factory=dict)


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (`share` in 0..1) of the values, None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def log_problems(text: str) -> dict[str, int]:
    """Exception lines of a server log (`NameError: …`), each with how often it appears."""
    found = Counter(
        line.strip()[:200]
        for line in text.splitlines()
        if re.match(r"^\s*[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b:?", line)
    )
    return dict(found.most_common())


# ---------------------------------------------------------------------------- one student


class PageFailed(Exception):
    """The page showed an exception or an error box."""


async def _page_problem(page) -> str:
    """What is wrong on the page ('' when nothing): an exception or an error box, in short."""
    for selector, kind in ((EXCEPTION, "exception"), (ERROR_BOX, "error box")):
        shown = page.locator(selector)
        if await shown.count():
            text = " ".join((await shown.first.inner_text()).split())
            return f"{kind} on the page: {text[:160]}"
    return ""


async def _settle(page) -> None:
    """Until the run the page is doing has finished (the status widget gone, the app's script
    state no longer running)."""
    await page.wait_for_timeout(GRACE_MS)
    await page.locator(STATUS).wait_for(state="detached")
    await page.wait_for_function(RUN_ENDED, polling=100)


async def _verdict(page) -> None:
    """Until the verdict is on the page; PageFailed as soon as an exception or error box is."""
    sign = page.get_by_text(VERDICT).or_(page.locator(EXCEPTION)).or_(page.locator(ERROR_BOX))
    await sign.first.wait_for()
    problem = await _page_problem(page)
    if problem:
        raise PageFailed(problem)


def _shows_function(address: str, function: str) -> bool:
    return "f=" + quote(function, safe="") in address or "f=" + quote_plus(function) in address


async def _open(page, url: str, marks: dict[str, float] | None = None) -> tuple[float, float]:
    """Open the page: seconds to its verdict and to the end of its run. `marks` gets the
    monotonic time of each step reached ("goto", "verdict", "ended")."""
    marks = {} if marks is None else marks
    marks["goto"] = time.monotonic()
    await page.goto(url)
    await _verdict(page)
    marks["verdict"] = time.monotonic()
    await _settle(page)
    await _verdict(page)
    marks["ended"] = time.monotonic()
    return marks["verdict"] - marks["goto"], marks["ended"] - marks["goto"]


async def _type(page, function: str, marks: dict[str, float] | None = None) -> float:
    """Type a function and press Enter: seconds to the new verdict with the run complete.
    `marks` gets the monotonic time of each step reached ("enter", "started", "ended")."""
    marks = {} if marks is None else marks
    box = page.get_by_label("Function", exact=True)
    await box.fill(function)
    marks["enter"] = time.monotonic()
    await box.press("Enter")
    # the page writes the function into the URL early in its run, then computes
    await page.wait_for_url(lambda address: _shows_function(address, function))
    marks["started"] = time.monotonic()
    await _settle(page)
    await _verdict(page)
    marks["ended"] = time.monotonic()
    return marks["ended"] - marks["enter"]


def page_address(url: str, page: str) -> str:
    """The address a student opens: the app's `url`, or its page `page` (path and query)."""
    return f"{url.rstrip('/')}/{page}" if page else url


def page_argument(text: str) -> str:
    """`--page`'s value: a URL path with its query, relative to the app ("gradient_tape?lang=zh",
    a leading slash dropped; "" or "/" for the main page); not a whole address, not a
    fragment."""
    page = text.strip().lstrip("/")
    if not page:
        return MAIN_PAGE
    if "://" in page or "#" in page or page.startswith("?") or " " in page:
        raise argparse.ArgumentTypeError(
            f"give a page's URL path and query, such as gradient_tape?lang=zh, not {text!r}"
        )
    return page


async def _ready(page) -> None:
    """Until the lecture page is ready: its run ended, its title shown; PageFailed if an
    exception or an error box is on it."""
    await _settle(page)
    problem = await _page_problem(page)
    if problem:
        raise PageFailed(problem)
    await page.locator(TITLE).first.wait_for()


async def _open_lecture(page, url: str, marks: dict[str, float] | None = None) -> float:
    """Open a lecture page: seconds to it ready. `marks` gets "goto" and "ready"."""
    marks = {} if marks is None else marks
    marks["goto"] = time.monotonic()
    await page.goto(url)
    await _ready(page)
    marks["ready"] = time.monotonic()
    return marks["ready"] - marks["goto"]


async def _step_slider(page, marks: dict[str, float] | None = None) -> float:
    """Move the page's first slider one step with the arrow keys (left from its right end):
    seconds to the page ready again, its URL holding the new value. A page without a slider
    is run again ("r"). `marks` gets "enter", "started" and "ended"."""
    marks = {} if marks is None else marks
    sliders = page.locator(SLIDER)
    before = page.url
    if await sliders.count():
        slider = sliders.first
        at_end = await slider.get_attribute("aria-valuenow") == await slider.get_attribute(
            "aria-valuemax"
        )
        await slider.focus()
        marks["enter"] = time.monotonic()
        await slider.press("ArrowLeft" if at_end else "ArrowRight")
        # the router writes the slider's new value into the URL at the end of the run
        await page.wait_for_url(lambda address: address != before)
    else:
        marks["enter"] = time.monotonic()
        await page.keyboard.press("r")
    marks["started"] = time.monotonic()
    await _ready(page)
    marks["ended"] = time.monotonic()
    return marks["ended"] - marks["enter"]


def _late(stage: str, marks: dict[str, float], lecture: str = MAIN_PAGE) -> str:
    """Why a student's wait of `STUDENT_SECONDS` ran out, from the steps it reached."""
    limit = f"{STUDENT_SECONDS:g} s"
    if stage == "opening" and lecture:
        return f"opening: the page not ready (run ended, title shown) within {limit}"
    if stage == "moving the slider":
        if "started" not in marks:
            return f"moving the slider: no new value in the URL within {limit}"
        return f"moving the slider: the page not ready again within {limit}"
    if stage == "opening":
        if "verdict" not in marks:
            return f"opening: no verdict within {limit}"
        seconds = marks["verdict"] - marks["goto"]
        return f"opening: verdict after {seconds:.0f} s, but the run had not ended after {limit}"
    if "enter" not in marks:
        return f"typing: the browser could not fill in the function box within {limit}"
    if "started" not in marks:
        return f"typing: no run for the new function within {limit} of Enter (URL unchanged)"
    return f"typing: no verdict with the run ended within {limit} of Enter"


async def _new_page(browser):
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.set_default_timeout(STUDENT_SECONDS * 1000)
    return page


async def _student(
    browser, url: str, student: Student, origin: float, lecture: str = MAIN_PAGE
) -> None:
    """One student: open the page, then type their own function (a `lecture` page: open it,
    then move its first slider). Fills in `student` (times from `origin`, the start of the
    class); the page stays open (students keep their tab) until the browser closes."""
    from playwright.async_api import Error as PlaywrightError

    opened: dict[str, float] = {}
    typed: dict[str, float] = {}
    try:
        student.stage = "opening"
        page = await _new_page(browser)
        page.on("response", lambda response: _note_replica(student, response.headers))
        if lecture:
            async with asyncio.timeout(STUDENT_SECONDS):
                seconds = await _open_lecture(page, page_address(url, lecture), opened)
            student.open_seconds = student.open_complete_seconds = seconds
            student.stage = "moving the slider"
            async with asyncio.timeout(STUDENT_SECONDS):
                student.enter_seconds = await _step_slider(page, typed)
            student.stage = "done"
            return
        async with asyncio.timeout(STUDENT_SECONDS):
            student.open_seconds, student.open_complete_seconds = await _open(page, url, opened)
        student.stage = "typing"
        async with asyncio.timeout(STUDENT_SECONDS):
            student.enter_seconds = await _type(page, student.function, typed)
        student.stage = "done"
    except PageFailed as failure:
        student.error = f"{student.stage}: {failure}"
    except TimeoutError:
        student.error = _late(
            student.stage, typed if student.stage != "opening" else opened, lecture
        )
    except PlaywrightError as failure:
        if "Timeout" in type(failure).__name__:
            student.error = _late(
                student.stage, typed if student.stage != "opening" else opened, lecture
            )
        else:
            student.error = f"{student.stage}: browser: {_first_line(failure)}"
    except Exception as failure:  # a bug here must count as an error, not end the class
        student.error = f"{student.stage}: {type(failure).__name__}: {_first_line(failure)}"
    finally:
        student.done_at = round(time.monotonic() - origin, 2)
        if "goto" in opened:
            student.goto_at = round(opened["goto"] - origin, 2)
        if student.open_seconds is None and "verdict" in opened and not lecture:
            student.open_seconds = opened["verdict"] - opened["goto"]


def _note_replica(student: Student, headers) -> None:
    """Note the replica named in an answer's headers (behind the cluster's nginx)."""
    from diffexplain.devtools.protocol_client import REPLICA_HEADER

    replica = headers.get(REPLICA_HEADER.lower()) or headers.get(REPLICA_HEADER)
    if replica and replica not in student.replicas:
        student.replicas.append(replica)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else type(error).__name__


async def _protocol_student(
    url: str,
    student: Student,
    origin: float,
    files: list[str],
    tabs: list,
    lecture: str = MAIN_PAGE,
) -> None:
    """One student without a browser (`protocol_client`): the page's files, the session, the
    verdict; then their own function (a `lecture` page: ready, then its first slider moved).
    The session stays open in `tabs` (their tab)."""
    from diffexplain.devtools.protocol_client import ProtocolStudent

    tab = ProtocolStudent(url, lecture)
    tabs.append(tab)
    started = time.monotonic()
    student.goto_at = round(started - origin, 2)
    try:
        student.stage = "opening"
        if lecture:
            await _protocol_lecture(tab, student, started, files)
            return
        async with asyncio.timeout(STUDENT_SECONDS):
            seen = await tab.open(files)
        student.open_seconds = student.open_complete_seconds = time.monotonic() - started
        _check(seen, "no verdict when the run ended")
        student.stage = "typing"
        entered = time.monotonic()
        async with asyncio.timeout(STUDENT_SECONDS):
            seen = await tab.type_function(seen, student.function)
        student.enter_seconds = time.monotonic() - entered
        _check(seen, "no verdict for the new function when its run ended")
        if not _shows_function("?" + tab.query_string, student.function):
            raise PageFailed("the run did not write the new function into the URL")
        student.stage = "done"
    except PageFailed as failure:
        student.error = f"{student.stage}: {failure}"
    except TimeoutError:
        student.error = f"{student.stage}: no end of the run within {STUDENT_SECONDS:g} s"
    except Exception as failure:  # a bug here must count as an error, not end the class
        student.error = f"{student.stage}: {type(failure).__name__}: {_first_line(failure)}"
    finally:
        student.done_at = round(time.monotonic() - origin, 2)
        for replica in tab.served_by:
            if replica not in student.replicas:
                student.replicas.append(replica)


async def _protocol_lecture(tab, student: Student, started: float, files: list[str]) -> None:
    """A lecture page over the protocol: ready (`protocol_client.ready_problem`), then the first
    slider one step on, ready again with the URL changed."""
    from diffexplain.devtools.protocol_client import ready_problem

    async with asyncio.timeout(STUDENT_SECONDS):
        seen = await tab.open(files)
    student.open_seconds = student.open_complete_seconds = time.monotonic() - started
    if ready_problem(seen):
        raise PageFailed(ready_problem(seen))
    student.stage = "moving the slider"
    before, entered = tab.query_string, time.monotonic()
    async with asyncio.timeout(STUDENT_SECONDS):
        moved = await tab.move_slider(seen)
    student.enter_seconds = time.monotonic() - entered
    if ready_problem(moved):
        raise PageFailed(ready_problem(moved))
    if seen.sliders and tab.query_string == before:
        raise PageFailed("the run did not write the slider's new value into the URL")
    student.stage = "done"


def _check(seen, missing: str) -> None:
    if seen.problem:
        raise PageFailed(seen.problem)
    if not seen.verdict:
        raise PageFailed(missing)


async def page_files(url: str, lecture: str = MAIN_PAGE) -> list[str]:
    """Paths of the files a real browser fetched from the app to show its main page, or its
    `lecture` page (HTML, scripts, styles, fonts: about 150 of them, answered 200): what each
    student without a browser fetches."""
    fetched: list[str] = []
    async with _browser() as browser:
        page = await _new_page(browser)
        origin = url.rstrip("/")

        def note(response) -> None:
            request = response.request
            if response.ok and request.method == "GET" and request.url.startswith(origin):
                path = request.url[len(origin) :] or "/"
                # the app's own files; /media/ holds one server's per-session data
                if not path.startswith(("/_stcore/", "/media/")) and path not in fetched:
                    fetched.append(path)

        page.on("response", note)
        if lecture:
            await _open_lecture(page, page_address(url, lecture))
        else:
            await _open(page, url)
    return fetched


# ---------------------------------------------------------------------------- a class


@contextlib.asynccontextmanager
async def _browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CLASS_BROWSER_ARGS
        )
        try:
            yield browser
        finally:
            await browser.close()


def _cpu(meter: GroupMeter | None) -> float | None:
    return meter.cpu() if meter is not None else None


def _minus(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else round(after - before, 3)


async def _class(
    url: str,
    sessions: int,
    seconds: float,
    idle_seconds: float,
    meter: GroupMeter | None,
    browsers: int,
    files: list[str],
    lecture: str = MAIN_PAGE,
) -> tuple[list[Student], dict]:
    students = [
        Student(i, SLIDER_STEP if lecture else FUNCTIONS[i % len(FUNCTIONS)], browser=i < browsers)
        for i in range(sessions)
    ]
    tabs: list = []  # the sessions of the students without a browser, open to the end
    async with _browser() as browser:
        before = _cpu(meter)
        started = time.monotonic()
        tasks = [
            asyncio.create_task(
                _student(browser, url, s, started, lecture)
                if s.browser
                else _protocol_student(url, s, started, files, tabs, lecture)
            )
            for s in students
        ]
        _done, late = await asyncio.wait(tasks, timeout=seconds)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        for student in students:
            if student.stage != "done" and not student.error:
                student.error = f"{student.stage}: cut off by the run's limit of {seconds:g} s"
        finished = time.monotonic()
        after = _cpu(meter)
        await asyncio.sleep(idle_seconds)  # every page still open, nobody typing
        idle = _cpu(meter)
        for tab in tabs:
            with contextlib.suppress(Exception):
                await tab.close()
    return students, {
        "wall_seconds": round(finished - started, 2),
        "class_cpu": _minus(after, before),
        "idle_cpu": _minus(idle, after) if idle_seconds else None,
    }


@contextlib.contextmanager
def _server(
    url: str | None,
    server_pids: list[int] | None,
    cores: list[int] | None,
    log: IO,
    replicas: int | None = None,
) -> Iterator[tuple[str, Callable[[], list[int]] | None]]:
    """The app's URL and a function giving its process groups now: a cold server started here,
    a cold cluster of `replicas` behind nginx (replica i on core i), or the one at `url`
    (measured only with `server_pids`)."""
    if url is not None:
        groups = [os.getpgid(pid) for pid in server_pids or ()]
        yield url.rstrip("/"), (lambda: groups) if groups else None
        return
    if replicas is not None:
        from diffexplain.serving.cluster import running_cluster

        each = [[core] for core in sorted(os.sched_getaffinity(0))]
        with running_cluster(replicas, cores=each, log=log) as cluster:
            yield cluster.url, lambda: cluster.process_groups
        return
    with running_server(180, log, cores) as (address, process):
        yield address, lambda: [process.pid]


@contextlib.contextmanager
def _log_file(path: str | None) -> Iterator[IO]:
    """Where the server writes its output: `path` (appended to) or a temporary file."""
    if path:
        with open(path, "a+b") as log:
            yield log
    else:
        with tempfile.TemporaryFile() as log:
            yield log


def _children_cpu() -> float:
    """CPU-seconds of this process's children that have ended (the browser, once closed)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _log_text(log: IO, start: int) -> str:
    log.flush()
    log.seek(start)
    return log.read().decode("utf-8", "replace")


def run_class(
    sessions: int = 20,
    seconds: float = 300.0,
    *,
    url: str | None = None,
    server_pids: list[int] | None = None,
    server_cores: list[int] | None = None,
    idle_seconds: float = IDLE_SECONDS,
    log_path: str | None = None,
    browsers: int | None = None,
    replicas: int | None = None,
    page: str = MAIN_PAGE,
) -> ClassRun:
    """One class of `sessions` students on a cold server, a cold cluster of `replicas` behind
    nginx, or the server at `url`: `browsers` of them in Chromium pages (all of them by
    default), the others without a browser (`protocol_client`), fetching the files a browser
    fetched from a server started first for that (the class's server stays cold). `page`: a
    lecture page's path and query to open instead of the main page."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS}, not {sessions}")
    browsers = sessions if browsers is None else max(0, min(browsers, sessions))
    files: list[str] = []
    if browsers < sessions:
        if url is not None:
            files = asyncio.run(page_files(url, page))
        else:
            with running_server(cores=server_cores) as (address, _server_process):
                files = asyncio.run(page_files(address, page))
    with _log_file(log_path) as log:
        start = log.seek(0, os.SEEK_END)
        with _server(url, server_pids, server_cores, log, replicas) as (address, groups):
            meter = GroupMeter(groups) if groups is not None else None
            with meter or contextlib.nullcontext():
                startup, browser = _cpu(meter), _children_cpu()
                students, figures = asyncio.run(
                    _class(address, sessions, seconds, idle_seconds, meter, browsers, files, page)
                )
                browser = round(_children_cpu() - browser, 2)  # before the server is reaped
            cost = ServerCost(measured=meter is not None, idle_seconds=idle_seconds)
            if meter is not None:
                cost.startup_cpu = round(startup, 3) if url is None else None
                cost.class_cpu = figures["class_cpu"]
                cost.cpu_per_student = round(figures["class_cpu"] / sessions, 3)
                cost.idle_cpu = figures["idle_cpu"]
                cost.peak_rss_mb = round(meter.peak_rss / 2**20, 1)
                cost.peak_processes = meter.peak_processes
        problems = log_problems(_log_text(log, start))
    return ClassRun(
        url=address,
        sessions=sessions,
        cold=url is None,
        replicas=replicas,
        wall_seconds=figures["wall_seconds"],
        students=students,
        cost=cost,
        server_cores=server_cores,
        browser_cpu=browser,
        browsers=browsers,
        page_files=len(files),
        page=page,
        log_problems=problems,
    )


# ---------------------------------------------------------------------------- one visit


async def _visits(url: str, meter: GroupMeter | None, idle_seconds: float) -> VisitCosts:
    from playwright.async_api import Error as PlaywrightError

    costs = VisitCosts(url=url, idle_seconds=idle_seconds)

    async def step(name: str, action: Callable) -> None:
        before, started = _cpu(meter), time.monotonic()
        async with asyncio.timeout(STUDENT_SECONDS + idle_seconds):
            await action()
        setattr(costs, name, _minus(_cpu(meter), before))
        if hasattr(costs, f"{name}_seconds"):
            setattr(costs, f"{name}_seconds", round(time.monotonic() - started, 2))

    stage = "first visit"
    try:
        async with _browser() as browser:
            first, second = await _new_page(browser), await _new_page(browser)
            await step("first_visit", lambda: _open(first, url))
            stage = "idle after the first visit"
            await step("idle_after_first", lambda: asyncio.sleep(idle_seconds))
            stage = "repeat visit"
            await step("repeat_visit", lambda: _open(second, url))
            stage = f"new function {VISIT_FUNCTION}"
            await step("new_function", lambda: _type(second, VISIT_FUNCTION))
            stage = "idle after the new function"
            await step("idle_after_new", lambda: asyncio.sleep(idle_seconds))
    except PageFailed as failure:
        costs.error = f"{stage}: {failure}"
    except TimeoutError:
        costs.error = f"{stage}: no verdict within {STUDENT_SECONDS:g} s"
    except PlaywrightError as failure:
        costs.error = f"{stage}: browser: {_first_line(failure)}"
    return costs


def run_visits(
    *,
    url: str | None = None,
    server_pids: list[int] | None = None,
    server_cores: list[int] | None = None,
    idle_seconds: float = IDLE_SECONDS,
    log_path: str | None = None,
) -> VisitCosts:
    """The cost of one student's visit, step by step, on a fresh server (or the one at `url`)."""
    with _log_file(log_path) as log:
        start = log.seek(0, os.SEEK_END)
        with _server(url, server_pids, server_cores, log) as (address, groups):
            meter = GroupMeter(groups) if groups is not None else None
            costs = asyncio.run(_visits(address, meter, idle_seconds))
        costs.log_problems = log_problems(_log_text(log, start))
    return costs


# ---------------------------------------------------------------------------- reports


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _cpu_text(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f} CPU-s"


def _against(value: float | None, goal: float) -> str:
    if value is None:
        return f"not measured (goal ≤ {goal:g})"
    return f"{value:.2f} CPU-s (goal ≤ {goal:g}: {'PASS' if value <= goal else 'MISS'})"


def _timing_line(name: str, values: list[float]) -> str:
    if not values:
        return f"  {name}: none finished"
    return (
        f"  {name}: p50 {_seconds(statistics.median(values))}, "
        f"p95 {_seconds(percentile(values, 0.95))}, max {_seconds(max(values))} "
        f"(n={len(values)})"
    )


def _log_lines(problems: dict[str, int]) -> list[str]:
    if not problems:
        return ["  server log: no exceptions"]
    lines = [f"  server log: {sum(problems.values())} exception lines"]
    lines += [f"    {count}× {line}" for line, count in list(problems.items())[:10]]
    return lines


def class_summary(run: ClassRun, title: str = "") -> str:
    where = "cold server" if run.cold else "running server"
    if run.replicas:
        where = f"cold cluster of {run.replicas} replicas"
    pinned = f", server on cores {run.server_cores}" if run.server_cores else ""
    page = f", opening /{run.page}" if run.page else ""
    lines = [f"{title}{run.sessions} students at once, {where} at {run.url}{pinned}{page}"]
    if run.browsers < run.sessions:
        lines.append(
            f"  {run.browsers} in Chromium pages, {run.sessions - run.browsers} without a "
            f"browser (each fetched the page's {run.page_files} files, then spoke Streamlit's "
            "protocol)"
        )
    lines.append(f"  all students finished in {run.wall_seconds:.1f} s")
    gotos = [s.goto_at for s in run.students if s.goto_at is not None]
    if gotos:
        lines.append(f"  the browser had every page opening by {max(gotos):.1f} s")
    opened = [s.open_seconds for s in run.students if s.open_seconds is not None]
    typed = [s.enter_seconds for s in run.students if s.enter_seconds is not None]
    if run.page:
        lines.append(_timing_line("open → ready        ", opened))
        lines.append(_timing_line("slider step → ready ", typed))
    else:
        lines.append(_timing_line("open → verdict ", opened))
        lines.append(_timing_line("Enter → verdict", typed))
    cost = run.cost
    if cost.measured:
        if cost.startup_cpu is not None:
            lines.append(f"  server CPU until it answered: {_cpu_text(cost.startup_cpu)}")
        lines.append(
            f"  server CPU during the class: {_cpu_text(cost.class_cpu)} = "
            f"{_cpu_text(cost.cpu_per_student)} per student"
        )
        if cost.idle_cpu is not None:
            lines.append(
                f"  server CPU in the {cost.idle_seconds:g} s after the last student "
                f"(pages open, idle): {_against(cost.idle_cpu, GOALS['idle'])}"
            )
        lines.append(
            f"  server peak RSS: {cost.peak_rss_mb:.0f} MB "
            f"({cost.peak_processes} processes at most)"
        )
    else:
        lines.append("  server CPU and memory: not measured (give --server-pid with --url)")
    lines.append(f"  browser CPU (Chromium and Playwright, whole class): {run.browser_cpu:.1f} s")
    lines += _replica_lines(run)
    lines.append(f"  errors: {len(run.errors)}")
    lines += [f"    student {s.index} ({s.function}): {s.error}" for s in run.errors]
    lines += _log_lines(run.log_problems)
    return "\n".join(lines)


def replica_counts(students: list[Student]) -> dict[str, int]:
    """Students per replica (the first that answered each), and how many were answered by
    more than one ("moved": session affinity broken)."""
    counts = Counter(s.replicas[0] for s in students if s.replicas)
    moved = sum(len(s.replicas) > 1 for s in students)
    return {**dict(sorted(counts.items())), "moved": moved}


def _replica_lines(run: ClassRun) -> list[str]:
    """Behind the cluster's nginx (a cluster started here, or one at --url): who served whom."""
    if not any(s.replicas for s in run.students):
        return []
    counts = replica_counts(run.students)
    moved = counts.pop("moved")
    spread = ", ".join(f"{name} {count}" for name, count in counts.items())
    lines = [f"  students per replica: {spread}"]
    lines.append(
        f"  students answered by more than one replica: {moved}"
        + ("" if moved else " (every request of a student on its replica)")
    )
    return lines


def visits_summary(costs: VisitCosts) -> str:
    idle = f"idle {costs.idle_seconds:g} s"
    lines = [
        f"One student at a time at {costs.url}",
        f"  first visit (cold), open → complete: {_cpu_text(costs.first_visit)} "
        f"in {_seconds(costs.first_visit_seconds)}",
        f"  {idle} after the first visit:  {_against(costs.idle_after_first, GOALS['idle'])}",
        f"  repeat visit, open → complete:  {_against(costs.repeat_visit, GOALS['repeat_visit'])}"
        f" in {_seconds(costs.repeat_visit_seconds)}",
        f"  new function {VISIT_FUNCTION} at order 2, Enter → complete: "
        f"{_against(costs.new_function, GOALS['new_function'])} "
        f"in {_seconds(costs.new_function_seconds)}",
        f"  {idle} after it:  {_against(costs.idle_after_new, GOALS['idle'])}",
    ]
    if costs.error:
        lines.append(f"  error: {costs.error}")
    lines += _log_lines(costs.log_problems)
    return "\n".join(lines)


# ---------------------------------------------------------------------------- command line


def split_cores(count: int, available: Collection[int]) -> tuple[list[int], list[int]]:
    """The first `count` of the available cores for the server, the rest for the browser."""
    cores = sorted(available)
    if not 1 <= count < len(cores):
        raise ValueError(
            f"--server-cores {count}: this process may use {len(cores)} cores; the server needs "
            f"at least 1 and the browser at least 1, so give 1..{len(cores) - 1}"
        )
    return cores[:count], cores[count:]


def _sessions(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_SESSIONS:
        raise argparse.ArgumentTypeError(f"give 1..{MAX_SESSIONS} sessions, not {value}")
    return value


def _pids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m diffexplain.devtools.load",
        description="A class at once on the app: errors, time to verdict, the server's CPU and "
        "memory from /proc. Exit status 1 when any page had an error.",
    )
    add = parser.add_argument
    add("--sessions", type=_sessions, default=20,
        help=f"students at once, 1..{MAX_SESSIONS} (default 20)")  # fmt: skip
    add("--seconds", type=float, default=300, help="time limit of one class (default 300)")
    add("--runs", type=int, default=1, help="classes in a row, each on a fresh cold server")
    add("--browsers", type=int, default=DEFAULT_BROWSERS, metavar="K", help="students in "
        f"Chromium pages (default {DEFAULT_BROWSERS}); the others fetch the page's files and "
        "speak Streamlit's protocol without a browser, so the machine's cores measure the "
        "server, not 50 browsers")  # fmt: skip
    add("--visits", action="store_true", help="cost of one visit, step by step, instead")
    add("--server-cores", type=int, metavar="K", help="pin the server to the first K cores and "
        "this process and its browser to the others (default: no pinning)")  # fmt: skip
    add("--url", help="aim at this running deployment instead of starting a server")
    add("--server-pid", type=_pids, metavar="PID[,PID...]", help="with --url: a process of "
        "each of the server's process groups (their leaders: the replicas and nginx), to "
        "measure their CPU and memory")  # fmt: skip
    add("--replicas", type=int, metavar="K", help="a cold cluster of K replicas behind nginx "
        "(python -m diffexplain.serving.cluster), replica i on core i, not one server")  # fmt: skip
    add("--idle", type=float, default=IDLE_SECONDS, help="idle window in seconds (default 10)")
    add("--log", metavar="PATH", help="append the server's output to this file")
    add("--json", metavar="PATH", help="also write the results as JSON to PATH (only if given)")
    add("--page", type=page_argument, default=MAIN_PAGE, metavar="URL_PATH_AND_QUERY",
        help='open this page of the app instead of the main one, as a lecturer shares its '
        'link ("gradient_tape?lang=zh"): each student waits until it is ready, then moves its '
        "first slider one step")  # fmt: skip
    return parser


def _pin(count: int | None) -> list[int] | None:
    """Pin this process (so the browser it launches) away from the server's cores."""
    if count is None:
        return None
    server, rest = split_cores(count, os.sched_getaffinity(0))
    os.sched_setaffinity(0, rest)
    return server


def _write_json(path: str | None, data: object) -> None:
    if path:
        Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False))
        print(f"results written to {path}")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.server_cores is not None and args.url:
        parser.error("--server-cores pins a server started here; it cannot pin one at --url")
    if args.replicas is not None and (args.url or args.server_cores is not None or args.visits):
        parser.error(
            "--replicas starts a cluster here (replica i on core i): not with --url, "
            "--server-cores or --visits"
        )
    if args.page and args.visits:
        parser.error("--visits measures the main page; --page is for a class")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        server_cores = _pin(args.server_cores)
    except ValueError as error:
        parser.error(str(error))
    common = {
        "url": args.url,
        "server_pids": args.server_pid,
        "server_cores": server_cores,
        "idle_seconds": args.idle,
        "log_path": args.log,
    }
    if args.visits:
        costs = run_visits(**common)
        print(visits_summary(costs), flush=True)
        _write_json(args.json, asdict(costs))
        from diffexplain.devtools import (
            page_profile,  # in this process: after the server is stopped
        )

        print(page_profile.breakdown(page_profile.profile_main_page()))
        return 1 if costs.error else 0
    runs = []
    for number in range(1, args.runs + 1):
        run = run_class(
            args.sessions,
            args.seconds,
            browsers=args.browsers,
            replicas=args.replicas,
            page=args.page,
            **common,
        )
        runs.append(run)
        title = f"run {number} of {args.runs}: " if args.runs > 1 else ""
        print(class_summary(run, title), flush=True)
    _write_json(args.json, [asdict(run) for run in runs])
    return 1 if any(run.errors for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
