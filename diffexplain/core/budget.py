"""What one request may cost: the size of its nested tapes, known before they run, and a deadline.

Every request finishes or is refused within `REQUEST_SECONDS`. Two rules keep it so:

- **A size gate, the same on a busy machine as on an idle one.** The nested tapes of order N
  run every op of order N − 1 and differentiate all of them once more, so their size grows
  about threefold per order (18,000 ops for sin(x)^cos(x)^tan(x) at order 6). Tracing the tapes
  into a graph (`record.py`) counts the ops of each stage; once the graph would outgrow
  `MAX_GRAPH_OPS` the tracing stops and `TapeSize` extrapolates the rest from the growth of
  the last stage. A request whose tapes would run more than `MAX_TAPE_OPS` ops is refused with
  the highest order that fits; one whose graph would have more than `MAX_GRAPH_OPS` ops gets
  its values without the graph of every order (the graph shows the tapes that fit).
- **A deadline as the safety net**, for a machine too busy for the sizes: SymPy's worker gets
  what is left of it, and the tapes check it between the ops TensorFlow differentiates (the
  gradient hook in `tape.py`; TensorFlow cannot stop inside an op, and a Python thread cannot be
  killed, but each op is short). Each step the answer needs gets at least `GRACE_SECONDS`,
  however late it starts: in a class's first minute a small request waits its turn and finishes
  a little late instead of being refused; on an idle machine the 20 s hold as they are.

Costs measured on the project's 2-core machine, idle (`python -m diffexplain.devtools.bench`): eager
nested tapes 0.1 ms per op; tracing them into a graph 0.3 ms per op and running it 0.2 ms.

>>> size = TapeSize(counted=(5, 47, 159, 484), order=6)  # sin(x)^cos(x)^tan(x), 3 tapes traced
>>> size.stages  # tapes 4 to 6 grow as tape 3 grew from tape 2: 484/159 times each
(5, 47, 159, 484, 1474, 4487, 13659)
>>> size.ops(), size.fits(MAX_GRAPH_OPS)  # the real count is 18,264; order 4 fits in a graph
(20315, 4)
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

REQUEST_SECONDS = 20.0
"""Longest a request (explain(), the CLI, a main-page run) takes before it finishes or refuses."""

FINISH_SECONDS = 2.0
"""Kept back from a request's deadline for the work that cannot be stopped and comes after the
rest: putting the answer together, printing it or drawing the page."""

WORK_SECONDS = REQUEST_SECONDS - FINISH_SECONDS
"""What a request's deadline allows the steps that check it: SymPy, the tapes, the graph."""

MAX_TAPE_OPS = 25_000
"""Ops the nested tapes may run for one request: about 2.5 s idle at 0.1 ms per op, room for a
machine twice as busy beside SymPy's time for a function of that size (5 to 7 s at order 6)."""

MAX_GRAPH_OPS = 5_000
"""Ops of the recorded graph: about 2.5 s idle to trace and run at 0.5 ms per op. Every example
and every function of the class benchmark fits up to order 4 (at most 3,331 ops)."""

FIRST_GROWTH_STAGE = 2
"""The first stage whose growth over the one before predicts the next stages: tape 1 against
the forward pass says little (×4 to ×10), later stages grow ×1 to ×4.5 and vary slowly."""

UNKNOWN_GROWTH = 5.0
"""Growth per stage assumed when fewer stages were counted (a trace cut short by the deadline):
above every growth measured after the first backward stage."""

GRACE_SECONDS = 3.0
"""What each step (SymPy, the graph, the tapes) may take even when the deadline has passed
before it began: on a busy server (a class opening the page in the same minute) a small request
waits its turn and then finishes late rather than being refused; a big one is still stopped."""

LEAST_SECONDS = 1.0
"""An optional part (the steps, SymPy at float32's point) is not started with less time left."""

RUN_SECONDS_PER_OP = 0.0004
"""Running a recorded graph and reading its values: 0.2 ms per op idle, doubled for a busy
machine; checked against the deadline before `Session.run`, which cannot be stopped."""


class OutOfTime(Exception):
    """The deadline passed; raised between two ops, never inside one."""


@dataclass(frozen=True)
class Deadline:
    """When a request must be done, on the monotonic clock.

    >>> Deadline.start(20).left() > 19
    True
    """

    ends: float

    @classmethod
    def start(cls, seconds: float = WORK_SECONDS, started: float | None = None) -> Deadline:
        """`seconds` after `started` (a `time.monotonic()` reading; by default now)."""
        return cls((time.monotonic() if started is None else started) + seconds)

    def left(self) -> float:
        """Seconds until the deadline (negative once it has passed)."""
        return self.ends - time.monotonic()

    def with_grace(self, seconds: float | None = None) -> Deadline:
        """This deadline, or `seconds` (`GRACE_SECONDS`) from now if that is later: what one
        step may use.

        >>> Deadline(time.monotonic() - 5).with_grace(3).left() > 2
        True
        """
        grace = GRACE_SECONDS if seconds is None else seconds
        return Deadline(max(self.ends, time.monotonic() + grace))

    def check(self) -> None:
        """Raise OutOfTime once the deadline has passed."""
        if time.monotonic() >= self.ends:
            raise OutOfTime


def seconds_left(deadline: Deadline | None, most: float) -> float:
    """The time an optional step may take: `most`, or less when the request's deadline comes
    sooner (negative once it has passed)."""
    return most if deadline is None else min(most, deadline.left())


def step_seconds(deadline: Deadline | None, most: float) -> float:
    """The time a step the answer needs may take: `most`, or less when the deadline comes
    sooner, but never less than the grace (or `most`, if smaller)."""
    return seconds_left(None if deadline is None else deadline.with_grace(), most)


def step_deadline(deadline: Deadline | None) -> Deadline | None:
    """The deadline a step the answer needs works to: the request's, with the grace."""
    return None if deadline is None else deadline.with_grace()


@dataclass(frozen=True)
class TapeSize:
    """Ops per stage of the nested tapes for `order`: stage 0 is the forward pass, stage k the
    ops tape k added. `counted` are the stages traced; the rest are extrapolated."""

    counted: tuple[int, ...]
    order: int

    @property
    def exact(self) -> bool:
        """Every stage was counted, none predicted."""
        return len(self.counted) > self.order

    @property
    def stages(self) -> tuple[int, ...]:
        """Ops of stages 0 to `order`: counted, then each the last times the last growth."""
        stages = list(self.counted[: self.order + 1])
        growth = _growth(self.counted)
        while len(stages) <= self.order:
            stages.append(math.ceil(stages[-1] * growth))
        return tuple(stages)

    def ops(self, order: int | None = None) -> int:
        """Ops of the forward pass and tapes 1 to `order` (all by default)."""
        return sum(self.stages[: (self.order if order is None else order) + 1])

    def fits(self, limit: int) -> int:
        """The highest order whose tapes run at most `limit` ops (0 when not even order 1)."""
        return max((k for k in range(self.order + 1) if self.ops(k) <= limit), default=0)


def _growth(counted: tuple[int, ...]) -> float:
    if len(counted) > FIRST_GROWTH_STAGE:
        return max(1.0, counted[-1] / max(counted[-2], 1))
    return UNKNOWN_GROWTH


def next_stage_ops(counted: tuple[int, ...]) -> int:
    """Ops the next tape is expected to add (what tracing asks before it goes on)."""
    return TapeSize(counted, len(counted)).stages[-1]
