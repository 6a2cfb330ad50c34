"""Guide page: controlling the tape, from TensorFlow's "Introduction to gradients and
automatic differentiation" (what the tape watches, intermediate results, non-scalar targets,
zeros instead of None).

- `only_what_you_watch(x1, watch_accessed)`: the guide's sin(x0) + softplus(x1), with
  `watch_accessed_variables=False` and `tape.watch(x1)`: dy/dx0 is None
- `watched_constant_is_not_listed()`: `watched_variables()` lists Variables only
- `intermediate_results(at)`: y = x², z = y²: dz/dy = 2y, dz/dx = 4x³
- `several_targets(at)`: x², 1/x, a dict of both, x·[3, 4]: the gradient of the sum
- `unconnected(rule)`: a source the target does not use: None, or zeros of its shape
- `exact_*`: SymPy's derivatives of the same functions, at the same points
- `quiz_*`: the page's three questions
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Exact, as_python, exactly


@dataclass(frozen=True)
class Watching:
    watched: tuple[str, ...]
    """tape.watched_variables(), by name."""
    dy_dx0: float | None
    dy_dx1: float | None


@dataclass(frozen=True)
class WatchedConstant:
    watched: tuple[str, ...]
    dy_dx: float | None
    """The gradient for the watched constant: it is watched, though not listed."""


@dataclass(frozen=True)
class Intermediate:
    dz_dy: float
    dz_dx: float


@dataclass(frozen=True)
class Targets:
    dy0_dx: float
    dy1_dx: float
    of_dict: float
    """tape.gradient({'y0': y0, 'y1': y1}, x): the gradient of y0 + y1."""
    of_vector: float
    """tape.gradient(x * [3., 4.], x): the gradient of 3x + 4x."""


def only_what_you_watch(x1_value: float, watch_accessed: bool) -> Watching:
    """The guide's example: only x1 is watched, so x0 gets no gradient."""
    import tensorflow as tf

    x0 = tf.Variable(0.0, name="x0")
    x1 = tf.Variable(x1_value, name="x1")
    with tf.GradientTape(watch_accessed_variables=watch_accessed) as tape:
        tape.watch(x1)
        y0 = tf.math.sin(x0)
        y1 = tf.nn.softplus(x1)
        ys = tf.reduce_sum(y0 + y1)
    grad = tape.gradient(ys, {"x0": x0, "x1": x1})
    return Watching(
        watched=tuple(var.name for var in tape.watched_variables()),
        dy_dx0=as_python(
            grad["x0"]
        ),  # None unless the tape watched x0 ‖ 除非磁带监视了 x0，否则为 None
        dy_dx1=as_python(grad["x1"]),  # sigmoid(x1) ‖ 即 sigmoid(x1)
    )


def watched_constant_is_not_listed() -> WatchedConstant:
    """A watched constant: a gradient, but not in watched_variables()."""
    import tensorflow as tf

    x = tf.constant(3.0)
    v = tf.Variable(2.0, name="v")
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * v
    return WatchedConstant(
        watched=tuple(var.name for var in tape.watched_variables()),
        dy_dx=as_python(tape.gradient(y, x)),  # v = 2.0
    )


def intermediate_results(at: float) -> Intermediate:
    """Sources may be results computed inside the tape, such as y."""
    import tensorflow as tf

    x = tf.constant(at)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y
    return Intermediate(
        dz_dy=as_python(tape.gradient(z, y)),  # 2y = 2x²
        dz_dx=as_python(tape.gradient(z, x)),  # 4x³
    )


def several_targets(at: float) -> Targets:
    """Several targets, or a vector target: the gradient of their sum."""
    import tensorflow as tf

    x = tf.Variable(at)
    with tf.GradientTape(persistent=True) as tape:
        y0 = x**2
        y1 = 1 / x
        y = x * [3.0, 4.0]
    return Targets(
        dy0_dx=as_python(tape.gradient(y0, x)),
        dy1_dx=as_python(tape.gradient(y1, x)),
        of_dict=as_python(tape.gradient({"y0": y0, "y1": y1}, x)),
        of_vector=as_python(tape.gradient(y, x)),
    )


def unconnected(rule: str) -> list[float] | None:
    """z does not use x: None, or zeros shaped like x with rule="zero"."""
    import tensorflow as tf

    x = tf.Variable([2.0, 2.0])
    y = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        z = y**2
    return as_python(tape.gradient(z, x, unconnected_gradients=rule))


def exact_watching(x1_value: float) -> Exact:
    """SymPy: ∂/∂x0 and ∂/∂x1 of sin(x0) + log(1 + eˣ¹), at x0 = 0."""
    import sympy

    x0, x1 = sympy.symbols("x0 x1", real=True)
    ys = sympy.sin(x0) + sympy.log(1 + sympy.exp(x1))
    partials = [sympy.diff(ys, x0), sympy.diff(ys, x1)]
    return exactly(partials, {x0: 0, x1: sympy.nsimplify(x1_value)})


def exact_intermediate(at: float) -> Exact:
    """SymPy: z = y² with y = x²: dz/dy = 2y, dz/dx = 4x³."""
    import sympy

    x, y = sympy.symbols("x y", real=True)
    z_of_y = y**2
    z_of_x = z_of_y.subs(y, x**2)
    dz_dy = sympy.diff(z_of_y, y)  # 2y
    dz_dx = sympy.diff(z_of_x, x)  # 4x³
    point = sympy.nsimplify(at)
    return exactly([dz_dy, dz_dx], {x: point, y: point**2})


def exact_targets(at: float) -> Exact:
    """SymPy: d/dx of x², 1/x, x² + 1/x and 3x + 4x."""
    import sympy

    x = sympy.Symbol("x", real=True)
    functions = [x**2, 1 / x, x**2 + 1 / x, 3 * x + 4 * x]
    derivatives = [sympy.diff(f, x) for f in functions]
    return exactly(derivatives, {x: sympy.nsimplify(at)})


def quiz_dict_of_targets():
    """x = 1: a number, None, or an error?"""
    import tensorflow as tf

    x = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        a = x**2
        b = x**3
    return tape.gradient({"a": a, "b": b}, x)


def quiz_nothing_watched():
    """No tape.watch, and the tape watches no Variable by itself."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y = x * x
    return tape.gradient(y, x)


def quiz_intermediate_from_before():
    """y is an intermediate result, but of which computation?"""
    import tensorflow as tf

    x = tf.Variable(3.0)
    y = x * x
    with tf.GradientTape() as tape:
        z = y * y
    return tape.gradient(z, y)
