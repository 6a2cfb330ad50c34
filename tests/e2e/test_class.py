"""A class opens the app in the same minute on a cold server: every page gets its verdict with no
exception and no error box, then every student types a function of their own and gets its
verdict. The load benchmark (`python -m diffexplain.devtools.load`), sized for CI."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from diffexplain.devtools import load
from tests.e2e.conftest import _ensure_chromium

SESSIONS = 12
SECONDS = 150
"""Bound of the whole class; on a 2-core machine it takes about a minute."""


def test_a_class_opens_the_page_at_once_and_each_types_a_function(tmp_path):
    if _ensure_chromium() is None:
        pytest.skip("Debian's chromium is not installed and cannot be installed here")
    log = tmp_path / "server.log"
    # in a thread of its own: the class runs an asyncio loop, and this session's sync Playwright
    # (the shared `browser` fixture) may already own this thread
    with ThreadPoolExecutor(max_workers=1) as thread:
        run = thread.submit(
            load.run_class, SESSIONS, SECONDS, idle_seconds=0, log_path=str(log)
        ).result()
    print(load.class_summary(run))
    problems = [f"student {s.index} ({s.function}): {s.error}" for s in run.errors]
    problems += [f"server log, {count}×: {line}" for line, count in run.log_problems.items()]
    assert not run.errors, "\n".join(problems)
    assert len(run.students) == SESSIONS
    for student in run.students:
        assert student.open_seconds is not None and student.enter_seconds is not None, student


def test_students_without_a_browser_get_the_page_a_browser_gets(tmp_path):
    """The benchmark's students without a browser: the page's files, the verdict, their own
    function's verdict in the URL, and an error box for a function that does not parse."""
    if _ensure_chromium() is None:
        pytest.skip("Debian's chromium is not installed and cannot be installed here")
    import asyncio

    from diffexplain.devtools.protocol_client import ProtocolStudent
    from diffexplain.serving.server import running_app

    async def visit(url: str, files: list[str]) -> list[str]:
        student = ProtocolStudent(url)
        seen = await student.open(files)
        said = [seen.verdict, seen.problem]
        seen = await student.type_function(seen, "x^4 - x")
        said += [seen.verdict, seen.problem, student.query_string.split("&")[0]]
        seen = await student.type_function(seen, "sin(")
        said += [seen.verdict, seen.problem[:22]]
        await student.close()
        return said

    def run() -> tuple[list[str], list[str]]:
        with running_app(120, open(tmp_path / "server.log", "wb")) as url:
            files = asyncio.run(load.page_files(url))
            return files, asyncio.run(visit(url, files))

    with ThreadPoolExecutor(max_workers=1) as thread:
        files, said = thread.submit(run).result()
    assert files[0] == "/" and any(path.endswith(".js") for path in files)
    assert said == [
        "values agree",
        "",
        "values agree",
        "",
        "f=x%5E4+-+x",
        "",
        "error box on the page:",
    ]
