"""The load benchmark's arithmetic: /proc readings against this process, cores, percentiles, the
function list and the server log's exception lines. (The class itself runs in tests/e2e.)"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

from diffexplain import explain
from diffexplain.devtools import load
from diffexplain.ui.state import DEFAULT_FUNCTION, PRESETS


def _busy(seconds: float) -> None:
    deadline = time.process_time() + seconds
    total = 0
    while time.process_time() < deadline:
        total += sum(range(1000))


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def test_cpu_seconds_of_this_process_grow_with_work():
    before = load.cpu_seconds([os.getpid()])
    _busy(0.3)
    after = load.cpu_seconds([os.getpid()])
    assert after - before >= 0.2
    # the same clocks, ticks rounding aside: this process and its children already reaped
    # (earlier tests' servers, in a whole test run)
    assert after <= time.process_time() + _children_cpu() + 1


def test_cpu_seconds_count_children_already_reaped():
    before, children_before = load.cpu_seconds([os.getpid()]), _children_cpu()
    subprocess.run([sys.executable, "-c", "sum(range(30_000_000))"], check=True)
    child = _children_cpu() - children_before
    assert child > 0
    assert load.cpu_seconds([os.getpid()]) - before >= 0.5 * child - 0.05


def test_ended_processes_count_nothing():
    ended = subprocess.Popen(["true"])
    ended.wait()
    assert load.cpu_seconds([ended.pid]) == 0
    assert load.rss_bytes([ended.pid]) == 0


def test_rss_of_this_process_is_near_its_peak():
    rss = load.rss_bytes([os.getpid()])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    assert 0.5 * peak <= rss <= 1.5 * peak
    assert load.rss_bytes([os.getpid(), os.getpid()]) == pytest.approx(2 * rss, rel=0.1)


def test_process_group_of_a_new_session_holds_its_leader():
    sleeper = subprocess.Popen(["sleep", "30"], start_new_session=True)
    try:
        assert load.process_group_pids(sleeper.pid) == [sleeper.pid]
        assert os.getpid() in load.process_group_pids(os.getpgid(0))
        assert os.getpid() not in load.process_group_pids(sleeper.pid)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_group_meter_samples_the_peak_memory():
    sleeper = subprocess.Popen(["sleep", "30"], start_new_session=True)
    try:
        with load.GroupMeter(lambda: [sleeper.pid], interval=0.05) as meter:
            time.sleep(0.3)
        assert meter.peak_rss > 0
        assert meter.peak_processes == 1
        assert meter.cpu() >= 0
    finally:
        sleeper.kill()
        sleeper.wait()


def test_split_cores_leaves_the_browser_at_least_one():
    assert load.split_cores(1, {0, 1}) == ([0], [1])
    assert load.split_cores(2, {3, 0, 1, 2}) == ([0, 1], [2, 3])
    for wrong in (0, 2, 5):
        with pytest.raises(ValueError, match="give 1..1"):
            load.split_cores(wrong, {0, 1})


def test_command_line_refuses_all_the_cores_and_too_many_sessions(capsys):
    cores = len(os.sched_getaffinity(0))
    with pytest.raises(SystemExit) as refused:
        load.main(["--server-cores", str(cores)])
    assert refused.value.code == 2
    assert "--server-cores" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        load.main(["--sessions", str(load.MAX_SESSIONS + 1)])


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert load.percentile(values, 0.5) == 10
    assert load.percentile(values, 0.95) == 19
    assert load.percentile([3.0], 0.95) == 3
    assert load.percentile([], 0.5) is None


def test_log_problems_counts_exception_lines():
    log = (
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "NameError: name 'current_language' is not defined\n"
        "I0000 port.cc:153] oneDNN custom operations are on.\n"
        "NameError: name 'current_language' is not defined\n"
    )
    assert load.log_problems(log) == {"NameError: name 'current_language' is not defined": 2}


def test_functions_are_new_to_the_page_and_all_parse():
    examples = {p.function for p in PRESETS} | {DEFAULT_FUNCTION}
    assert len(load.FUNCTIONS) >= 30
    assert len(set(load.FUNCTIONS)) == len(load.FUNCTIONS)
    assert not examples & set(load.FUNCTIONS)
    assert load.VISIT_FUNCTION not in examples
    for function in load.FUNCTIONS:
        assert explain(function).derivatives, function


def test_students_per_replica_and_those_answered_by_two():
    students = [
        load.Student(0, "x", replicas=["r0"]),
        load.Student(1, "x", replicas=["r1"]),
        load.Student(2, "x", replicas=["r0", "r1"]),
        load.Student(3, "x"),
    ]
    assert load.replica_counts(students) == {"r0": 2, "r1": 1, "moved": 1}


def test_page_option_takes_a_path_and_query_and_defaults_to_the_main_page(capsys):
    parse = load._parser().parse_args
    assert parse([]).page == parse(["--page", "/"]).page == load.MAIN_PAGE == ""
    assert parse(["--page", "gradient_tape?lang=zh"]).page == "gradient_tape?lang=zh"
    assert parse(["--page", "/gradient_tape?present=1"]).page == "gradient_tape?present=1"
    for wrong in ("http://host/gradient_tape", "?lang=zh", "tape#top", "a b"):
        with pytest.raises(SystemExit) as refused:
            parse(["--page", wrong])
        assert refused.value.code == 2
        assert "--page" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        load.main(["--page", "none_gradients", "--visits"])
    assert refused.value.code == 2
    assert "--visits" in capsys.readouterr().err


def test_page_address_joins_the_app_and_the_page():
    assert load.page_address("http://127.0.0.1:8501", "") == "http://127.0.0.1:8501"
    assert (
        load.page_address("http://127.0.0.1:8501/", "gradient_tape?lang=zh")
        == "http://127.0.0.1:8501/gradient_tape?lang=zh"
    )


def _class_run(page: str) -> load.ClassRun:
    students = [load.Student(i, load.SLIDER_STEP, open_seconds=1.0 + i) for i in range(3)]
    for student in students:
        student.enter_seconds = 0.5
    return load.ClassRun(
        url="http://127.0.0.1:1",
        sessions=3,
        cold=True,
        replicas=None,
        wall_seconds=4.0,
        students=students,
        cost=load.ServerCost(measured=False),
        browser_cpu=1.0,
        browsers=3,
        page=page,
    )


def test_a_lecture_class_reports_ready_not_verdict():
    lecture = load.class_summary(_class_run("none_gradients"))
    assert "opening /none_gradients" in lecture
    assert "open → ready" in lecture and "slider step → ready" in lecture
    assert "verdict" not in lecture
    main = load.class_summary(_class_run(load.MAIN_PAGE))
    assert "open → verdict" in main and "Enter → verdict" in main
    assert "ready" not in main and "opening /" not in main
