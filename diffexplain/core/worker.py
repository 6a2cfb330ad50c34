"""Run SymPy work in a separate process that is killed when it overruns its time budget.

SymPy has no timeout, one call can run for minutes, and Python signals only reach the main
thread, which is not the thread Streamlit runs a page in. A process can always be killed.
The workers are fresh Python processes: they never hold TensorFlow (about 600 MB).

Shared by every session of the server: the pool (`pool()`, made once under `_POOL_LOCK`). A
worker serves one call at a time: a caller takes it from the pool's idle queue and puts it
back, so no two threads ever talk to one process. A worker that dies (killed, out of memory)
costs only the call it was serving (`WorkerLost`: "try again"); the next call starts a new one.
A caller whose visitor has gone (`still_wanted`) stops waiting, and its job is killed.

>>> run_bounded(pow, 2, 10, seconds=30)
1024
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from diffexplain.core.parse import InputError, Message, said
from diffexplain.text.en import TEXT as ENGLISH

MEMORY_LIMIT_BYTES = 2 * 1024**3
"""Address space one worker may use; past it SymPy gets a MemoryError instead of the machine."""

POOL_SIZE = 2
"""Workers that may run at once: two students' heavy steps do not queue behind each other."""

_HEADER = struct.Struct("!Q")


WAIT_SLICE_SECONDS = 0.25
"""How often a waiting caller asks whether its visitor is still there."""


class BudgetExceeded(Exception):
    """The job did not finish in its time budget; its worker was killed. `said` is the reason
    as a `parse.Message`, for pages that word it in the visitor's language."""

    def __init__(self, said: Message):
        super().__init__(said.words(ENGLISH))
        self.said = said


class WorkerLost(BudgetExceeded):
    """The worker process died during the job (killed from outside, or crashed): nothing is
    wrong with the job, and a new worker serves the next call."""


class Abandoned(BudgetExceeded):
    """The caller's visitor left while the job ran: the job was killed, nobody waits for it."""


def always_wanted() -> bool:
    return True


_still_wanted_factory: Callable[[], Callable[[], bool]] = lambda: always_wanted  # noqa: E731


def check_callers_with(factory: Callable[[], Callable[[], bool]]) -> None:
    """Install how a waiting call learns that nobody wants its result any more.

    `factory()` runs in the calling thread when a call starts and returns a cheap check that
    any thread may call. The UI layer installs one that asks whether the calling visitor's
    session is still connected; without it every call is wanted until its budget ends.
    """
    global _still_wanted_factory
    _still_wanted_factory = factory


def _send(stream: IO[bytes], message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    return pickle.loads(stream.read(size))


def _limit_memory(limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time budget still holds
        pass


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The worker's loop: receive (function, args), send back ("ok", value) or the error."""
    _limit_memory(MEMORY_LIMIT_BYTES)
    while True:
        try:
            function, args = _receive(requests)
        except EOFError:
            return
        try:
            reply: tuple = ("ok", function(*args))
        except InputError as error:
            reply = ("input_error", (error.kind, error.message, error.position, error.said))
        except MemoryError:
            reply = ("memory", None)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the caller
            reply = ("error", f"{type(error).__name__}: {str(error)[:500]}")
        try:
            _send(replies, reply)
        except Exception as error:  # noqa: BLE001 - e.g. an unpicklable result
            _send(replies, ("error", f"{type(error).__name__}: {str(error)[:500]}"))


class Worker:
    """One `python -m diffexplain.core.worker` process, started on first use and after a kill.

    A plain subprocess, not multiprocessing: Streamlit runs each page as `__main__`, and
    multiprocessing's spawn would run the page again inside the worker.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()

    def start(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        environment = dict(os.environ)
        # the parent's import path, so functions from any module it imported can be called
        environment["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "diffexplain.core.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
        )
        self._replies = queue.Queue()
        threading.Thread(
            target=self._read, args=(self._process.stdout, self._replies), daemon=True
        ).start()

    @staticmethod
    def _read(stream: IO[bytes], replies: queue.Queue) -> None:
        while True:
            try:
                replies.put(_receive(stream))
            except Exception:  # noqa: BLE001 - EOF or a broken pipe: the worker is gone
                replies.put(("died", None))
                return

    @property
    def pid(self) -> int | None:
        """The process id while the worker runs (for memory accounting)."""
        return (
            self._process.pid
            if self._process is not None and self._process.poll() is None
            else None
        )

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=10)
        self._process = None

    def call(
        self,
        function: Callable,
        args: tuple,
        seconds: float,
        still_wanted: Callable[[], bool] = always_wanted,
    ) -> Any:
        """`function(*args)` in this worker; raises as `run_bounded` says."""
        self.start()  # a worker that died while idle is replaced here, unnoticed
        assert self._process is not None and self._process.stdin is not None
        try:
            _send(self._process.stdin, (function, args))
            status, value = self._reply(seconds, still_wanted)
        except (BrokenPipeError, OSError):
            status, value = "died", None
        if status == "ok":
            return value
        if status == "input_error":
            raise InputError(*value)
        if status == "error":
            raise RuntimeError(value)
        self.kill()
        if status == "memory":
            raise BudgetExceeded(said("budget.memory"))
        raise WorkerLost(said("budget.stopped"))

    def _reply(self, seconds: float, still_wanted: Callable[[], bool]) -> tuple[str, Any]:
        """Wait for the reply in slices, killing the job when the budget ends or nobody wants
        its result any more."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise BudgetExceeded(said("budget.time", seconds=seconds))
            try:
                return self._replies.get(timeout=min(left, WAIT_SLICE_SECONDS))
            except queue.Empty:
                if not still_wanted():
                    self.kill()
                    raise Abandoned(said("budget.abandoned")) from None


class WorkerPool:
    """A few workers shared by every session of the server; a call waits for a free one."""

    def __init__(self, size: int) -> None:
        self._workers = tuple(Worker() for _ in range(size))
        self._idle: queue.Queue[Worker] = queue.Queue()
        for worker in self._workers:
            self._idle.put(worker)

    def run(
        self,
        function: Callable,
        *args: Any,
        seconds: float,
        wanted: Callable[[], bool] = always_wanted,
    ) -> Any:
        visitor = _still_wanted_factory()
        still_wanted = visitor if wanted is always_wanted else lambda: wanted() and visitor()
        worker = self._take(still_wanted)
        try:
            return worker.call(function, args, seconds, still_wanted)
        finally:
            self._idle.put(worker)

    def _take(self, still_wanted: Callable[[], bool]) -> Worker:
        """An idle worker; gives up when nobody wants the result any more."""
        while True:
            try:
                return self._idle.get(timeout=WAIT_SLICE_SECONDS)
            except queue.Empty:
                if not still_wanted():
                    raise Abandoned(said("budget.abandoned")) from None

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        return [w.pid for w in self._workers if w.pid is not None]

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


def run_bounded(
    function: Callable, *args: Any, seconds: float, wanted: Callable[[], bool] = always_wanted
) -> Any:
    """`function(*args)` in a worker process, killed after `seconds`, or as soon as `wanted()`
    (asked every `WAIT_SLICE_SECONDS`) says the caller no longer needs the result.

    `function` must be importable by name (a module-level function) and its arguments and
    result picklable. Raises BudgetExceeded on overrun (its subclasses: WorkerLost when the
    worker died, Abandoned when the caller's visitor left or `wanted()` turned False),
    InputError when the function raised one, RuntimeError for any other error inside it.
    """
    return pool().run(function, *args, seconds=seconds, wanted=wanted)


if __name__ == "__main__":
    _replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the replies
    serve(sys.stdin.buffer, _replies)
