"""Predict what `tape.gradient` returns: generated snippets, run for real.

`snippet(seed)` writes a short TensorFlow program from fixed pieces chosen by the seed: a
constant or a Variable, float or int, watched or not, persistent or not, a second gradient
call, an `assign` inside the tape, a NumPy detour. The program is the app's own text (no
visitor ever types any of it); `run_snippet` runs exactly that text and reports what its last
line gave: a number, None, or the exception TensorFlow raised.

>>> snippet(3).source == snippet(3).source
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python

TWISTS = ("plain", "constant", "watch", "int", "numpy", "assign", "second_call", "persistent")
"""What an exercise is about; each names the lecture point it practises."""


@dataclass(frozen=True)
class Snippet:
    seed: int
    twist: str
    source: str


@dataclass(frozen=True)
class Outcome:
    """What the snippet's last line gave: kind "number" (value), "none", or "error" (raised)."""

    kind: str
    value: float | None = None
    raised: Raised | None = None


def snippet(seed: int) -> Snippet:
    """The snippet for `seed`: the same text on every machine."""
    rng = random.Random(f"tape:{seed}")
    twist = rng.choice(TWISTS)
    start = rng.choice(("2.0", "3.0", "1.5", "-1.0"))
    power = rng.choice((2, 3))
    body = "x * x" if power == 2 else "x * x * x"
    lines = ["import numpy as np", "import tensorflow as tf", ""]
    kind = "constant" if twist in ("constant", "watch") else "variable"
    if twist == "int":
        kind = rng.choice(("constant", "variable"))
        start = str(int(float(start)))
    if twist == "numpy":
        kind = rng.choice(("constant", "variable"))
    if kind == "variable":
        lines.append(f"x = tf.Variable({start})")
    else:
        lines.append(f"x = tf.constant({start})")
    persistent = twist == "persistent" or (twist == "second_call" and rng.random() < 0.4)
    lines.append(
        "with tf.GradientTape(persistent=True) as tape:"
        if persistent
        else "with tf.GradientTape() as tape:"
    )
    if twist == "watch" or (twist in ("int", "numpy") and kind == "constant"):
        lines.append("    tape.watch(x)")
    if twist == "numpy":
        numpy_body = "np.square(x.numpy())" if power == 2 else "x.numpy() ** 3"
        lines.append(f"    y = tf.constant({numpy_body})")
    elif twist == "assign":
        if rng.random() < 0.5:
            lines += [f"    y = {body}", "    x.assign(10.0)"]
        else:
            lines += ["    x.assign_add(1.0)", f"    y = {body}"]
    else:
        lines.append(f"    y = {body}")
    if twist in ("second_call", "persistent"):
        lines += ["", "first = tape.gradient(y, x)", "result = tape.gradient(y, x)"]
    else:
        lines += ["", "result = tape.gradient(y, x)"]
    return Snippet(seed, twist, "\n".join(lines) + "\n")


def run_snippet(source: str) -> Outcome:
    """Run the generated `source` (never visitor text) and report what `result` became."""
    namespace: dict = {}
    try:
        exec(compile(source, "<exercise>", "exec"), namespace)  # noqa: S102 - the app's own text
    except Exception as error:  # whatever TensorFlow raises is the answer
        return Outcome("error", raised=Raised(type(error).__name__, str(error).strip()[:500]))
    value = as_python(namespace["result"])
    if value is None:
        return Outcome("none")
    return Outcome("number", value=float(value))
