"""Lecture 1: `tf.constant` (a value that never changes) beside `tf.Variable` (a box).

- `constant_and_variable(values)`: what each prints, its dtype, whether a tape differentiates it
- `change_a_constant(new_corner)`: the errors TensorFlow raises, and the way that works
- `constant_gradient(at)`: the notes tick "automatic differentiation" for constants; only watched
- `model_parameters(inputs, outputs)`: the notes' typical scene, a constant and two Variables

Each runs its snippet (the code the page shows) and reads the numbers from its variables; the
errors a snippet provokes on purpose it catches and prints, and the lesson reads them there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python
from diffexplain.teach.lessons.snippet import Snippet

CONSTANT_AND_VARIABLE = Snippet("""
    import tensorflow as tf

    a = tf.constant($values)  # fixed ‖ 不可改变
    v = tf.Variable($values)  # changeable ‖ 可以改变
    print(a)
    print(v)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)  # y = sum of v² ‖ y = v² 之和
    dy_dv = tape.gradient(y, v)  # 2v; None for integers ‖ 2v；整数时为 None
    print(dy_dv)
""")


@dataclass(frozen=True)
class ConstantAndVariable:
    constant_printed: str
    variable_printed: str
    dtype: str
    variable_trainable: bool
    gradient: list | None
    """d(sum of squares)/dv for the Variable: [2v...], or None when TensorFlow refuses."""
    printed: str
    """Everything the snippet printed."""


def constant_and_variable(values: tuple) -> ConstantAndVariable:
    """The same numbers as a constant and as a Variable."""
    ran = CONSTANT_AND_VARIABLE.run(values=values)
    v = ran["v"]
    return ConstantAndVariable(
        constant_printed=str(ran["a"]),  # what print(a) showed ‖ print(a) 显示的内容
        variable_printed=str(v),
        dtype=v.dtype.name,
        variable_trainable=v.trainable,
        gradient=as_python(ran["dy_dv"]),
        printed=ran.printed,
    )


CHANGE_A_CONSTANT = Snippet("""
    import tensorflow as tf

    c = tf.constant([[1, 2], [3, 4]])
    print(c)
    try:  # as in the notes ‖ 讲义的写法
        c[0][0] = $corner
    except TypeError as error:
        print("TypeError:", error)
    try:  # NumPy style ‖ NumPy 的写法
        c[0, 0] = $corner
    except TypeError as error:
        print("TypeError:", error)
    try:  # a constant has no assign ‖ 常量没有 assign
        c.assign([[$corner, 2], [3, 4]])
    except AttributeError as error:
        print("AttributeError:", error)
    # what works: a new tensor ‖ 可行的做法：新建张量
    rebuilt = tf.tensor_scatter_nd_update(c, [[0, 0]], [$corner])
    print(rebuilt)
    print(c)
""")


@dataclass(frozen=True)
class ConstantChange:
    printed: str
    """What print(c) shows."""
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
    output: str
    """Everything the snippet printed (`printed` is the part print(c) wrote)."""


def change_a_constant(new_corner: int) -> ConstantChange:
    """Try to change a constant three ways; then build a new tensor instead."""
    ran = CHANGE_A_CONSTANT.run(corner=new_corner)
    item, numpy_style, assign = printed_errors(ran.printed)
    return ConstantChange(
        printed=str(ran["c"]),
        item_assignment=item,
        tuple_index_assignment=numpy_style,
        assign=assign,
        rebuilt=as_python(ran["rebuilt"]),
        unchanged=as_python(ran["c"]),
        output=ran.printed,
    )


ERROR_LINE = re.compile(r"^(\w+Error): (.*)$", re.MULTILINE)
"""A line a snippet printed for an error it caught: `print("TypeError:", error)`."""


def printed_errors(printed: str) -> list[Raised]:
    """The errors a snippet caught and printed, in order, as `raised_by`
    would give them.

    >>> printed_errors("1\\nTypeError: no\\n")
    [Raised(type_name='TypeError', message='no')]
    """
    found = ERROR_LINE.findall(printed)
    return [Raised(name, message.strip()) for name, message in found]


CONSTANT_GRADIENT = Snippet("""
    import tensorflow as tf

    x = tf.constant($at)
    with tf.GradientTape() as tape:
        y = x * x  # x is not watched ‖ 没有监视 x
    unwatched = tape.gradient(y, x)
    with tf.GradientTape() as tape:
        tape.watch(x)  # watch the constant by hand ‖ 手动监视这个常量
        y = x * x
    watched = tape.gradient(y, x)  # watched: 2x ‖ 监视后：2x
    print(unwatched)
    print(watched)
""")


@dataclass(frozen=True)
class ConstantGradient:
    unwatched: float | None
    """dy/dx of y = x² for a constant the tape was not told to watch: None."""
    watched: float | None
    """The same after tape.watch(x): 2x."""
    printed: str


def constant_gradient(at: float) -> ConstantGradient:
    """y = x² for a constant x: differentiated only once the tape watches x."""
    ran = CONSTANT_GRADIENT.run(at=at)
    return ConstantGradient(
        unwatched=as_python(ran["unwatched"]),
        watched=as_python(ran["watched"]),
        printed=ran.printed,
    )


MODEL_PARAMETERS = Snippet("""
    import tensorflow as tf

    learning_rate = tf.constant(0.01)  # a setting ‖ 超参数
    # to be trained: Variables ‖ 要训练的参数：变量
    W = tf.Variable(tf.random.normal([$inputs, $outputs]), name="weight")
    b = tf.Variable(tf.zeros([$outputs]), name="bias")
    print(learning_rate)
    # W is random: print its shape, not its values ‖ W 是随机数：只打印形状
    print(W.name, W.shape, W.trainable)
    print(b.name, b.shape, b.trainable)
""")


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    shape: list
    dtype: str
    trainable: bool


@dataclass(frozen=True)
class ModelParameters:
    parameters: tuple[Parameter, ...]
    """learning_rate, W and b."""
    printed: str


def model_parameters(inputs: int, outputs: int) -> ModelParameters:
    """The notes' scene: a constant learning rate, a weight and a bias."""
    ran = MODEL_PARAMETERS.run(inputs=inputs, outputs=outputs)
    parameters = tuple(
        Parameter(
            name=name,
            kind=type(ran[name]).__name__,
            shape=ran[name].shape.as_list(),
            dtype=ran[name].dtype.name,
            trainable=getattr(ran[name], "trainable", False),
        )
        for name in ("learning_rate", "W", "b")
    )
    return ModelParameters(parameters, ran.printed)
