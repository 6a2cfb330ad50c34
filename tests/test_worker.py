"""worker: SymPy work in a process that is killed when it overruns, and that comes back."""

import os
import signal
import threading
import time

import pytest

from diffexplain.core.parse import InputError
from diffexplain.core.worker import Abandoned, BudgetExceeded, Worker, WorkerLost, run_bounded


def _refuse(kind):
    raise InputError(kind, "refused in the worker", 3)


def test_a_result_comes_back():
    assert run_bounded(pow, 2, 10, seconds=60) == 1024


def test_an_overrun_kills_the_worker_and_the_next_call_works():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        run_bounded(time.sleep, 30, seconds=1.0)
    assert time.monotonic() - started < 10
    assert run_bounded(pow, 3, 3, seconds=60) == 27


def test_input_errors_cross_the_process_boundary_whole():
    with pytest.raises(InputError) as caught:
        run_bounded(_refuse, "too_large", seconds=60)
    assert (caught.value.kind, caught.value.message, caught.value.position) == (
        "too_large",
        "refused in the worker",
        3,
    )


def test_other_errors_become_runtime_errors_with_the_message():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        run_bounded(divmod, 1, 0, seconds=60)


def test_a_worker_given_a_recorded_graph_never_loads_tensorflow():
    """The step-by-step view sends the tape's graph to a worker: unpickling it must not import
    TensorFlow there (600 MB per worker)."""
    import sympy

    from diffexplain.core import steps
    from diffexplain.core.record import record_nested_tapes
    from diffexplain.core.worker import pool

    x = sympy.Symbol("x")
    graph = record_nested_tapes(x * sympy.sin(x), (x,), {"x": 1.0}, 1, "float64")
    assert steps.derivations(x * sympy.sin(x), (x,), graph, {"x": 1.0}) is not None
    for pid in pool().pids():
        with open(f"/proc/{pid}/maps") as maps:
            assert "tensorflow" not in maps.read()


def test_a_worker_killed_mid_call_costs_only_that_call():
    """Its caller gets WorkerLost ("try again"); a call on another worker goes on unharmed, and
    the next call on the killed one starts a new process."""
    killed, other = Worker(), Worker()
    outcome = {}

    def wait_on_killed():
        try:
            killed.call(time.sleep, (30,), seconds=60)
        except WorkerLost:
            outcome["killed"] = "lost"

    def wait_on_other():
        outcome["other"] = other.call(_slow_square, (7,), seconds=60)

    threads = [threading.Thread(target=wait_on_killed), threading.Thread(target=wait_on_other)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while killed.pid is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    old_pid = killed.pid
    os.kill(old_pid, signal.SIGKILL)
    for thread in threads:
        thread.join(60)
    assert outcome == {"killed": "lost", "other": 49}
    assert killed.call(pow, (2, 5), seconds=60) == 32
    assert killed.pid != old_pid
    for worker in (killed, other):
        worker.kill()


def test_a_call_nobody_wants_any_more_stops_waiting_and_frees_its_worker():
    worker = Worker()
    started = time.monotonic()
    with pytest.raises(Abandoned):
        worker.call(time.sleep, (30,), seconds=60, still_wanted=lambda: False)
    assert time.monotonic() - started < 10
    assert worker.pid is None  # the job was killed with its process
    assert worker.call(pow, (3, 2), seconds=60) == 9
    worker.kill()


def _slow_square(n):
    time.sleep(2)
    return n * n
