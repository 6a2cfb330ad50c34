"""The ops TensorFlow runs for the nested tapes, as a graph: each op's stage, value and rule.

The same nested-tape code that `tape.py` runs eagerly is traced once into a `tf.Graph`:
the number of ops after the forward pass and after each tape's gradient calls gives every op
its stage, and one `Session.run` fetches every op's value at the point. Which forward op a
backward op differentiates comes from TensorFlow itself: the tape calls one Python gradient
function per op, and we count the ops it creates.

Recording knows nothing of drawing (see `draw.py`).
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
import tensorflow as tf
from tensorflow.core.protobuf import rewriter_config_pb2
from tensorflow.python import pywrap_tfe  # the hook for the tape's gradient calls
from tensorflow.python.eager import backprop

from diffexplain import ops
from diffexplain.explanation import derivative_name
from diffexplain.tape import DTYPES, nested_tapes, to_tensorflow
from diffexplain.tape_graph import Edge, Node, TapeGraph

MAX_TRACED = 16
"""Traced graphs kept per process (each holds a graph and a session)."""

# --- which forward op each gradient call differentiates ----------------------------------

_recording = threading.local()


def _attributing_gradient_function(*call):
    """TensorFlow's own gradient dispatcher, noting which ops each call creates.

    `call` is what the tape passes: (op type, attrs, number of inputs, inputs, outputs,
    upstream gradients, skipped inputs, forward name scope).
    """
    log = getattr(_recording, "log", None)
    if log is None:
        return backprop._gradient_function(*call)
    op_type, _, _, inputs, outputs, out_grads, _, _ = call
    graph = tf.compat.v1.get_default_graph()
    before = len(graph.get_operations())
    result = backprop._gradient_function(*call)
    log.append(
        _GradientCall(
            op_type,
            before,
            len(graph.get_operations()),
            _op_names(inputs),
            _op_names(outputs),
            _op_names(out_grads),
        )
    )
    return result


def _op_names(tensors) -> tuple[str | None, ...]:
    return tuple(getattr(getattr(t, "op", None), "name", None) for t in tensors or ())


@dataclass(frozen=True)
class _GradientCall:
    op_type: str
    first_op: int
    end_op: int
    inputs: tuple[str | None, ...]
    outputs: tuple[str | None, ...]
    upstream: tuple[str | None, ...]


_install_lock = threading.Lock()
_installed = False


def _install_hook() -> None:
    """Route the tape's gradient calls through our counter (outside a recording it only
    forwards, so eager tapes elsewhere in the process behave exactly as before)."""
    global _installed
    with _install_lock:
        if not _installed:
            pywrap_tfe.TFE_Py_RegisterGradientFunction(_attributing_gradient_function)
            _installed = True


def _attribute(
    calls: list[_GradientCall], graph_ops: Sequence[tf.Operation], stage_ends: tuple[int, ...]
) -> dict[int, int]:
    """created op index → index of the op whose gradient created it.

    A call names its forward op by its outputs when the tape kept them. Otherwise the forward
    op is one of that type (and those inputs, when kept) made before the call's tape started —
    a tape never differentiates its own ops — the latest not yet differentiated by that tape,
    since a tape walks the graph backward.
    """
    index = {op.name: i for i, op in enumerate(graph_ops)}
    # ops by type, and by type and inputs, in creation order: looking a call's forward op up
    # here instead of scanning the graph keeps order 6 (some 10⁴ calls and ops) from being
    # quadratic
    by_type: dict[str, list[int]] = {}
    by_inputs: dict[tuple, list[int]] = {}
    for i, op in enumerate(graph_ops):
        by_type.setdefault(op.type, []).append(i)
        by_inputs.setdefault((op.type, tuple(t.op.name for t in op.inputs)), []).append(i)
    taken: set[tuple[int, int]] = set()  # (stage, forward op)
    creator: dict[int, int] = {}
    for call in calls:
        stage = _stage_of(call.first_op, stage_ends)
        stage_start = stage_ends[stage - 1] if stage > 0 else 0
        named = [index[n] for n in call.outputs if n in index]
        if named:
            forward = named[0]
        else:
            same = (
                by_inputs.get((call.op_type, call.inputs), [])
                if all(call.inputs)
                else by_type.get(call.op_type, [])
            )
            candidates = same[: bisect.bisect_left(same, stage_start)]
            fresh = [i for i in candidates if (stage, i) not in taken]
            forward = (fresh or candidates or [None])[-1]
        if forward is None:
            continue
        taken.add((stage, forward))
        for created in range(call.first_op, call.end_op):
            creator[created] = forward
    return creator


# --- tracing once, evaluating at many points ------------------------------------------------


@dataclass(frozen=True)
class _Traced:
    graph: tf.Graph
    session: tf.compat.v1.Session
    placeholders: tuple[tf.Tensor, ...]
    stage_ends: tuple[int, ...]
    creator: dict[int, int]
    outputs: dict[str, tuple[str, ...]]  # op name → result labels
    none_ops: frozenset[str]  # ops standing for a gradient the tape returned as None
    fetched: tuple[int, ...]  # op indices whose first output is fetched


_PLAIN_SESSION = tf.compat.v1.ConfigProto(
    graph_options=tf.compat.v1.GraphOptions(
        rewrite_options=rewriter_config_pb2.RewriterConfig(disable_meta_optimizer=True),
        optimizer_options=tf.compat.v1.OptimizerOptions(opt_level=tf.compat.v1.OptimizerOptions.L0),
    )
)
"""Run the recorded ops as recorded: no graph rewriting (it would cost more than the run, and
every op is fetched anyway)."""


@functools.lru_cache(maxsize=MAX_TRACED)
def _trace(expr: sympy.Expr, symbols: tuple[sympy.Symbol, ...], order: int, dtype: str) -> _Traced:
    _install_hook()
    graph = tf.Graph()
    stage_ends: list[int] = []
    _recording.log = []
    try:
        with graph.as_default():
            placeholders = tuple(
                tf.compat.v1.placeholder(DTYPES[dtype], shape=[], name=s.name) for s in symbols
            )
            tensors, none = nested_tapes(
                to_tensorflow(expr, symbols, DTYPES[dtype]),
                list(placeholders),
                order,
                mark=lambda stage: stage_ends.append(len(graph.get_operations())),
            )
        calls = _recording.log
    finally:
        _recording.log = None
    graph_ops = graph.get_operations()
    names = tuple(s.name for s in symbols)
    outputs: dict[str, list[str]] = {}
    for key, tensor in sorted(tensors.items(), key=lambda kv: (len(kv[0]), kv[0])):
        label = "f" if not key else derivative_name(tuple(names[i] for i in key), names)
        outputs.setdefault(tensor.op.name, []).append(label)
    fetched = tuple(i for i, op in enumerate(graph_ops) if op.outputs and op.type != "Placeholder")
    graph.finalize()  # nothing may add ops to it again: it is shared between sessions
    return _Traced(
        graph=graph,
        session=tf.compat.v1.Session(graph=graph, config=_PLAIN_SESSION),
        placeholders=placeholders,
        stage_ends=tuple(stage_ends),
        creator=_attribute(calls, graph_ops, tuple(stage_ends)),
        outputs={name: tuple(labels) for name, labels in outputs.items()},
        none_ops=frozenset(tensors[key].op.name for key in none),
        fetched=fetched,
    )


def _stage_of(index: int, stage_ends: tuple[int, ...]) -> int:
    for stage, end in enumerate(stage_ends):
        if index < end:
            return stage
    return len(stage_ends) - 1


NONE_RULE = "tape.gradient returned None: 0"

_TAPE_OWN_OPS = {
    "AddN": "gradients arriving by different paths add up",
    "Const": "the seed: ∂out/∂out = 1",
    "ZerosLike": "a None gradient, as 0",
}
"""Ops a tape makes itself, not through an op's gradient function."""


def _rule(op_type: str, differentiated: str | None, stage: int) -> str:
    if differentiated is not None:
        return ops.rule_for_tf_op(differentiated)
    return _TAPE_OWN_OPS.get(op_type, "") if stage > 0 else ""


def record_nested_tapes(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    point: dict[str, float],
    order: int,
    dtype: str,
) -> TapeGraph:
    """The graph of every op the nested tapes run for `expr` up to `order`, valued at `point`."""
    traced = _trace(expr, tuple(symbols), order, dtype)
    graph_ops = traced.graph.get_operations()
    feed = {p: point[s.name] for p, s in zip(traced.placeholders, symbols, strict=True)}
    values = dict(
        zip(
            traced.fetched,
            traced.session.run([graph_ops[i].outputs[0] for i in traced.fetched], feed),
            strict=True,
        )
    )
    values.update({i: point[s.name] for i, s in enumerate(symbols)})  # placeholders come first
    index = {op.name: i for i, op in enumerate(graph_ops)}
    nodes = []
    for i, op in enumerate(graph_ops):
        value = np.asarray(values[i]) if i in values else None
        creator = traced.creator.get(i)
        nodes.append(
            Node(
                id=i,
                op=op.type,
                name=op.name,
                stage=_stage_of(i, traced.stage_ends),
                value=float(value) if value is not None and value.size == 1 else None,
                dtype=op.outputs[0].dtype.name if op.outputs else "",
                shape=tuple(value.shape) if value is not None else (),
                derivative_of=creator,
                rule=NONE_RULE
                if op.name in traced.none_ops
                else _rule(
                    op.type,
                    graph_ops[creator].type if creator is not None else None,
                    _stage_of(i, traced.stage_ends),
                ),
                outputs=traced.outputs.get(op.name, ()),
            )
        )
    edges = tuple(
        Edge(index[tensor.op.name], i) for i, op in enumerate(graph_ops) for tensor in op.inputs
    )
    stage_counts = [0] * (order + 1)
    for node in nodes:
        if not node.is_input:
            stage_counts[node.stage] += 1
    return TapeGraph(tuple(nodes), edges, stage_counts[0], tuple(stage_counts[1:]))


def clear_cache() -> None:
    """Forget every traced graph (the benchmark measures first calls this way)."""
    _trace.cache_clear()


# --- which recorded ops a plain eager function's gradient calls went through ---------------


@dataclass(frozen=True)
class Differentiated:
    """What a function returned, and the ops its tapes differentiated to get there."""

    result: Any
    op_types: tuple[str, ...]
    """The type of every recorded op whose gradient the tapes computed, in the order they
    computed them: a tape walks back from the target, so the last op recorded comes first."""


def differentiated_ops(function: Callable[[], Any]) -> Differentiated:
    """Run `function` (eager TensorFlow) and list the ops its `tape.gradient` calls went
    through: the same hook that attributes the main page's backward ops.

    An op the tape never recorded (under `stop_recording`, before a `reset`) is absent; so is
    one recorded but cut off from the target (behind a `tf.stop_gradient`).
    """
    _install_hook()
    outer = getattr(_recording, "log", None)  # a recording in progress in this thread
    _recording.log = []
    try:
        result = function()
        calls = _recording.log
    finally:
        _recording.log = outer
    return Differentiated(result, tuple(call.op_type for call in calls))
