"""python -m diffexplain: a table by default, the same dict with --json, exit 2 on bad input."""

import json
import subprocess
import sys
from math import cos, sin

import pytest

from diffexplain.__main__ import main


def test_table_shows_every_derivative_and_the_verdict(capsys):
    assert main(["sin(x)*exp(x)", "--at", "x=1", "--order", "3"]) == 0
    out = capsys.readouterr().out
    assert "f'''" in out and "verdict: all agree" in out
    # f'(1) = e(sin 1 + cos 1), f''(1) = 2e cos 1, f'''(1) = 2e(cos 1 - sin 1)
    assert "3.75604922709" in out and "2.93738787983" in out and "-1.63732269453" in out


def test_json_is_the_explanation_dict(capsys):
    assert main(["x^3", "--at", "x=3", "--order", "2", "--dtype", "float32", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dtype"] == "float32"
    assert [d["autodiff"] for d in data["derivatives"]] == [27.0, 18.0]


def test_several_variables_in_one_at(capsys):
    assert main(["x^2 + y^2", "--at", "x=4,y=3", "--order", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["symbolic"] for d in data["derivatives"]] == [8.0, 6.0]


def test_bad_input_exits_2_with_the_message_on_stderr_and_json_error_on_stdout():
    run = subprocess.run(
        [sys.executable, "-m", "diffexplain", "sin(", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("error: ")
    error = json.loads(run.stdout)["error"]
    assert error["kind"] == "syntax" and isinstance(error["position"], int)


def test_a_bad_point_is_a_clean_error(capsys):
    assert main(["x", "--at", "x"]) == 2
    assert "name=value" in capsys.readouterr().err


def test_dot_writes_the_graph_of_the_tapes(tmp_path, capsys):
    target = tmp_path / "tape.dot"
    assert main(["sin(x)*exp(x)", "--at", "x=1", "--order", "2", "--dot", str(target)]) == 0
    source = target.read_text(encoding="utf-8")
    assert source.startswith("digraph tape {")
    assert "Sin = 0.841471" in source and "Cos" in source


def test_tapes_too_big_for_the_time_exit_2_saying_which_order_fits(capsys):
    arguments = ["(x^2 + y^2)^(x y)", "--at", "x=0.5,y=0.8", "--order", "6", "--json"]
    assert main(arguments) == 2
    captured = capsys.readouterr()
    assert "order 5 fits" in captured.err
    assert json.loads(captured.out)["error"]["kind"] == "too_large"


def test_a_graph_of_fewer_tapes_than_the_order_is_noted_under_the_table(capsys):
    assert main(["1/(1 + exp(-x))", "--at", "x=0.5", "--order", "6"]) == 0
    out = capsys.readouterr().out
    assert "verdict: all agree" in out
    assert "note (graph): All 6 tapes would make a graph of about" in out


# --- --check: an answer's verdict ------------------------------------------------------------


def test_check_a_correct_answer_exits_0(capsys):
    assert main(["x^2 sin(x)", "--check", "2x sin(x) + x^2 cos(x)"]) == 0
    assert capsys.readouterr().out.startswith("✅ Correct")


def test_check_a_wrong_answer_exits_1_with_a_point_and_both_values(capsys):
    assert main(["x^2 sin(x)", "--check", "2x cos(x)", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["correct"] is False
    x = float(data["counterexample"]["point"]["x"])
    assert data["counterexample"]["expected"] == pytest.approx(2 * x * sin(x) + x * x * cos(x))
    assert data["counterexample"]["given"] == pytest.approx(2 * x * cos(x))


def test_check_an_undecidable_answer_exits_1(capsys):
    assert main(["sqrt(-x^2 - 1)", "--check", "0"]) == 1
    assert "Cannot decide" in capsys.readouterr().out


def test_check_with_wrt_and_order(capsys):
    assert main(["x^2 y^3", "--check", "6 x y^2", "--wrt", "x,y"]) == 0
    assert main(["x^2 y^3", "--check", "6 x^2 y", "--wrt", "y", "--order", "2"]) == 0
    assert main(["x^2 y^3", "--check", "6 x^2 y", "--wrt", "y"]) == 1


def test_check_bad_input_exits_2_without_a_traceback():
    for arguments in (["x*y", "--check", "y"], ["x^2", "--check", "2x +"]):
        run = subprocess.run(
            [sys.executable, "-m", "diffexplain", *arguments],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 2
        assert run.stderr.startswith("error: ") and "Traceback" not in run.stderr


# --- a list of functions: its Jacobian ------------------------------------------------------


def test_a_list_prints_its_jacobian_as_json(capsys):
    assert main(["[x*y, sin(x)]", "--at", "x=1,y=2", "--order", "3", "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    # ∂(xy)/∂x = y, ∂(xy)/∂y = x, ∂sin(x)/∂x = cos x, ∂sin(x)/∂y = 0
    assert data["jacobian"]["autodiff"] == [[2.0, 1.0], [cos(1.0), 0.0]]
    assert data["jacobian"]["symbolic"] == [[2.0, 1.0], [cos(1.0), 0.0]]
    assert [e["name"] for e in data["entries"]] == ["∂f1/∂x", "∂f1/∂y", "∂f2/∂x", "∂f2/∂y"]
    assert data["all_agree"] and data["order"] == 1
    assert "Jacobian (order 1) only" in captured.err  # --order 3 does not apply to a list


def test_a_list_prints_a_table_of_entries_in_float32(capsys):
    assert main(["[x^2, exp(y)]", "--at", "x=3", "--at", "y=0", "--dtype", "float32"]) == 0
    out = capsys.readouterr().out
    assert "tape.jacobian" in out and "[float32]" in out and "verdict: all agree" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith("∂")}
    assert lines["∂f1/∂x"][1:4] == ["2*x", "6", "6"] and lines["∂f2/∂y"][1:4] == [
        "exp(y)",
        "1",
        "1",
    ]


def test_a_malformed_list_exits_2_with_the_refusal(capsys):
    assert main(["[x, [y]]", "--order", "1", "--json"]) == 2
    captured = capsys.readouterr()
    assert "lists inside lists" in captured.err
    assert json.loads(captured.out)["error"]["position"] == 4
