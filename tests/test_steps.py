"""Step-by-step derivations: each ends in sympy.diff's derivative, uses the expected rules, and
names ops that exist in the recorded tape graph."""

import pytest
import sympy

from diffexplain.core import ops
from diffexplain.core.parse import parse_function, symbol
from diffexplain.core.record import record_nested_tapes
from diffexplain.core.steps import (
    MAX_STEPS,
    Check,
    TooManySteps,
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


# --- every order: the steps of f^(n) differentiate f^(n-1) as the page shows it ---------------


def _exact(expr, symbols, path):
    """SymPy's own derivative along `path`, straight from f: the independent value."""
    by_name = {s.name: s for s in symbols}
    return sympy.diff(expr, *(by_name[name] for name in path))


def _derive(text, highest, **given):
    expr, symbols = _function(text)
    return expr, symbols, derive_all(expr, symbols, orders=range(1, highest + 1), **given)


@pytest.mark.parametrize("text", ["sin(x)*exp(x)", "x^3", "exp(x^2)", "x*y + y^2"])
def test_every_order_ends_in_the_derivative_sympy_gives_of_that_order(text):
    expr, symbols, found = _derive(text, 3)
    variables = tuple(s.name for s in symbols)
    from diffexplain.core.symbolic import partials

    assert [d.path for d in found] == list(partials(variables, 3))
    for derivation in found:
        expected = _exact(expr, symbols, derivation.path)
        assert sympy.simplify(derivation.result - expected) == 0, derivation.path
        assert derivation.check.method in ("symbolic", "numeric"), derivation.path
        assert derivation.order == len(derivation.path) and not derivation.refused


def test_the_second_derivative_differentiates_the_first_as_the_page_simplifies_it():
    from diffexplain.core.symbolic import simpler_form

    expr, symbols, found = _derive("sin(x)*exp(x)", 3)
    x = symbols[0]
    by_path = {d.path: d for d in found}
    for path in [("x", "x"), ("x", "x", "x")]:
        below = simpler_form(sympy.diff(expr, x, len(path) - 1), 5)[0]
        assert by_path[path].root.before == below
    # f' = (sin x + cos x)·eˣ: the product rule again, with the sum rule inside it
    second = by_path[("x", "x")].root
    assert second.name == "product" and "sum" in _names(second)


def test_the_shown_forms_are_where_the_steps_of_the_next_order_start():
    expr, symbols = _function("exp(x^2)")
    x = symbols[0]
    shown = {("x",): 2 * x * sympy.exp(x**2)}  # as a page might show f'
    (second,) = derive_all(expr, symbols, orders=(2,), shown=shown)
    assert second.root.before == shown[("x",)]
    assert second.root.name == "product"  # (2x)·e^(x²): the product rule, then the chain rule
    assert "chain" in _names(second.root)
    assert sympy.simplify(second.result - sympy.diff(expr, x, 2)) == 0


def test_a_mixed_partial_differentiates_the_first_partial_by_the_second_variable():
    expr, symbols, found = _derive("x*y + y^2 + x^2 y^3", 2)
    x, y = symbols
    (mixed,) = [d for d in found if d.path == ("x", "y")]
    # ∂²f/∂x∂y = ∂/∂y (∂f/∂x): it starts from ∂f/∂x and differentiates by y
    assert mixed.wrt == "y"
    assert sympy.simplify(mixed.root.before - sympy.diff(expr, x)) == 0
    assert mixed.root.latex.startswith(r"\frac{\partial}{\partial y}")
    assert sympy.simplify(mixed.result - sympy.diff(sympy.diff(expr, x), y)) == 0
    assert mixed.result.subs({x: 1, y: 2}) == 1 + 6 * 4


def test_higher_orders_name_no_ops_and_the_first_stay_tied_to_the_graph():
    expr, symbols = _function("x*sin(x)")
    graph = _graph(expr, symbols, 3)
    found = derive_all(expr, symbols, graph, orders=(1, 2, 3))
    assert [d.tied for d in found] == [True, False, False]
    assert any(step.ops for _, step in found[0].root.walk())
    assert all(not step.ops for d in found[1:] for _, step in d.root.walk())


def test_the_value_of_each_order_at_the_point_is_sympy_s():
    expr, symbols, found = _derive("x^3", 3, point={"x": 2.0})
    assert [d.value for d in found] == [12.0, 12.0, 6.0]


def test_a_derivative_with_too_many_steps_is_refused_saying_which_order():
    expr, symbols = _function("sin(x)^cos(x)^tan(x)")
    (fourth,) = derive_all(expr, symbols, orders=(4,))
    assert fourth.root is None and fourth.refused == "size"
    said = fourth.refusal(("x",))
    assert "f⁽⁴⁾ (order 4)" in said and f"more than {MAX_STEPS} steps" in said
    from diffexplain.text.zh import TEXT as CHINESE

    assert "f⁽⁴⁾（4 阶）" in fourth.refusal(("x",), CHINESE)
    with pytest.raises(TooManySteps):
        derivation_steps(sympy.diff(expr, symbols[0], 3), symbols, symbols[0], None, MAX_STEPS)


def test_a_formula_without_a_rule_is_refused_naming_the_function():
    expr, symbols, found = _derive("abs(x^2 - 1)", 2)
    first, second = found
    assert first.check.method == "symbolic"
    assert second.refused == "rule" and second.detail == "sign"
    assert "sign" in second.refusal(("x",))


def test_past_the_deadline_the_derivations_left_are_refused_as_out_of_time():
    from diffexplain.core.budget import Deadline

    expr, symbols = _function("x^3")
    found = derive_all(expr, symbols, orders=(1, 2), deadline=Deadline.start(0))
    assert [d.refused for d in found] == ["time", "time"]
    assert "no time left" in found[1].refusal(("x",))


def test_steps_as_dicts_has_every_order_with_its_path_and_refusals_in_their_own_row():
    expr, symbols = _function("x*y + y^2")
    graph = _graph(expr, symbols, 2)
    rows = steps_as_dicts(expr, symbols, graph, order=2)
    roots = [row for row in rows if row["depth"] == 0]
    assert [row["partial"] for row in roots] == [["x"], ["y"], ["x", "x"], ["x", "y"], ["y", "y"]]
    assert [row["tied"] for row in roots] == [True, True, False, False, False]
    assert [row["wrt"] for row in roots] == ["x", "y", "x", "y", "y"]
    mixed = next(row for row in roots if row["partial"] == ["x", "y"])
    assert (mixed["before"], mixed["after"], mixed["order"]) == ("y", "1", 2)
    refused = steps_as_dicts(*_function("abs(x^2 - 1)"), None, order=2)
    (row,) = [row for row in refused if row["order"] == 2]
    assert row["name"] == "refused" and "sign" in row["refused"]
    assert {"rule", "before", "after", "latex", "ops"} <= set(row)


def test_to_dict_has_the_steps_of_every_order_from_the_formulas_its_table_shows():
    from diffexplain.core.explanation import explain

    data = explain("x*sin(x)", {"x": 1}, order=2).to_dict()
    roots = [row for row in data["steps"] if row["depth"] == 0]
    assert [row["partial"] for row in roots] == [["x"], ["x", "x"]]
    first, second = data["derivatives"]
    # the steps of f'' start from f' as the table writes it, and end equal to its f''
    assert roots[1]["before"] == first["expression"]
    x = symbol("x")
    after = sympy.sympify(roots[1]["after"], locals={"x": x})
    assert sympy.simplify(after - sympy.diff(x * sympy.sin(x), x, 2)) == 0
    assert roots[1]["check"] == "symbolic" and roots[1]["tied"] is False
    assert all(row["ops"] == [] for row in data["steps"] if row["order"] == 2)
    assert any(row["ops"] for row in data["steps"] if row["order"] == 1)


def test_a_derivation_the_deadline_stops_midway_is_refused_as_out_of_time():
    from diffexplain.core.budget import Deadline

    expr, symbols = _function("sin(x)^cos(x)^tan(x)")
    # order 5 takes about 2 s to differentiate, simplify and outgrow MAX_STEPS (a size
    # refusal); a deadline that has all but run out stops it first, whatever the machine's speed
    (fifth,) = derive_all(expr, symbols, orders=(5,), deadline=Deadline.start(0.05))
    assert fifth.refused == "time" and fifth.root is None
