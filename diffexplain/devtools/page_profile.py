"""Where one run of the main page spends its CPU: each panel, the engine's parts, the SymPy
workers, and Streamlit's own work around them.

    python -m diffexplain.devtools.page_profile [FUNCTION]

The page runs in this process through Streamlit's AppTest, as a visitor gets it (the router,
then the page). The script thread is profiled with `cProfile` on its own CPU clock
(`time.thread_time`), so waiting for a worker costs nothing here; the workers' CPU comes from
/proc. Three runs are profiled: a new function (order 2, nothing cached), a repeat visit of it
(a new session, everything cached), and the plots panel opened on another new function (the
panels nobody opens cost nothing; this is what opening one costs). cProfile slows Python code
down, so read the parts against each other; `python -m diffexplain.devtools.load --visits`
measures the real server's CPU and prints this table after it.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
DEFAULT_FUNCTION = "x^3*cos(x)"
TIMEOUT = 180

PARTS: tuple[tuple[str, str, str], ...] = (
    # (label, file suffix, function name): cumulative CPU of that function in the script thread
    ("inputs, parse, LaTeX of f", "pages/00_explain.py", "<module>"),
    ("  exact derivatives (engine.symbolic: waits on a worker)", "ui/engine.py", "symbolic"),
    ("  tapes, graph, checks (engine.explanation)", "ui/engine.py", "explanation"),
    ("  agreement table", "ui/display.py", "agreement_table"),
    ("  step-by-step panel", "ui/steps_panel.py", "steps_panel"),
    ("  tape graph panel", "ui/display.py", "tape_graph_panel"),
    ("  plots panel (one variable; computed when opened)", "ui/plots_panel.py", "_panel"),
    ("    of it: the charts (Altair → Vega-Lite)", "ui/plots_panel.py", "charts"),
    ("  gradient and Hessian panel (when opened)", "ui/multivariable_panel.py", "_panel"),
    ("  code panel (when opened)", "ui/code_panel.py", "code_panel"),
)
"""The page's parts, nested as the page calls them (indented parts are inside the page)."""


@dataclass(frozen=True)
class RunProfile:
    """One page run: seconds of CPU per part, the script thread's total, the process's total
    (TensorFlow's own threads included) and the SymPy workers'."""

    name: str
    parts: tuple[tuple[str, float], ...]
    script_thread: float
    process: float
    workers: float


def _worker_cpu() -> float:
    from diffexplain.core.worker import pool

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pool().pids():
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    return sum(
        row[3]
        for (path, _line, function), row in stats.stats.items()  # type: ignore[attr-defined]
        if function == name and path.endswith(suffix)
    )


def profile_run(name: str, run) -> RunProfile:
    """Profile `run()`, an AppTest run whose script thread calls `router.run_guarded`."""
    from diffexplain.ui import router

    profiler = cProfile.Profile(time.thread_time)
    guarded = router.run_guarded

    def profiled(page) -> None:
        profiler.enable()
        try:
            guarded(page)
        finally:
            profiler.disable()

    router.run_guarded = profiled
    process, workers = _process_cpu(), _worker_cpu()
    try:
        run()
    finally:
        router.run_guarded = guarded
    process, workers = _process_cpu() - process, _worker_cpu() - workers
    stats = pstats.Stats(profiler)
    parts = tuple((label, _cumulative(stats, *where)) for label, *where in PARTS)
    total = stats.total_tt  # type: ignore[attr-defined]
    return RunProfile(name, parts, total, process, workers)


def profile_main_page(function: str = DEFAULT_FUNCTION) -> list[RunProfile]:
    """A new function at order 2, a repeat visit of it, and the plots opened on another new
    function (`function` with 1 added), after a warm-up run."""
    from streamlit.testing.v1 import AppTest

    def opened(text: str | None = None):
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
        if text is not None:
            app.query_params["f"] = text
        return app

    warm = opened().run()  # TensorFlow, the workers, the default function
    assert not warm.exception, warm.exception

    def type_function() -> None:
        warm.text_input(key="f").input(function).run()

    def open_plots() -> None:
        warm.session_state["plots.open"] = True
        warm.text_input(key="f").input(f"{function} + 1").run()

    profiles = [profile_run("new function", type_function)]
    profiles.append(profile_run("repeat visit", lambda: opened(function).run()))
    profiles.append(profile_run("plots opened", open_plots))
    return profiles


def breakdown(profiles: list[RunProfile]) -> str:
    """The profiles as a table: a column per run, a row per part, CPU-seconds."""
    width = max(len(label) for label, _ in profiles[0].parts) + 2
    lines = ["Where a main-page run's CPU goes (seconds; cProfile of the script thread):"]
    lines.append(" " * width + "".join(f"{p.name:>15}" for p in profiles))
    for index, (label, _) in enumerate(profiles[0].parts):
        lines.append(f"{label:<{width}}" + "".join(f"{p.parts[index][1]:>15.3f}" for p in profiles))
    rows = (
        ("script thread, all of it", lambda p: p.script_thread),
        ("  of it Streamlit itself (router, widgets, messages)", _streamlit_share),
        ("whole process (TensorFlow's threads too)", lambda p: p.process),
        ("SymPy workers (/proc)", lambda p: p.workers),
    )
    for label, value in rows:
        lines.append(f"{label:<{width}}" + "".join(f"{value(p):>15.3f}" for p in profiles))
    return "\n".join(lines)


def _streamlit_share(profile: RunProfile) -> float:
    page = profile.parts[0][1]
    return max(profile.script_thread - page, 0.0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(breakdown(profile_main_page(args[0] if args else DEFAULT_FUNCTION)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
