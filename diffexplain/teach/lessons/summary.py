"""Lecture 9: the notes' quick reference, one short program per row, each run as shown.

- `ROWS`: what each row does (a text key), the page it summarises, its snippet, and the
  variable holding the row's answer
- `answer(key)`: runs a row's snippet; what it printed and its answer as plain Python

The rows are the notes' table (start recording, compute gradients, watch, persistent, nested
tapes), with the two lectures before it (constant or Variable, assign) and the question
students ask most (why None).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diffexplain.teach.lessons.outcome import as_python
from diffexplain.teach.lessons.snippet import Snippet

CONSTANT_OR_VARIABLE = Snippet("""
    import tensorflow as tf

    c = tf.constant([1.0, 2.0])  # fixed: no assign, not watched ‖ 固定：不能 assign，不被监视
    v = tf.Variable([1.0, 2.0])  # changeable, watched by the tape ‖ 可修改，磁带自动监视
    n = tf.Variable([1, 2, 3])  # integers make an int32 Variable ‖ 整数得到 int32 变量
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(n * n)
    gradient = tape.gradient(y, n)  # integers have no gradient ‖ 整数没有梯度
    print(n.dtype.name, gradient)
""")

ASSIGN = Snippet("""
    import tensorflow as tf

    v = tf.Variable([1.0, 2.0, 3.0])
    v.assign_add([10.0, 10.0, 10.0])  # v ← v + d, in place ‖ 原地：v ← v + d
    print(v.numpy())
    v.assign_sub([1.0, 1.0, 1.0])  # v ← v − d, in place ‖ 原地：v ← v − d
    print(v.numpy())
    v.assign([0.0, 0.0, 0.0])  # v ← new value ‖ v ← 新值
    print(v.numpy())
""")

RECORD = Snippet("""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:  # start recording ‖ 开始录制
        y = x**2
    print(y.numpy())
""")

GRADIENT = Snippet("""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x**2
    dy_dx = tape.gradient(y, x)  # one source: dy/dx = 2x ‖ 一个自变量：dy/dx = 2x
    print(dy_dx.numpy())

    w, b = tf.Variable(2.0), tf.Variable(1.0)
    with tf.GradientTape() as tape:
        loss = (w * 3.0 + b - 8.0) ** 2
    dw, db = tape.gradient(loss, [w, b])  # a list: one gradient each ‖ 列表：各一个梯度
    print(dw.numpy(), db.numpy())
""")

WATCH = Snippet("""
    import tensorflow as tf

    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)  # a constant is recorded only if watched ‖ 常量要被监视才会被记录
        y = x**2
    dy_dx = tape.gradient(y, x)
    print(dy_dx.numpy())
""")

PERSISTENT = Snippet("""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:  # may be asked twice ‖ 可以多次求梯度
        y = x**2
        z = y * 2
    dy_dx = tape.gradient(y, x)  # a first call: 2x ‖ 第一次调用：2x
    dz_dx = tape.gradient(z, x)  # 4x: a second call ‖ 4x：第二次调用
    del tape  # free what it recorded ‖ 释放它记录的内容
    print(dy_dx.numpy(), dz_dx.numpy())
""")

HIGHER = Snippet("""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as t1:  # the outer tape records the inner one ‖ 外层磁带记录内层
        with tf.GradientTape() as t0:
            y = x**3
        dy_dx = t0.gradient(y, x)  # first derivative: 3x² ‖ 一阶导数：3x²
    d2y_dx2 = t1.gradient(dy_dx, x)  # second derivative: 6x ‖ 二阶导数：6x
    print(dy_dx.numpy(), d2y_dx2.numpy())
""")

NONE = Snippet("""
    import tensorflow as tf

    c = tf.constant(3.0)
    with tf.GradientTape() as tape:
        y = c * c  # c is a constant, not watched ‖ c 是常量，没有被监视
    gradient = tape.gradient(y, c)  # no recorded path: None ‖ 没有记录的路径：None
    print(gradient)
""")


@dataclass(frozen=True)
class Row:
    key: str
    """The text key of what the row does."""
    page: str
    """The lecture page it summarises."""
    how: tuple[str, ...]
    """The notes' quick reference: the calls, as the notes' table writes them."""
    snippet: Snippet
    answer: tuple[str, ...]
    """The snippet's variables that hold the row's answer."""


ROWS = (
    Row(
        "summary.row.constvar",
        "pages/01_constant_and_variable.py",
        ("tf.constant([1.0, 2.0])", "tf.Variable([1.0, 2.0])"),
        CONSTANT_OR_VARIABLE,
        ("gradient",),
    ),
    Row(
        "summary.row.assign",
        "pages/02_assign.py",
        ("v.assign(new)", "v.assign_add(d)", "v.assign_sub(d)"),
        ASSIGN,
        ("v",),
    ),
    Row(
        "summary.row.record",
        "pages/03_gradient_tape.py",
        ("with tf.GradientTape() as tape:",),
        RECORD,
        ("y",),
    ),
    Row(
        "summary.row.gradient",
        "pages/03_gradient_tape.py",
        ("tape.gradient(y, x)", "tape.gradient(loss, var_list)"),
        GRADIENT,
        ("dy_dx", "dw", "db"),
    ),
    Row("summary.row.watch", "pages/05_watch.py", ("tape.watch(tensor)",), WATCH, ("dy_dx",)),
    Row(
        "summary.row.persistent",
        "pages/04_persistent.py",
        ("tf.GradientTape(persistent=True)",),
        PERSISTENT,
        ("dy_dx", "dz_dx"),
    ),
    Row(
        "summary.row.higher",
        "pages/07_higher_order.py",
        ("with tf.GradientTape() as t1:", "with tf.GradientTape() as t0:"),
        HIGHER,
        ("dy_dx", "d2y_dx2"),
    ),
    Row("summary.row.none", "pages/06_none_gradients.py", (), NONE, ("gradient",)),
)


@dataclass(frozen=True)
class Answer:
    printed: str
    values: tuple[Any, ...]
    """The row's answer variables, as plain Python (None stays None)."""


def answer(key: str) -> Answer:
    """Run the row's snippet; what it printed, and its answer read from its variables."""
    row = next(row for row in ROWS if row.key == key)
    ran = row.snippet.run()
    # the rows are ours: an error is a bug, not a lesson ‖ 这些行是我们写的：出错是缺陷
    if ran.raised is not None:
        raise RuntimeError(f"{key} raised {ran.raised}")
    return Answer(ran.printed, tuple(as_python(ran[name]) for name in row.answer))
