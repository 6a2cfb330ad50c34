"""worker: SymPy work in a process that is killed when it overruns, and that comes back."""

import time

import pytest

from diffexplain.parse import InputError
from diffexplain.worker import BudgetExceeded, run_bounded


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

    from diffexplain import steps
    from diffexplain.record import record_nested_tapes
    from diffexplain.worker import pool

    x = sympy.Symbol("x")
    graph = record_nested_tapes(x * sympy.sin(x), (x,), {"x": 1.0}, 1, "float64")
    assert steps.derivations(x * sympy.sin(x), (x,), graph, {"x": 1.0}) is not None
    for pid in pool().pids():
        with open(f"/proc/{pid}/maps") as maps:
            assert "tensorflow" not in maps.read()
