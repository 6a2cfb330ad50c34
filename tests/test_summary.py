"""The quick reference's rows: each program's answer against SymPy (or the rule it states),
and what it printed against its answer."""

import pytest
import sympy

from diffexplain.teach.lessons import summary
from diffexplain.ui.lectures import LECTURES

X = sympy.Symbol("x")


def _derivative(expression, order=1, at=3):
    return float(sympy.diff(expression, X, order).subs(X, at))


@pytest.fixture(scope="module")
def answers():
    return {row.key: summary.answer(row.key) for row in summary.ROWS}


def test_every_row_links_to_a_notes_page():
    notes = {page.path for page in LECTURES if page.part == "notes"}
    assert {row.page for row in summary.ROWS} <= notes
    assert len({row.key for row in summary.ROWS}) == len(summary.ROWS)


def test_the_gradient_rows_agree_with_sympy(answers):
    assert answers["summary.row.record"].values == (float((X**2).subs(X, 3)),)
    w, b = sympy.symbols("w b")
    loss = (w * 3 + b - 8) ** 2
    at = {w: 2, b: 1}
    assert answers["summary.row.gradient"].values == (
        _derivative(X**2),
        float(sympy.diff(loss, w).subs(at)),
        float(sympy.diff(loss, b).subs(at)),
    )
    assert answers["summary.row.watch"].values == (_derivative(X**2),)
    assert answers["summary.row.persistent"].values == (_derivative(X**2), _derivative(2 * X**2))
    assert answers["summary.row.higher"].values == (_derivative(X**3), _derivative(X**3, 2))


def test_the_rows_without_a_path_print_none(answers):
    assert answers["summary.row.none"].values == (None,)
    assert answers["summary.row.none"].printed == "None\n"
    assert answers["summary.row.constvar"].printed == "int32 None\n"


def test_assign_changes_the_variable_in_place_step_by_step(answers):
    start, added, subtracted = [1.0, 2.0, 3.0], [10.0] * 3, [1.0] * 3
    after_add = [a + d for a, d in zip(start, added, strict=True)]
    after_sub = [a - d for a, d in zip(after_add, subtracted, strict=True)]
    lines = answers["summary.row.assign"].printed.splitlines()
    assert [[float(v) for v in line.strip("[]").split()] for line in lines] == [
        after_add,
        after_sub,
        [0.0, 0.0, 0.0],
    ]
    assert answers["summary.row.assign"].values == ([0.0, 0.0, 0.0],)


def test_each_row_prints_its_answer(answers):
    for key in ("summary.row.record", "summary.row.persistent", "summary.row.higher"):
        answer = answers[key]
        assert answer.printed.split() == [str(value) for value in answer.values]
