"""Run SymPy work in a separate process that is killed when it overruns its time budget.

SymPy has no timeout, one call can run for minutes, and Python signals only reach the main
thread, which is not the thread Streamlit runs a page in. A process can always be killed.
The workers are started with `spawn`, so they never inherit TensorFlow (about 600 MB).

>>> run_bounded(pow, 2, 10, seconds=30)
1024
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from diffexplain.parse import InputError

MEMORY_LIMIT_BYTES = 2 * 1024**3
"""Address space one worker may use; past it SymPy gets a MemoryError instead of the machine."""

POOL_SIZE = 2
"""Workers that may run at once: two students' heavy steps do not queue behind each other."""

_CONTEXT = multiprocessing.get_context("spawn")


class BudgetExceeded(Exception):
    """The job did not finish in its time budget; its worker was killed."""


def _limit_memory(limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time budget still holds
        pass


def _serve(connection: Connection, memory_limit: int) -> None:
    """The worker's loop: receive (function, args), send back ("ok", value) or the error."""
    _limit_memory(memory_limit)
    while True:
        try:
            function, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("ok", function(*args))
        except InputError as error:
            reply = ("input_error", error.kind, error.message, error.position)
        except MemoryError:
            reply = ("memory", "", "", None)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the caller
            reply = ("error", type(error).__name__, str(error)[:500], None)
        try:
            connection.send(reply)
        except Exception as error:  # noqa: BLE001 - e.g. an unpicklable result
            connection.send(("error", type(error).__name__, str(error)[:500], None))


class Worker:
    """One process and its pipe; started on first use, restarted after a kill."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        ours, theirs = _CONTEXT.Pipe()
        self._process = _CONTEXT.Process(
            target=_serve, args=(theirs, MEMORY_LIMIT_BYTES), daemon=True, name="sympy-worker"
        )
        self._process.start()
        theirs.close()
        self._connection = ours

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        if self._connection is not None:
            self._connection.close()
        self._process, self._connection = None, None

    def call(self, function: Callable, args: tuple, seconds: float) -> Any:
        self.start()
        assert self._connection is not None
        try:
            self._connection.send((function, args))
            finished = self._connection.poll(seconds)
            reply = self._connection.recv() if finished else None
        except (EOFError, OSError, BrokenPipeError):
            self.kill()  # it died (for instance killed by the kernel): the next call starts anew
            raise BudgetExceeded("the symbolic worker stopped unexpectedly") from None
        if reply is None:
            self.kill()
            raise BudgetExceeded(f"took longer than {seconds:g} s")
        status, first, second, third = reply if len(reply) == 4 else (*reply, "", None)
        if status == "ok":
            return first
        if status == "input_error":
            raise InputError(first, second, third)
        if status == "memory":
            self.kill()
            raise BudgetExceeded("needed more memory than allowed")
        raise RuntimeError(f"{first}: {second}")


class WorkerPool:
    """A few workers shared by every session of the server; a call waits for a free one."""

    def __init__(self, size: int) -> None:
        self._idle: queue.Queue[Worker] = queue.Queue()
        for _ in range(size):
            self._idle.put(Worker())

    def run(self, function: Callable, *args: Any, seconds: float) -> Any:
        worker = self._idle.get()
        try:
            return worker.call(function, args, seconds)
        finally:
            self._idle.put(worker)

    def warm_up(self) -> None:
        """Start the processes in the background, so the first visitor does not wait for them."""

        def start_all() -> None:
            workers = [self._idle.get() for _ in range(self._idle.qsize())]
            try:
                for worker in workers:
                    worker.start()
            finally:
                for worker in workers:
                    self._idle.put(worker)

        threading.Thread(target=start_all, daemon=True, name="sympy-warm-up").start()


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> WorkerPool:
    """The process-wide pool, made on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = WorkerPool(POOL_SIZE)
        return _POOL


def run_bounded(function: Callable, *args: Any, seconds: float) -> Any:
    """`function(*args)` in a worker process, killed after `seconds`.

    `function` must be importable by name (a module-level function) and its arguments and
    result picklable. Raises BudgetExceeded on overrun, InputError when the function raised one.
    """
    return pool().run(function, *args, seconds=seconds)
