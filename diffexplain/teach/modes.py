"""Forward mode and reverse mode: the same first derivatives, by passes in opposite directions.

Forward mode (`tf.autodiff.ForwardAccumulator`) pushes one tangent — one input direction —
through the function alongside the values: one pass per input. Reverse mode (`GradientTape`)
runs the function once, then one backward pass per output gives the derivatives with respect
to every input. For f: ℝⁿ → ℝᵐ that is n passes against m; a loss has m = 1, which is why
training uses reverse mode.

The op counts come from tracing both into graphs, TensorFlow's function bodies included
(ForwardAccumulator computes each op's tangent in a small function of its own).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import sympy

_NOT_COUNTED = frozenset({"Placeholder", "_Arg", "_Retval", "PartitionedCall", "NoOp"})
"""Not ops of the computation: the inputs, function plumbing and calls (their bodies count)."""


@dataclass(frozen=True)
class ModeOps:
    """Ops one mode adds to a graph for all first derivatives: every op, and the computing ones
    (without Const, Fill, Identity and the other bookkeeping of `tape_graph.BOOKKEEPING`)."""

    passes: int
    all: int
    compute: int


@dataclass(frozen=True)
class ModeComparison:
    """∂f/∂xᵢ by forward mode (one pass per input) and by reverse mode (one pass in all).

    A value is None where f does not depend on that input (TensorFlow returns None there).
    """

    variables: tuple[str, ...]
    dtype: str
    forward: tuple[float | None, ...]
    reverse: tuple[float | None, ...]
    forward_ops: ModeOps
    reverse_ops: ModeOps

    @property
    def largest_difference(self) -> float:
        """max |forward − reverse| over the inputs (None counts as 0)."""
        return max(
            (abs((f or 0.0) - (r or 0.0)) for f, r in zip(self.forward, self.reverse, strict=True)),
            default=0.0,
        )


def reverse_mode_gradient(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], point: Mapping[str, float], dtype: str
) -> dict[str, float | None]:
    """Every ∂f/∂xᵢ from one GradientTape: one forward pass, one backward pass."""
    import tensorflow as tf

    from diffexplain.core.tape import DTYPES, to_tensorflow

    tf_dtype = DTYPES[dtype]
    inputs = [tf.constant(float(point[s.name]), dtype=tf_dtype) for s in symbols]
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        value = to_tensorflow(expr, symbols, tf_dtype)(inputs)
    gradients = tape.gradient(value, inputs)
    return {
        s.name: None if g is None else float(np.asarray(g))
        for s, g in zip(symbols, gradients, strict=True)
    }


def _count(graph) -> tuple[int, int]:
    """(all, compute) ops of a graph, descending into the functions its calls run."""
    from diffexplain.core.tape_graph import BOOKKEEPING

    definition = graph.as_graph_def()
    library = {f.signature.name: f for f in definition.library.function}
    counts = [0, 0]

    def visit(nodes) -> None:
        for node in nodes:
            if node.op in ("PartitionedCall", "StatefulPartitionedCall"):
                visit(library[node.attr["f"].func.name].node_def)
            elif node.op not in _NOT_COUNTED:
                counts[0] += 1
                counts[1] += node.op not in BOOKKEEPING

    visit(definition.node)
    return counts[0], counts[1]


@functools.lru_cache(maxsize=64)
def traced_mode_ops(
    expr: sympy.Expr, symbols: tuple[sympy.Symbol, ...], dtype: str
) -> tuple[ModeOps, ModeOps]:
    """(forward, reverse) ops for all first derivatives, traced into two graphs."""
    import tensorflow as tf

    from diffexplain.core.tape import DTYPES, to_tensorflow

    tf_dtype = DTYPES[dtype]
    function = to_tensorflow(expr, symbols, tf_dtype)

    def placeholders() -> list:
        return [tf.compat.v1.placeholder(tf_dtype, shape=[], name=s.name) for s in symbols]

    forward_graph = tf.Graph()
    with forward_graph.as_default():
        inputs = placeholders()
        for index in range(len(inputs)):
            tangents = [tf.constant(float(i == index), tf_dtype) for i in range(len(inputs))]
            with tf.autodiff.ForwardAccumulator(inputs, tangents) as accumulator:
                value = function(inputs)
            accumulator.jvp(value)
    reverse_graph = tf.Graph()
    with reverse_graph.as_default():
        inputs = placeholders()
        with tf.GradientTape() as tape:
            tape.watch(inputs)
            value = function(inputs)
        tape.gradient(value, inputs)
    return (
        ModeOps(len(symbols), *_count(forward_graph)),
        ModeOps(1, *_count(reverse_graph)),
    )


def compare_modes(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], point: Mapping[str, float], dtype: str
) -> ModeComparison:
    """The first derivatives by both modes at the point, and what each mode costs in ops."""
    from diffexplain.core.tape import forward_mode_gradient

    forward = forward_mode_gradient(expr, symbols, dict(point), dtype)
    reverse = reverse_mode_gradient(expr, symbols, point, dtype)
    forward_ops, reverse_ops = traced_mode_ops(expr, tuple(symbols), dtype)
    names = tuple(s.name for s in symbols)
    return ModeComparison(
        variables=names,
        dtype=dtype,
        forward=tuple(forward[n] for n in names),
        reverse=tuple(reverse[n] for n in names),
        forward_ops=forward_ops,
        reverse_ops=reverse_ops,
    )
