"""Step-by-step derivations: each ends in sympy.diff's derivative, uses the expected rules, and
names ops that exist in the recorded tape graph."""

import pytest
import sympy

from diffexplain.core import ops
from diffexplain.core.parse import parse_function, symbol
from diffexplain.core.record import record_nested_tapes
from diffexplain.core.steps import (
    Check,
    check,
    derivation_steps,
    derive_all,
    rule_text,
    step_of_node,
    steps_as_dicts,
)

TEXTBOOK = [
    "x^3 + 2x^2 - x + 5",
    "x*sin(x)",
    "sin(x^2)",
    "exp(x)*sin(x)",
    "ln(x^2 + 1)",
    "x/(1 + x^2)",
    "sqrt(1 + x^2)",
    "tan(x)",
    "atan(x)",
    "x^x",
    "sinh(x)",
    "sigmoid(x)",
    "1/x",
    "exp(-x^2/2)",
    "cos(x)^3",
    "abs(x^2 - 1)",
    "erf(2x)",
    "relu(x - 1)",
    "2^x",
    "log(x, 2)",
    "asin(x/2)",
    "1/sqrt(x)",
    "sin(x)/x",
    "-(x + 1)^2",
    "sec(x^2)",
    "cot(3x)",
    "acosh(x + 2)",
    "tanh(x)^2",
    "x^2/(x - 1)^3",
    "sin(x)^sin(x)",
    "x sin x cos x",
    "pi x + sin(2)",
    "3",
]


def _function(text):
    parsed = parse_function(text)
    return parsed.expr, parsed.symbols or (symbol("x"),)


def _graph(expr, symbols, order=1):
    return record_nested_tapes(expr, symbols, {s.name: 0.7 for s in symbols}, order, "float64")


def _names(root):
    return [step.name for _, step in root.walk()]


@pytest.mark.parametrize("text", TEXTBOOK)
def test_steps_end_in_the_derivative_sympy_gives(text):
    expr, symbols = _function(text)
    root = derivation_steps(expr, symbols, symbols[0])
    expected = sympy.diff(expr, symbols[0])
    assert sympy.simplify(root.after - expected) == 0
    assert check(root.after, expected).label == "symbolic"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("x*sin(x)", "product"),
        ("sin(x^2)", "chain"),
        ("x^x", "log_differentiation"),
        ("x/(1 + x^2)", "quotient"),
        ("1/x", "quotient"),
        ("x^2 + 1", "sum"),
        ("x^2 - x", "difference"),
        ("3x", "constant_multiple"),
        ("x/2", "constant_multiple"),
        ("-x", "negation"),
        ("x^5", "power"),
        ("sqrt(x)", "sqrt"),
        ("2^x", "exponential"),
        ("exp(x)", "exp"),
        ("log(x)", "log"),
        ("x + 7", "constant"),
        ("x", "variable"),
    ],
)
def test_each_rule_appears_where_expected(text, rule):
    expr, symbols = _function(text)
    assert rule in _names(derivation_steps(expr, symbols, symbols[0]))


def test_the_root_rule_is_the_outermost_operation():
    x = symbol("x")
    assert derivation_steps(x * sympy.sin(x), (x,), x).name == "product"
    assert derivation_steps(sympy.sin(x**2), (x,), x).name == "chain"
    assert derivation_steps(x / (1 + x**2), (x,), x).name == "quotient"
    assert derivation_steps(x**x, (x,), x).name == "log_differentiation"


def test_rules_are_the_texts_of_ops_py():
    x = symbol("x")
    root = derivation_steps(x * sympy.sin(x), (x,), x)
    assert root.rule == ops.OPERATORS["mul"].rule
    assert derivation_steps(x**x, (x,), x).rule == ops.OPERATORS["pow_general"].rule
    assert derivation_steps(x / (1 + x**2), (x,), x).rule == ops.OPERATORS["div"].rule
    assert rule_text("sum") == ops.OPERATORS["add"].rule
    assert rule_text("chain").startswith("chain rule")


@pytest.mark.parametrize("name", sorted(ops.FUNCTIONS))
def test_every_function_has_its_rule_alone_and_through_the_chain(name):
    x = symbol("x")
    head = ops.FUNCTIONS[name].sympy_head
    alone = derivation_steps(head(x), (x,), x)
    assert alone.name == name
    assert alone.rule == ops.FUNCTIONS[name].rule
    inner = 2 * x + 3 if name == "acosh" else 2 * x - sympy.Rational(1, 3)
    chained = derivation_steps(head(inner), (x,), x)
    assert chained.name == "chain"
    assert chained.substeps[0].name == name
    assert check(chained.after, sympy.diff(head(inner), x)).method in ("symbolic", "numeric")


def test_the_chain_rule_shows_the_outer_derivative_in_its_own_letter():
    x = symbol("x")
    outer = derivation_steps(sympy.sin(x**2), (x,), x).substeps[0]
    assert outer.latex.startswith(r"\frac{d}{du}")
    u = symbol("u")
    outer = derivation_steps(sympy.sin(u * x), (u, x), x).substeps[0]
    assert r"\frac{d}{dv}" in outer.latex  # u is taken by the function itself


def test_each_step_shows_the_rule_applied_in_latex():
    x = symbol("x")
    root = derivation_steps(x * sympy.sin(x), (x,), x)
    assert root.latex.startswith(r"\frac{d}{dx}\left(x \sin{\left(x \right)}\right) = ")
    assert root.latex.endswith(sympy.latex(root.after))
    y = symbol("y")
    assert derivation_steps(x * y, (x, y), x).latex.startswith(r"\frac{\partial}{\partial x}")


def test_partials_treat_the_other_variables_as_constants():
    expr, symbols = _function("x^2 y + sin(x y)")
    x, y = symbols
    for wrt in symbols:
        root = derivation_steps(expr, symbols, wrt)
        assert sympy.simplify(root.after - sympy.diff(expr, wrt)) == 0
    assert "constant_multiple" in _names(derivation_steps(expr, symbols, x))


@pytest.mark.parametrize("text", TEXTBOOK + ["x^2 y + sin(x y)", "x^y", "1/(x y)"])
def test_every_op_of_a_step_is_in_the_graph_backward_or_the_forward_op_it_differentiates(text):
    expr, symbols = _function(text)
    graph = _graph(expr, symbols)
    nodes = {node.id: node for node in graph.nodes}
    for wrt in symbols:
        for _, step in derivation_steps(expr, symbols, wrt, graph).walk():
            forward = {i for i in step.ops if nodes[i].stage == 0}
            for i in step.ops:
                assert i in nodes
                assert nodes[i].stage in (0, 1)
                if nodes[i].stage == 1:
                    assert nodes[i].derivative_of in forward, (step.name, i)
            assert all(not nodes[i].is_input for i in forward)


def test_the_product_rule_is_the_gradient_of_the_forward_mul():
    expr, symbols = _function("x*sin(x)")
    graph = _graph(expr, symbols)
    (mul,) = [n for n in graph.nodes if n.stage == 0 and n.op == "Mul"]
    root = derivation_steps(expr, symbols, symbols[0], graph)
    backward = {n.id for n in graph.nodes if n.derivative_of == mul.id and n.op == "Mul"}
    assert backward and backward <= set(root.ops)
    assert mul.id in root.ops


def test_the_chain_rule_through_sin_is_the_cos_and_its_mul_with_the_upstream_gradient():
    expr, symbols = _function("sin(x^2)")
    graph = _graph(expr, symbols)
    nodes = {n.id: n for n in graph.nodes}
    (sin,) = [n for n in graph.nodes if n.stage == 0 and n.op == "Sin"]
    chain = derivation_steps(expr, symbols, symbols[0], graph)
    outer, inner = chain.substeps
    assert [nodes[i].op for i in outer.ops if nodes[i].stage == 1] == ["Cos"]
    assert [nodes[i].op for i in chain.ops if nodes[i].stage == 1] == ["Mul"]
    assert all(nodes[i].derivative_of == sin.id for i in (*outer.ops, *chain.ops) if i != sin.id)
    assert inner.name == "power"
    assert {nodes[i].derivative_of for i in inner.ops if nodes[i].stage == 1} == {
        next(n.id for n in graph.nodes if n.stage == 0 and n.op == "Pow")
    }


def test_a_backward_node_names_its_step():
    expr, symbols = _function("sin(x^2)")
    graph = _graph(expr, symbols)
    root = derivation_steps(expr, symbols, symbols[0], graph)
    cos = next(n for n in graph.nodes if n.op == "Cos")
    assert step_of_node(root, cos.id).name == "sin"
    assert step_of_node(root, 10**6) is None


def test_a_partial_names_only_the_ops_on_its_own_path():
    expr, symbols = _function("x*y")
    graph = _graph(expr, symbols)
    nodes = {n.id: n for n in graph.nodes}
    for wrt, other in zip(symbols, reversed(symbols), strict=True):
        root = derivation_steps(expr, symbols, wrt, graph)
        backward = [i for i in root.ops if nodes[i].stage == 1]
        assert len(backward) == 1
        # ∂(x·y)/∂x = upstream·y: the backward Mul that reads y
        assert any(nodes[source].name == other.name for source in _inputs(graph, backward[0]))


def _inputs(graph, node_id):
    return [e.source for e in graph.edges if e.target == node_id]


def test_a_graph_of_higher_order_gives_the_same_ops():
    expr, symbols = _function("exp(x)*sin(x)/x")
    first = derivation_steps(expr, symbols, symbols[0], _graph(expr, symbols, 1))
    third = derivation_steps(expr, symbols, symbols[0], _graph(expr, symbols, 3))
    assert [s.ops for _, s in first.walk()] == [s.ops for _, s in third.walk()]


def test_without_a_graph_the_steps_name_no_ops():
    expr, symbols = _function("x*sin(x)")
    assert all(not step.ops for _, step in derivation_steps(expr, symbols, symbols[0]).walk())


def test_check_falls_back_to_numbers_and_says_when_it_cannot_confirm():
    x = symbol("x")
    same = check(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, sympy.S.One, simplify_seconds=0)
    assert same == Check("numeric", 6)
    assert same.label == "numeric at 6 points"
    wrong = check(x**2, x**2 + sympy.Rational(1, 10**6), simplify_seconds=0)
    assert wrong.label == "could not confirm"
    assert check(x, x).label == "symbolic"


def test_the_numeric_check_stays_inside_the_domain():
    x = symbol("x")
    expr = sympy.log(x) + sympy.asin(x)
    same = 1 / x + 1 / sympy.sqrt((1 - x) * (1 + x))  # equal where both are real: 0 < x < 1
    assert check(sympy.diff(expr, x), same, simplify_seconds=0) == Check("numeric", 6)


def test_derive_all_checks_every_first_partial_and_values_it_at_the_point():
    expr, symbols = _function("x^2 y")
    found = derive_all(expr, symbols, None, {"x": 3.0, "y": 2.0})
    assert [d.wrt for d in found] == ["x", "y"]
    assert [d.check.label for d in found] == ["symbolic", "symbolic"]
    assert [d.value for d in found] == [12.0, 9.0]


def test_steps_as_dicts_is_plain_data_for_to_dict():
    expr, symbols = _function("x*sin(x)")
    graph = _graph(expr, symbols)
    rows = steps_as_dicts(expr, symbols, graph)
    assert rows[0]["rule"] == ops.OPERATORS["mul"].rule
    assert rows[0]["check"] == "symbolic"
    assert {"rule", "before", "after", "latex", "ops"} <= set(rows[0])
    assert rows[0]["before"] == "x*sin(x)"
    ids = {n.id for n in graph.nodes}
    assert all(set(row["ops"]) <= ids for row in rows)
    assert [row["depth"] for row in rows] == [0, 1, 1]


def test_steps_as_dicts_takes_variable_names_and_no_expression():
    x = symbol("x")
    rows = steps_as_dicts(x**2, ("x",), None)
    assert [(row["name"], row["ops"]) for row in rows] == [("power", [])]
    assert steps_as_dicts(None, ("x",), None) == []


def _tied_steps(step, inside_virtual=False):
    """(step, should it name ops): v·ln(u) of logarithmic differentiation is never taped."""
    yield step, not inside_virtual and step.name not in ("constant", "variable")
    for substep in step.substeps:
        yield from _tied_steps(substep, inside_virtual or step.name == "log_differentiation")


@pytest.mark.parametrize("text", TEXTBOOK + ["x^2 y + sin(x y)", "x^y", "1/(x y)"])
def test_every_step_the_tape_carries_out_finds_its_forward_op(text):
    # fails when tape.to_tensorflow's translation and steps._Shapes drift apart
    expr, symbols = _function(text)
    graph = _graph(expr, symbols)
    forward = {n.id for n in graph.nodes if n.stage == 0}
    for wrt in symbols:
        for step, tied in _tied_steps(derivation_steps(expr, symbols, wrt, graph)):
            assert bool(forward & set(step.ops)) == tied, (step.name, str(step.before))
