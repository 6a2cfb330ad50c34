"""record + draw: the ops the tapes really ran, their stages, values, rules, and the drawing."""

import math
import time

import pytest

from diffexplain.core.budget import MAX_GRAPH_OPS, Deadline
from diffexplain.core.explanation import explain
from diffexplain.core.parse import parse_function
from diffexplain.core.record import NONE_RULE, record_nested_tapes, record_within
from diffexplain.core.tape_graph import BOOKKEEPING, compact
from diffexplain.figures.draw import MAX_DRAWN_NODES, node_label, to_digraph


def _record(text, point, order, dtype="float64"):
    parsed = parse_function(text)
    return record_nested_tapes(parsed.expr, parsed.symbols, point, order, dtype)


@pytest.fixture(scope="module")
def sin_exp():
    return _record("sin(x)*exp(x)", {"x": 1.0}, 2)


def test_forward_ops_of_sin_times_exp(sin_exp):
    forward = [n.op for n in sin_exp.nodes if n.stage == 0 and not n.is_input]
    assert sorted(forward) == ["Exp", "Mul", "Sin"]
    assert sin_exp.forward_ops == 3


def test_backward_stages_hold_the_derivative_rules(sin_exp):
    tape1 = [n for n in sin_exp.nodes if n.stage == 1]
    cos = [n for n in tape1 if n.op == "Cos"]
    assert len(cos) == 1 and cos[0].rule.startswith("d sin(u) = cos(u)")
    assert sin_exp.nodes[cos[0].derivative_of].op == "Sin"
    assert any(n.op == "Mul" and "product rule" in n.rule for n in tape1)
    tape2 = [n for n in sin_exp.nodes if n.stage == 2]
    assert any(n.op == "Sin" and n.rule.startswith("d cos(u)") for n in tape2)


def test_stage_counts_are_positive_for_every_order_asked(sin_exp):
    assert len(sin_exp.backward_ops) == 2
    assert all(count > 0 for count in sin_exp.backward_ops)
    counted = sum(1 for n in sin_exp.nodes if not n.is_input)
    assert sin_exp.forward_ops + sum(sin_exp.backward_ops) == counted


def test_marked_outputs_carry_the_function_and_derivative_values(sin_exp):
    outputs = {label: n.value for n in sin_exp.nodes for label in n.outputs}
    assert set(outputs) == {"f", "f'", "f''"}
    e, s, c = math.e, math.sin(1), math.cos(1)
    assert outputs["f"] == pytest.approx(e * s, rel=1e-15)
    assert outputs["f'"] == pytest.approx(e * (s + c), rel=1e-15)
    assert outputs["f''"] == pytest.approx(2 * e * c, rel=1e-15)


def test_node_values_match_the_eager_tapes_for_several_variables():
    graph = _record("x*y + y^2", {"x": 1.0, "y": 2.0}, 2)
    result = explain("x*y + y^2", {"x": 1, "y": 2}, order=2)
    outputs = {label: n.value for n in graph.nodes for label in n.outputs}
    for row in result.derivatives:
        assert outputs[row.name] == row.autodiff


def test_compact_view_hides_bookkeeping_and_stays_connected(sin_exp):
    small = compact(sin_exp)
    assert len(small.nodes) < len(sin_exp.nodes)
    assert not any(n.op in BOOKKEEPING and not n.outputs for n in small.nodes)
    ids = {n.id for n in small.nodes}
    assert all(e.source in ids and e.target in ids for e in small.edges)
    # every non-input op still has an incoming edge, and every output reaches back to x
    targets = {e.target for e in small.edges}
    assert all(n.id in targets for n in small.nodes if not n.is_input and n.op != "Const")
    sources = {}
    for edge in small.edges:
        sources.setdefault(edge.target, set()).add(edge.source)

    def reaches_input(node_id, seen=()):
        if node_id == 0:
            return True
        return any(
            reaches_input(s, (*seen, node_id)) for s in sources.get(node_id, ()) if s not in seen
        )

    assert all(reaches_input(n.id) for n in small.nodes if n.outputs)


def test_a_none_gradient_is_a_zeros_like_node_in_the_graph():
    graph = _record("3x", {"x": 2.0}, 2)
    second = next(n for n in graph.nodes if "f''" in n.outputs)
    assert second.op in ("ZerosLike", "Const") and second.value == 0.0
    assert second.rule == NONE_RULE


def test_recording_is_deterministic():
    first = _record("sin(x)*x^2", {"x": 0.5}, 3)
    second = _record("sin(x)*x^2", {"x": 0.5}, 3)
    assert first == second
    assert to_digraph(first).source == to_digraph(second).source


def test_the_drawing_shows_ops_values_rules_outputs_and_a_legend(sin_exp):
    source = to_digraph(compact(sin_exp)).source
    for text in (
        "Sin = 0.841471",
        "Cos = 0.540302",
        "d sin = cos",
        "▶ f''",
        "forward pass",
        "tape t1 backward (order 2)",
    ):
        assert text in source


def test_step_through_greys_out_the_ops_not_yet_run(sin_exp):
    source = to_digraph(sin_exp, step=3).source
    assert source.count("dashed") == len([n for n in sin_exp.nodes if n.id > 3])


def test_node_label_for_an_input_uses_its_name():
    assert node_label("Placeholder", 1.0, "", (), "x") == "x = 1"


def test_the_explanation_dict_carries_the_graph():
    data = explain("sin(x)*exp(x)", {"x": 1}, order=2).to_dict()["tape"]
    assert {"nodes", "edges", "forward_ops", "backward_ops"} <= set(data)
    assert data["forward_ops"] == 3 and len(data["backward_ops"]) == 2
    assert len(data["nodes"]) <= MAX_DRAWN_NODES


SIN_COS_TAN = parse_function("sin(x)^cos(x)^tan(x)")


@pytest.fixture(scope="module")
def sin_cos_tan_order_6():
    """Issue 16's first case: all six tapes would run some 18,000 ops."""
    return record_within(SIN_COS_TAN.expr, SIN_COS_TAN.symbols, {"x": 0.7}, 6, "float64")


def test_a_graph_too_big_keeps_the_tapes_that_fit(sin_cos_tan_order_6):
    graph = sin_cos_tan_order_6.graph
    kept = len(graph.backward_ops)
    size = sin_cos_tan_order_6.size
    assert 1 <= kept < 6
    assert size.ops(kept) <= MAX_GRAPH_OPS < size.ops(kept + 1)
    assert graph.forward_ops + sum(graph.backward_ops) == size.ops(kept)
    assert size.counted[: kept + 1] == (graph.forward_ops, *graph.backward_ops)
    assert not sin_cos_tan_order_6.out_of_time


def test_the_tapes_kept_are_exactly_the_graph_of_their_order(sin_cos_tan_order_6):
    graph = sin_cos_tan_order_6.graph
    alone = record_nested_tapes(
        SIN_COS_TAN.expr, SIN_COS_TAN.symbols, {"x": 0.7}, len(graph.backward_ops), "float64"
    )
    assert graph == alone


def test_the_size_of_all_tapes_is_predicted_within_ten_percent():
    # order 5 counted in full (6,270 ops) against the prediction from the tapes that fit
    counted = record_within(
        SIN_COS_TAN.expr, SIN_COS_TAN.symbols, {"x": 0.7}, 5, "float64", max_ops=None
    )
    predicted = record_within(SIN_COS_TAN.expr, SIN_COS_TAN.symbols, {"x": 0.7}, 5, "float64")
    assert counted.size.exact and not predicted.size.exact
    assert predicted.size.ops() == pytest.approx(counted.size.ops(), rel=0.10)


def test_a_graph_that_fits_is_recorded_for_every_tape_and_counted_exactly():
    parsed = parse_function("sin(x)*exp(x)")
    recording = record_within(parsed.expr, parsed.symbols, {"x": 1.0}, 6, "float64")
    graph = recording.graph
    assert len(graph.backward_ops) == 6 and recording.size.exact
    assert recording.size.stages == (graph.forward_ops, *graph.backward_ops)


def test_a_passed_deadline_records_nothing_and_is_not_kept():
    parsed = parse_function("x^2 y + sin(y)")
    late = Deadline(time.monotonic() - 1)
    recording = record_within(
        parsed.expr, parsed.symbols, {"x": 1.0, "y": 2.0}, 3, "float64", deadline=late
    )
    assert recording.out_of_time and recording.graph is None
    again = record_within(parsed.expr, parsed.symbols, {"x": 1.0, "y": 2.0}, 3, "float64")
    assert not again.out_of_time and len(again.graph.backward_ops) == 3
