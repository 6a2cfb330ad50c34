"""Guide page: stopping and resetting the recording (the "Advanced automatic differentiation"
guide's "Controlling gradient recording" and "Stop gradient flow with precision").

The four cases compute z = x² + y² at x = 2, y = 3 and ask for dz/dx and dz/dy:
`recording_everything()`, `recording_paused()`, `recording_reset()`, `gradient_stopped()`.
The page runs each under `record.differentiated_ops` to list the ops the backward pass went
through.

- `exact_sum_of_squares()`: SymPy's ∂z/∂x = 2x and ∂z/∂y = 2y at the same point
- `stop_recording_after_the_block()`: the error when the tape is not recording
- `stop_gradient_keeps_recording()`: y² is still on the tape behind `tf.stop_gradient`
- `quiz_*`: the page's three questions
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Exact, Raised, as_python, exactly, raised_by


@dataclass(frozen=True)
class StillRecorded:
    dz_dy: float | None
    """None: the path from z to y is cut."""
    dy_sq_dy: float | None
    """6.0: y ** 2 itself is on the tape."""


def recording_everything() -> dict:
    """No control: both squares are recorded."""
    import tensorflow as tf

    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    with tf.GradientTape() as t:
        x_sq = x * x
        y_sq = y * y
        z = x_sq + y_sq
    return as_python(t.gradient(z, {"x": x, "y": y}))


def recording_paused() -> dict:
    """The guide's stop_recording: y * y runs, unrecorded."""
    import tensorflow as tf

    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    with tf.GradientTape() as t:
        x_sq = x * x
        with t.stop_recording():
            y_sq = y * y
        z = x_sq + y_sq
    return as_python(t.gradient(z, {"x": x, "y": y}))


def recording_reset() -> dict:
    """The guide's reset: what was recorded before is thrown away."""
    import tensorflow as tf

    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y_sq = y * y
        t.reset()  # the tape forgets y * y
        z = x * x + y_sq
    return as_python(t.gradient(z, {"x": x, "y": y}))


def gradient_stopped() -> dict:
    """The guide's tf.stop_gradient: one path is cut, not the tape."""
    import tensorflow as tf

    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y_sq = y**2
        z = x**2 + tf.stop_gradient(y_sq)
    return as_python(t.gradient(z, {"x": x, "y": y}))


def exact_sum_of_squares() -> Exact:
    """SymPy: ∂z/∂x and ∂z/∂y of z = x² + y² at (2, 3): what the math says."""
    import sympy

    x, y = sympy.symbols("x y", real=True)
    z = x**2 + y**2
    return exactly([sympy.diff(z, x), sympy.diff(z, y)], {x: 2, y: 3})


def stop_recording_after_the_block() -> Raised | None:
    """stop_recording() once the `with` block has ended."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = x * x

    def pause():
        with t.stop_recording():
            return y * y

    return raised_by(pause)


def stop_gradient_keeps_recording() -> StillRecorded:
    """Behind tf.stop_gradient, y ** 2 is still recorded."""
    import tensorflow as tf

    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as t:
        y_sq = y**2
        z = x**2 + tf.stop_gradient(y_sq)
    return StillRecorded(
        dz_dy=as_python(t.gradient(z, y)),
        dy_sq_dy=as_python(t.gradient(y_sq, y)),
    )


def quiz_half_stopped():
    """x = 3: only one factor goes through tf.stop_gradient."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as t:
        z = tf.stop_gradient(x) * x
    return t.gradient(z, x)


def quiz_watch_then_reset():
    """A watched constant, then t.reset()."""
    import tensorflow as tf

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        t.reset()
        y = x * x
    return t.gradient(y, x)


def quiz_two_tapes_one_paused():
    """Two tapes; only the outer one pauses."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as outer, tf.GradientTape() as inner:
        with outer.stop_recording():
            y = x * x  # while outer is paused ‖ 外层暂停期间
        z = y + 1.0
    return inner.gradient(z, x)
