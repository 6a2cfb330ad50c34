"""Guide page: Jacobians (the "Advanced automatic differentiation" guide's "Jacobians",
"Example: Hessian" and "Batch Jacobian"), each beside SymPy's `jacobian` or `hessian`.

- `scalar_source(delta)`: sigmoid(x + δ) for three x: the Jacobian has the target's shape
- `tensor_source(a, b)`: y(x) ∈ R³, x ∈ R²: the 3 × 2 matrix, and `gradient` = its column sums
- `batched()`: a row-wise function of a (4, 2) batch: `jacobian` is (4, 3, 4, 2),
  `batch_jacobian` (4, 3, 2)
- `hessian_newton(a, b)`: the Hessian as the Jacobian of a gradient, and one Newton step
- `exact_*`: SymPy's matrices at the same points
- `quiz_*`: the page's three questions
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import as_python

BATCH = ((1.0, 2.0), (3.0, 4.0), (0.5, -1.0), (-2.0, 0.5))
"""The rows of `batched()`'s input."""
SCALAR_XS = (-2.0, 0.0, 2.0)
"""The x of `scalar_source`."""


@dataclass(frozen=True)
class Jacobian:
    shape: list[int]
    values: list
    """The Jacobian as nested lists."""


@dataclass(frozen=True)
class TensorSource:
    jacobian: list[list[float]]
    gradient: list[float]
    """tape.gradient(y, x): the gradient of y's sum."""


@dataclass(frozen=True)
class Batched:
    target_shape: list[int]
    source_shape: list[int]
    jacobian_shape: list[int]
    batch_jacobian_shape: list[int]
    batch_jacobian: list
    largest_off_diagonal: float
    """max |j[b, :, c, :]| over b ≠ c: the rows are independent, so 0."""
    largest_difference: float
    """max |diagonal of j − batch_jacobian|."""


@dataclass(frozen=True)
class Newton:
    gradient: list[float]
    hessian: list[list[float]]
    step: list[float]
    """H⁻¹g, by tf.linalg.solve."""
    new_point: list[float]
    f_before: float
    f_after: float


@dataclass(frozen=True)
class ExactMatrices:
    """SymPy's results: formulas as text, values as floats (nested like the tape's)."""

    formulas: list
    values: list


def scalar_source(delta_value: float) -> Jacobian:
    """The guide's scalar source: one derivative per element of y."""
    import tensorflow as tf

    x = tf.constant([-2.0, 0.0, 2.0])
    delta = tf.Variable(delta_value)
    with tf.GradientTape() as tape:
        y = tf.nn.sigmoid(x + delta)
    dy_ddelta = tape.jacobian(y, delta)  # shaped like y ‖ 形状与 y 相同
    return Jacobian(dy_ddelta.shape.as_list(), as_python(dy_ddelta))


def tensor_source(a: float, b: float) -> TensorSource:
    """y: R² → R³. jacobian: every ∂y_i/∂x_j; gradient: ∂(Σy)/∂x_j."""
    import tensorflow as tf

    x = tf.Variable([a, b])
    with tf.GradientTape(persistent=True) as tape:
        y = tf.stack([x[0] ** 2 * x[1], 5 * x[0] + tf.sin(x[1]), x[0] * x[1]])
    return TensorSource(
        jacobian=as_python(tape.jacobian(y, x)),  # shape (3, 2) ‖ 形状 (3, 2)
        gradient=as_python(tape.gradient(y, x)),  # shape (2,) ‖ 形状 (2,)
    )


def batched() -> Batched:
    """Each row of x gives a row of y: batch_jacobian skips the zeros."""
    import tensorflow as tf

    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [-2.0, 0.5]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        x0, x1 = x[:, 0], x[:, 1]
        y = tf.stack([x0 * x1, tf.sin(x0), x1**2], axis=1)
    j = tape.jacobian(y, x)
    jb = tape.batch_jacobian(y, x)
    diagonal = tf.einsum("bybx->byx", j)  # the blocks b = c ‖ 对角块 b = c
    different_rows = 1 - tf.eye(x.shape[0])[:, None, :, None]
    off_diagonal = j * different_rows  # the blocks b ≠ c ‖ 非对角块 b ≠ c
    return Batched(
        target_shape=y.shape.as_list(),  # (batch, outs) ‖ （批次, 输出）
        source_shape=x.shape.as_list(),  # (batch, ins) ‖ （批次, 输入）
        jacobian_shape=j.shape.as_list(),
        batch_jacobian_shape=jb.shape.as_list(),
        batch_jacobian=as_python(jb),
        largest_off_diagonal=as_python(tf.reduce_max(tf.abs(off_diagonal))),
        largest_difference=as_python(tf.reduce_max(tf.abs(diagonal - jb))),
    )


def hessian_newton(a: float, b: float) -> Newton:
    """f = x⁴ + xy + (1 + y)²: H = jacobian of the gradient; a Newton step."""
    import tensorflow as tf

    def f(x):
        return x[0] ** 4 + x[0] * x[1] + (1 + x[1]) ** 2

    x = tf.Variable([a, b])
    with (
        tf.GradientTape() as t1
    ):  # the notes' naming: t0 inner, t1 outer ‖ 讲义的命名：t0 是内层，t1 是外层
        with tf.GradientTape() as t0:
            loss = f(x)
        g = t0.gradient(loss, x)
    h = t1.jacobian(g, x)
    step = tf.linalg.solve(h, g[:, None])[:, 0]  # never invert H ‖ 绝不求 H 的逆
    return Newton(
        gradient=as_python(g),
        hessian=as_python(h),
        step=as_python(step),
        new_point=as_python(x - step),
        f_before=as_python(loss),
        f_after=as_python(f(x - step)),
    )


def exact_scalar_source(delta_value: float) -> ExactMatrices:
    """SymPy: d/dδ sigmoid(x + δ) at each x."""
    import sympy

    x, delta = sympy.symbols("x delta", real=True)
    y = 1 / (1 + sympy.exp(-(x + delta)))
    dy = sympy.diff(y, delta)
    at = sympy.nsimplify(delta_value)
    points = [{x: sympy.nsimplify(v), delta: at} for v in SCALAR_XS]
    return ExactMatrices(
        formulas=[str(dy)],
        values=[float(dy.subs(point)) for point in points],
    )


def exact_tensor_source(a: float, b: float) -> ExactMatrices:
    """SymPy's Matrix.jacobian of (x0²x1, 5x0 + sin x1, x0x1)."""
    import sympy

    x0, x1 = sympy.symbols("x0 x1", real=True)
    y = sympy.Matrix([x0**2 * x1, 5 * x0 + sympy.sin(x1), x0 * x1])
    j = y.jacobian([x0, x1])
    at = {x0: sympy.nsimplify(a), x1: sympy.nsimplify(b)}
    return ExactMatrices(
        formulas=[[str(entry) for entry in row] for row in j.tolist()],
        values=[[float(e.subs(at)) for e in row] for row in j.tolist()],
    )


def exact_batched() -> ExactMatrices:
    """SymPy: the Jacobian of (x0x1, sin x0, x1²), at each row of the batch."""
    import sympy

    x0, x1 = sympy.symbols("x0 x1", real=True)
    j = sympy.Matrix([x0 * x1, sympy.sin(x0), x1**2]).jacobian([x0, x1])
    values = []
    for a, b in BATCH:
        at = {x0: sympy.nsimplify(a), x1: sympy.nsimplify(b)}
        values.append([[float(e.subs(at)) for e in row] for row in j.tolist()])
    return ExactMatrices([[str(e) for e in row] for row in j.tolist()], values)


def exact_newton(a: float, b: float) -> Newton:
    """SymPy: gradient, hessian and the Newton step, in exact fractions."""
    import sympy

    x, y = sympy.symbols("x y", real=True)
    f = x**4 + x * y + (1 + y) ** 2
    at = {x: sympy.nsimplify(a), y: sympy.nsimplify(b)}
    g = sympy.Matrix([sympy.diff(f, v) for v in (x, y)]).subs(at)
    h = sympy.hessian(f, (x, y)).subs(at)
    step = h.solve(g)  # exact: no rounding anywhere ‖ 精确：任何地方都没有舍入
    new = sympy.Matrix([at[x], at[y]]) - step
    return Newton(
        gradient=[float(v) for v in g],
        hessian=[[float(v) for v in row] for row in h.tolist()],
        step=[float(v) for v in step],
        new_point=[float(v) for v in new],
        f_before=float(f.subs(at)),
        f_after=float(f.subs({x: new[0], y: new[1]})),
    )


def newton_formulas() -> dict[str, list]:
    """SymPy's gradient and hessian of f = x⁴ + xy + (1 + y)², as text."""
    import sympy

    x, y = sympy.symbols("x y", real=True)
    f = x**4 + x * y + (1 + y) ** 2
    hessian = sympy.hessian(f, (x, y))
    return {
        "gradient": [str(sympy.diff(f, v)) for v in (x, y)],
        "hessian": [[str(e) for e in row] for row in hessian.tolist()],
    }


def quiz_shape():
    """x has 3 elements, y has 2: the Jacobian's shape?"""
    import tensorflow as tf

    x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        y = tf.stack([tf.reduce_sum(x), tf.reduce_prod(x)])
    return tape.jacobian(y, x).shape.as_list()


def quiz_unconnected():
    """y does not use x."""
    import tensorflow as tf

    x = tf.Variable([1.0, 2.0])
    w = tf.Variable([3.0, 4.0])
    with tf.GradientTape() as tape:
        y = w * w
    return tape.jacobian(y, x)


def quiz_batch_sizes():
    """batch_jacobian of a (3, 1) target and a (2, 2) source."""
    import tensorflow as tf

    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.ones([3, 1]) * tf.reduce_sum(x)
    return tape.batch_jacobian(y, x)
