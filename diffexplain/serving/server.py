"""The real app server and Debian's Chromium, for the browser tests, the benchmark and the load
script: started on a free loopback port, always stopped with everything it started."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
"""Debian's Chromium as root, with no calls home (this machine's network is closed)."""


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def streamlit_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def start(
    port: int, log: IO | int = subprocess.DEVNULL, cores: Collection[int] | None = None
) -> subprocess.Popen:
    """`streamlit run` in its own process group, so `stop` also ends its SymPy workers.

    With `cores`, the server may only run on those CPUs (and so may everything it starts: the
    affinity mask is inherited), set in the child before it executes Python.
    """
    pin = None
    if cores is not None:
        allowed = frozenset(cores)

        def pin() -> None:
            os.sched_setaffinity(0, allowed)

    return subprocess.Popen(
        streamlit_command(port),
        cwd=PROJECT_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=pin,
    )


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer within {seconds:g} s")


def stop(server: subprocess.Popen) -> None:
    """End the server and everything it started, within about 15 s."""
    if server.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=wait)
            return


@contextlib.contextmanager
def running_server(
    seconds: float = 120,
    log: IO | int = subprocess.DEVNULL,
    cores: Collection[int] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """The app served on a free loopback port: yields its URL and the server process (the
    leader of its process group), stops it on the way out."""
    port = free_loopback_port()
    server = start(port, log, cores)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, server, seconds)
        yield url, server
    finally:
        stop(server)


@contextlib.contextmanager
def running_app(
    seconds: float = 120,
    log: IO | int = subprocess.DEVNULL,
    cores: Collection[int] | None = None,
) -> Iterator[str]:
    """The app served on a free loopback port: yields its URL, stops it on the way out."""
    with running_server(seconds, log, cores) as (url, _server):
        yield url
