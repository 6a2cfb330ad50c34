"""The CPUs this process may really use, and TensorFlow's thread pools sized to them.

TensorFlow sizes its pools from the cores it sees: it follows the affinity mask (`taskset`),
but a container's CPU quota (Streamlit Community Cloud gives 0.078 to 2 cores on a large host)
is invisible to it, so it would start a thread per host core, all competing for one core.

>>> usable_cpus(affinity=8, quota=None)
8
>>> usable_cpus(affinity=64, quota=0.078)
1
>>> usable_cpus(affinity=2, quota=1.5)
2
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

CGROUP_V2_MAX = Path("/sys/fs/cgroup/cpu.max")
CGROUP_V1_QUOTA = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
CGROUP_V1_PERIOD = Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")
"""Read by TensorFlow when its runtime starts (eager context and sessions alike)."""


def affinity_cpus() -> int:
    """CPUs in this process's affinity mask (all of them where there is no mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def quota_cpus(
    cpu_max: Path = CGROUP_V2_MAX, quota: Path = CGROUP_V1_QUOTA, period: Path = CGROUP_V1_PERIOD
) -> float | None:
    """The cgroup's CPU quota in CPUs (`quota / period`), None when there is none.

    cgroup v2 writes "max 100000" (no quota) or "200000 100000" in `cpu.max`; v1 writes the
    two numbers in two files, with -1 for no quota.
    """
    try:
        text = cpu_max.read_text().split()
        if text and text[0] != "max":
            return int(text[0]) / int(text[1])
        return None
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = int(quota.read_text())
        return limit / int(period.read_text()) if limit > 0 else None
    except (OSError, ValueError, ZeroDivisionError):
        return None


def usable_cpus(affinity: int | None = None, quota: float | None | str = "read") -> int:
    """Whole CPUs the process can keep busy: its affinity mask, capped by the quota (rounded
    up, at least 1)."""
    cpus = affinity_cpus() if affinity is None else affinity
    limit = quota_cpus() if quota == "read" else quota
    if limit is not None:
        cpus = min(cpus, max(1, math.ceil(limit)))
    return max(1, cpus)


def size_tensorflow_pools() -> int:
    """Ask TensorFlow for pools of `usable_cpus()` threads, before it is imported; the number.

    Does nothing once TensorFlow is loaded (its pools exist by then), nor where the variables
    were already set (whoever set them knows better).
    """
    cpus = usable_cpus()
    if "tensorflow" not in sys.modules:
        for variable in THREAD_VARIABLES:
            os.environ.setdefault(variable, str(cpus))
    return cpus
