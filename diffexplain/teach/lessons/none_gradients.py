"""Lecture 6: why `tape.gradient` returns None, case by case, and a sandbox of switches.

The notes' four cases, each written as the notes describe it and then repaired:
`no_path()`, `integer_variable()`, `numpy_detour()`, `computed_outside_tape()`; beside the
NumPy case, `numpy_on_the_variable()`: `np.square(x)` inside the tape raises, no None.

The sandbox: `why_is_my_gradient_none(setup)` runs `taped_gradient(setup)` for real and names
the causes (`causes_of_none`) in keys the pages put into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diffexplain.teach.lessons.outcome import Attempt, Raised, as_python, attempt, raised_by


@dataclass(frozen=True)
class NoneCase:
    as_written: Any
    """The gradient in the situation the notes describe: None."""
    repaired: Any
    """The gradient once the cause is removed."""


def no_path() -> NoneCase:
    """y does not depend on x: no path from x to y on the tape."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    z = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y = z * z  # x plays no part
    zero = tf.UnconnectedGradients.ZERO  # "no path" means dy/dx = 0
    return NoneCase(
        as_written=as_python(tape.gradient(y, x)),
        repaired=as_python(tape.gradient(y, x, unconnected_gradients=zero)),
    )


def integer_variable() -> NoneCase:
    """tf.Variable(3) is int32: tapes differentiate floats only."""
    import tensorflow as tf

    x_int = tf.Variable(3)  # int32
    x_float = tf.Variable(3.0)  # float32
    with tf.GradientTape(persistent=True) as tape:
        y_int = x_int * x_int
        y_float = x_float * x_float
    return NoneCase(
        as_written=as_python(tape.gradient(y_int, x_int)),
        repaired=as_python(tape.gradient(y_float, x_float)),
    )


def numpy_detour() -> NoneCase:
    """A NumPy detour: the tape sees a new constant, not a function of x."""
    import numpy as np
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y_numpy = tf.constant(np.square(x.numpy()))  # NumPy and back
        y_tf = tf.square(x)  # the same number, by a TensorFlow op
    return NoneCase(
        as_written=as_python(tape.gradient(y_numpy, x)),
        repaired=as_python(tape.gradient(y_tf, x)),
    )


@dataclass(frozen=True)
class NumpyOnTheVariable:
    y_type: str
    """What `np.square(x)` returned: a NumPy scalar, not a tensor."""
    raised: Raised | None
    """What `tape.gradient` raised when asked about it: not a None."""


def numpy_on_the_variable() -> NumpyOnTheVariable:
    """The common slip: NumPy on the Variable itself, inside the tape."""
    import numpy as np
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = np.square(x)  # NumPy converts x and returns a NumPy number
    gradient = attempt(lambda: tape.gradient(y, x))  # raises: y is no tensor
    y_type = f"{type(y).__module__}.{type(y).__name__}"
    return NumpyOnTheVariable(y_type, gradient.raised)


def computed_outside_tape() -> NoneCase:
    """The notes' example: y1 is computed before the tape records."""
    import tensorflow as tf

    x = tf.Variable(2.0)  # created outside the tape: that is fine
    y1 = x * x  # computed outside: not recorded
    with tf.GradientTape(persistent=True) as tape:
        y2 = x + 1  # computed inside: recorded
    return NoneCase(
        as_written=as_python(tape.gradient(y1, x)),
        repaired=as_python(tape.gradient(y2, x)),
    )


@dataclass(frozen=True)
class Setup:
    """The sandbox's switches; all off is the healthy case: 6.0 at x = 3."""

    constant: bool = False  # tf.constant instead of tf.Variable
    watch: bool = False  # tape.watch(x)
    integer: bool = False  # int32 instead of float32
    replace_with_tensor: bool = False  # x = x + 1 before the tape
    numpy_detour: bool = False  # y computed through x.numpy()
    outside_tape: bool = False  # y computed before the tape starts
    assign_add_inside: bool = False  # x.assign_add(1) inside the tape
    stop_gradient: bool = False  # y = tf.stop_gradient(...)
    stop_recording: bool = False  # y inside tape.stop_recording()
    zero_if_unconnected: bool = False  # unconnected_gradients=ZERO
    at: int = 3


@dataclass(frozen=True)
class SandboxResult:
    gradient: Any
    """tape.gradient(y, x) as a number, or None."""
    raised: Raised | None
    causes: tuple[str, ...]
    """Why the gradient is None (or a zero standing in for None)."""
    notes: tuple[str, ...]
    """Other things these switches do that a student should know."""


def taped_gradient(s: Setup) -> Attempt:
    """y = x * x with the sandbox's switches; then tape.gradient(y, x)."""
    import numpy as np
    import tensorflow as tf

    dtype = tf.int32 if s.integer else tf.float32
    make = tf.constant if s.constant else tf.Variable
    x = make(s.at, dtype=dtype)
    if s.replace_with_tensor:
        x = x + 1  # a new plain Tensor: x no longer names the Variable

    def square():
        y = x * x
        if s.numpy_detour:  # the same number via NumPy: a new constant
            y = tf.constant(np.square(x.numpy()))
        if s.stop_gradient:
            y = tf.stop_gradient(y)
        return y

    if s.outside_tape:
        y = square()  # before the tape exists
    with tf.GradientTape() as tape:
        if s.watch:
            tape.watch(x)
        if s.assign_add_inside:
            refused = raised_by(lambda: x.assign_add(1))
            if refused:  # constants and Tensors have no assign_add
                return Attempt(None, refused)
        if s.stop_recording and not s.outside_tape:
            with tape.stop_recording():
                y = square()
        elif not s.outside_tape:
            y = square()
    rule = tf.UnconnectedGradients.NONE  # the answer when no path leads x→y
    if s.zero_if_unconnected:
        rule = tf.UnconnectedGradients.ZERO
    return attempt(lambda: tape.gradient(y, x, unconnected_gradients=rule))


def causes_of_none(s: Setup) -> tuple[str, ...]:
    """The known reasons for a None gradient these switches set up."""
    if s.assign_add_inside and (s.constant or s.replace_with_tensor):
        return ()  # assign_add raises before any gradient
    causes = []
    if s.integer:
        causes.append("integer")
    if not s.watch and s.constant:  # x + 1 of a constant: still no Variable
        causes.append("constant_not_watched")
    elif not s.watch and s.replace_with_tensor:
        causes.append("replaced_by_tensor")
    if s.numpy_detour:
        causes.append("numpy_detour")
    if s.outside_tape:
        causes.append("outside_tape")
    elif s.stop_recording:
        causes.append("stop_recording")
    if s.stop_gradient:
        causes.append("stop_gradient")
    return tuple(causes)


def notes_on(s: Setup, causes: tuple[str, ...]) -> tuple[str, ...]:
    """What else the switches do: errors, moved values, zeros for None.

    A note that states the gradient's value (`assign_moves_value`,
    `gradient_for_the_new_tensor`) appears only when no cause makes it None.
    """
    notes = []
    if s.assign_add_inside and (s.constant or s.replace_with_tensor):
        notes.append("no_assign_on_tensor")
    elif s.assign_add_inside:
        notes.append("assign_not_a_cause" if causes else "assign_moves_value")
    watched_new_tensor = s.replace_with_tensor and s.watch
    if watched_new_tensor and not s.assign_add_inside and not causes:
        notes.append("gradient_for_the_new_tensor")
    if s.watch and not s.constant and not s.replace_with_tensor:
        notes.append("watch_on_variable_is_harmless")
    if causes and s.zero_if_unconnected:
        notes.append("zero_instead_of_none")
    return tuple(notes)


def why_is_my_gradient_none(setup: Setup) -> SandboxResult:
    """Run the sandbox for real, and name the causes that apply."""
    result = taped_gradient(setup)
    causes = causes_of_none(setup)
    return SandboxResult(
        gradient=result.value,
        raised=result.raised,
        causes=causes,
        notes=notes_on(setup, causes),
    )
