"""The three-ways page in AppTest (both languages, URL parameters, the logistic preset), and the
core it draws: swell sizes (Baydin et al.'s logistic map), forward vs reverse mode."""

import json
import math

import pytest
import sympy
from streamlit.testing.v1 import AppTest

from diffexplain import explain
from diffexplain.core.parse import MAX_LENGTH, parse_function, symbol
from diffexplain.core.record import record_nested_tapes
from diffexplain.teach.modes import compare_modes, reverse_mode_gradient
from diffexplain.teach.swell import (
    cse_ops,
    first_larger,
    logistic_expanded,
    logistic_forms,
    logistic_formula_tape_ops,
    logistic_map,
    logistic_program_tape_ops,
    logistic_sizes,
    logistic_text,
    logistic_text_fits,
    symbolic_sizes,
    tape_ops,
)
from tests.app import APP, TIMEOUT, app_at

X = symbol("x")
BAYDIN_L4_PRIME = (
    64
    - 2688 * X
    + 32256 * X**2
    - 168960 * X**3
    + 450560 * X**4
    - 638976 * X**5
    + 458752 * X**6
    - 131072 * X**7
)
"""d l₄/dx, simplified, from Table 1 of Baydin et al. (JMLR 2018)."""


# --- the logistic map and expression swell ---------------------------------------------------


def test_logistic_l4_derivative_expands_to_baydins_polynomial():
    assert sympy.expand(sympy.diff(logistic_map(4), X) - BAYDIN_L4_PRIME) == 0
    assert sympy.expand(logistic_expanded(4).diff(X).as_expr() - BAYDIN_L4_PRIME) == 0


def test_logistic_text_parses_to_the_directly_built_tree_while_it_fits():
    for n in range(1, 7):
        assert logistic_text_fits(n)
        assert parse_function(logistic_text(n)).expr == logistic_map(n)
    assert not logistic_text_fits(7) and len(logistic_text(7)) > MAX_LENGTH


def test_logistic_sizes_are_sympys_counts():
    sizes = logistic_sizes(5)
    l4 = sizes[3]
    assert l4.raw == sympy.count_ops(sympy.diff(logistic_map(4), X)) == 82
    assert l4.expanded == sympy.count_ops(BAYDIN_L4_PRIME) == 20
    assert l4.cse == cse_ops(sympy.diff(logistic_map(4), X))
    assert l4.value_ops == sympy.count_ops(logistic_map(4))


def test_symbolic_size_grows_faster_than_tape_ops_over_iterations_1_to_5():
    sizes = logistic_sizes(5)
    formula = [logistic_formula_tape_ops(n).compute for n in range(1, 6)]
    program = [logistic_program_tape_ops(n).compute for n in range(1, 6)]
    raw = [s.raw for s in sizes]
    assert raw[-1] / raw[1] > formula[-1] / formula[1] > program[-1] / program[1]
    for n in range(2, 5):  # the symbolic size grows by more each step than the tape's
        assert raw[n] / raw[n - 1] > formula[n] / formula[n - 1]
    steps = {b - a for a, b in zip(program[1:], program[2:], strict=False)}
    assert steps == {8}  # the loop adds the same ops per iteration


def test_op_counts_of_small_cases_by_hand():
    sin = sympy.sin(X)
    # sin(x)² + sin(x): 4 ops as written; cse names x0 = sin(x) (1) and leaves x0² + x0 (2)
    assert sympy.count_ops(sin**2 + sin) == 4 and cse_ops(sin**2 + sin) == 3
    # the tape of sin: Sin forward; the seed Const, then Cos and Mul (cos(x)·upstream) backward
    graph = record_nested_tapes(sin, (X,), {"x": 1.0}, 1, "float64")
    assert [node.op for node in graph.nodes] == ["Placeholder", "Sin", "Const", "Cos", "Mul"]
    assert (tape_ops(graph, 1).all, tape_ops(graph, 1).compute) == (4, 3)
    comparison = compare_modes(sin, (X,), {"x": 1.0}, "float64")
    assert comparison.reverse_ops.compute == 3  # Sin, Cos, Mul
    assert comparison.forward_ops.compute == 4  # Sin, and its tangent: Cos, Mul, Mul


def test_traced_tape_ops_count_what_the_recorded_graph_holds():
    for n in (2, 4):
        graph = record_nested_tapes(logistic_map(n), (X,), {"x": 0.3}, 1, "float64")
        assert tape_ops(graph, 1) == logistic_formula_tape_ops(n)


def test_symbolic_sizes_match_the_explanations_swell():
    text = "sin(x y) exp(x) + y^3"
    result = explain(text, {"x": 0.4, "y": 1.1}, order=3)
    parsed = parse_function(text)
    sizes = symbolic_sizes(parsed.expr, parsed.symbols, 3)
    assert [s.raw for s in sizes] == [row["symbolic_ops"] for row in result.swell]
    assert all(s.cse <= s.raw + 2 for s in sizes)  # cse names parts; it never repeats them
    recorded = [tape_ops(result.graph, k).all for k in (1, 2, 3)]
    assert recorded == [row["tape_ops"] for row in result.swell]


def test_logistic_forms_show_small_formulas_and_skip_large_ones():
    small, large = logistic_forms(3), logistic_forms(8)
    assert small.value and small.raw and small.expanded
    assert "begin{aligned}" in logistic_forms(4).expanded and "131072" in logistic_forms(4).expanded
    assert large.raw == "" and large.value == ""


# --- forward and reverse mode ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("sin(x y) + exp(x - y) + y^3", {"x": 0.4, "y": -1.1}),
        ("x^x", {"x": 1.7}),
        ("a b c d + sin(a + b + c + d)", {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4}),
    ],
)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_forward_and_reverse_mode_agree_to_rounding(text, point, dtype):
    parsed = parse_function(text)
    comparison = compare_modes(parsed.expr, parsed.symbols, point, dtype)
    exact = explain(text, point, order=1)
    rel = 1e-6 if dtype == "float32" else 1e-14
    for name, forward, reverse in zip(
        comparison.variables, comparison.forward, comparison.reverse, strict=True
    ):
        row = next(r for r in exact.derivatives if r.wrt == (name,))
        assert forward == pytest.approx(reverse, rel=rel, abs=rel)
        assert reverse == pytest.approx(row.symbolic, rel=10 * rel, abs=10 * rel)
    assert comparison.largest_difference <= 10 * rel * max(abs(r) for r in comparison.reverse)


def test_forward_mode_needs_one_pass_per_input_and_reverse_mode_one():
    parsed = parse_function("a b c d + sin(a + b + c + d)")
    point = dict.fromkeys("abcd", 0.5)
    comparison = compare_modes(parsed.expr, parsed.symbols, point, "float64")
    assert comparison.forward_ops.passes == 4 and comparison.reverse_ops.passes == 1
    assert comparison.forward_ops.compute > comparison.reverse_ops.compute > 0
    assert comparison.forward_ops.all >= comparison.forward_ops.compute


def test_an_input_f_does_not_use_is_none_in_both_modes():
    parsed = parse_function("3")
    comparison = compare_modes(parsed.expr, (X,), {"x": 1.0}, "float64")
    assert comparison.forward == (None,) and comparison.reverse == (None,)


def test_reverse_mode_gradient_is_the_tapes_first_derivatives():
    result = explain("x^2 y", {"x": 3, "y": 2}, order=1)
    parsed = parse_function("x^2 y")
    assert reverse_mode_gradient(parsed.expr, parsed.symbols, result.point, "float64") == {
        row.wrt[0]: row.autodiff for row in result.derivatives
    }


# --- the page --------------------------------------------------------------------------------


def _page(language="en", **query):
    return app_at("pages/three_ways.py", language, **query).run()


@pytest.fixture(scope="module")
def english():
    return _page()


def test_page_runs_with_three_tabs_and_its_plots(english):
    at = english
    assert not at.exception
    assert len(at.tabs) == 3
    charts = at.get("vega_lite_chart")  # your swell, the logistic map's swell, the error V
    assert len(charts) == 3 and not at.get("imgs")  # drawn by the browser, none by the server
    specs = [json.loads(chart.proto.spec) for chart in charts]
    assert specs[0]["encoding"]["x"]["title"] == "derivative order"
    assert specs[1]["encoding"]["x"]["title"] == "iterations n"
    assert "forward, float32" in json.dumps(specs[2])
    assert at.text_input[0].value == "sin(x)*exp(x)"
    assert at.markdown[0].value.startswith("One function, differentiated three ways.")
    assert not at.error


def test_page_tables_hold_the_numbers_the_core_computes(english):
    at = english
    explanation = explain("sin(x)*exp(x)", {"x": "1"}, order=3)
    swell_table = at.dataframe[0].value
    assert list(swell_table["SymPy, as diff gives it"]) == [
        row["symbolic_ops"] for row in explanation.swell
    ]
    logistic_table = at.dataframe[1].value.set_index("")
    assert list(logistic_table.loc["SymPy, as diff gives it"])[:4] == [0, 2, 21, 82]
    assert list(logistic_table.loc["SymPy, expanded"])[:4] == [0, 2, 8, 20]
    assert list(logistic_table.columns) == [f"n = {n}" for n in range(1, 9)]  # past the swell
    finite_table = at.dataframe[2].value
    assert list(finite_table["dtype"]) == ["float32", "float64"]
    exact = math.cos(1) * math.e + math.sin(1) * math.e
    h = 1e-5
    forward = (math.sin(1 + h) * math.exp(1 + h) - math.sin(1) * math.e) / h
    assert float(finite_table["forward difference"][1]) == pytest.approx(forward, rel=1e-9)
    assert float(finite_table["autodiff (tape)"][1]) == pytest.approx(exact, rel=1e-14)
    modes_table = at.dataframe[3].value
    assert float(modes_table["forward mode"][0]) == pytest.approx(exact, rel=1e-14)
    assert float(modes_table["reverse mode"][0]) == pytest.approx(exact, rel=1e-14)


def test_swell_defaults_show_the_swell_and_say_where_the_crossover_is(english):
    at = english
    table = at.dataframe[1].value.set_index("")
    tape = list(table.loc["tape, all ops"])
    raw, expanded = list(table.loc["SymPy, as diff gives it"]), list(table.loc["SymPy, expanded"])
    assert raw[-1] > tape[-1] and expanded[-1] > tape[-1]  # the default n shows the swell
    crossing = [
        1 + next(i for i, (s, t) in enumerate(zip(row, tape, strict=True)) if s > t)
        for row in (raw, expanded)
    ]
    words = [i.value for i in at.info if "The crossover" in i.value]
    assert len(words) == 1
    assert f"at n = {crossing[0]}," in words[0] and f"at n = {crossing[1]};" in words[0]
    # sin(x)·eˣ to order 3: the tape is the larger, and the page says why rather than hiding it
    yours = at.dataframe[0].value
    formula, taped = yours["SymPy, as diff gives it"].iloc[-1], yours["tape, all ops"].iloc[-1]
    assert taped > formula
    assert any(f"has {formula} ops and the tapes ran {taped}" in i.value for i in at.info)


def test_first_larger_finds_where_a_size_overtakes():
    assert first_larger([0, 2, 21, 82, 264], [1, 15, 33, 56, 84]) == 4
    assert first_larger([7, 4, 9], [12, 33, 76]) is None
    assert first_larger([None, 50], [10, 20]) == 2  # an unknown size never counts


def test_page_in_chinese():
    at = _page("zh")
    assert not at.exception
    assert at.title[0].value == "⚖️ 求导的三种方式"
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(specs) == 3
    assert specs[0]["encoding"]["x"]["title"] == "导数的阶数"  # the browser draws Chinese itself
    assert "前向差分，float32" in json.dumps(specs[2], ensure_ascii=False)
    infos = " ".join(i.value for i in at.info)
    assert "这里没有膨胀" in infos and "交叉点" in infos and "tape" not in infos


def test_page_reads_the_main_pages_query_parameters():
    at = _page(f="x*y + y^2", x="1", y="2", order="2")
    assert not at.exception
    assert at.text_input[0].value == "x*y + y^2"
    assert [t.value for t in at.text_input[1:3]] == ["1", "2"]
    assert at.number_input[0].value == 2
    assert at.selectbox[0].options == ["x", "y"]  # differentiate along which variable
    modes_table = at.dataframe[-1].value
    assert list(modes_table["passes"]) == [2, 1]
    at.text_input[0].set_value("x*y + y^3").run()
    assert not at.exception
    assert at.query_params["f"] == "x*y + y^3"  # the URL follows, so it can be shared
    assert (at.query_params["x"], at.query_params["order"]) == ("1", "2")


def test_page_shows_a_friendly_error_for_bad_input():
    at = _page(f="sin(")
    assert not at.exception
    assert at.error and not at.get("vega_lite_chart")


def test_logistic_slider_and_preset_button(english):
    at = _page()
    at.slider(key="ways.logistic_n").set_value(7).run()
    assert not at.exception
    assert any("400" in c.value for c in at.caption)  # l₇ does not fit the parser
    at.slider(key="ways.logistic_n").set_value(5).run()
    at.button(key="ways.use").click().run()
    assert not at.exception
    assert at.text_input[0].value == logistic_text(5)
    assert at.number_input[0].value == 1


def test_the_sidebar_link_opens_the_function_typed_on_the_main_page():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="f").set_value("tanh(x)").run()
    at.text_input(key="at_x").set_value("0.5").run()
    at.switch_page("pages/three_ways.py").run()  # as the sidebar does: no query parameters
    assert not at.exception
    assert at.text_input(key="ways.f").value == "tanh(x)"
    assert at.text_input(key="ways.at_x").value == "0.5"
    at.text_input(key="ways.f").set_value("x^3").run()  # edited here: kept while here
    assert at.text_input(key="ways.f").value == "x^3"
    at.switch_page("pages/00_explain.py").run()
    at.text_input(key="f").set_value("cosh(x)").run()
    at.switch_page("pages/three_ways.py").run()  # the main page changed: follow it again
    assert at.text_input(key="ways.f").value == "cosh(x)"
