"""Lecture 3: GradientTape records a computation, then plays it backwards for dy/dx.

- `square_gradient(at)`: the notes' first example, y = x², dy/dx = 6.0 at x = 3
- `vector_target_gradient(values)`: the notes say the target must be a scalar; it need not be
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python


@dataclass(frozen=True)
class SquareGradient:
    y: float
    dy_dx: float
    printed_numpy: str
    """What print(dy_dx.numpy()) shows."""
    printed_tensor: str
    """What print(dy_dx) shows."""


@dataclass(frozen=True)
class VectorTarget:
    y: list
    gradient_of_vector: list
    gradient_of_sum: list


def square_gradient(at: float) -> SquareGradient:
    """Record y = x² on a tape, then ask it for dy/dx (= 2x)."""
    import tensorflow as tf

    x = tf.Variable(at)
    with tf.GradientTape() as tape:
        y = x**2  # recorded: x is a Variable
    dy_dx = tape.gradient(y, x)
    return SquareGradient(
        y=as_python(y),
        dy_dx=as_python(dy_dx),
        printed_numpy=str(dy_dx.numpy()),  # print(dy_dx.numpy())
        printed_tensor=str(dy_dx),  # print(dy_dx)
    )


def vector_target_gradient(values: tuple) -> VectorTarget:
    """A vector target: its gradient is that of its sum."""
    import tensorflow as tf

    v = tf.Variable(list(values))
    with tf.GradientTape(persistent=True) as tape:
        y = v * v  # a vector: [v0², v1², v2²]
        total = tf.reduce_sum(y)  # a scalar
    return VectorTarget(
        y=as_python(y),
        gradient_of_vector=as_python(tape.gradient(y, v)),
        gradient_of_sum=as_python(tape.gradient(total, v)),
    )
