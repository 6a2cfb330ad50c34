"""Lecture 2: changing a Variable in place with `.assign`, `.assign_add`, `.assign_sub`.

- `update_variable(method, start, operand)`: the notes' three examples
- `what_assign_returns(start, operand)`: not v, not a copy: a view of v ('UnreadVariable')
- `assign_value(method, variable_values, new_value)`: which new values TensorFlow accepts
- `gradient_through_assign(start)`: the notes say gradients flow through assign; they do not
- `gradient_descent_step(w, learning_rate)`: the notes' one step of W.assign_sub
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python, raised_by

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


@dataclass(frozen=True)
class Update:
    before: list
    after: list
    printed: str
    """What print(v.numpy()) shows afterwards."""


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


@dataclass(frozen=True)
class AssignOutcome:
    variable_dtype: str
    new_value: str
    """The new value as code."""
    after: list
    raised: Raised | None


@dataclass(frozen=True)
class ThroughAssign:
    dy_du_through_assign: float | None
    """w.assign(3 * u); y = w * w: does the tape see y as a function of u?"""
    dy_du_without_assign: float | None
    """w = 3 * u; y = w * w: the same math without assign (18u)."""
    dy_dw_after_assign: float | None
    """The tape treats w's new value as a fresh input: 2w."""


@dataclass(frozen=True)
class DescentStep:
    loss: float
    gradient: float
    printed: str
    """What print(W.numpy()) shows after the step."""


def update_variable(method: str, start: tuple, operand: tuple) -> Update:
    """Create a Variable, change it in place with one of the methods."""
    import tensorflow as tf

    v = tf.Variable(list(start))
    before = as_python(v)
    if method == "assign":
        v.assign(list(operand))  # replace
    elif method == "assign_add":
        v.assign_add(list(operand))  # v = v + operand, in place
    else:
        v.assign_sub(list(operand))  # v = v - operand, in place
    return Update(before=before, after=as_python(v), printed=str(v.numpy()))


def what_assign_returns(start: tuple, operand: tuple) -> Returned:
    """What v.assign_add(...) hands back, beside v itself."""
    import tensorflow as tf

    v = tf.Variable(list(start))
    returned = v.assign_add(list(operand))
    printed = repr(returned)  # a notebook cell ending in v.assign_add(...)
    v.assign([0.0] * len(start))  # change v again ...
    return Returned(
        printed=printed,
        is_v=returned is v,
        is_a_variable=isinstance(returned, tf.Variable),
        follows_v=as_python(returned),  # ... and read what was returned
        without_read_value=v.assign_sub(list(operand), read_value=False),
    )


def assign_value(
    method: str,
    variable_values: str,
    new_value: str,
) -> AssignOutcome:
    """Give a Variable one kind of new value: accepted, or why not."""
    import tensorflow as tf

    v = tf.Variable(list(VARIABLE_VALUES[variable_values]))
    candidates = {
        "python_ints": ("[4, 5, 6]", [4, 5, 6]),
        "python_floats": ("[4.5, 5.5, 6.5]", [4.5, 5.5, 6.5]),
        "too_short": ("[4, 5]", [4, 5]),
        "scalar": ("10", 10),
        "int32_tensor": ("tf.constant([4, 5, 6])", tf.constant([4, 5, 6])),
        "float64_tensor": (
            "tf.constant([4.0, 5.0, 6.0], tf.float64)",
            tf.constant([4.0, 5.0, 6.0], tf.float64),
        ),
    }
    code, value = candidates[new_value]
    update = getattr(v, method)  # v.assign, v.assign_add or v.assign_sub
    raised = raised_by(lambda: update(value))
    return AssignOutcome(
        variable_dtype=v.dtype.name,
        new_value=code,
        after=as_python(v),
        raised=raised,
    )


def gradient_through_assign(start: float) -> ThroughAssign:
    """Does tape.gradient see through w.assign(3 * u)? Compare with math."""
    import tensorflow as tf

    u = tf.Variable(start)
    w = tf.Variable(0.0)
    with tf.GradientTape(persistent=True) as tape:
        w.assign(3.0 * u)  # w now holds 3u ...
        y = w * w  # ... so y = 9u², and dy/du "should" be 18u
        w_math = 3.0 * u  # the same without assign
        y_math = w_math * w_math
    return ThroughAssign(
        dy_du_through_assign=as_python(tape.gradient(y, u)),
        dy_du_without_assign=as_python(tape.gradient(y_math, u)),
        dy_dw_after_assign=as_python(tape.gradient(y, w)),
    )


def gradient_descent_step(w: float, learning_rate: float) -> DescentStep:
    """The notes' training step: a gradient, then W.assign_sub."""
    import tensorflow as tf

    W = tf.Variable(w)
    with tf.GradientTape() as tape:
        loss = (W - 3.0) ** 2  # smallest at W = 3
    grad = tape.gradient(loss, W)
    W.assign_sub(learning_rate * grad)  # one step downhill
    return DescentStep(
        loss=as_python(loss),
        gradient=as_python(grad),
        printed=str(W.numpy()),
    )
