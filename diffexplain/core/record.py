"""The ops TensorFlow runs for the nested tapes, as a graph: each op's stage, value and rule.

The same nested-tape code that `tape.py` runs eagerly is traced once into a `tf.Graph`:
the number of ops after the forward pass and after each tape's gradient calls gives every op
its stage, and one `Session.run` fetches every op's value at the point. Tracing stops before a
tape that would make the graph too big (`budget.MAX_GRAPH_OPS`): the graph then shows the
tapes that fit, and the ops counted so far predict the size of all of them (`budget.TapeSize`).
Which forward op a backward op differentiates comes from TensorFlow itself: the tape calls one
Python gradient function per op (`tape.watched`), and we count the ops it creates.

Recording knows nothing of drawing (see `draw.py`).
"""

from __future__ import annotations

import bisect
import collections
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
import tensorflow as tf
from tensorflow.core.protobuf import rewriter_config_pb2

from diffexplain.core import ops
from diffexplain.core.budget import (
    FIRST_GROWTH_STAGE,
    MAX_GRAPH_OPS,
    RUN_SECONDS_PER_OP,
    Deadline,
    OutOfTime,
    TapeSize,
    next_stage_ops,
)
from diffexplain.core.names import derivative_name
from diffexplain.core.tape import DTYPES, gradient_function, nested_tapes, to_tensorflow, watched
from diffexplain.core.tape_graph import Edge, Node, TapeGraph

MAX_TRACED = 16
"""Traced graphs kept per process (each holds a graph and a session)."""

# --- which forward op each gradient call differentiates ----------------------------------


def _attributing(log: list):
    """An observer for `tape.watched`: TensorFlow's own gradient function, noting in `log`
    which ops each call creates.

    A call is what the tape passes: (op type, attrs, number of inputs, inputs, outputs,
    upstream gradients, skipped inputs, forward name scope).
    """

    def observe(call: tuple):
        op_type, _, _, inputs, outputs, out_grads, _, _ = call
        graph = tf.compat.v1.get_default_graph()
        before = len(graph.get_operations())
        result = gradient_function(*call)
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

    return observe


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
    """A traced graph. Only its first `stage_ends[-1]` ops are the recording (the tapes that
    fit); ops past them, if any, are never run or shown."""

    graph: tf.Graph
    session: tf.compat.v1.Session | None
    placeholders: tuple[tf.Tensor, ...]
    stage_ends: tuple[int, ...]  # op count after each kept stage (() when none was kept)
    creator: dict[int, int]
    outputs: dict[str, tuple[str, ...]]  # op name → result labels
    none_ops: frozenset[str]  # ops standing for a gradient the tape returned as None
    fetched: tuple[int, ...]  # op indices whose first output is fetched
    size: TapeSize  # ops per stage for the order asked: counted while tracing, then predicted
    out_of_time: bool  # the deadline stopped the tracing (such a trace is not kept)


_PLAIN_SESSION = tf.compat.v1.ConfigProto(
    graph_options=tf.compat.v1.GraphOptions(
        rewrite_options=rewriter_config_pb2.RewriterConfig(disable_meta_optimizer=True),
        optimizer_options=tf.compat.v1.OptimizerOptions(opt_level=tf.compat.v1.OptimizerOptions.L0),
    )
)
"""Run the recorded ops as recorded: no graph rewriting (it would cost more than the run, and
every op is fetched anyway)."""


class _Enough(Exception):
    """The next tape would make the graph too big: stop tracing."""


class _Traces:
    """Traced graphs by (expr, symbols, order, dtype, max_ops), the latest `kept`; a trace the
    deadline stopped is not kept (it says how busy the machine was, not what fits)."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._traces: collections.OrderedDict = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> _Traced | None:
        with self._lock:
            traced = self._traces.get(key)
            if traced is not None:
                self._traces.move_to_end(key)
            return traced

    def keep(self, key: tuple, traced: _Traced) -> None:
        if traced.out_of_time:
            return
        with self._lock:
            self._traces[key] = traced
            while len(self._traces) > self._kept:
                self._traces.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._traces.clear()


_traces = _Traces(MAX_TRACED)


def _trace(
    expr: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    order: int,
    dtype: str,
    max_ops: int | None = None,
    deadline: Deadline | None = None,
) -> _Traced:
    key = (expr, symbols, order, dtype, max_ops)
    traced = _traces.get(key)
    if traced is None:
        traced = _trace_now(expr, symbols, order, dtype, max_ops, deadline)
        _traces.keep(key, traced)
    return traced


def _trace_now(
    expr: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    order: int,
    dtype: str,
    max_ops: int | None,
    deadline: Deadline | None,
) -> _Traced:
    """Trace the nested tapes for `order`, one stage after another, while the graph fits.

    After each stage its ops are counted; tracing stops where the next stage, grown as the last
    one did, would take the graph past `max_ops` (from stage `FIRST_GROWTH_STAGE` on, or as soon
    as the graph is past it), or where `deadline` passes. The stages that fit are kept.
    """
    graph = tf.Graph()
    ends: list[int] = []  # graph ops after each stage traced
    results: list[tuple[dict, set]] = []  # the tensors and None gradients after each stage
    calls: list[_GradientCall] = []
    inputs = len(symbols)

    def counted() -> tuple[int, ...]:
        return tuple(b - a for a, b in zip([inputs, *ends], ends, strict=False))

    def mark(stage: int, tensors: dict, none: set) -> None:
        ends.append(len(graph.get_operations()))
        results.append((dict(tensors), set(none)))
        if deadline is not None:
            deadline.check()
        if max_ops is None or stage == order:
            return
        so_far = ends[-1] - inputs
        if so_far > max_ops or (
            stage >= FIRST_GROWTH_STAGE and so_far + next_stage_ops(counted()) > max_ops
        ):
            raise _Enough

    out_of_time = False
    with graph.as_default():
        placeholders = tuple(
            tf.compat.v1.placeholder(DTYPES[dtype], shape=[], name=s.name) for s in symbols
        )
        try:
            with watched(deadline, _attributing(calls)):
                nested_tapes(
                    to_tensorflow(expr, symbols, DTYPES[dtype]), list(placeholders), order, mark
                )
        except _Enough:
            pass
        except OutOfTime:
            out_of_time = True
    graph.finalize()  # nothing may add ops to it again: it is shared between sessions
    size = TapeSize(counted(), order)
    fitting = [k for k in range(1, len(ends)) if max_ops is None or size.ops(k) <= max_ops]
    kept = max(fitting, default=0)
    stage_ends = tuple(ends[: kept + 1]) if fitting else ()
    end = stage_ends[-1] if stage_ends else 0
    graph_ops = graph.get_operations()[:end]
    names = tuple(s.name for s in symbols)
    outputs: dict[str, list[str]] = {}
    tensors, none = results[kept] if stage_ends else ({}, set())
    for key, tensor in sorted(tensors.items(), key=lambda kv: (len(kv[0]), kv[0])):
        label = "f" if not key else derivative_name(tuple(names[i] for i in key), names)
        outputs.setdefault(tensor.op.name, []).append(label)
    return _Traced(
        graph=graph,
        session=tf.compat.v1.Session(graph=graph, config=_PLAIN_SESSION) if stage_ends else None,
        placeholders=placeholders,
        stage_ends=stage_ends,
        creator=_attribute([c for c in calls if c.first_op < end], graph_ops, stage_ends),
        outputs={name: tuple(labels) for name, labels in outputs.items()},
        none_ops=frozenset(tensors[key].op.name for key in none),
        fetched=tuple(
            i for i, op in enumerate(graph_ops) if op.outputs and op.type != "Placeholder"
        ),
        size=size,
        out_of_time=out_of_time,
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


@dataclass(frozen=True)
class Recording:
    """The graph of the tapes that fit, and the size of all the tapes asked for.

    `graph` holds the forward pass and tapes 1 to `len(graph.backward_ops)` — every tape asked
    for when they fit in `max_ops`, fewer otherwise — or is None when not even tape 1 fits, or
    the deadline came first (`out_of_time`).
    """

    graph: TapeGraph | None
    size: TapeSize
    out_of_time: bool = False


def record_within(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    point: dict[str, float],
    order: int,
    dtype: str,
    max_ops: int | None = MAX_GRAPH_OPS,
    deadline: Deadline | None = None,
) -> Recording:
    """The graph of every op the nested tapes run for `expr`, valued at `point`, for as many
    tapes (up to `order`) as fit in `max_ops` ops (None: all), and the size of all of them."""
    traced = _trace(expr, tuple(symbols), order, dtype, max_ops, deadline)
    if not traced.stage_ends:
        return Recording(None, traced.size, traced.out_of_time)
    if deadline is not None and deadline.left() < len(traced.fetched) * RUN_SECONDS_PER_OP:
        return Recording(None, traced.size, out_of_time=True)  # Session.run cannot be stopped
    return Recording(_valued(traced, symbols, point), traced.size, traced.out_of_time)


def record_nested_tapes(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    point: dict[str, float],
    order: int,
    dtype: str,
) -> TapeGraph:
    """The graph of every op the nested tapes run for `expr` up to `order`, valued at `point`."""
    return record_within(expr, symbols, point, order, dtype, max_ops=None).graph


def _valued(traced: _Traced, symbols: Sequence[sympy.Symbol], point: dict[str, float]) -> TapeGraph:
    graph_ops = traced.graph.get_operations()[: traced.stage_ends[-1]]
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
    stage_counts = [0] * len(traced.stage_ends)
    for node in nodes:
        if not node.is_input:
            stage_counts[node.stage] += 1
    return TapeGraph(tuple(nodes), edges, stage_counts[0], tuple(stage_counts[1:]))


def clear_cache() -> None:
    """Forget every traced graph (the benchmark measures first calls this way)."""
    _traces.clear()


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
    op_types: list[str] = []

    def observe(call: tuple):
        op_types.append(call[0])
        return gradient_function(*call)

    with watched(observer=observe):
        result = function()
    return Differentiated(result, tuple(op_types))
