"""How long explain() takes, against what a student's own script pays for the same numbers.

    python -m diffexplain.devtools.bench [--quick] [--json PATH] [--no-server]

Everything runs in one process, side by side, and every timing is only printed and written to
a JSON file (default `bench-results.json` here), never asserted: the machine is shared and noisy,
so the report gives medians and p95 over repeats, and ratios against hand-written baselines
measured in the same process a moment apart.

- `functions`: about 20 fixed functions, each also written by hand in TensorFlow. explain()
  cold, warm and at a new point, split into its parts, against the floor: `sympy.diff` of
  every distinct partial plus a plain loop of nested GradientTapes over the hand-written
  function.
- `grid`: `tape.grid_derivatives` against the same hand-written tapes over one grid tensor.
- `growth`: symbolic and autodiff time and tape op count as the order and the size grow.
- `server`: `streamlit run` to first paint and first full result in Chromium (Playwright).
- `budget`: issue 16's two slow requests and a few ordinary functions at order 6, each cold, as
  explain(), as the command line (a fresh process, imports included) and as a main-page run
  (AppTest, in this process), against the 20 s every request must keep (`budget.py`).
- `goals`: PASS or MISS against the targets of issues 8 and 16.

"Cold" means a function never seen before by a running app: explain()'s cache, the traced graphs
(`record._trace`) and SymPy's own caches (here and in each SymPy worker) are emptied, while
TensorFlow stays imported (its kernels warmed) and the SymPy worker processes stay started.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sympy
from sympy.core.cache import clear_cache as clear_sympy_cache

from diffexplain.core.budget import REQUEST_SECONDS
from diffexplain.serving.server import (
    BROWSER_ARGS,
    CHROMIUM,
    PROJECT_ROOT,
    free_loopback_port,
    port_open,
    stop,
    streamlit_command,
)

DTYPE = "float64"
GRID_ORDER = 3
SERVER_SECONDS = 180.0
"""Longest wait for the server's port, the first paint or the first full result."""


# --- the fixed set -------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One benchmark function, as a visitor types it and as a student writes it by hand.

    `variables` are in the order the parser gives them (sorted by name); `sympy_form` and
    `tf_form` take them in that order (`tf_form` gets the tensorflow module first, as the
    `forward` functions of `ops.py` do).
    """

    text: str
    variables: tuple[str, ...]
    order: int
    point: tuple[float, ...]
    sympy_form: Callable[..., sympy.Expr]
    tf_form: Callable[..., Any]

    @property
    def point_dict(self) -> dict[str, float]:
        return dict(zip(self.variables, self.point, strict=True))


def _sigmoid(u: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-u))  # what a student writes; the app keeps its own sigmoid head


CASES: tuple[Case, ...] = (
    Case(
        "sin(x)*exp(x)",
        ("x",),
        3,
        (0.7,),
        lambda x: sympy.sin(x) * sympy.exp(x),
        lambda tf, x: tf.sin(x) * tf.exp(x),
    ),
    Case("x^3", ("x",), 4, (0.7,), lambda x: x**3, lambda tf, x: x**3),
    Case(
        "x^2 + y^2",
        ("x", "y"),
        1,
        (0.7, 0.3),
        lambda x, y: x**2 + y**2,
        lambda tf, x, y: x**2 + y**2,
    ),
    Case(
        "x*y + y^2",
        ("x", "y"),
        3,
        (0.7, 0.3),
        lambda x, y: x * y + y**2,
        lambda tf, x, y: x * y + y**2,
    ),
    Case(
        "sigmoid(w*x + b)",
        ("b", "w", "x"),
        2,
        (-0.2, 1.5, 0.7),
        lambda b, w, x: _sigmoid(w * x + b),
        lambda tf, b, w, x: tf.sigmoid(w * x + b),
    ),
    Case(
        "tanh(x)^2",
        ("x",),
        3,
        (0.7,),
        lambda x: sympy.tanh(x) ** 2,
        lambda tf, x: tf.tanh(x) ** 2,
    ),
    Case(
        "log(1 + x^2)",
        ("x",),
        3,
        (0.7,),
        lambda x: sympy.log(1 + x**2),
        lambda tf, x: tf.math.log(1 + x**2),
    ),
    Case(
        "exp(-x^2/2)",
        ("x",),
        4,
        (0.7,),
        lambda x: sympy.exp(-(x**2) / 2),
        lambda tf, x: tf.exp(-(x**2) / 2),
    ),
    Case("x^x", ("x",), 3, (0.7,), lambda x: x**x, lambda tf, x: x**x),
    Case(
        "sqrt(1 + x^2)",
        ("x",),
        3,
        (0.7,),
        lambda x: sympy.sqrt(1 + x**2),
        lambda tf, x: tf.sqrt(1 + x**2),
    ),
    Case(
        "atan(x)/x",
        ("x",),
        2,
        (0.7,),
        lambda x: sympy.atan(x) / x,
        lambda tf, x: tf.atan(x) / x,
    ),
    Case(
        "sin(x*y) + exp(x - y)",
        ("x", "y"),
        3,
        (0.7, 0.3),
        lambda x, y: sympy.sin(x * y) + sympy.exp(x - y),
        lambda tf, x, y: tf.sin(x * y) + tf.exp(x - y),
    ),
    Case(
        "x*y*z + z^2",
        ("x", "y", "z"),
        2,
        (0.7, 0.3, -0.5),
        lambda x, y, z: x * y * z + z**2,
        lambda tf, x, y, z: x * y * z + z**2,
    ),
    Case(
        "1/(1 + exp(-x))",
        ("x",),
        3,
        (0.7,),
        lambda x: 1 / (1 + sympy.exp(-x)),
        lambda tf, x: 1 / (1 + tf.exp(-x)),
    ),
    Case(
        "(x+1)(x-1)/(x^2+3)",
        ("x",),
        3,
        (0.7,),
        lambda x: (x + 1) * (x - 1) / (x**2 + 3),
        lambda tf, x: (x + 1) * (x - 1) / (x**2 + 3),
    ),
    Case("erf(x)", ("x",), 3, (0.7,), sympy.erf, lambda tf, x: tf.math.erf(x)),
    Case(
        "cos(x)^3 sin(x)",
        ("x",),
        4,
        (0.7,),
        lambda x: sympy.cos(x) ** 3 * sympy.sin(x),
        lambda tf, x: tf.cos(x) ** 3 * tf.sin(x),
    ),
    Case("asinh(x)", ("x",), 3, (0.7,), sympy.asinh, lambda tf, x: tf.asinh(x)),
    Case(
        "x^5 - 3x^3 + x",
        ("x",),
        1,
        (0.7,),
        lambda x: x**5 - 3 * x**3 + x,
        lambda tf, x: x**5 - 3 * x**3 + x,
    ),
    Case(
        "log(x)*x^2",
        ("x",),
        3,
        (0.7,),
        lambda x: sympy.log(x) * x**2,
        lambda tf, x: tf.math.log(x) * x**2,
    ),
)

QUICK_CASES = ("sin(x)*exp(x)", "x*y + y^2", "x^2 + y^2")
GRID_CASES = ("sin(x)*exp(x)", "tanh(x)^2", "erf(x)")
GRID_POINTS = (10**3, 10**5, 10**6)
QUICK_GRID_POINTS = (10**2, 10**3, 10**4)
GOAL_GRID_POINTS = 10**5
GROWTH_TEXT = "sin(x)*exp(x)"
GROWTH_SIZES = (1, 2, 4, 8, 16)
GROWTH_SIZE_ORDER = 3
BUDGET_CASES = (
    ("sin(x)^cos(x)^tan(x)", (("x", "0.7"),), 6),  # issue 16: 40 s before the budget
    ("(x^2 + y^2)^(x y)", (("x", "0.5"), ("y", "0.8")), 6),  # issue 16: 55 to 74 s
    ("sin(x)*exp(x)", (("x", "0.7"),), 6),
    ("1/(1 + exp(-x))", (("x", "0.7"),), 6),
    ("x^x", (("x", "0.7"),), 6),
    ("sqrt(x^2+y^2)", (("x", "0.7"), ("y", "0.3")), 6),
)
QUICK_BUDGET_CASES = BUDGET_CASES[:2]
PAGE_SECONDS = 120.0
"""AppTest's own timeout for one page run: far above the budget, so a slow run is measured."""


def growth_texts(k: int) -> dict[str, str]:
    """A sum and a product of k terms, each term different.

    >>> growth_texts(2)
    {'sum': 'sin(1x)exp(x/1) + sin(2x)exp(x/2)', 'product': '(x+1)(x+2)'}
    """
    return {
        "sum": " + ".join(f"sin({i}x)exp(x/{i})" for i in range(1, k + 1)),
        "product": "".join(f"(x+{i})" for i in range(1, k + 1)),
    }


# --- measuring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """Milliseconds over repeats: the median and the 95th percentile (nearest rank)."""

    median: float
    p95: float
    n: int

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Spread:
        ordered = sorted(s * 1000 for s in seconds)
        rank = max(math.ceil(0.95 * len(ordered)) - 1, 0)
        return cls(statistics.median(ordered), ordered[rank], len(ordered))

    def to_dict(self) -> dict[str, float]:
        return {"median_ms": self.median, "p95_ms": self.p95, "n": self.n}


def clocked(function: Callable, *args: Any) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.nan


def _symbols(case: Case) -> tuple[sympy.Symbol, ...]:
    """The variables as the parser makes them (real), so the floor differentiates the same tree."""
    return tuple(sympy.Symbol(name, real=True) for name in case.variables)


def empty_sympy_cache() -> None:
    """SymPy's `clear_cache` by a name a worker process can import (SymPy's own does not pickle)."""
    clear_sympy_cache()


def forget_everything() -> None:
    """Make the next explain() meet its function for the first time (see the module docstring).

    Each worker of the pool is reached once: the pool hands out idle workers first in, first out.
    """
    from diffexplain.core import explanation, record, worker

    explanation.clear_cache()
    record.clear_cache()
    clear_sympy_cache()
    for _ in range(worker.POOL_SIZE):
        worker.run_bounded(empty_sympy_cache, seconds=30)


def hand_nested_tapes(tf, function: Callable, inputs: list, order: int) -> dict[tuple, Any]:
    """What a student writes: tape k around tape k−1, every sorted partial once, eagerly.

    Independent of `tape.nested_tapes` on purpose: this is the baseline it is measured against.
    """
    if order == 0:
        return {(): function(*inputs)}
    with tf.GradientTape(persistent=len(inputs) > 1) as tape:
        tape.watch(inputs)
        lower = hand_nested_tapes(tf, function, inputs, order - 1)
    results = dict(lower)
    for wrt, target in lower.items():
        if len(wrt) == order - 1:
            first = wrt[-1] if wrt else 0
            for index, gradient in enumerate(tape.gradient(target, inputs[first:]), first):
                results[(*wrt, index)] = (
                    tf.zeros_like(inputs[index]) if gradient is None else gradient
                )
    return results


def hand_tape_values(tf, case: Case) -> dict[tuple[str, ...], float]:
    """The floor's tape half: hand-written function, hand-written tapes, plain floats out."""
    inputs = [tf.constant(value, dtype=tf.float64) for value in case.point]
    tensors = hand_nested_tapes(tf, lambda *xs: case.tf_form(tf, *xs), inputs, case.order)
    return {tuple(case.variables[i] for i in key): float(t.numpy()) for key, t in tensors.items()}


def sympy_partials(case: Case) -> dict[tuple[str, ...], sympy.Expr]:
    """The floor's SymPy half: `sympy.diff` once per distinct partial, each from its parent."""
    from diffexplain.core.symbolic import partials

    symbols = dict(zip(case.variables, _symbols(case), strict=True))
    derivatives = {(): case.sympy_form(*symbols.values())}
    for wrt in partials(case.variables, case.order):
        derivatives[wrt] = sympy.diff(derivatives[wrt[:-1]], symbols[wrt[-1]])
    return derivatives


def lambdified_values(case: Case, derivatives: dict) -> dict[tuple[str, ...], float]:
    """Plain SymPy's numbers: lambdify each fixed derivative and call it at the point.

    Fine here, and only here: these expressions are the benchmark's own, never visitor text.
    """
    symbols = _symbols(case)
    return {
        wrt: float(sympy.lambdify(symbols, expr, modules="math")(*case.point))
        for wrt, expr in derivatives.items()
    }


def draw_source(graph) -> str:
    """What the page draws: the compact graph as DOT text (no layout: that is the browser's)."""
    from diffexplain.core.tape_graph import compact
    from diffexplain.figures.draw import to_digraph

    return to_digraph(compact(graph)).source if graph is not None else ""


PARTS = ("parse", "symbolic", "autodiff", "recording", "agreement", "drawing")


def time_parts(case: Case) -> tuple[dict[str, float], Any]:
    """Seconds of each step explain() takes (and the page's drawing), and the Explanation."""
    from diffexplain.core.explanation import (
        autodiff_part,
        combine,
        prepare,
        record_part,
        symbolic_part,
    )

    seconds = {}
    seconds["parse"], request = clocked(prepare, case.text, case.point_dict, case.order, DTYPE)
    seconds["symbolic"], exact = clocked(symbolic_part, request)
    seconds["autodiff"], taped = clocked(autodiff_part, request)
    seconds["recording"], recorded = clocked(record_part, request)
    seconds["agreement"], explanation = clocked(combine, request, exact, taped, recorded)
    seconds["drawing"], _ = clocked(draw_source, recorded.graph)
    return seconds, explanation


def _mismatch(values: dict[tuple[str, ...], float], explanation) -> float:
    """Largest |difference| / max(1, |exact|) between hand-written numbers and SymPy's exact."""
    exact = {(): explanation.value.symbolic}
    exact.update({row.wrt: row.symbolic for row in explanation.derivatives})
    return max(abs(values[wrt] - value) / max(1.0, abs(value)) for wrt, value in exact.items())


def bench_function(tf, case: Case, repeats: int) -> dict[str, Any]:
    """explain() cold and warm, its parts, the floor and the plain baselines, for one function."""
    from diffexplain.core.explanation import explain

    samples: dict[str, list[float]] = {}

    def note(name: str, seconds: float) -> None:
        samples.setdefault(name, []).append(seconds)

    mismatch = 0.0
    for _ in range(repeats):
        forget_everything()
        cold, explanation = time_parts(case)
        warm, _ = time_parts(case)
        for part in PARTS:
            note(f"cold.{part}", cold[part])
            note(f"warm.{part}", warm[part])
        forget_everything()
        note("explain_cold", clocked(explain, case.text, case.point_dict, case.order, DTYPE)[0])
        note("explain_warm", clocked(explain, case.text, case.point_dict, case.order, DTYPE)[0])
        moved = {name: value + 0.25 for name, value in case.point_dict.items()}
        note("explain_moved", clocked(explain, case.text, moved, case.order, DTYPE)[0])
        clear_sympy_cache()
        diff_seconds, derivatives = clocked(sympy_partials, case)
        lambdify_seconds, sympy_values = clocked(lambdified_values, case, derivatives)
        tape_seconds, tape_values = clocked(hand_tape_values, tf, case)
        note("floor.sympy_diff", diff_seconds)
        note("floor.hand_tapes", tape_seconds)
        note("floor", diff_seconds + tape_seconds)
        note("plain_sympy", diff_seconds + lambdify_seconds)
        mismatch = max(
            mismatch, _mismatch(tape_values, explanation), _mismatch(sympy_values, explanation)
        )
    spread = {name: Spread.of(values) for name, values in samples.items()}
    return {
        "text": case.text,
        "variables": list(case.variables),
        "order": case.order,
        "point": case.point_dict,
        "partials": len(explanation.derivatives),
        "tape_ops": _op_count(explanation.graph),
        "explain_cold": spread["explain_cold"].to_dict(),
        "explain_warm": spread["explain_warm"].to_dict(),
        "explain_moved": spread["explain_moved"].to_dict(),
        "parts_cold": {part: spread[f"cold.{part}"].to_dict() for part in PARTS},
        "parts_warm": {part: spread[f"warm.{part}"].to_dict() for part in PARTS},
        "floor": spread["floor"].to_dict(),
        "floor_sympy_diff": spread["floor.sympy_diff"].to_dict(),
        "floor_hand_tapes": spread["floor.hand_tapes"].to_dict(),
        "plain_sympy": spread["plain_sympy"].to_dict(),
        "ratios": {
            "explain_cold_over_floor": ratio(spread["explain_cold"].median, spread["floor"].median),
            "explain_warm_over_floor": ratio(spread["explain_warm"].median, spread["floor"].median),
            "explain_moved_over_floor": ratio(
                spread["explain_moved"].median, spread["floor"].median
            ),
            "autodiff_over_hand_tapes": ratio(
                spread["cold.autodiff"].median, spread["floor.hand_tapes"].median
            ),
            "symbolic_over_plain_sympy": ratio(
                spread["cold.symbolic"].median, spread["plain_sympy"].median
            ),
        },
        "max_mismatch_vs_exact": mismatch,
    }


def _op_count(graph) -> int:
    """Ops in the graph, inputs not counted (0 when the graph could not be traced)."""
    return sum(not node.is_input for node in graph.nodes) if graph is not None else 0


def bench_grid(tf, cases: Sequence[Case], sizes: Sequence[int], repeats: int) -> list[dict]:
    """`grid_derivatives` against hand-written nested tapes over the same grid, order 3."""
    from diffexplain.core.tape import grid_derivatives

    results = []
    for case in cases:
        (symbol,) = _symbols(case)
        expr = case.sympy_form(symbol)
        for size in sizes:
            grid = np.linspace(0.1, 2.0, size)
            tensor = tf.constant(grid, dtype=tf.float64)

            def engine(grid=grid, expr=expr, symbol=symbol):
                return grid_derivatives(expr, symbol, grid, GRID_ORDER, DTYPE)

            def by_hand(tensor=tensor, case=case):
                tensors = hand_nested_tapes(tf, lambda x: case.tf_form(tf, x), [tensor], GRID_ORDER)
                return {len(key): t.numpy() for key, t in tensors.items()}

            engine(), by_hand()  # the first call of a shape sets up kernels and buffers
            engine_seconds, hand_seconds = [], []
            for _ in range(repeats):
                seconds, ours = clocked(engine)
                engine_seconds.append(seconds)
                seconds, theirs = clocked(by_hand)
                hand_seconds.append(seconds)
            ours_spread, hand_spread = Spread.of(engine_seconds), Spread.of(hand_seconds)
            results.append(
                {
                    "text": case.text,
                    "points": size,
                    "order": GRID_ORDER,
                    "grid_derivatives": ours_spread.to_dict(),
                    "hand_tapes": hand_spread.to_dict(),
                    "ratio": ratio(ours_spread.median, hand_spread.median),
                    "max_abs_difference": max(
                        float(np.max(np.abs(ours[k] - theirs[k]))) for k in theirs
                    ),
                }
            )
    return results


def _growth_row(text: str, order: int, repeats: int) -> dict[str, Any]:
    from diffexplain.core.agree import words
    from diffexplain.core.explanation import autodiff_part, prepare, record_part, symbolic_part
    from diffexplain.text.en import TEXT as ENGLISH

    symbolic_seconds, autodiff_seconds = [], []
    for _ in range(repeats):
        forget_everything()
        request = prepare(text, {"x": 0.7}, order, DTYPE)
        symbolic_seconds.append(clocked(symbolic_part, request)[0])
        autodiff_seconds.append(clocked(autodiff_part, request)[0])
    recorded = record_part(request)
    graph = recorded.graph  # the tapes that fit in budget.MAX_GRAPH_OPS
    return {
        "text": text,
        "order": order,
        "symbolic": Spread.of(symbolic_seconds).to_dict(),
        "autodiff": Spread.of(autodiff_seconds).to_dict(),
        "tape_ops": recorded.size.ops() if recorded.size is not None else _op_count(graph),
        "tape_ops_counted": recorded.size is None or recorded.size.exact,
        "tape_ops_compact": _op_count(_compacted(graph)),
        "graph_note": words(recorded.note_parts, ENGLISH),
    }


def _compacted(graph):
    from diffexplain.core.tape_graph import compact

    return compact(graph) if graph is not None else None


def bench_growth(orders: Sequence[int], sizes: Sequence[int], repeats: int) -> dict[str, list]:
    """Time and tape size as the order grows, and as the function grows (order 3)."""
    by_size = []
    for k in sizes:
        for family, text in growth_texts(k).items():
            by_size.append(
                {"family": family, "terms": k, **_growth_row(text, GROWTH_SIZE_ORDER, repeats)}
            )
    return {
        "by_order": [_growth_row(GROWTH_TEXT, order, repeats) for order in orders],
        "by_size": by_size,
    }


# --- every request within the budget (issue 16) ---------------------------------------------


def _outcome(explanation) -> str:
    """What a request gave, in a few words: the graph's tapes, or the refusal's kind."""
    graph = explanation.graph
    shown = len(graph.backward_ops) if graph is not None else 0
    if shown == explanation.order:
        return "explained, graph of every tape"
    return f"explained, graph of tapes 1-{shown}" if shown else "explained, no graph"


def _explain_cold(text: str, point: dict, order: int) -> tuple[float, str, str]:
    """Seconds, outcome and message (refusals) of explain() on a function never seen."""
    from diffexplain.core.explanation import explain
    from diffexplain.core.parse import InputError

    forget_everything()
    started = time.perf_counter()
    try:
        explanation = explain(text, point, order, DTYPE)
    except InputError as refused:
        return time.perf_counter() - started, f"refused ({refused.kind})", refused.message
    return time.perf_counter() - started, _outcome(explanation), explanation.graph_note


def _command_line(text: str, point: dict, order: int) -> tuple[float, int]:
    """Seconds and exit status of `python -m diffexplain ... --json` in a fresh process."""
    at = ",".join(f"{name}={value}" for name, value in point.items())
    command = [sys.executable, "-m", "diffexplain", text, "--at", at, "--order", str(order)]
    started = time.perf_counter()
    run = subprocess.run(
        [*command, "--json"], capture_output=True, cwd=PROJECT_ROOT, timeout=SERVER_SECONDS
    )
    return time.perf_counter() - started, run.returncode


def _page_run(text: str, point: dict, order: int) -> tuple[float, bool]:
    """Seconds of one cold main-page run (AppTest: the script, not the browser), and whether
    it ended without an exception."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    forget_everything()
    st.cache_data.clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=PAGE_SECONDS)
    app.query_params.update({"f": text, **point, "order": str(order)})
    started = time.perf_counter()
    app.run()
    return time.perf_counter() - started, not app.exception


def bench_budget(cases: Sequence[tuple], command_line: bool, page: bool) -> list[dict]:
    """Each case cold through explain(), the command line and the page; seconds and outcome."""
    if page:
        _page_run("x^2", {"x": "1"}, 1)  # the page's own first run: imports, router, workers
    rows = []
    for text, point, order in cases:
        point = dict(point)
        seconds, outcome, message = _explain_cold(text, point, order)
        row = {
            "text": text,
            "point": point,
            "order": order,
            "outcome": outcome,
            "message": message,
            "explain_s": seconds,
        }
        if command_line:
            row["cli_s"], row["cli_status"] = _command_line(text, point, order)
        if page:
            row["page_s"], row["page_clean"] = _page_run(text, point, order)
        rows.append(row)
    return rows


# --- the real server in a real browser ------------------------------------------------------

_WATCH_PAGE = """
(() => {
  const seen = {};
  window.__bench = seen;
  const visible = (el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const tfSpinner = () => [...document.querySelectorAll('[data-testid="stSpinner"]')]
    .some((el) => el.textContent.includes("TensorFlow"));
  const check = () => {
    if (!document.body) return;
    const now = Date.now();
    if (!seen.paint && [...document.querySelectorAll("h1")]
        .some((h) => h.textContent.includes("diffexplain") && visible(h))) seen.paint = now;
    const spinning = tfSpinner();
    if (spinning && !seen.tf_spinner_shown) seen.tf_spinner_shown = now;
    if (!spinning && seen.tf_spinner_shown && !seen.tf_spinner_gone) seen.tf_spinner_gone = now;
    if (!seen.heading && [...document.querySelectorAll("h2, h3")]
        .some((h) => h.textContent.includes("Agreement") && visible(h))) seen.heading = now;
    if (!seen.result && visible(document.querySelector('[data-testid="stDataFrame"]')))
      seen.result = now;
    const failure = document.querySelector('[data-testid="stException"]');
    if (!seen.exception && failure) {
      seen.exception = now;
      seen.exception_text = failure.textContent.slice(0, 300);
    }
  };
  setInterval(check, 5);
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""
"""Notes the wall-clock time (ms) at which each milestone first shows in the page."""


def _log_tail(log, lines: int = 15) -> str:
    log.flush()
    log.seek(0)
    text = log.read().decode("utf-8", "replace")
    return "\n".join(text.strip().splitlines()[-lines:])


def bench_server(seconds: float = SERVER_SECONDS) -> dict[str, Any]:
    """Process start → first paint and → first full result, with the real server and Chromium.

    The browser starts first, so its own start-up is not counted. Milestones are noted inside
    the page (`_WATCH_PAGE`); TensorFlow's import ends when the page's "Loading TensorFlow"
    spinner goes away (Streamlit shows it after 0.5 s, and the import takes seconds).
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        return {"status": "not measured", "reason": f"Playwright is not installed ({error})"}
    if not Path(CHROMIUM).exists():
        return {"status": "not measured", "reason": f"no Chromium at {CHROMIUM}"}
    port = free_loopback_port()
    command = streamlit_command(port)
    try:
        with tempfile.TemporaryFile() as log, sync_playwright() as playwright:
            return _run_server(playwright, command, port, log, seconds)
    except PlaywrightError as error:
        return {"status": "failed", "reason": f"browser: {error}".splitlines()[0]}


_SHELL_LOADED = """(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return nav ? performance.timeOrigin + nav.loadEventEnd : null;
})()"""
"""Wall-clock ms at which the page's HTML and scripts had loaded (before any app element)."""


def _run_server(playwright, command: list[str], port: int, log, seconds: float) -> dict:
    from playwright.sync_api import Error as PlaywrightError

    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
    server = None
    try:
        page = browser.new_page()
        page.add_init_script(_WATCH_PAGE)
        started = time.time()
        server = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + seconds
        while not port_open(port):
            if server.poll() is not None:
                return {
                    "status": "failed",
                    "reason": f"the server exited with status {server.returncode} before "
                    "accepting connections",
                    "log": _log_tail(log),
                }
            if time.monotonic() > deadline:
                return {
                    "status": "failed",
                    "reason": "the port never opened",
                    "log": _log_tail(log),
                }
            time.sleep(0.01)
        accepted = time.time()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        seen: dict[str, Any] = {}
        while time.monotonic() < deadline:
            with contextlib.suppress(PlaywrightError):  # the page may be navigating
                seen = page.evaluate("window.__bench || {}")
            if "result" in seen or "exception" in seen or server.poll() is not None:
                break
            time.sleep(0.05)
        with contextlib.suppress(PlaywrightError):
            seen["shell_loaded"] = page.evaluate(_SHELL_LOADED)
        return _server_report(seen, started, accepted, _log_tail(log), server.poll())
    finally:
        if server is not None:
            stop(server)
        with contextlib.suppress(Exception):
            browser.close()


def _server_report(
    seen: dict[str, Any], started: float, accepted: float, log: str, exit_status: int | None
) -> dict[str, Any]:
    def after(milestone: str, origin: float) -> float | None:
        return seen[milestone] - origin * 1000 if seen.get(milestone) is not None else None

    report = {
        "accepts_connections_ms": (accepted - started) * 1000,
        "first_paint_ms": after("paint", started),
        "first_result_ms": after("result", started),
        "first_paint_after_accept_ms": after("paint", accepted),
        "page_shell_loaded_after_accept_ms": after("shell_loaded", accepted),
        "tensorflow_loaded_ms": after("tf_spinner_gone", started),
        "agreement_heading_after_tensorflow_ms": (
            seen["heading"] - seen["tf_spinner_gone"]
            if "heading" in seen and "tf_spinner_gone" in seen
            else None
        ),
        "first_result_after_tensorflow_ms": (
            seen["result"] - seen["tf_spinner_gone"]
            if "result" in seen and "tf_spinner_gone" in seen
            else None
        ),
    }
    if "exception" in seen:
        return {
            "status": "failed",
            "reason": "the app raised an exception on its first page (another engineer's files "
            f"may be missing): {seen.get('exception_text', '')!r}",
            "log": log,
            **report,
        }
    if "result" not in seen:
        why = "the server stopped" if exit_status is not None else "timed out"
        return {"status": "failed", "reason": f"no full result ({why})", "log": log, **report}
    return {"status": "measured", **report}


# --- goals and the report -----------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """A target of issue 8 and what this run measured for it (None: not measured)."""

    name: str
    target: str
    measured: float | None
    limit: float
    strict: bool = False  # "<" instead of "≤"
    unit: str = "×"

    @property
    def status(self) -> str:
        if self.measured is None or math.isnan(self.measured):
            return "n/a"
        passed = self.measured < self.limit if self.strict else self.measured <= self.limit
        return "PASS" if passed else "MISS"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "target": self.target,
            "measured": self.measured,
            "unit": self.unit,
            "status": self.status,
        }


def _median_or_none(values: Sequence[float]) -> float | None:
    values = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(values) if values else None


def _slowest_request(budget: list[dict]) -> float | None:
    seconds = [row[key] for row in budget for key in ("explain_s", "cli_s", "page_s") if key in row]
    return max(seconds) if seconds else None


def goals(
    functions: list[dict], grid: list[dict], server: dict, budget: list[dict] = ()
) -> list[Goal]:
    order3 = [f for f in functions if f["order"] == 3]
    at_goal_size = [g["ratio"] for g in grid if g["points"] == GOAL_GRID_POINTS]

    def server_ms(key: str) -> float | None:
        value = server.get(key)
        return value / 1000 if value is not None else None

    return [
        Goal(
            "new function, order 3, all explain() returns, TF loaded (median over the set)",
            "≤ 5× the floor",
            _median_or_none([f["ratios"]["explain_cold_over_floor"] for f in order3]),
            5.0,
        ),
        Goal(
            "the same call again",
            "≤ 0.2× the floor",
            _median_or_none([f["ratios"]["explain_warm_over_floor"] for f in order3]),
            0.2,
        ),
        Goal(
            f"autodiff over a {GOAL_GRID_POINTS:.0e}-point grid, order 3",
            "≤ 1.5× hand-written eager nested tapes",
            _median_or_none(at_goal_size),
            1.5,
        ),
        Goal(
            "recording + drawing, order-3 graph, warm (median over the set)",
            "< 150 ms",
            _median_or_none(
                [
                    f["parts_warm"]["recording"]["median_ms"]
                    + f["parts_warm"]["drawing"]["median_ms"]
                    for f in order3
                ]
            ),
            150.0,
            strict=True,
            unit="ms",
        ),
        Goal(
            "first paint after the server accepts connections",
            "≤ 2 s",
            server_ms("first_paint_after_accept_ms"),
            2.0,
            unit="s",
        ),
        Goal(
            "full first result after TensorFlow's import ends",
            "≤ 3 s",
            server_ms("first_result_after_tensorflow_ms"),
            3.0,
            unit="s",
        ),
        Goal(
            "slowest request of section 6: finished or refused (issue 16)",
            f"≤ {REQUEST_SECONDS:g} s",
            _slowest_request(budget),
            REQUEST_SECONDS,
            unit="s",
        ),
    ]


def ms(value: float | None) -> str:
    """A duration in ms with sensible digits: 1234, 12.3, 0.012."""
    if value is None or math.isnan(value):
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.1f}"
    return f"{value:.3f}"


def times(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:.2f}×" if value >= 0.01 else f"{value:.1e}×"


def spread_cell(spread: dict) -> str:
    return f"{ms(spread['median_ms'])} [{ms(spread['p95_ms'])}]"


def _table(header: Sequence[str], rows: list[Sequence[str]], left: int = 1) -> list[str]:
    """Columns padded to their widest cell; the first `left` columns left-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i < left else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *map(line, rows)]


def report_lines(results: dict[str, Any]) -> list[str]:
    """The whole report as text: one section per part of the JSON."""
    meta, functions = results["meta"], results["functions"]
    lines = [
        f"diffexplain benchmark ({'quick' if meta['quick'] else 'full'}): {meta['repeats']} "
        f"repeat(s), Python {meta['python']}, TensorFlow {meta['tensorflow']}, "
        f"SymPy {meta['sympy']}, {meta['cpus']} CPUs",
        f"TensorFlow import: {ms(meta['tensorflow_import_ms'])} ms (before any timing below); "
        f"1-min load average {meta['load_average_before']:.1f} before, "
        f"{meta['load_average_after']:.1f} after",
        "cold = first call of a new function: explain()'s cache, record._trace and SymPy's caches",
        "       (here and in each worker) emptied; TensorFlow loaded, SymPy workers started.",
        "new point = the same function right after, every variable moved by 0.25 (a lecture's",
        "       next question: the derivatives are known, only values and pictures are new).",
        "times in ms, median [p95]; floor = sympy.diff of each partial + hand-written nested tapes",
        "",
        "1. explain() end to end against the floor",
    ]
    lines += _table(
        (
            "function",
            "ord",
            "∂s",
            "cold",
            "warm",
            "new point",
            "floor",
            "cold/floor",
            "warm/floor",
            "point/floor",
            "autodiff/tapes",
            "symbolic/SymPy",
            "check",
        ),
        [
            (
                f["text"],
                str(f["order"]),
                str(f["partials"]),
                spread_cell(f["explain_cold"]),
                spread_cell(f["explain_warm"]),
                spread_cell(f["explain_moved"]),
                spread_cell(f["floor"]),
                times(f["ratios"]["explain_cold_over_floor"]),
                times(f["ratios"]["explain_warm_over_floor"]),
                times(f["ratios"]["explain_moved_over_floor"]),
                times(f["ratios"]["autodiff_over_hand_tapes"]),
                times(f["ratios"]["symbolic_over_plain_sympy"]),
                "ok" if f["max_mismatch_vs_exact"] < 1e-8 else f"{f['max_mismatch_vs_exact']:.0e}",
            )
            for f in functions
        ],
    )
    lines += [
        "",
        "2. where the time goes (median ms per part; drawing = compact + to_digraph + .source)",
    ]
    lines += [f"   {f['text']}: FAILED {f['error']}" for f in results["failures"]]
    lines += _parts_lines(functions, "cold", baselines=True)
    lines += _parts_lines(functions, "warm", baselines=False)
    lines += [
        f"3. grid evaluation, order {GRID_ORDER}, float64: grid_derivatives vs hand-written tapes"
    ]
    lines += _table(
        ("function", "points", "grid_derivatives", "hand tapes", "ratio", "max |diff|"),
        [
            (
                g["text"],
                f"{g['points']:.0e}",
                spread_cell(g["grid_derivatives"]),
                spread_cell(g["hand_tapes"]),
                times(g["ratio"]),
                f"{g['max_abs_difference']:.1e}",
            )
            for g in results["grid"]
        ],
    )
    growth = results["growth"]
    lines += ["", f"4. growth with the order: {GROWTH_TEXT}"]
    lines += _table(
        ("order", "symbolic", "autodiff", "tape ops", "compact ops"),
        [
            (
                str(g["order"]),
                spread_cell(g["symbolic"]),
                spread_cell(g["autodiff"]),
                str(g["tape_ops"]),
                str(g["tape_ops_compact"]),
            )
            for g in growth["by_order"]
        ],
        left=0,
    )
    lines += ["", f"   growth with the size (k terms), order {GROWTH_SIZE_ORDER}"]
    lines += _table(
        ("family", "k", "symbolic", "autodiff", "tape ops", "compact ops"),
        [
            (
                g["family"],
                str(g["terms"]),
                spread_cell(g["symbolic"]),
                spread_cell(g["autodiff"]),
                str(g["tape_ops"]),
                str(g["tape_ops_compact"]),
            )
            for g in growth["by_size"]
        ],
    )
    lines += ["", "5. the real server (streamlit run + Chromium)"]
    lines += _server_lines(results["server"])
    lines += ["", f"6. every request within {REQUEST_SECONDS:g} s (cold; seconds; budget.py)"]
    lines += _budget_lines(results["budget"])
    lines += ["", "7. goals"]
    lines += _table(
        ("goal", "target", "measured", "status"),
        [(g["name"], g["target"], _measured(g), g["status"]) for g in results["goals"]],
        left=2,
    )
    return lines


def _budget_lines(budget: list[dict]) -> list[str]:
    def seconds(row: dict, key: str) -> str:
        if key not in row:
            return "–"
        status = "PASS" if row[key] <= REQUEST_SECONDS else "MISS"
        return f"{row[key]:.1f} {status}"

    lines = _table(
        ("function", "ord", "outcome", "explain()", "command line", "page"),
        [
            (
                row["text"],
                str(row["order"]),
                row["outcome"],
                seconds(row, "explain_s"),
                seconds(row, "cli_s"),
                seconds(row, "page_s"),
            )
            for row in budget
        ],
        left=3,
    )
    lines += [f"   {row['text']}: {row['message']}" for row in budget if row["message"]]
    return lines


def _parts_lines(functions: list[dict], kind: str, baselines: bool) -> list[str]:
    """Median ms of each part of explain() (and the page's drawing), and each part's share."""
    extra = ("| floor: diff", "hand tapes", "plain SymPy") if baselines else ()
    extra_keys = ("floor_sympy_diff", "floor_hand_tapes", "plain_sympy") if baselines else ()
    rows = [
        (
            f["text"],
            *(ms(f[f"parts_{kind}"][p]["median_ms"]) for p in PARTS),
            *(ms(f[key]["median_ms"]) for key in extra_keys),
        )
        for f in functions
    ]
    per_part = {p: sum(f[f"parts_{kind}"][p]["median_ms"] for f in functions) for p in PARTS}
    total = sum(per_part.values()) or 1.0
    shares = ", ".join(f"{p} {100 * t / total:.0f}%" for p, t in per_part.items())
    return [
        f"   {kind}:",
        *_table(("function", *PARTS, *extra), rows),
        f"   share of all {kind} part time: {shares}",
        "",
    ]


def _measured(goal: dict) -> str:
    value = goal["measured"]
    if value is None:
        return "not measured"
    if goal["unit"] == "ms":
        return f"{ms(value)} ms"
    if goal["unit"] == "s":
        return f"{value:.2f} s"
    return times(value)


def _server_lines(server: dict) -> list[str]:
    if server.get("status") != "measured":
        lines = [f"   {server.get('status', 'skipped')}: {server.get('reason', '')}"]
        lines += [f"   | {line}" for line in server.get("log", "").splitlines()]
    else:
        lines = []
    labels = (
        ("accepts_connections_ms", "process start → server accepts connections"),
        ("first_paint_ms", "process start → first paint (title visible)"),
        ("first_result_ms", "process start → first full result (agreement table visible)"),
        ("first_paint_after_accept_ms", "server accepts connections → first paint"),
        ("page_shell_loaded_after_accept_ms", "server accepts connections → HTML + JS loaded"),
        ("tensorflow_loaded_ms", "process start → TensorFlow import ends (spinner gone)"),
        ("agreement_heading_after_tensorflow_ms", "TensorFlow import ends → 'Agreement' heading"),
        ("first_result_after_tensorflow_ms", "TensorFlow import ends → first full result"),
    )
    for key, label in labels:
        if key in server:
            lines.append(f"   {label:<64} {ms(server[key])} ms")
    return lines


# --- the command ---------------------------------------------------------------------------


def _warm_up(tf, cases: Sequence[Case]) -> None:
    """TensorFlow's kernels, the recording hook and both SymPy workers, before any timing."""
    from diffexplain.core import worker
    from diffexplain.core.explanation import explain, prepare, symbolic_part

    explain("sin(x)exp(x) + log(1 + x^2)", {"x": 0.5}, order=3)
    request = prepare("sqrt(1 + x^2) atan(x)", {"x": 0.5}, 3, DTYPE)
    for _ in range(worker.POOL_SIZE):
        symbolic_part(request)
    for case in cases:
        hand_tape_values(tf, case)


def run(quick: bool, server: bool, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Every section, as the JSON data the report is printed from."""
    cases = [c for c in CASES if c.text in QUICK_CASES] if quick else list(CASES)
    repeats = 1 if quick else 3
    load_before = os.getloadavg()[0]
    # the server first, while this process holds no TensorFlow and no SymPy workers: a cold
    # start on a quiet machine, as a lecture's first visitor meets it
    if server:
        say("server…")
        server_result = bench_server()
    else:
        server_result = {"status": "skipped", "reason": "--no-server"}
    say("loading TensorFlow…")
    tf_import_seconds, _ = clocked(__import__, "diffexplain.core.tape")
    import tensorflow as tf

    _warm_up(tf, cases)
    functions, failures = [], []
    for number, case in enumerate(cases, 1):
        say(f"[{number}/{len(cases)}] {case.text}")
        try:
            functions.append(bench_function(tf, case, repeats))
        except Exception as error:  # noqa: BLE001 - one broken case must not sink the report
            failures.append({"text": case.text, "error": f"{type(error).__name__}: {error}"})
    say("grid…")
    grid_cases = [c for c in cases if len(c.variables) == 1 and c.text in GRID_CASES]
    grid = bench_grid(
        tf, grid_cases, QUICK_GRID_POINTS if quick else GRID_POINTS, 1 if quick else 5
    )
    say("growth…")
    growth = bench_growth(
        range(1, 4 if quick else 7), GROWTH_SIZES[:2] if quick else GROWTH_SIZES, repeats
    )
    say("every request within the budget…")
    budget = bench_budget(
        QUICK_BUDGET_CASES if quick else BUDGET_CASES, command_line=not quick, page=not quick
    )
    return {
        "meta": {
            "quick": quick,
            "repeats": repeats,
            "python": platform.python_version(),
            "tensorflow": tf.__version__,
            "sympy": sympy.__version__,
            "cpus": os.cpu_count(),
            "machine": platform.machine(),
            "tensorflow_import_ms": tf_import_seconds * 1000,
            "load_average_before": load_before,
            "load_average_after": os.getloadavg()[0],
            "cold_means": "explain()'s cache, record._trace and SymPy's caches (in process and "
            "in each worker) emptied; TensorFlow loaded and SymPy workers started",
            "floor_means": "sympy.diff of every distinct partial (in process) + hand-written "
            "eager nested GradientTapes, float64",
        },
        "functions": functions,
        "failures": failures,
        "grid": grid,
        "growth": growth,
        "server": server_result,
        "budget": budget,
        "goals": [g.to_dict() for g in goals(functions, grid, server_result, budget)],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m diffexplain.devtools.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="3 functions, 1 repeat, no server")
    parser.add_argument(
        "--json", type=Path, default=Path("bench-results.json"), help="where the results go"
    )
    parser.add_argument("--no-server", action="store_true", help="skip streamlit + Chromium")
    options = parser.parse_args(argv)
    results = run(options.quick, server=not (options.quick or options.no_server), say=_progress)
    print("\n".join(report_lines(results)))
    options.json.write_text(json.dumps(_finite(results), indent=2, allow_nan=False) + "\n")
    print(f"\nresults written to {options.json}")
    return 0


def _finite(data: Any) -> Any:
    """The results with NaN and ∞ as null, so any JSON reader takes the file."""
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    # through the module's own name, so a worker process can unpickle empty_sympy_cache
    from diffexplain.devtools.bench import main as bench_main

    sys.exit(bench_main())
