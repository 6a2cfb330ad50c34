"""Guide page: custom gradients (the "Advanced automatic differentiation" guide's "Custom
gradients", and the `tf.custom_gradient` API docs' log(1 + eˣ)).

- `log1pexp_gradients(at)`: log(1 + eˣ) by the plain tape, with the docs' custom gradient,
  and by `tf.math.softplus`: at x = 100 the plain tape's gradient is NaN
- `exact_log1pexp(at)`: SymPy's value and derivatives, to 50 digits
- `clipped_gradient(scale)`: the guide's `clip_gradients`, under a loss scaled by `scale`
- `second_order(at, stable)`: nested tapes through a custom gradient: the outer tape
  differentiates the ops `grad` ran
- `quiz_*`: the page's three questions
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python


@dataclass(frozen=True)
class Log1pexp:
    plain_value: float
    plain_gradient: float
    custom_value: float
    custom_gradient: float
    softplus_value: float
    softplus_gradient: float


@dataclass(frozen=True)
class ExactDigits:
    """SymPy's value, first and second derivative: 50 significant digits, and as floats."""

    digits: tuple[str, str, str]
    values: tuple[float, float, float]
    formulas: tuple[str, str, str]


@dataclass(frozen=True)
class Clipped:
    clipped: float
    """The gradient through clip_gradients."""
    plain: float
    """The same loss without clip_gradients."""


@dataclass(frozen=True)
class SecondOrder:
    first: float
    second: float | None


def log1pexp_gradients(at: float) -> Log1pexp:
    """The docs' log1pexp: plain, with a custom gradient, and softplus."""
    import tensorflow as tf

    def plain(x):
        return tf.math.log(1 + tf.exp(x))

    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))

        return tf.math.log(1 + e), grad

    x = tf.constant(at)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y_plain = plain(x)
        y_custom = log1pexp(x)
        y_softplus = tf.math.softplus(x)  # TensorFlow's own, stable ‖ TensorFlow 自带的，数值稳定
    return Log1pexp(
        plain_value=as_python(y_plain),
        plain_gradient=as_python(tape.gradient(y_plain, x)),
        custom_value=as_python(y_custom),
        custom_gradient=as_python(tape.gradient(y_custom, x)),
        softplus_value=as_python(y_softplus),
        softplus_gradient=as_python(tape.gradient(y_softplus, x)),
    )


def exact_log1pexp(at: float) -> ExactDigits:
    """SymPy: log(1 + eˣ), its first and second derivative, to 50 digits."""
    import sympy

    x = sympy.Symbol("x", real=True)
    f = sympy.log(1 + sympy.exp(x))
    forms = [f, sympy.diff(f, x), sympy.factor(sympy.diff(f, x, 2))]
    exact = [form.subs(x, sympy.nsimplify(at)) for form in forms]
    return ExactDigits(
        digits=tuple(str(sympy.N(value, 50)) for value in exact),
        values=tuple(float(sympy.N(value, 30)) for value in exact),
        formulas=tuple(str(form) for form in forms),
    )


def clipped_gradient(scale: float) -> Clipped:
    """The guide's clip_gradients: identity forward, clipped backward."""
    import tensorflow as tf

    @tf.custom_gradient
    def clip_gradients(y):
        def backward(dy):
            return tf.clip_by_norm(dy, 0.5)

        return y, backward

    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        output = scale * clip_gradients(v * v)
        plain = scale * (v * v)
    return Clipped(
        clipped=as_python(t.gradient(output, v)),
        plain=as_python(t.gradient(plain, v)),
    )


def second_order(at: float, stable: bool) -> SecondOrder:
    """Nested tapes through a custom gradient: what does t1 differentiate?"""
    import tensorflow as tf

    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(upstream):
            if stable:  # tf.sigmoid's own gradient is stable too ‖ tf.sigmoid 自带的梯度同样稳定
                return upstream * tf.sigmoid(x)
            return upstream * (1 - 1 / (1 + e))

        return tf.math.log(1 + e), grad

    x = tf.Variable(at)
    with tf.GradientTape() as t1:
        with tf.GradientTape() as t0:
            y = log1pexp(x)
        dy_dx = t0.gradient(y, x)  # runs grad, while t1 records ‖ 运行 grad，同时 t1 在记录
    d2y_dx2 = t1.gradient(dy_dx, x)  # differentiates what grad ran ‖ 对 grad 运行过的运算求导
    return SecondOrder(as_python(dy_dx), as_python(d2y_dx2))


def quiz_custom_rule():
    """x = 3, and a custom gradient that says 10."""
    import tensorflow as tf

    @tf.custom_gradient
    def square(x):
        def grad(upstream):
            return upstream * 10.0

        return x * x, grad

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = square(x)
    return t.gradient(y, x)


def quiz_small_clip():
    """The guide's clip_gradients at v = 0.1 (d(v·v)/dv is 0.2)."""
    import tensorflow as tf

    @tf.custom_gradient
    def clip_gradients(y):
        def backward(dy):
            return tf.clip_by_norm(dy, 0.5)

        return y, backward

    v = tf.Variable(0.1)
    with tf.GradientTape() as t:
        output = clip_gradients(v * v)
    return t.gradient(output, v)


def quiz_two_inputs_one_gradient():
    """Two inputs, and grad returns one gradient."""
    import tensorflow as tf

    @tf.custom_gradient
    def product(x, y):
        def grad(upstream):
            return upstream * y  # only ∂/∂x ‖ 只有 ∂/∂x

        return x * y, grad

    x = tf.constant(3.0)
    y = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch([x, y])
        z = product(x, y)
    return t.gradient(z, [x, y])
