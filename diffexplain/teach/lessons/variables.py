"""Lecture 1: `tf.constant` (a value that never changes) beside `tf.Variable` (a box).

- `constant_and_variable(values)`: what each prints, its dtype, whether a tape differentiates it
- `change_a_constant(new_corner)`: the errors TensorFlow raises, and the way that works
- `model_parameters(inputs, outputs)`: the notes' typical scene, a constant and two Variables
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python, raised_by


@dataclass(frozen=True)
class ConstantAndVariable:
    constant_printed: str
    variable_printed: str
    dtype: str
    variable_trainable: bool
    gradient: list | None
    """d(sum of squares)/dv for the Variable: [2v...], or None when TensorFlow refuses."""


@dataclass(frozen=True)
class ConstantChange:
    printed: str
    item_assignment: Raised | None
    """`c[0][0] = 100`, as in the notes."""
    tuple_index_assignment: Raised | None
    """`c[0, 0] = 100`, NumPy style."""
    assign: Raised | None
    """`c.assign(...)`: constants have no such method."""
    rebuilt: list
    """A new tensor with the corner replaced."""
    unchanged: list
    """The original constant afterwards."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    shape: list
    dtype: str
    trainable: bool


def constant_and_variable(values: tuple) -> ConstantAndVariable:
    """The same numbers as a constant and as a Variable."""
    import tensorflow as tf

    a = tf.constant(list(values))
    v = tf.Variable(list(values))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    dy_dv = tape.gradient(y, v)  # None for integer Variables
    return ConstantAndVariable(
        constant_printed=str(a),  # what print(a) shows
        variable_printed=str(v),
        dtype=v.dtype.name,
        variable_trainable=v.trainable,
        gradient=as_python(dy_dv),
    )


def change_a_constant(new_corner: int) -> ConstantChange:
    """Try to change a constant three ways; then build a new tensor instead."""
    import tensorflow as tf

    c = tf.constant([[1, 2], [3, 4]])

    def set_corner_like_the_notes():
        c[0][0] = new_corner

    def set_corner_numpy_style():
        c[0, 0] = new_corner

    rebuilt = tf.tensor_scatter_nd_update(c, [[0, 0]], [new_corner])
    return ConstantChange(
        printed=str(c),
        item_assignment=raised_by(set_corner_like_the_notes),
        tuple_index_assignment=raised_by(set_corner_numpy_style),
        assign=raised_by(lambda: c.assign([[new_corner, 2], [3, 4]])),
        rebuilt=as_python(rebuilt),
        unchanged=as_python(c),
    )


def model_parameters(inputs: int, outputs: int) -> tuple[Parameter, ...]:
    """The notes' scene: a constant learning rate, a weight and a bias."""
    import tensorflow as tf

    learning_rate = tf.constant(0.01)
    W = tf.Variable(tf.random.normal([inputs, outputs]), name="weight")
    b = tf.Variable(tf.zeros([outputs]), name="bias")
    return tuple(
        Parameter(
            name=name,
            kind=type(t).__name__,
            shape=t.shape.as_list(),
            dtype=t.dtype.name,
            trainable=getattr(t, "trainable", False),
        )
        for name, t in [("learning_rate", learning_rate), ("W", W), ("b", b)]
    )
