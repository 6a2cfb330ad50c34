"""Lecture 4: a tape answers one `.gradient` call, unless it is `persistent=True`.

- `gradient_twice(persistent, at)`: the notes' y = x², z = 2y: 6.0, then 12.0 or RuntimeError
- `partials_of_sum_of_squares(at_x, at_y, persistent, one_call)`: 8.0 and 6.0 at (4, 3)
- `delete_tape(keep_alias)`: what `del tape` really does
- `tape_after_function_returns()`: a tape inside a function goes away by itself

Each runs the snippet the page shows for its switches (`*_snippet(...)`) and reads its numbers
from the snippet's variables. A second call that fails is caught in the shown code itself
(`except RuntimeError as error: print(...)`), so the page's script runs to its end; the lesson
reads that error from the line the snippet printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Raised, as_python
from diffexplain.teach.lessons.snippet import Snippet

# --- two calls on one tape: y = x², z = 2y --------------------------------------------------

_TWICE_RECORD = """
    import tensorflow as tf

    x = tf.Variable($at)
    with tf.GradientTape(persistent=$persistent) as tape:
        y = x**2
        z = y * 2
    dy_dx = tape.gradient(y, x)  # first call: dy/dx = 2x ‖ 第一次调用：dy/dx = 2x
    print(dy_dx.numpy())
"""

TWICE_KEPT = Snippet(
    _TWICE_RECORD
    + """\
    dz_dx = tape.gradient(z, x)  # second call: dz/dx = 4x ‖ 第二次调用：dz/dx = 4x
    print(dz_dx.numpy())
    del tape  # drops the name; see below ‖ 删除这个名字，见下文
"""
)

TWICE_SINGLE_USE = Snippet(
    _TWICE_RECORD
    + """\
    try:
        dz_dx = tape.gradient(z, x)  # second call: dz/dx = 4x ‖ 第二次调用：dz/dx = 4x
        print(dz_dx.numpy())
    except RuntimeError as error:  # the first call released the tape ‖ 第一次调用已释放磁带
        print("RuntimeError:", error)
"""
)


def twice_snippet(persistent: bool) -> Snippet:
    """The code for the switch: a kept tape answers twice, else it raises."""
    return TWICE_KEPT if persistent else TWICE_SINGLE_USE


@dataclass(frozen=True)
class TwoGradients:
    dy_dx: float | None
    dz_dx: float | None
    raised: Raised | None
    """What the second `.gradient` call raised, if anything."""
    printed: str
    """Everything the snippet printed (the error as its `except` printed it)."""


def gradient_twice(persistent: bool, at: float) -> TwoGradients:
    """Two `.gradient` calls on one tape: dy/dx, then dz/dx."""
    ran = twice_snippet(persistent).run(persistent=persistent, at=at)
    return TwoGradients(
        dy_dx=as_python(ran["dy_dx"]),
        dz_dx=as_python(ran.variables.get("dz_dx")),  # unset if it raised ‖ 若抛出异常则未赋值
        raised=caught(ran.printed, "RuntimeError"),
        printed=ran.printed,
    )


# --- z = x² + y²: two partial derivatives ---------------------------------------------------

_PARTIALS_RECORD = """
    import tensorflow as tf

    x = tf.Variable($at_x)
    y = tf.Variable($at_y)
    with tf.GradientTape(persistent=$persistent) as tape:
        z1 = x * x
        z2 = y * y
        z = z1 + z2
"""

PARTIALS_ONE_CALL = Snippet(
    _PARTIALS_RECORD
    + """\
    dz_dx, dz_dy = tape.gradient(z, [x, y])  # one call, two sources ‖ 一次调用，两个来源
    print(dz_dx)  # ∂z/∂x = 2x ‖ 偏导数 ∂z/∂x = 2x
    print(dz_dy)  # ∂z/∂y = 2y ‖ 偏导数 ∂z/∂y = 2y
"""
)

PARTIALS_KEPT = Snippet(
    _PARTIALS_RECORD
    + """\
    dz_dx = tape.gradient(z, x)  # first call: ∂z/∂x = 2x ‖ 第一次调用：∂z/∂x = 2x
    print(dz_dx)
    dz_dy = tape.gradient(z, y)  # a second call: ∂z/∂y = 2y ‖ 第二次调用：∂z/∂y = 2y
    print(dz_dy)
    del tape
"""
)

PARTIALS_SINGLE_USE = Snippet(
    _PARTIALS_RECORD
    + """\
    dz_dx = tape.gradient(z, x)  # first call: ∂z/∂x = 2x ‖ 第一次调用：∂z/∂x = 2x
    print(dz_dx)
    try:
        dz_dy = tape.gradient(z, y)  # a second call: ∂z/∂y = 2y ‖ 第二次调用：∂z/∂y = 2y
        print(dz_dy)
    except RuntimeError as error:  # the first call released the tape ‖ 第一次调用已释放磁带
        print("RuntimeError:", error)
"""
)


def partials_snippet(persistent: bool, one_call: bool) -> Snippet:
    """The code for the switches: one call with a list, or two calls."""
    if one_call:
        return PARTIALS_ONE_CALL
    return PARTIALS_KEPT if persistent else PARTIALS_SINGLE_USE


@dataclass(frozen=True)
class Partials:
    dz_dx: float | None
    dz_dy: float | None
    raised: Raised | None
    printed: str


def partials_of_sum_of_squares(
    at_x: float, at_y: float, persistent: bool, one_call: bool
) -> Partials:
    """z = x² + y²: ∂z/∂x = 2x and ∂z/∂y = 2y, in two calls or one."""
    snippet = partials_snippet(persistent, one_call)
    ran = snippet.run(at_x=at_x, at_y=at_y, persistent=persistent)
    return Partials(
        dz_dx=as_python(ran["dz_dx"]),
        dz_dy=as_python(ran.variables.get("dz_dy")),  # unset if it raised ‖ 若抛出异常则未赋值
        raised=caught(ran.printed, "RuntimeError"),
        printed=ran.printed,
    )


# --- del tape -------------------------------------------------------------------------------

_DELETION = """
    import tensorflow as tf
    import weakref  # to see the tape without keeping it alive ‖ 观察磁带而不让它存活

    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x**2
    dy_dx = tape.gradient(y, x)
    {others}
    watcher = weakref.ref(tape)
    del tape  # deletes the name `tape` ‖ 删除名字 `tape`
    alive_after_del = watcher() is not None
    others.clear()  # drop the other references too ‖ 把其他引用也去掉
    alive_later = watcher() is not None
    print("after del:", alive_after_del)
    print("after clear:", alive_later)
    print(dy_dx.numpy())  # computed before del: still valid ‖ del 之前算出，依然有效
"""

DELETION_WITH_ALIAS = Snippet(
    _DELETION.format(others="others = [tape]  # another reference ‖ 另一个引用")
)
DELETION_ALONE = Snippet(
    _DELETION.format(others="others = []  # no other reference ‖ 没有别的引用")
)


def deletion_snippet(keep_alias: bool) -> Snippet:
    return DELETION_WITH_ALIAS if keep_alias else DELETION_ALONE


@dataclass(frozen=True)
class TapeDeletion:
    dy_dx: float
    """Computed before `del tape`: still usable afterwards."""
    alive_after_del: bool
    alive_after_last_reference_dropped: bool
    printed: str


def delete_tape(keep_alias: bool) -> TapeDeletion:
    """`del tape` removes a name; the tape goes with its last reference."""
    ran = deletion_snippet(keep_alias).run()
    return TapeDeletion(
        dy_dx=as_python(ran["dy_dx"]),
        alive_after_del=ran["alive_after_del"],
        alive_after_last_reference_dropped=ran["alive_later"],
        printed=ran.printed,
    )


# --- a tape made inside a function ----------------------------------------------------------

FUNCTION_TAPE = Snippet("""
    import tensorflow as tf
    import weakref  # to see the tape without keeping it alive ‖ 观察磁带而不让它存活

    watchers = []


    def gradient_of_square(x):
        with tf.GradientTape(persistent=True) as tape:
            y = x**2
        watchers.append(weakref.ref(tape))
        return tape.gradient(y, x)  # no `del tape` here ‖ 这里没有 `del tape`


    dy_dx = gradient_of_square(tf.Variable(3.0))
    alive_after_return = watchers[0]() is not None
    print(dy_dx.numpy())
    print("after return:", alive_after_return)
""")


@dataclass(frozen=True)
class FunctionTape:
    dy_dx: float
    alive_after_return: bool
    printed: str


def tape_after_function_returns() -> FunctionTape:
    """Is a tape made inside a function alive after the function returns?"""
    ran = FUNCTION_TAPE.run()
    return FunctionTape(
        dy_dx=as_python(ran["dy_dx"]),
        alive_after_return=ran["alive_after_return"],
        printed=ran.printed,
    )


def caught(printed: str, type_name: str) -> Raised | None:
    """The error a snippet caught and printed as `TypeName: message`, if any.

    >>> caught("6.0\\nRuntimeError: used up\\n", "RuntimeError")
    Raised(type_name='RuntimeError', message='used up')
    """
    prefix = f"{type_name}: "
    for line in printed.splitlines():
        if line.startswith(prefix):
            return Raised(type_name, line.removeprefix(prefix).strip())
    return None
