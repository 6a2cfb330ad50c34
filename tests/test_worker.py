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
