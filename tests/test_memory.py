"""Memory: 500 distinct functions through the engine stay under budget and stop growing.

Streamlit Community Cloud gives an app 690 MB to 2.7 GB; TensorFlow, SymPy and Streamlit take
about 600 MB of it. Every cache is bounded, so memory levels off after the caches fill.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from diffexplain import explain
from diffexplain.worker import pool

BUDGET_MB = 900
FUNCTIONS = 500


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _worker_pids() -> list[int]:
    me = str(os.getpid())
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"PPid:\t{me}\n" in text:
            pids.append(int(status.parent.name))
    return pids


def _total_mb() -> float:
    return _rss_mb(os.getpid()) + sum(_rss_mb(pid) for pid in _worker_pids())


def _function(number: int) -> str:
    templates = [
        "sin({k}x)*exp(x/{k})",
        "x^{k} - {k}x",
        "log(1 + {k}x^2)",
        "tanh(x/{k}) + x y",
        "sqrt({k} + x^2)",
        "atan({k}x) y^2",
    ]
    return templates[number % len(templates)].format(k=number // len(templates) + 1)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_five_hundred_distinct_functions_stay_under_budget_and_level_off():
    pool()  # the workers count too
    samples = []
    print()
    for number in range(FUNCTIONS):
        text = _function(number)
        explain(text, {"x": 0.7, "y": 1.3} if "y" in text else {"x": 0.7}, order=2)
        if number % 50 == 49:
            samples.append(_total_mb())
            print(f"{number + 1} functions: {samples[-1]:.0f} MB")
    assert max(samples) < BUDGET_MB, samples
    # after the caches have filled (about half way), memory grows by little more than noise
    assert samples[-1] - samples[len(samples) // 2] < 60, samples
