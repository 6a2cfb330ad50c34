"""Lecture 5: what a tape watches by itself, and what `tape.watch` adds.

- `watched_gradient(kind, dtype, watch, watch_accessed_variables, at)`: dy/dx of y = x² for a
  constant, a Variable or a Variable(trainable=False), watched or not
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python

KINDS = ("constant", "variable", "frozen_variable")
DTYPES = ("float32", "float64", "int32")


@dataclass(frozen=True)
class Watched:
    gradient: float | None
    watched_variables: tuple[str, ...]
    """Names in tape.watched_variables(): the Variables the tape watched."""


def watched_gradient(
    kind: str, dtype: str, watch: bool, watch_accessed_variables: bool, at: int
) -> Watched:
    """y = x²: which kinds of x does the tape follow, watched or not?"""
    import tensorflow as tf

    if kind == "constant":
        x = tf.constant(at, dtype=dtype)
    elif kind == "variable":
        x = tf.Variable(at, dtype=dtype, name="x")
    else:  # a Variable the optimizer must not change
        x = tf.Variable(at, dtype=dtype, name="x", trainable=False)
    tape = tf.GradientTape(
        watch_accessed_variables=watch_accessed_variables,
    )
    with tape:
        if watch:
            tape.watch(x)
        y = x * x
    return Watched(
        gradient=as_python(tape.gradient(y, x)),
        watched_variables=tuple(v.name for v in tape.watched_variables()),
    )
