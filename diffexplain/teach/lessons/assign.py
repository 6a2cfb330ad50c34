"""Lecture 2: changing a Variable in place with `.assign`, `.assign_add`, `.assign_sub`.

- `update_variable(method, start, operand)`: the notes' three examples
- `what_assign_returns(start, operand)`: not v, not a copy: a view of v ('UnreadVariable')
- `assign_value(method, variable_values, new_value)`: which new values TensorFlow accepts
- `gradient_through_assign(start)`: the notes say gradients flow through assign; they do not
- `gradient_descent_step(w, learning_rate)`: the notes' one step of W.assign_sub

Each runs its snippet (the code the page shows) and reads the numbers from its variables. The
sandbox's snippet (`accept_snippet`) is the concrete code for the switches chosen; the errors it
provokes it catches and prints, and the lesson reads them there.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python
from diffexplain.teach.lessons.snippet import Snippet
from diffexplain.teach.lessons.variables import printed_errors

METHODS = ("assign", "assign_add", "assign_sub")
VARIABLE_VALUES = {"ints": (1, 2, 3), "floats": (1.0, 2.0, 3.0)}
NEW_VALUES = (
    "python_ints",
    "python_floats",
    "too_short",
    "scalar",
    "int32_tensor",
    "float64_tensor",
)

ASSIGN = Snippet("""
    import tensorflow as tf

    v = tf.Variable($start)
    before = v.numpy()  # the value now, as a NumPy array ‖ 此刻的值（NumPy 数组）
    v.assign($operand)  # replace the value, in place ‖ 原地替换为新值
    print(v.numpy())
""")
ASSIGN_ADD = Snippet("""
    import tensorflow as tf

    v = tf.Variable($start)
    before = v.numpy()  # the value now, as a NumPy array ‖ 此刻的值（NumPy 数组）
    v.assign_add($operand)  # v + operand, in place ‖ 原地加：v + 传入的值
    print(v.numpy())
""")
ASSIGN_SUB = Snippet("""
    import tensorflow as tf

    v = tf.Variable($start)
    before = v.numpy()  # the value now, as a NumPy array ‖ 此刻的值（NumPy 数组）
    v.assign_sub($operand)  # v - operand, in place ‖ 原地减：v - 传入的值
    print(v.numpy())
""")
UPDATES = {"assign": ASSIGN, "assign_add": ASSIGN_ADD, "assign_sub": ASSIGN_SUB}
"""The snippet for each method."""


@dataclass(frozen=True)
class Update:
    before: list
    after: list
    printed: str
    """What print(v.numpy()) shows afterwards."""
    output: str
    """Everything the snippet printed."""


def update_variable(method: str, start: tuple, operand: tuple) -> Update:
    """Create a Variable, change it in place with one of the methods."""
    ran = UPDATES[method].run(start=start, operand=operand)
    return Update(
        before=ran["before"].tolist(),
        after=as_python(ran["v"]),
        printed=ran.printed.rstrip("\n"),
        output=ran.printed,
    )


WHAT_ASSIGN_RETURNS = Snippet("""
    import tensorflow as tf

    v = tf.Variable($start)
    returned = v.assign_add($operand)
    print(returned)  # what a notebook shows for it ‖ 笔记本里显示的就是它
    print(returned is v)  # not v itself ‖ 不是 v 本身
    print(isinstance(returned, tf.Variable))
    v.assign(tf.zeros_like(v))  # change v again ... ‖ 再改一次 v……
    follows = returned.numpy()  # ... what was returned follows ‖ ……返回值也跟着变
    print(follows)
    nothing = v.assign_sub($operand, read_value=False)
    print(nothing)  # read_value=False: None ‖ read_value=False 时返回 None
""")


@dataclass(frozen=True)
class Returned:
    printed: str
    """repr of what v.assign_add returned: what a notebook shows for it."""
    is_v: bool
    is_a_variable: bool
    follows_v: list
    """The returned object's value after a later v.assign(zeros)."""
    without_read_value: None
    """What the methods return with read_value=False."""
    output: str
    """Everything the snippet printed."""


def what_assign_returns(start: tuple, operand: tuple) -> Returned:
    """What v.assign_add(...) hands back, beside v itself."""
    import tensorflow as tf

    ran = WHAT_ASSIGN_RETURNS.run(start=start, operand=operand)
    returned = ran["returned"]
    return Returned(
        printed=ran.printed.splitlines()[
            0
        ],  # print(returned), right after ‖ 紧接着 print(returned)
        is_v=returned is ran["v"],
        is_a_variable=isinstance(returned, tf.Variable),
        follows_v=ran["follows"].tolist(),
        without_read_value=ran["nothing"],
        output=ran.printed,
    )


NEW_VALUE_CODE = {
    "python_ints": "[4, 5, 6]",
    "python_floats": "[4.5, 5.5, 6.5]",
    "too_short": "[4, 5]",
    "scalar": "10",
    "int32_tensor": "tf.constant([4, 5, 6])",
    "float64_tensor": "tf.constant([4.0, 5.0, 6.0], tf.float64)",
}
"""Each kind of new value as the code that makes it."""


ACCEPT = """
    import tensorflow as tf

    v = tf.Variable($values)
    # accepted, or refused with an error ‖ 被接受，或报错被拒绝
    try:
        {call}
    except (TypeError, ValueError, tf.errors.InvalidArgumentError) as error:
        print(type(error).__name__ + ":", error)
    print(v.numpy())  # v afterwards ‖ 之后的 v
"""
"""The sandbox's code, `{call}` to fill with the chosen call."""


def accept_snippet(
    method: str,
    variable_values: str,
    new_value: str,
) -> Snippet:
    """The sandbox's code for one choice of method, Variable and new value
    (our own text: the choices pick from fixed lists; the Variable's numbers
    are a literal parameter)."""
    if method not in METHODS:  # fixed names only ‖ 只用固定的名字
        raise ValueError(f"unknown method: {method!r}")
    call = f"v.{method}({NEW_VALUE_CODE[new_value]})"
    return Snippet(ACCEPT.format(call=call))


@dataclass(frozen=True)
class AssignOutcome:
    variable_dtype: str
    new_value: str
    """The new value as code."""
    after: list
    raised: Raised | None
    printed: str
    """Everything the snippet printed."""


def assign_value(
    method: str,
    variable_values: str,
    new_value: str,
) -> AssignOutcome:
    """Give a Variable one kind of new value: accepted, or why not."""
    values = VARIABLE_VALUES[variable_values]
    ran = accept_snippet(method, variable_values, new_value).run(values=values)
    raised = printed_errors(ran.printed)
    return AssignOutcome(
        variable_dtype=ran["v"].dtype.name,
        new_value=NEW_VALUE_CODE[new_value],
        after=as_python(ran["v"]),
        raised=raised[0] if raised else None,
        printed=ran.printed,
    )


GRADIENT_THROUGH_ASSIGN = Snippet("""
    import tensorflow as tf

    u = tf.Variable($start)
    w = tf.Variable(0.0)
    # persistent: asked three times below ‖ persistent：下面要问三次
    with tf.GradientTape(persistent=True) as tape:
        w.assign(3.0 * u)  # w now holds 3u ... ‖ w 现在存着 3u……
        y = w * w  # ... so y = 9u² ‖ ……所以 y = 9u²
        w_math = 3.0 * u  # the same without assign ‖ 不用 assign 的同一算式
        y_math = w_math * w_math
    dy_du = tape.gradient(y, u)  # through assign ‖ 经过 assign
    dy_du_math = tape.gradient(y_math, u)  # calculus: 18u ‖ 微积分：18u
    dy_dw = tape.gradient(y, w)  # 2w, at w's new value ‖ 2w，取 w 的新值
    del tape  # free its resources ‖ 释放资源
    print(dy_du)
    print(dy_du_math)
    print(dy_dw)
""")


@dataclass(frozen=True)
class ThroughAssign:
    dy_du_through_assign: float | None
    """w.assign(3 * u); y = w * w: does the tape see y as a function of u?"""
    dy_du_without_assign: float | None
    """w = 3 * u; y = w * w: the same math without assign (18u)."""
    dy_dw_after_assign: float | None
    """The tape treats w's new value as a fresh input: 2w."""
    printed: str
    """Everything the snippet printed."""


def gradient_through_assign(start: float) -> ThroughAssign:
    """Does tape.gradient see through w.assign(3 * u)? Compare with math."""
    ran = GRADIENT_THROUGH_ASSIGN.run(start=start)
    return ThroughAssign(
        dy_du_through_assign=as_python(ran["dy_du"]),
        dy_du_without_assign=as_python(ran["dy_du_math"]),
        dy_dw_after_assign=as_python(ran["dy_dw"]),
        printed=ran.printed,
    )


DESCENT_STEP = Snippet("""
    import tensorflow as tf

    W = tf.Variable($w)
    with tf.GradientTape() as tape:
        loss = (W - 3.0) ** 2  # smallest at W = 3 ‖ W = 3 时损失最小
    grad = tape.gradient(loss, W)  # 2(W - 3) ‖ 梯度：2(W - 3)
    W.assign_sub($learning_rate * grad)  # one step downhill ‖ 下降一步
    print(W.numpy())
""")


@dataclass(frozen=True)
class DescentStep:
    loss: float
    gradient: float
    printed: str
    """What print(W.numpy()) shows after the step."""
    output: str
    """Everything the snippet printed."""


def gradient_descent_step(w: float, learning_rate: float) -> DescentStep:
    """The notes' training step: a gradient, then W.assign_sub."""
    ran = DESCENT_STEP.run(w=w, learning_rate=learning_rate)
    return DescentStep(
        loss=as_python(ran["loss"]),
        gradient=as_python(ran["grad"]),
        printed=ran.printed.rstrip("\n"),
        output=ran.printed,
    )
