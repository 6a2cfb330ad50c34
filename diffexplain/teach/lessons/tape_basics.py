"""Lecture 3: GradientTape records a computation, then plays it backwards for dy/dx.

- `square_gradient(at)`: the notes' first example, y = x², dy/dx = 6.0 at x = 3
- `vector_target_gradient(values)`: the notes say the target must be a scalar; it need not be

Each runs its snippet (the code the page shows) and reads the numbers from its variables.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python
from diffexplain.teach.lessons.snippet import Snippet

SQUARE_GRADIENT = Snippet("""
    import tensorflow as tf

    x = tf.Variable($at)  # a Variable: the tape watches it by itself ‖ 变量：磁带会自动监视它
    with tf.GradientTape() as tape:
        y = x * x  # recorded on the tape: y = x² ‖ 记录在磁带上：y = x²
    dy_dx = tape.gradient(y, x)  # play the tape backwards: dy/dx = 2x ‖ 倒放磁带：dy/dx = 2x
    print(dy_dx.numpy())
    print(dy_dx)
""")


@dataclass(frozen=True)
class SquareGradient:
    y: float
    dy_dx: float
    printed_numpy: str
    """What print(dy_dx.numpy()) shows."""
    printed_tensor: str
    """What print(dy_dx) shows."""
    printed: str
    """Everything the snippet printed."""


def square_gradient(at: float) -> SquareGradient:
    """Record y = x² on a tape, then ask it for dy/dx (= 2x)."""
    ran = SQUARE_GRADIENT.run(at=at)
    numpy_line, tensor_line = ran.printed.splitlines()
    return SquareGradient(
        y=as_python(ran["y"]),
        dy_dx=as_python(ran["dy_dx"]),
        printed_numpy=numpy_line,
        printed_tensor=tensor_line,
        printed=ran.printed,
    )


VECTOR_TARGET = Snippet("""
    import tensorflow as tf

    v = tf.Variable($values)
    with tf.GradientTape(persistent=True) as tape:  # asked twice below ‖ 下面要问两次
        y = v * v  # a vector: [v0², v1², v2²] ‖ 向量：[v0², v1², v2²]
        total = tf.reduce_sum(y)  # a scalar ‖ 标量
    of_vector = tape.gradient(y, v)  # its sum's gradient ‖ 其和的梯度
    of_sum = tape.gradient(total, v)
    print(of_vector)
    print(of_sum)
""")


@dataclass(frozen=True)
class VectorTarget:
    y: list
    gradient_of_vector: list
    gradient_of_sum: list
    printed: str


def vector_target_gradient(values: tuple) -> VectorTarget:
    """A vector target: its gradient is that of its sum."""
    ran = VECTOR_TARGET.run(values=values)
    return VectorTarget(
        y=as_python(ran["y"]),
        gradient_of_vector=as_python(ran["of_vector"]),
        gradient_of_sum=as_python(ran["of_sum"]),
        printed=ran.printed,
    )
