"""Lecture 4: a tape answers one `.gradient` call, unless it is `persistent=True`.

- `gradient_twice(persistent, at)`: the notes' y = x², z = 2y: 6.0, then 12.0 or RuntimeError
- `partials_of_sum_of_squares(at_x, at_y, persistent, one_call)`: 8.0 and 6.0 at (4, 3)
- `delete_tape(keep_alias)`: what `del tape` really does
- `tape_after_function_returns()`: a tape inside a function goes away by itself
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python, attempt


@dataclass(frozen=True)
class TwoGradients:
    dy_dx: float | None
    dz_dx: float | None
    raised: Raised | None
    """What the second `.gradient` call raised, if anything."""


@dataclass(frozen=True)
class Partials:
    dz_dx: float | None
    dz_dy: float | None
    raised: Raised | None


@dataclass(frozen=True)
class TapeDeletion:
    dy_dx: float
    """Computed before `del tape`: still usable afterwards."""
    alive_after_del: bool
    alive_after_last_reference_dropped: bool


def gradient_twice(persistent: bool, at: float) -> TwoGradients:
    """Two `.gradient` calls on one tape: dy/dx, then dz/dx."""
    import tensorflow as tf

    x = tf.Variable(at)
    with tf.GradientTape(persistent=persistent) as tape:
        y = x**2
        z = y * 2
    first = attempt(lambda: tape.gradient(y, x))  # 2x
    second = attempt(lambda: tape.gradient(z, x))  # 4x, if kept
    return TwoGradients(first.value, second.value, second.raised)


def partials_of_sum_of_squares(
    at_x: float, at_y: float, persistent: bool, one_call: bool
) -> Partials:
    """z = x² + y²: ∂z/∂x = 2x and ∂z/∂y = 2y, in two calls or one."""
    import tensorflow as tf

    x = tf.Variable(at_x)
    y = tf.Variable(at_y)
    with tf.GradientTape(persistent=persistent) as tape:
        z1 = x * x
        z2 = y * y
        z = z1 + z2
    if one_call:
        both = attempt(lambda: tape.gradient(z, [x, y]))  # one call
        return Partials(both.value[0], both.value[1], both.raised)
    dz_dx = attempt(lambda: tape.gradient(z, x))
    dz_dy = attempt(lambda: tape.gradient(z, y))  # the second call
    return Partials(dz_dx.value, dz_dy.value, dz_dy.raised)


def delete_tape(keep_alias: bool) -> TapeDeletion:
    """`del tape` removes a name; the tape goes with its last reference."""
    import weakref

    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x**2
    dy_dx = tape.gradient(y, x)
    others = [tape] if keep_alias else []  # e.g. a list still holding it
    watcher = weakref.ref(tape)  # sees the tape without keeping it alive
    del tape
    alive_after_del = watcher() is not None
    others.clear()  # drop the last other reference too
    return TapeDeletion(
        dy_dx=as_python(dy_dx),
        alive_after_del=alive_after_del,
        alive_after_last_reference_dropped=watcher() is not None,
    )


def tape_after_function_returns() -> bool:
    """Is a tape made inside a function alive after the function returns?"""
    import weakref

    import tensorflow as tf

    watchers = []

    def gradient_of_square(x):
        with tf.GradientTape(persistent=True) as tape:
            y = x**2
        watchers.append(weakref.ref(tape))
        return tape.gradient(y, x)  # no del tape here

    gradient_of_square(tf.Variable(3.0))
    return watchers[0]() is not None
