"""Lecture 6: why `tape.gradient` returns None, case by case, and a sandbox of switches.

The notes' four cases, each a snippet that shows the None beside its repair: `no_path()`,
`integer_variable()`, `numpy_detour()`, `computed_outside_tape()`; beside the NumPy case,
`numpy_on_the_variable()`: `np.square(x)` inside the tape raises, no None.

The sandbox: `sandbox_snippet(setup)` writes the program for the chosen switches (each switch
adds, changes or moves a line; only x's value is a parameter), `taped_gradient(setup)` runs it
and reads its gradient, and `why_is_my_gradient_none(setup)` names the causes
(`causes_of_none`) in keys the page puts into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diffexplain.teach.lessons.outcome import Raised, as_python
from diffexplain.teach.lessons.snippet import Literal, Ran, Snippet


@dataclass(frozen=True)
class NoneCase:
    as_written: Any
    """The gradient in the situation the notes describe: None."""
    repaired: Any
    """The gradient once the cause is removed."""
    printed: str
    """Everything the snippet printed."""


def caught(ran: Ran, type_name: str) -> Raised | None:
    """The error a snippet caught and printed as `Type: message` on its
    last line, if any (or one it did not catch)."""
    prefix = f"{type_name}: "
    last = ran.printed.splitlines()[-1:]
    if ran.raised is not None or not last or not last[0].startswith(prefix):
        return ran.raised
    return Raised(type_name, last[0].removeprefix(prefix).strip())


NO_PATH = Snippet("""
    import tensorflow as tf

    x = tf.Variable(3.0)
    z = tf.Variable(2.0)
    # persistent: asked twice below ‖ persistent：下面要问两次
    with tf.GradientTape(persistent=True) as tape:
        y = z * z  # no x in y ‖ y 里没有 x
    dy_dx = tape.gradient(y, x)  # no path: None ‖ 没有路径：None
    zero = tf.UnconnectedGradients.ZERO  # no path: 0 ‖ 没有路径：0
    dy_dx_zero = tape.gradient(y, x, unconnected_gradients=zero)
    print(dy_dx)
    print(dy_dx_zero)
""")


def no_path() -> NoneCase:
    """y does not depend on x: no path from x to y on the tape."""
    ran = NO_PATH.run()
    return NoneCase(
        as_written=as_python(ran["dy_dx"]),
        repaired=as_python(ran["dy_dx_zero"]),
        printed=ran.printed,
    )


INTEGER_VARIABLE = Snippet("""
    import tensorflow as tf

    x_int = tf.Variable(3)  # an integer: int32 ‖ 整数：int32
    x_float = tf.Variable(3.0)  # a float: float32 ‖ 浮点数：float32
    # persistent: asked twice below ‖ persistent：下面要问两次
    with tf.GradientTape(persistent=True) as tape:
        y_int = x_int * x_int
        y_float = x_float * x_float
    dy_dx_int = tape.gradient(y_int, x_int)  # floats only ‖ 只对浮点数求导
    dy_dx_float = tape.gradient(y_float, x_float)
    print(dy_dx_int)
    print(dy_dx_float)
""")


def integer_variable() -> NoneCase:
    """tf.Variable(3) is int32: tapes differentiate floats only."""
    ran = INTEGER_VARIABLE.run()
    return NoneCase(
        as_written=as_python(ran["dy_dx_int"]),
        repaired=as_python(ran["dy_dx_float"]),
        printed=ran.printed,
    )


NUMPY_DETOUR = Snippet("""
    import tensorflow as tf
    import numpy as np

    x = tf.Variable(3.0)
    # persistent: asked twice below ‖ persistent：下面要问两次
    with tf.GradientTape(persistent=True) as tape:
        # out to NumPy and back ‖ 出到 NumPy 再回来
        y_numpy = tf.constant(np.square(x.numpy()))
        y_tf = tf.square(x)  # a TensorFlow op ‖ TensorFlow 运算
    dy_dx_numpy = tape.gradient(y_numpy, x)  # a new constant ‖ 一个新常量
    dy_dx_tf = tape.gradient(y_tf, x)
    print(dy_dx_numpy)
    print(dy_dx_tf)
""")


def numpy_detour() -> NoneCase:
    """A NumPy detour: the tape sees a new constant, not a function of x."""
    ran = NUMPY_DETOUR.run()
    return NoneCase(
        as_written=as_python(ran["dy_dx_numpy"]),
        repaired=as_python(ran["dy_dx_tf"]),
        printed=ran.printed,
    )


@dataclass(frozen=True)
class NumpyOnTheVariable:
    y_type: str
    """What `np.square(x)` returned: a NumPy scalar, not a tensor."""
    raised: Raised | None
    """What `tape.gradient` raised when asked about it: not a None."""
    printed: str


NUMPY_ON_THE_VARIABLE = Snippet("""
    import tensorflow as tf
    import numpy as np

    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = np.square(x)  # NumPy on x itself ‖ 直接对 x 用 NumPy
    print(type(y))  # not a tensor ‖ 不是张量
    try:
        tape.gradient(y, x)
    except AttributeError as error:  # not None: an error ‖ 不是 None，是报错
        print("AttributeError:", error)
""")


def numpy_on_the_variable() -> NumpyOnTheVariable:
    """The common slip: NumPy on the Variable itself, inside the tape."""
    ran = NUMPY_ON_THE_VARIABLE.run()
    y_type = f"{type(ran['y']).__module__}.{type(ran['y']).__name__}"
    raised = caught(ran, "AttributeError")
    return NumpyOnTheVariable(y_type, raised, ran.printed)


OUTSIDE_TAPE = Snippet("""
    import tensorflow as tf

    x = tf.Variable(2.0)  # created outside: fine ‖ 在外面创建：没问题
    y1 = x * x  # computed outside: not recorded ‖ 在外面计算：未被记录
    # asked twice; without persistent=True ‖ 要问两次；没有 persistent=True，
    # the second call raises RuntimeError ‖ 第二次调用会抛出 RuntimeError
    with tf.GradientTape(persistent=True) as tape:
        y2 = x + 1  # computed inside: recorded ‖ 在里面计算：被记录
    dy1_dx = tape.gradient(y1, x)
    dy2_dx = tape.gradient(y2, x)
    print(dy1_dx)
    print(dy2_dx)
""")


def computed_outside_tape() -> NoneCase:
    """The notes' example: y1 is computed before the tape records."""
    ran = OUTSIDE_TAPE.run()
    return NoneCase(
        as_written=as_python(ran["dy1_dx"]),
        repaired=as_python(ran["dy2_dx"]),
        printed=ran.printed,
    )


# --- the sandbox -------------------------------------------------------------------------------


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


def sandbox_params(s: Setup) -> dict[str, Literal]:
    """The snippet's one parameter: x's value (an int gives int32)."""
    return {"at": s.at if s.integer else float(s.at)}


COMMENTS = {
    "integer": "an integer: int32 ‖ 整数：int32",
    "constant": "a constant, not a Variable ‖ 常量，不是变量",
    "replace_with_tensor": "a new Tensor, named x again ‖ 一个新张量，仍叫 x",
    "numpy_detour": "via NumPy ‖ 绕道 NumPy",
    "stop_gradient": "counts as a constant ‖ 被当作常量",
    "outside_tape": "before the tape ‖ 在磁带之前",
    "assign_add_inside": "x += 1 in place ‖ 原地 x += 1",
    "stop_recording": "records nothing ‖ 什么也不记录",
    "empty": "nothing computed here ‖ 这里什么也没算",
    "zero_if_unconnected": "0 instead of None ‖ 用 0 代替 None",
    "no_assign_add": "only a Variable has assign_add ‖ 只有变量才有 assign_add",
}
"""The sandbox program's comments, one per switch (English ‖ Chinese)."""


def sandbox_snippet(s: Setup) -> Snippet:
    """The program for these switches, as a student would write it (y = x * x,
    then tape.gradient(y, x)): each switch adds, changes or moves a line. Our
    own lines only: the one parameter is x's value (`sandbox_params`)."""

    def said(line: str, switch: str) -> str:
        return f"{line}  # {COMMENTS[switch]}"

    head = ["import tensorflow as tf"]
    if s.numpy_detour:
        head.append("import numpy as np")
    x = f"x = tf.{'constant' if s.constant else 'Variable'}($at)"
    if s.integer or s.constant:
        x = said(x, "integer" if s.integer else "constant")
    before = [x]
    if s.replace_with_tensor:
        before.append(said("x = x + 1", "replace_with_tensor"))
    square = ["y = x * x"]
    if s.numpy_detour:
        detour = "y = tf.constant(np.square(x.numpy()))"
        square = [said(detour, "numpy_detour")]
    if s.stop_gradient:
        square.append(said("y = tf.stop_gradient(y)", "stop_gradient"))
    if s.outside_tape:
        if not s.numpy_detour:  # that line has its comment already ‖ 那一行已经有注释了
            square[0] = said(square[0], "outside_tape")
        before += square
        square = []
    inside = ["tape.watch(x)"] * s.watch
    if s.assign_add_inside:
        inside.append(said("x.assign_add(1)", "assign_add_inside"))
    if s.stop_recording:
        inside.append(said("with tape.stop_recording():", "stop_recording"))
        inside += [f"    {line}" for line in square or [said("pass", "empty")]]
    else:
        inside += square
    after = ["dy_dx = tape.gradient(y, x)", "print(dy_dx)"]
    if s.zero_if_unconnected:
        zero = "zero = tf.UnconnectedGradients.ZERO"
        rule = "dy_dx = tape.gradient(y, x, unconnected_gradients=zero)"
        after[0:1] = [said(zero, "zero_if_unconnected"), rule]
    taped = ["with tf.GradientTape() as tape:"]
    taped += [f"    {line}" for line in inside or [said("pass", "empty")]]
    taped += after
    if (
        s.assign_add_inside
    ):  # a constant or a plain Tensor has no assign_add ‖ 常量或普通张量没有 assign_add
        taped = ["try:"] + [f"    {line}" for line in taped]
        taped.append(said("except AttributeError as error:", "no_assign_add"))
        taped.append('    print("AttributeError:", error)')
    body = "\n".join(head) + "\n\n" + "\n".join(before + taped) + "\n"
    return Snippet(body)


@dataclass(frozen=True)
class Taped:
    gradient: Any
    """tape.gradient(y, x) as a number, or None (also when it was never asked)."""
    raised: Raised | None
    printed: str


def taped_gradient(s: Setup) -> Taped:
    """Run the sandbox's program for these switches; read its gradient."""
    ran = sandbox_snippet(s).run(**sandbox_params(s))
    gradient = ran.variables.get(
        "dy_dx"
    )  # absent if assign_add raised ‖ 若 assign_add 抛出异常则不存在
    raised = caught(ran, "AttributeError")
    return Taped(as_python(gradient), raised, ran.printed)


@dataclass(frozen=True)
class SandboxResult:
    gradient: Any
    """tape.gradient(y, x) as a number, or None."""
    raised: Raised | None
    causes: tuple[str, ...]
    """Why the gradient is None (or a zero standing in for None)."""
    notes: tuple[str, ...]
    """Other things these switches do that a student should know."""
    printed: str
    """What the sandbox's program printed."""


def causes_of_none(s: Setup) -> tuple[str, ...]:
    """The known reasons for a None gradient these switches set up."""
    if s.assign_add_inside and (s.constant or s.replace_with_tensor):
        return ()  # assign_add raises before any gradient ‖ assign_add 在求任何梯度之前就抛出异常
    causes = []
    if s.integer:
        causes.append("integer")
    if (
        not s.watch and s.constant
    ):  # x + 1 of a constant: still no Variable ‖ 常量的 x + 1：仍然不是变量
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
    taped = taped_gradient(setup)
    causes = causes_of_none(setup)
    return SandboxResult(
        gradient=taped.gradient,
        raised=taped.raised,
        causes=causes,
        notes=notes_on(setup, causes),
        printed=taped.printed,
    )
