"""Lecture 5: what a tape watches by itself, and what `tape.watch` adds.

- `watched_gradient(kind, dtype, watch, watch_accessed_variables, at)`: dy/dx of y = x² for a
  constant, a Variable or a Variable(trainable=False), watched or not
- `watch_snippet(kind, dtype, watch, watch_accessed_variables)`: the code it runs for those
  switches, as the page shows it (only the lines the switches choose, no `if`)
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python
from diffexplain.teach.lessons.snippet import Snippet

KINDS = ("constant", "variable", "frozen_variable")
DTYPES = ("float32", "float64", "int32")

MAKE_X = {
    "constant": "x = tf.constant($at, dtype=tf.{dtype})  # a plain tensor ‖ 普通张量",
    "variable": 'x = tf.Variable($at, dtype=tf.{dtype}, name="x")',
    "frozen_variable": (
        "# a Variable the optimizer must not change ‖ 优化器不该改动的变量\n"
        'x = tf.Variable($at, dtype=tf.{dtype}, name="x", trainable=False)'
    ),
}
"""The line that makes x, per kind (a dtype from `DTYPES` is filled in)."""

OPEN_TAPE = {
    True: "with tf.GradientTape() as tape:",
    False: (
        "# watches only what tape.watch names ‖ 只监视 tape.watch 点名的张量\n"
        "with tf.GradientTape(watch_accessed_variables=False) as tape:"
    ),
}
"""The `with` line, per `watch_accessed_variables` (True is the default, left unwritten)."""

GRADIENT = (
    "dy_dx = tape.gradient(y, x)  # 2x, or None ‖ 2x，或 None\n"
    "print(dy_dx)\n"
    "print([v.name for v in tape.watched_variables()])\n"
)
"""The question and the two prints, the same for every switch."""

WATCH_X = "    tape.watch(x)  # follow x from here on ‖ 从这里起跟踪 x\n"


def watch_snippet(
    kind: str,
    dtype: str,
    watch: bool,
    watch_accessed_variables: bool,
) -> Snippet:
    """y = x² for these switches, as a student writes it (`$at`: the point)."""
    if kind not in KINDS or dtype not in DTYPES:
        raise ValueError(f"unknown kind or dtype: {kind!r}, {dtype!r}")
    return Snippet(
        "import tensorflow as tf\n\n"
        + MAKE_X[kind].format(dtype=dtype)
        + "\n"
        + OPEN_TAPE[bool(watch_accessed_variables)]
        + "\n"
        + (WATCH_X if watch else "")
        + "    y = x * x\n"
        + GRADIENT
    )


@dataclass(frozen=True)
class Watched:
    gradient: float | None
    watched_variables: tuple[str, ...]
    """Names in tape.watched_variables(): the Variables the tape watched."""
    printed: str
    """What the snippet printed: the gradient, then the watched Variables' names."""


def watched_gradient(
    kind: str, dtype: str, watch: bool, watch_accessed_variables: bool, at: int
) -> Watched:
    """y = x²: which kinds of x does the tape follow, watched or not?"""
    snippet = watch_snippet(kind, dtype, watch, watch_accessed_variables)
    ran = snippet.run(at=at)
    watched = ran["tape"].watched_variables()
    return Watched(
        gradient=as_python(ran["dy_dx"]),
        watched_variables=tuple(v.name for v in watched),
        printed=ran.printed,
    )
