"""Functions of several variables: the gradient, the Hessian as the Jacobian of the gradient,
and the function's values around the point (for a contour plot).

The Hessian Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ is the Jacobian of the gradient: an inner tape gives ∇f as a
vector, and `jacobian` on the outer tape differentiates each of its components. The outer
tape is persistent so that `jacobian` may run one gradient per row when it cannot vectorize.
Every entry is computed, both halves: Hᵢⱼ = Hⱼᵢ (Schwarz) is then a check, not an assumption.

>>> import sympy
>>> from diffexplain.core.parse import symbol
>>> x, y = symbol("x"), symbol("y")
>>> hessian(x**2 * y, (x, y), {"x": 3.0, "y": 2.0}, "float64").matrix
((4.0, 6.0), (6.0, 0.0))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import sympy


@dataclass(frozen=True)
class HessianResult:
    """f, ∇f and the full Hessian at a point, from nested tapes in one dtype."""

    variables: tuple[str, ...]
    dtype: str
    value: float
    gradient: tuple[float, ...]
    matrix: tuple[tuple[float, ...], ...]

    @property
    def asymmetry(self) -> float:
        """max |Hᵢⱼ − Hⱼᵢ|: 0 up to rounding for a twice continuously differentiable f."""
        matrix = np.asarray(self.matrix, dtype=np.float64)
        if matrix.size == 0:
            return 0.0
        return float(np.nanmax(np.abs(matrix - matrix.T)))


def hessian(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], point: Mapping[str, float], dtype: str
) -> HessianResult:
    """∇f by an inner GradientTape and H = jacobian(∇f) by a persistent outer tape."""
    import tensorflow as tf

    from diffexplain.core.tape import DTYPES, to_tensorflow

    tf_dtype = DTYPES[dtype]
    function = to_tensorflow(expr, symbols, tf_dtype)
    zero = tf.UnconnectedGradients.ZERO  # f need not depend on every variable
    x = tf.constant([float(point[s.name]) for s in symbols], dtype=tf_dtype)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            value = function(tf.unstack(x))
        gradient = inner.gradient(value, x, unconnected_gradients=zero)
    try:
        matrix = outer.jacobian(gradient, x, unconnected_gradients=zero)
    except (ValueError, TypeError, NotImplementedError, tf.errors.OpError):
        # pfor (vectorized) has no rule for some op: one gradient per row instead
        matrix = outer.jacobian(
            gradient, x, unconnected_gradients=zero, experimental_use_pfor=False
        )
    del outer
    rows = np.asarray(matrix, dtype=np.float64)
    return HessianResult(
        variables=tuple(s.name for s in symbols),
        dtype=dtype,
        value=float(np.asarray(value)),
        gradient=tuple(float(g) for g in np.asarray(gradient)),
        matrix=tuple(tuple(float(v) for v in row) for row in rows),
    )


def exact_gradient_and_hessian(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], point: Mapping[str, float]
) -> tuple[tuple[float, ...], tuple[tuple[float, ...], ...]]:
    """SymPy's ∇f and Hessian at the point read as exact decimals (nan where none exists, None
    where no digit of a value could be made certain).

    Only the upper triangle is differentiated (∂²f/∂y∂x is ∂²f/∂x∂y for SymPy's formulas);
    it runs in the SymPy worker when the page has no second partials of its own.
    """
    from diffexplain.core.symbolic import exact_value

    at = {s: sympy.Rational(repr(float(point[s.name]))) for s in symbols}
    first = [sympy.diff(expr, s) for s in symbols]

    def value(expr: sympy.Expr) -> float | None:
        exact = exact_value(expr, at)
        return None if exact.kind == "unknown" else exact.value

    gradient = tuple(value(d) for d in first)
    size = len(symbols)
    matrix: list[list[float | None]] = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i, size):
            matrix[i][j] = matrix[j][i] = value(sympy.diff(first[i], symbols[j]))
    return gradient, tuple(tuple(row) for row in matrix)


@dataclass(frozen=True, eq=False)
class Surface:
    """f on a square grid around the point in two of its variables (the others held)."""

    variables: tuple[str, str]
    x: np.ndarray  # 1-D grid of the first variable
    y: np.ndarray  # 1-D grid of the second
    values: np.ndarray  # values[j, i] = f(x[i], y[j]); NaN where f has no real value


def half_width(point: Mapping[str, float], variables: Sequence[str]) -> float:
    """How far the plot reaches either side: 2, or half the largest |coordinate| if wider.

    >>> half_width({"x": 10.0, "y": 1.0}, ("x", "y"))
    5.0
    """
    return max(2.0, max(abs(float(point[name])) for name in variables) / 2)


def surface(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    point: Mapping[str, float],
    variables: tuple[str, str],
    size: int = 121,
) -> Surface:
    """f on a size × size grid centred on the point, by the tape's own TensorFlow ops (float64).

    Both axes get the same half-width, so a plot with equal aspect shows the gradient at a
    right angle to the contour lines, as it is.
    """
    import tensorflow as tf

    from diffexplain.core.tape import to_tensorflow

    reach = half_width(point, variables)
    axes = {name: np.linspace(point[name] - reach, point[name] + reach, size) for name in variables}
    grid_x, grid_y = np.meshgrid(axes[variables[0]], axes[variables[1]])
    columns = {variables[0]: grid_x, variables[1]: grid_y}
    inputs = [
        tf.constant(columns.get(s.name, np.full_like(grid_x, float(point[s.name]))), tf.float64)
        for s in symbols
    ]
    values = np.asarray(to_tensorflow(expr, symbols, tf.float64)(inputs), dtype=np.float64)
    values = np.broadcast_to(values, grid_x.shape).copy()  # a constant f is one number
    values[~np.isfinite(values)] = np.nan
    return Surface(variables, axes[variables[0]], axes[variables[1]], values)
