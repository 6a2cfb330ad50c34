"""TapeGraph → `graphviz.Digraph`: a colour per stage, values and rules on the nodes.

Colours are the Okabe–Ito palette, told apart with every common colour-vision deficiency.
Node ids come from the order TensorFlow created the ops, so the same input draws the same
graph every time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import graphviz

from diffexplain.core.ops import short_rule
from diffexplain.core.tape_graph import TapeGraph
from diffexplain.text.en import TEXT as ENGLISH

MAX_DRAWN_NODES = 300
"""Past this a graph is not drawn (the browser would lay it out for ages): the page says so."""

LABEL_POINTS = 10
"""Node labels' size: the layout makes each box room for it; the page draws the text at it too
(Streamlit would draw it smaller), so the zoom alone decides how large it reads."""
GRAPH_ATTRIBUTES = MappingProxyType(
    {
        "rankdir": "TB",
        "fontname": "Helvetica",
        "bgcolor": "transparent",
        "nodesep": "0.15",
        "ranksep": "0.3",
    }
)
"""Top to bottom, as the tapes ran; boxes closer than Graphviz's defaults (0.25 and 0.5 inch), so
sin(x)·exp(x) to order 2 fits the page's width at reading size on a 1280-pixel projector."""
NODE_ATTRIBUTES = MappingProxyType(
    {
        "shape": "box",
        "style": "rounded,filled",
        "fontname": "Helvetica",
        "fontsize": str(LABEL_POINTS),
    }
)
EDGE_ATTRIBUTES = MappingProxyType({"color": "#555555", "arrowsize": "0.6"})

INPUT_COLOUR = "#E69F00"
STAGE_COLOURS = ("#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#F0E442", "#0072B2", "#999999")
"""Forward pass first, then tapes t0 (innermost), t1, ... backward."""
NOT_YET_RUN = "#EEEEEE"
HIGHLIGHT_COLOUR = "#000000"


RULE_NAME_KEYS = {
    "sum rule": "steps.rule.sum",
    "difference rule": "steps.rule.difference",
    "constant multiple": "steps.rule.constant_multiple",
    "product rule": "steps.rule.product",
    "quotient rule": "steps.rule.quotient",
    "power rule": "steps.rule.power",
    "general power rule": "graph.rule.general_power",
}
"""Rule names of ops.py (the part before ": "), as keys of the text files."""

WHOLE_RULE_KEYS = {
    "gradients arriving by different paths add up": "graph.rule.paths_add_up",
    "the seed: ∂out/∂out = 1": "graph.rule.seed",
    "a None gradient, as 0": "graph.rule.none_as_zero",
    "tape.gradient returned None: 0": "graph.rule.none_returned",
    "sum rule: each term gets the upstream gradient": "graph.rule.add_n",
    "a constant: derivative 0": "graph.rule.constant",
    "the step is flat: 0 (away from 0)": "graph.rule.flat_step",
}
"""Rules in words rather than symbols (record.py's tape-own ops, ops.py's extras): whole."""


def rule_words(rule: str, text: Mapping[str, str] = ENGLISH) -> str:
    """A rule of ops.py or record.py in the language of `text` (a TEXT dict of diffexplain.text).

    >>> rule_words("product rule: d(u·v) = v·du + u·dv", {"steps.rule.product": "乘积法则"})
    '乘积法则: d(u·v) = v·du + u·dv'
    """
    if rule in WHOLE_RULE_KEYS:
        return text[WHOLE_RULE_KEYS[rule]]
    name, colon, formula = rule.partition(": ")
    if colon and name in RULE_NAME_KEYS:
        return f"{text[RULE_NAME_KEYS[name]]}: {formula}"
    return rule


def stage_name(stage: int, text: Mapping[str, str] = ENGLISH) -> str:
    """'forward pass', 'tape t1 backward (order 2)', in the language of `text`."""
    if stage == 0:
        return text["graph.stage.forward"]
    return text["graph.stage.tape"].format(tape=stage - 1, order=stage)  # the notes' t0, t1, ...


def stage_colour(stage: int) -> str:
    return STAGE_COLOURS[min(stage, len(STAGE_COLOURS) - 1)]


def format_value(value: float | None) -> str:
    if value is None:
        return ""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.6g}"


def node_label(
    op: str,
    value: float | None,
    rule: str,
    outputs: tuple[str, ...],
    name: str = "",
    text: Mapping[str, str] = ENGLISH,
) -> str:
    """Op type (or the input's name), its value, the rule, and what result it is.

    >>> node_label("Cos", 0.5403023058681398, "d sin(u) = cos(u)·du", ("f'",))
    "Cos = 0.540302\\nd sin = cos\\n▶ f'"
    """
    head = name if op == "Placeholder" else op
    lines = [f"{head} = {format_value(value)}" if value is not None else head]
    if rule:
        lines.append(short_rule(rule_words(rule, text).split("：", 1)[0]))  # 中文's colon too
    if outputs:
        lines.append("▶ " + ", ".join(outputs))
    return "\n".join(lines)


def to_digraph(
    graph: TapeGraph,
    step: int | None = None,
    legend: bool = True,
    highlight: frozenset[int] = frozenset(),
    text: Mapping[str, str] = ENGLISH,
) -> graphviz.Digraph:
    """The recorded graph, drawn. With `step`, ops created after op `step` are greyed out and
    op `step` is outlined: a lecture walks through the tapes one op at a time. Rules and stages
    are in the language of `text`; a node's tooltip has its whole rule."""
    dot = graphviz.Digraph(
        "tape", graph_attr=GRAPH_ATTRIBUTES, node_attr=NODE_ATTRIBUTES, edge_attr=EDGE_ATTRIBUTES
    )
    for node in graph.nodes:
        colour = INPUT_COLOUR if node.is_input else stage_colour(node.stage)
        attributes = {"fillcolor": colour, "fontcolor": "white" if colour == "#0072B2" else "black"}
        if node.outputs:
            attributes["peripheries"] = "2"
            attributes["penwidth"] = "2"
        if step is not None and node.id > step and not node.is_input:
            attributes.update(fillcolor=NOT_YET_RUN, fontcolor="#999999", style="rounded,dashed")
        if step is not None and node.id == step:
            attributes.update(penwidth="4", color="#000000")
        if node.id in highlight:  # the ops of the derivation step selected on the page
            attributes.update(penwidth="5", color=HIGHLIGHT_COLOUR)
        label = node_label(node.op, node.value, node.rule, node.outputs, node.name, text)
        stage = text["graph.stage.inputs"] if node.is_input else stage_name(node.stage, text)
        rule = f"\n{rule_words(node.rule, text)}" if node.rule else ""
        tooltip = f"{node.name} ({stage}){rule}"
        dot.node(f"n{node.id}", label, tooltip=tooltip, **attributes)
    for edge in graph.edges:
        dot.edge(f"n{edge.source}", f"n{edge.target}")
    return dot


def legend(stages: int, text: Mapping[str, str] = ENGLISH) -> list[tuple[str, str]]:
    """(colour, words) for every colour the graph uses."""
    return [(INPUT_COLOUR, text["graph.stage.inputs"])] + [
        (stage_colour(s), stage_name(s, text)) for s in range(stages + 1)
    ]
