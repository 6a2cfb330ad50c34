"""TapeGraph → `graphviz.Digraph`: a colour per stage, values and rules on the nodes.

Colours are the Okabe–Ito palette, told apart with every common colour-vision deficiency.
Node ids come from the order TensorFlow created the ops, so the same input draws the same
graph every time.
"""

from __future__ import annotations

import math

import graphviz

from diffexplain.ops import short_rule
from diffexplain.record import TapeGraph

MAX_DRAWN_NODES = 300
"""Past this a graph is not drawn (the browser would lay it out for ages): the page says so."""

INPUT_COLOUR = "#E69F00"
STAGE_COLOURS = ("#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#F0E442", "#0072B2", "#999999")
"""Forward pass first, then tape 1, tape 2, ... backward."""
NOT_YET_RUN = "#EEEEEE"
HIGHLIGHT_COLOUR = "#000000"


def stage_name(stage: int) -> str:
    return "forward pass" if stage == 0 else f"tape {stage} backward (order {stage})"


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
    op: str, value: float | None, rule: str, outputs: tuple[str, ...], name: str = ""
) -> str:
    """Op type (or the input's name), its value, the rule, and what result it is.

    >>> node_label("Cos", 0.5403023058681398, "d sin(u) = cos(u)·du", ("f'",))
    "Cos = 0.540302\\nd sin = cos\\n▶ f'"
    """
    head = name if op == "Placeholder" else op
    lines = [f"{head} = {format_value(value)}" if value is not None else head]
    if rule:
        lines.append(short_rule(rule))
    if outputs:
        lines.append("▶ " + ", ".join(outputs))
    return "\n".join(lines)


def to_digraph(
    graph: TapeGraph,
    step: int | None = None,
    legend: bool = True,
    highlight: frozenset[int] = frozenset(),
) -> graphviz.Digraph:
    """The recorded graph, drawn. With `step`, ops created after op `step` are greyed out and
    op `step` is outlined: a lecture walks through the tapes one op at a time."""
    dot = graphviz.Digraph(
        "tape", graph_attr={"rankdir": "TB", "fontname": "Helvetica", "bgcolor": "transparent"}
    )
    dot.attr("node", shape="box", style="rounded,filled", fontname="Helvetica", fontsize="11")
    dot.attr("edge", color="#555555", arrowsize="0.6")
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
        label = node_label(node.op, node.value, node.rule, node.outputs, node.name)
        dot.node(
            f"n{node.id}", label, tooltip=f"{node.name} ({stage_name(node.stage)})", **attributes
        )
    for edge in graph.edges:
        dot.edge(f"n{edge.source}", f"n{edge.target}")
    return dot


def legend(stages: int) -> list[tuple[str, str]]:
    """(colour, words) for every colour the graph uses."""
    return [(INPUT_COLOUR, "inputs")] + [
        (stage_colour(s), stage_name(s)) for s in range(stages + 1)
    ]
