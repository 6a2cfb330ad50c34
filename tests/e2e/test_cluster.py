"""Two replicas behind nginx on loopback: six pages at once each get their verdict, both
replicas serve some, every page stays on its replica, and a replica that dies is started
again while its visitors carry on on the other one."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from diffexplain.devtools import load
from diffexplain.serving import cluster
from tests.e2e.conftest import _ensure_chromium

PAGES = 6
SECONDS = 150


def _ensure_nginx() -> bool:
    """Debian's nginx, installed when missing and the machine allows it."""
    if cluster.nginx_available():
        return True
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return False
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=False, capture_output=True, env=environment)
    subprocess.run(
        ["apt-get", "install", "-y", "nginx"], check=False, capture_output=True, env=environment
    )
    return cluster.nginx_available()


@pytest.fixture(scope="module")
def two_replicas(tmp_path_factory):
    if not _ensure_nginx():
        pytest.skip("Debian's nginx is not installed and cannot be installed here")
    if _ensure_chromium() is None:
        pytest.skip("Debian's chromium is not installed and cannot be installed here")
    log = open(tmp_path_factory.mktemp("cluster") / "servers.log", "ab")  # noqa: SIM115
    with log, cluster.running_cluster(2, log=log) as running:
        yield running


def test_six_pages_at_once_are_shared_by_both_replicas_and_stay_on_theirs(two_replicas):
    with ThreadPoolExecutor(max_workers=1) as thread:  # its own asyncio loop
        run = thread.submit(
            load.run_class, PAGES, SECONDS, url=two_replicas.url, idle_seconds=0
        ).result()
    print(load.class_summary(run))
    assert not run.errors, [(s.function, s.error) for s in run.errors]
    counts = load.replica_counts(run.students)
    assert counts.pop("moved") == 0
    assert set(counts) == {"r0", "r1"} and sum(counts.values()) == PAGES


def test_a_replica_that_dies_is_started_again_and_its_visitors_go_to_the_other(two_replicas):
    from diffexplain.devtools.protocol_client import ProtocolStudent

    async def open_and_type(text: str, cookies=()) -> ProtocolStudent:
        student = ProtocolStudent(two_replicas.url)
        for cookie in cookies:
            student.cookies.set_cookie(cookie)
        seen = await student.open(["/"])
        seen = await student.type_function(seen, text)
        assert seen.verdict and not seen.problem
        await student.close()
        return student

    def visit(text: str, cookies=()) -> ProtocolStudent:
        # in a thread of its own: this session's sync Playwright may own this thread's loop
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, open_and_type(text, cookies)).result()

    first = visit("x^2 + 1")
    victim = next(r for r in two_replicas.replicas if r.name == first.served_by[-1])
    restarts = victim.restarts
    os.killpg(victim.process.pid, signal.SIGKILL)
    # the same browser comes back (its cookie names the dead replica): served by the other
    again = visit("x^2 + 2", list(first.cookies))
    assert victim.name not in again.served_by
    deadline = time.monotonic() + 120
    while not (victim.restarts > restarts and victim.up) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert victim.restarts == restarts + 1 and victim.up, two_replicas.events
    assert f"{victim.name} exited: started again" in two_replicas.events
