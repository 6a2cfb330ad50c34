"""The ops the nested tapes ran, as plain data: nodes, edges and how many ops each stage made.

`record.py` fills it from TensorFlow; `draw.py`, the step-by-step view and the SymPy worker
read it. It imports no TensorFlow, so a worker that receives a graph stays small.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

BOOKKEEPING = frozenset(
    {
        "Const",
        "Shape",
        "Identity",
        "Reshape",
        "BroadcastGradientArgs",
        "Sum",
        "Fill",
        "ZerosLike",
        "OnesLike",
        "StopGradient",
        "NoOp",
        "Cast",
    }
)
"""Op types the compact view hides: they move or shape data, they compute nothing to learn."""


@dataclass(frozen=True)
class Node:
    """One op TensorFlow ran.

    stage: 0 for the inputs and the forward pass, k for the ops tape k's gradient created
    (tape 1 gives the first derivatives). derivative_of: the op whose gradient created this one.
    outputs: the results this op's value is (f, f', ∂f/∂x, ...).
    """

    id: int
    op: str
    name: str
    stage: int
    value: float | None
    dtype: str
    shape: tuple[int, ...]
    derivative_of: int | None
    rule: str
    outputs: tuple[str, ...]

    @property
    def is_input(self) -> bool:
        return self.op == "Placeholder"


@dataclass(frozen=True)
class Edge:
    source: int
    target: int


@dataclass(frozen=True)
class TapeGraph:
    """The recorded ops and the tensors between them.

    backward_ops[k − 1] counts the ops of tape k, in the order the tapes ran (innermost first:
    tape 1 gives the first derivatives).
    """

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    forward_ops: int
    backward_ops: tuple[int, ...]

    def to_dict(self) -> dict:
        return {
            "nodes": [
                {
                    "id": n.id,
                    "op": n.op,
                    "name": n.name,
                    "stage": n.stage,
                    "value": _json_value(n.value),
                    "dtype": n.dtype,
                    "shape": list(n.shape),
                    "derivative_of": n.derivative_of,
                    "rule": n.rule,
                    "outputs": list(n.outputs),
                }
                for n in self.nodes
            ],
            "edges": [[e.source, e.target] for e in self.edges],
            "forward_ops": self.forward_ops,
            "backward_ops": list(self.backward_ops),
        }


def _json_value(value: float | None):
    if value is None or math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")


def compact(graph: TapeGraph) -> TapeGraph:
    """The graph without bookkeeping ops; an edge through hidden ops joins their neighbours."""
    hidden = {n.id for n in graph.nodes if n.op in BOOKKEEPING and not n.outputs}
    sources: dict[int, set[int]] = {}
    for edge in graph.edges:
        sources.setdefault(edge.target, set()).add(edge.source)

    @functools.cache
    def visible_sources(node: int) -> frozenset[int]:
        found = set()
        for source in sources.get(node, ()):
            found |= visible_sources(source) if source in hidden else {source}
        return frozenset(found)

    kept = tuple(n for n in graph.nodes if n.id not in hidden)
    edges = tuple(
        Edge(source, node.id) for node in kept for source in sorted(visible_sources(node.id))
    )
    return TapeGraph(kept, edges, graph.forward_ops, graph.backward_ops)
