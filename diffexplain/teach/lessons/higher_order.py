"""Lecture 7: second derivatives from nested tapes, beside SymPy's exact ones.

- `nested_tapes(at, inner_gradient_inside_outer)`: the notes' y = x³: 27.0 and 18.0 at x = 3
- `symbolic_derivatives(at)`: SymPy's 3x² and 6x, and their values at the same point
- `nested_tapes_on_a_line(at)`: y = 3x: the second derivative is 0, the outer tape says None

As in the notes, the outer tape is t1 and the inner one t0. Each function runs the snippet the
page shows (`nested_snippet(...)` for the switch) and reads its numbers from its variables.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python
from diffexplain.teach.lessons.snippet import Snippet

_NESTED_RECORD = """
    import tensorflow as tf

    x = tf.Variable($at)
    with tf.GradientTape() as t1:  # the outer tape ‖ 外层磁带
        with tf.GradientTape() as t0:  # the inner tape ‖ 内层磁带
            y = x**3  # y = x³ ‖ 函数 y = x³
"""

NESTED_INSIDE = Snippet(
    _NESTED_RECORD
    + """        dy_dx = t0.gradient(y, x)  # 3x², while t1 records ‖ 3x²，t1 仍在录制
    d2y_dx2 = t1.gradient(dy_dx, x)  # 6x ‖ 二阶导数 6x
    print(dy_dx.numpy(), d2y_dx2.numpy())
"""
)

NESTED_AFTER = Snippet(
    _NESTED_RECORD
    + """    dy_dx = t0.gradient(y, x)  # 3x², after t1 stopped ‖ 3x²，但 t1 已停止录制
    d2y_dx2 = t1.gradient(dy_dx, x)  # t1 saw no path: None ‖ t1 没有路径：None
    print(dy_dx.numpy(), d2y_dx2)
"""
)


def nested_snippet(inner_gradient_inside_outer: bool) -> Snippet:
    """The notes' code, or the same with `t0.gradient` after t1's block."""
    return NESTED_INSIDE if inner_gradient_inside_outer else NESTED_AFTER


@dataclass(frozen=True)
class SecondOrder:
    y: float
    dy_dx: float
    d2y_dx2: float | None
    printed: str
    """What the snippet printed: dy/dx and d²y/dx² (None if t1 has no path)."""


@dataclass(frozen=True)
class LineSecondOrder:
    dy_dx: float
    d2y_dx2: float | None
    """What t1.gradient returns: None, although the math says 0."""
    d2y_dx2_zero: float
    """The same with unconnected_gradients=ZERO: 0.0."""
    printed: str


@dataclass(frozen=True)
class SymbolicDerivatives:
    function_latex: str
    first_latex: str
    second_latex: str
    first_value: float
    second_value: float
    printed: str


def nested_tapes(at: float, inner_gradient_inside_outer: bool) -> SecondOrder:
    """t1 records the inner tape's gradient, so t1 can differentiate it."""
    ran = nested_snippet(inner_gradient_inside_outer).run(at=at)
    return SecondOrder(
        y=as_python(ran["y"]),
        dy_dx=as_python(ran["dy_dx"]),
        d2y_dx2=as_python(ran["d2y_dx2"]),
        printed=ran.printed,
    )


SYMBOLIC = Snippet("""
    import sympy

    x = sympy.Symbol("x", real=True)
    y = x**3
    first = sympy.diff(y, x)  # exactly 3x² ‖ 精确结果 3x²
    second = sympy.diff(y, x, 2)  # exactly 6x ‖ 精确结果 6x
    first_value = float(first.subs(x, $at))  # then the value at x ‖ 再代入 x 求值
    second_value = float(second.subs(x, $at))
    print(first, "=", first_value)
    print(second, "=", second_value)
""")


def symbolic_derivatives(at: float) -> SymbolicDerivatives:
    """SymPy differentiates x³ exactly (3x², 6x), then evaluates at x."""
    import sympy

    ran = SYMBOLIC.run(at=at)
    return SymbolicDerivatives(
        function_latex=sympy.latex(ran["y"]),
        first_latex=sympy.latex(ran["first"]),
        second_latex=sympy.latex(ran["second"]),
        first_value=ran["first_value"],
        second_value=ran["second_value"],
        printed=ran.printed,
    )


ON_A_LINE = Snippet("""
    import tensorflow as tf

    x = tf.Variable($at)
    with tf.GradientTape(persistent=True) as t1:  # asked twice below ‖ 下面要问两次
        with tf.GradientTape() as t0:
            y = 3.0 * x  # a line: y = 3x ‖ 一条直线：y = 3x
        dy_dx = t0.gradient(y, x)  # 3.0, while t1 records ‖ 3.0，t1 仍在录制
    d2y_dx2 = t1.gradient(dy_dx, x)  # None, not 0.0 ‖ 是 None，不是 0.0
    zero = tf.UnconnectedGradients.ZERO  # "no path" taken as 0 ‖ 把“没有路径”当作 0
    d2y_dx2_zero = t1.gradient(dy_dx, x, unconnected_gradients=zero)
    print(dy_dx.numpy(), d2y_dx2, d2y_dx2_zero.numpy())
""")


def nested_tapes_on_a_line(at: float) -> LineSecondOrder:
    """y = 3x: dy/dx = 3 is recorded, but no op of it reads x."""
    ran = ON_A_LINE.run(at=at)
    return LineSecondOrder(
        dy_dx=as_python(ran["dy_dx"]),
        d2y_dx2=as_python(ran["d2y_dx2"]),
        d2y_dx2_zero=as_python(ran["d2y_dx2_zero"]),
        printed=ran.printed,
    )
