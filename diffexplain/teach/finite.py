"""Finite differences against the exact derivative: the V that truncation and rounding draw.

A forward difference (f(x+h) − f(x))/h errs by about h·|f''|/2 (truncation: the Taylor terms
it ignores) plus ε·|f|/h (rounding: f(x+h) and f(x) share most of their digits, and the
subtraction keeps only the rest). The two balance near h = √ε. A central difference
(f(x+h) − f(x−h))/2h cancels the h·f'' term: truncation h²·|f'''|/6, smallest near h = ∛ε.
On a log–log plot of error against h each is a V: rounding on the left, truncation on the
right. Autodiff has no h at all: its error is rounding in the ops it runs, a flat line.

>>> import sympy
>>> from diffexplain.core.parse import symbol
>>> x = symbol("x")
>>> errors = difference_errors(sympy.sin(x), x, {"x": 1.0}, [1e-1, 1e-5], "float64")
>>> [f"{e:.0e}" for e in errors.central_error]
['9e-04', '1e-11']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import sympy

STEPS = tuple(float(h) for h in np.logspace(-16, 0, 97))
"""Steps from 1e-16 to 1, six per decade: far enough left that x + h == x in float64."""


def machine_epsilon(dtype: str) -> float:
    """The gap between 1 and the next number of the dtype (2⁻²³ or 2⁻⁵²)."""
    return float(np.finfo(np.dtype(dtype)).eps)


def best_steps(dtype: str, at: float) -> dict[str, float]:
    """The rule-of-thumb steps, √ε (forward) and ∛ε (central), scaled by max(1, |x|).

    They balance truncation against rounding when f and its derivatives are of similar size;
    `tape.FINITE_DIFFERENCE_STEPS` uses the same central step for float64.

    >>> {k: f"{v:.1e}" for k, v in best_steps("float64", 0.5).items()}
    {'forward': '1.5e-08', 'central': '6.1e-06'}
    """
    epsilon = machine_epsilon(dtype)
    scale = max(1.0, abs(at))
    return {"forward": epsilon ** (1 / 2) * scale, "central": epsilon ** (1 / 3) * scale}


@dataclass(frozen=True, eq=False)
class DifferenceErrors:
    """∂f/∂variable at a point by forward and central differences at many steps, in one dtype.

    `forward[i]` and `central[i]` use `steps[i]`; `exact` is SymPy's derivative at the exact
    decimal point; `autodiff` is one GradientTape pass in the same dtype.
    """

    variable: str
    at: float
    dtype: str
    steps: np.ndarray
    forward: np.ndarray
    central: np.ndarray
    autodiff: float
    exact: float

    @property
    def forward_error(self) -> np.ndarray:
        return np.abs(self.forward - self.exact)

    @property
    def central_error(self) -> np.ndarray:
        return np.abs(self.central - self.exact)

    @property
    def autodiff_error(self) -> float:
        return abs(self.autodiff - self.exact)

    @property
    def epsilon(self) -> float:
        return machine_epsilon(self.dtype)

    @property
    def best_steps(self) -> dict[str, float]:
        return best_steps(self.dtype, self.at)


def exact_derivative(expr: sympy.Expr, symbol: sympy.Symbol, point: Mapping[str, float]) -> float:
    """SymPy's ∂f/∂symbol at the point, read as exact decimals (nan where it has no value)."""
    from diffexplain.core.symbolic import exact_value

    at = {s: sympy.Rational(repr(float(point[s.name]))) for s in _symbols(expr, symbol)}
    return exact_value(sympy.diff(expr, symbol), at).value


def _symbols(expr: sympy.Expr, symbol: sympy.Symbol) -> tuple[sympy.Symbol, ...]:
    return tuple(sorted(expr.free_symbols | {symbol}, key=lambda s: s.name))


def difference_errors(
    expr: sympy.Expr,
    symbol: sympy.Symbol,
    point: Mapping[str, float],
    steps: Sequence[float] = STEPS,
    dtype: str = "float64",
    exact: float | None = None,
) -> DifferenceErrors:
    """Forward and central differences of `expr` along `symbol`, every step at once.

    f is evaluated by the same TensorFlow ops as the tapes (`tape.to_tensorflow`), all in
    `dtype`, as a student's own code would: x + h is rounded to the dtype, and so is each f.
    The other variables stay at the point.

    Args:
        exact: the exact derivative when the caller has it (the page takes it from the
            explanation, computed in the SymPy worker); otherwise SymPy computes it here.
    """
    import tensorflow as tf

    from diffexplain.core.tape import DTYPES, to_tensorflow

    symbols = _symbols(expr, symbol)
    tf_dtype = DTYPES[dtype]
    function = to_tensorflow(expr, symbols, tf_dtype)
    h = tf.constant(np.asarray(steps, dtype=np.float64), dtype=tf_dtype)
    base = {s.name: tf.constant(float(point[s.name]), dtype=tf_dtype) for s in symbols}
    x = base[symbol.name]

    def f_at(value: tf.Tensor) -> tf.Tensor:
        inputs = [value if s == symbol else base[s.name] for s in symbols]
        return function(inputs) + tf.zeros_like(value)  # a constant f still gives one per step

    with tf.GradientTape() as tape:
        tape.watch(x)
        centre = f_at(x)
    gradient = tape.gradient(centre, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    after, before = f_at(x + h), f_at(x - h)
    forward = (after - centre) / h
    central = (after - before) / (tf.constant(2.0, tf_dtype) * h)
    return DifferenceErrors(
        variable=symbol.name,
        at=float(point[symbol.name]),
        dtype=dtype,
        steps=np.asarray(steps, dtype=np.float64),
        forward=np.asarray(forward, dtype=np.float64),
        central=np.asarray(central, dtype=np.float64),
        autodiff=float(np.asarray(gradient)),
        exact=exact_derivative(expr, symbol, point) if exact is None else float(exact),
    )
