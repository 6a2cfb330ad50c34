"""Memory: 500 distinct functions through the engine stay under budget and stop growing.

Streamlit Community Cloud gives an app 690 MB to 2.7 GB; TensorFlow, SymPy and Streamlit take
about 600 MB of it. Every cache is bounded, so memory levels off once the caches are full.
The loop runs in a fresh process (this file run as a script), so what other tests left in
pytest's process is not counted; the SymPy workers are counted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BUDGET_MB = 900
FUNCTIONS = 500
SAMPLE_EVERY = 50


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


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


def measure() -> list[float]:
    """Resident memory (this process + SymPy workers, MB) after every SAMPLE_EVERY functions."""
    from diffexplain import explain
    from diffexplain.core.worker import pool

    samples = []
    for number in range(FUNCTIONS):
        text = _function(number)
        explain(text, {"x": 0.7, "y": 1.3} if "y" in text else {"x": 0.7}, order=2)
        if number % SAMPLE_EVERY == SAMPLE_EVERY - 1:
            pids = [os.getpid(), *pool().pids()]
            samples.append(sum(_rss_mb(pid) for pid in pids))
    return samples


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_five_hundred_distinct_functions_stay_under_budget_and_level_off():
    run = subprocess.run(
        [sys.executable, __file__],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert run.returncode == 0, run.stderr[-2000:]
    samples = json.loads(run.stdout.strip().splitlines()[-1])
    print("resident MB every 50 functions:", [round(s) for s in samples])
    assert len(samples) == FUNCTIONS // SAMPLE_EVERY
    assert max(samples) < BUDGET_MB, samples
    # once the caches are full (about half way) memory grows by little more than noise
    assert samples[-1] - samples[len(samples) // 2] < 60, samples


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    print(json.dumps(measure()))
