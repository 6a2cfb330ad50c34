"""Lecture 7: second derivatives from nested tapes, beside SymPy's exact ones.

- `nested_tapes(at, inner_gradient_inside_outer)`: the notes' y = x³: 27.0 and 18.0 at x = 3
- `symbolic_derivatives(at)`: SymPy's 3x² and 6x, and their values at the same point
- `nested_tapes_on_a_line(at)`: y = 3x: the second derivative is 0, the outer tape says None
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python


@dataclass(frozen=True)
class SecondOrder:
    y: float
    dy_dx: float
    d2y_dx2: float | None
    printed: str
    """What print(dy_dx.numpy(), d2y_dx2.numpy()) shows (None if there is no d2y_dx2)."""


@dataclass(frozen=True)
class LineSecondOrder:
    dy_dx: float
    d2y_dx2: float | None
    """What t1.gradient returns: None, although the math says 0."""
    d2y_dx2_zero: float
    """The same with unconnected_gradients=ZERO: 0.0."""


@dataclass(frozen=True)
class SymbolicDerivatives:
    function_latex: str
    first_latex: str
    second_latex: str
    first_value: float
    second_value: float


def nested_tapes(at: float, inner_gradient_inside_outer: bool) -> SecondOrder:
    """t1 records the inner tape's gradient, so t1 can differentiate it."""
    import tensorflow as tf

    x = tf.Variable(at)
    with tf.GradientTape() as t1:
        with tf.GradientTape() as t0:
            y = x**3
        if inner_gradient_inside_outer:
            dy_dx = t0.gradient(y, x)  # 3x², computed while t1 records
    if not inner_gradient_inside_outer:
        dy_dx = t0.gradient(y, x)  # 3x², but t1 has stopped recording
    d2y_dx2 = t1.gradient(dy_dx, x)  # 6x, or None
    second = "None" if d2y_dx2 is None else d2y_dx2.numpy()
    return SecondOrder(
        y=as_python(y),
        dy_dx=as_python(dy_dx),
        d2y_dx2=as_python(d2y_dx2),
        printed=f"{dy_dx.numpy()} {second}",
    )


def symbolic_derivatives(at: float) -> SymbolicDerivatives:
    """SymPy differentiates x³ exactly (3x², 6x), then evaluates at x."""
    import sympy

    x = sympy.Symbol("x", real=True)
    y = x**3
    first = sympy.diff(y, x)  # 3x²
    second = sympy.diff(y, x, 2)  # 6x
    return SymbolicDerivatives(
        function_latex=sympy.latex(y),
        first_latex=sympy.latex(first),
        second_latex=sympy.latex(second),
        first_value=float(first.subs(x, at)),
        second_value=float(second.subs(x, at)),
    )


def nested_tapes_on_a_line(at: float) -> LineSecondOrder:
    """y = 3x: dy/dx = 3 is recorded, but no op of it reads x."""
    import tensorflow as tf

    x = tf.Variable(at)
    with tf.GradientTape(persistent=True) as t1:
        with tf.GradientTape() as t0:
            y = 3.0 * x
        dy_dx = t0.gradient(y, x)  # 3.0, computed while t1 records
    d2y_dx2 = t1.gradient(dy_dx, x)  # None, not 0.0
    zero = tf.UnconnectedGradients.ZERO  # "no path" taken as 0
    d2y_dx2_zero = t1.gradient(dy_dx, x, unconnected_gradients=zero)
    return LineSecondOrder(
        dy_dx=as_python(dy_dx),
        d2y_dx2=as_python(d2y_dx2),
        d2y_dx2_zero=as_python(d2y_dx2_zero),
    )
