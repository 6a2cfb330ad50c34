"""SymPy tree → TensorFlow ops, and derivatives from nested `tf.GradientTape`s.

The translation is ours, not `sympy.lambdify(..., "tensorflow")`: every constant gets the
chosen dtype explicitly (lambdify makes int32 tensors of `exp(2x)·sin(1)` and breaks), and the
ops are the ones a student would write (`x/y` is a division, `x - y` a subtraction).

>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> taped_derivatives(x**3, (x,), {"x": 3.0}, order=2, dtype="float64").values
{(): 27.0, ('x',): 27.0, ('x', 'x'): 18.0}
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out of logs

import numpy as np  # noqa: E402
import sympy  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.python import pywrap_tfe  # noqa: E402 - the hook for the tapes' gradient calls
from tensorflow.python.eager import backprop  # noqa: E402

from diffexplain.core import ops  # noqa: E402
from diffexplain.core.budget import Deadline  # noqa: E402

DTYPES = {"float32": tf.float32, "float64": tf.float64}

# --- a checkpoint between the ops the tapes differentiate ----------------------------------

_watch = threading.local()  # this thread's deadline and gradient observer
_install_lock = threading.Lock()
_installed = False


def _gradient_function(*call):
    """TensorFlow's own gradient dispatcher, called once per op a tape differentiates, in eager
    and in graph mode: where this thread has a deadline, past it the tape stops here (between
    two ops: TensorFlow cannot be stopped inside one); where it has an observer, the observer
    makes the call (`record.py` notes which ops each call creates)."""
    deadline = getattr(_watch, "deadline", None)
    if deadline is not None:
        deadline.check()
    observer = getattr(_watch, "observer", None)
    if observer is not None:
        return observer(call)
    return backprop._gradient_function(*call)


@contextmanager
def watched(
    deadline: Deadline | None = None, observer: Callable[[tuple], object] | None = None
) -> Iterator[None]:
    """Within the block, this thread's tapes stop at `deadline` (raising `budget.OutOfTime`) and
    pass each gradient call to `observer(call)`, which calls `gradient_function(*call)`; None
    keeps what an enclosing block set.

    The hook is installed on first use and forwards only, for other threads and outside a block.
    """
    global _installed
    with _install_lock:
        if not _installed:
            pywrap_tfe.TFE_Py_RegisterGradientFunction(_gradient_function)
            _installed = True
    saved = getattr(_watch, "deadline", None), getattr(_watch, "observer", None)
    _watch.deadline, _watch.observer = deadline or saved[0], observer or saved[1]
    try:
        yield
    finally:
        _watch.deadline, _watch.observer = saved


def gradient_function(*call):
    """What the hook calls when nobody observes: TensorFlow's own gradient function."""
    return backprop._gradient_function(*call)


def to_tensorflow(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], dtype: tf.DType
) -> Callable[[Sequence[tf.Tensor]], tf.Tensor]:
    """A function of one tensor per symbol that computes `expr` with TensorFlow ops.

    Equal subtrees are computed once (the graph shows a shared node, as SymPy's tree shares it).
    """

    def function(inputs: Sequence[tf.Tensor]) -> tf.Tensor:
        built: dict[sympy.Expr, tf.Tensor] = dict(zip(symbols, inputs, strict=True))

        def constant(number: sympy.Expr) -> tf.Tensor:
            return tf.constant(float(number.evalf(20)), dtype=dtype)

        def walk(node: sympy.Expr) -> tf.Tensor:
            if node not in built:
                built[node] = translate(node)
            return built[node]

        def product(factors: list[sympy.Expr]) -> tf.Tensor:
            result = walk(factors[0])
            for factor in factors[1:]:
                result = tf.multiply(result, walk(factor))
            return result

        def translate(node: sympy.Expr) -> tf.Tensor:
            if node.is_Number or isinstance(node, sympy.NumberSymbol):
                return constant(node)
            if node.is_Add:
                return translate_sum(node.args)
            if node.is_Mul:
                return translate_product(node)
            if node.is_Pow:
                return translate_power(*node.args)
            primitive = ops.BY_HEAD.get(node.func)
            if primitive is None:
                raise ValueError(f"no TensorFlow form for {node.func.__name__}")
            return primitive.forward(tf, walk(node.args[0]))

        def translate_sum(terms: Sequence[sympy.Expr]) -> tf.Tensor:
            ordered = sorted(terms, key=lambda t: t.could_extract_minus_sign())  # positives first
            first = ordered[0]
            result = tf.negative(walk(-first)) if first.could_extract_minus_sign() else walk(first)
            for term in ordered[1:]:
                if term.could_extract_minus_sign():
                    result = tf.subtract(result, walk(-term))
                else:
                    result = tf.add(result, walk(term))
            return result

        def translate_product(node: sympy.Expr) -> tf.Tensor:
            parts = ops.split_product(node)
            result = product(list(parts.numerator))
            if parts.denominator:
                result = tf.divide(result, product(list(parts.denominator)))
            return tf.negative(result) if parts.negative else result

        def translate_power(base: sympy.Expr, exponent: sympy.Expr) -> tf.Tensor:
            if exponent == sympy.Rational(1, 2):
                return tf.math.sqrt(walk(base))
            if exponent.is_Number and exponent < 0:
                inverse = base if exponent == -1 else base ** (-exponent)
                return tf.divide(constant(sympy.S.One), walk(inverse))
            return tf.pow(walk(base), walk(exponent))

        return walk(expr)

    return function


@dataclass(frozen=True)
class TapedDerivatives:
    """Values of f and of every partial up to an order, from nested tapes.

    `values` maps a wrt tuple (names, sorted; () for f itself) to a float. `none` lists the
    partials for which TensorFlow's `tape.gradient` returned None; they count as 0.
    """

    values: dict[tuple[str, ...], float]
    none: tuple[tuple[str, ...], ...]
    dtype: str


def nested_tapes(
    function: Callable[[Sequence[tf.Tensor]], tf.Tensor],
    inputs: list[tf.Tensor],
    order: int,
    mark: Callable[[int, dict, set], None] | None = None,
) -> tuple[dict[tuple[int, ...], tf.Tensor], set[tuple[int, ...]]]:
    """Tensors of f and all partials up to `order`, keyed by sorted input indices.

    Tape k records everything tape k−1 did, including its `gradient` calls, so tape k's own
    gradient differentiates the (k−1)-th derivatives once more: order N needs N tapes.
    A None gradient becomes zeros (and its key is reported) so deeper tapes can go on.
    `mark(k, results, none)` is called when stage k is done (0: the forward pass, k: tape k's
    gradients) with the tensors so far, which is how `record.py` tells the stages apart (and
    may stop early by raising).
    """
    if order == 0:
        value = function(inputs)
        if mark:
            mark(0, {(): value}, set())
        return {(): value}, set()
    with tf.GradientTape(persistent=len(inputs) > 1) as tape:
        tape.watch(inputs)
        lower, none = nested_tapes(function, inputs, order - 1, mark)
    results = dict(lower)
    for wrt, target in lower.items():
        if len(wrt) != order - 1:
            continue
        first = wrt[-1] if wrt else 0  # only sorted index tuples: f_xy once, not f_yx again
        gradients = tape.gradient(
            target, inputs[first:], unconnected_gradients=tf.UnconnectedGradients.NONE
        )
        for index, gradient in enumerate(gradients, start=first):
            key = (*wrt, index)
            if gradient is None:
                none.add(key)
                gradient = tf.zeros_like(inputs[index])
            results[key] = gradient
    del tape
    if mark:
        mark(order, results, none)
    return results, none


def taped_derivatives(
    expr: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    point: dict[str, float],
    order: int,
    dtype: str,
    deadline: Deadline | None = None,
) -> TapedDerivatives:
    """f and its partials up to `order` at `point`, computed by nested GradientTapes.

    Raises `budget.OutOfTime` when `deadline` passes first (checked between the ops the tapes
    differentiate; the values so far are dropped).
    """
    tf_dtype = DTYPES[dtype]
    inputs = [tf.constant(point[s.name], dtype=tf_dtype) for s in symbols]
    with watched(deadline):
        tensors, none = nested_tapes(to_tensorflow(expr, symbols, tf_dtype), inputs, order)
    names = [s.name for s in symbols]

    def named(key: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(names[i] for i in key)

    return TapedDerivatives(
        values={named(k): float(np.asarray(t)) for k, t in tensors.items()},
        none=tuple(sorted(named(k) for k in none)),
        dtype=dtype,
    )


@dataclass(frozen=True)
class TapedJacobian:
    """A vector-valued function's values and Jacobian from one tape's `jacobian`.

    `values[i]` is component i at the point; `jacobian[i][j]` is ∂f_i/∂x_j.
    """

    values: tuple[float, ...]
    jacobian: tuple[tuple[float, ...], ...]
    dtype: str


def taped_jacobian(
    components: Sequence[sympy.Expr],
    symbols: Sequence[sympy.Symbol],
    point: dict[str, float],
    dtype: str,
    deadline: Deadline | None = None,
) -> TapedJacobian:
    """The Jacobian of the stacked components with respect to the stacked variables, as a
    student writes it: one tape, `y = tf.stack([...])`, `tape.jacobian(y, x)`; TensorFlow runs
    one backward pass per component (vectorized with `pfor`).

    A component that does not depend on a variable gets zeros there, not None
    (`UnconnectedGradients.ZERO`): a Jacobian is a full matrix. Raises `budget.OutOfTime` when
    `deadline` passes first.
    """
    tf_dtype = DTYPES[dtype]
    x = tf.constant([point[s.name] for s in symbols], dtype=tf_dtype)
    with watched(deadline):
        with tf.GradientTape() as tape:
            tape.watch(x)
            inputs = tf.unstack(x)
            y = tf.stack([to_tensorflow(c, symbols, tf_dtype)(inputs) for c in components])
        jacobian = tape.jacobian(y, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    return TapedJacobian(
        values=tuple(float(v) for v in np.asarray(y)),
        jacobian=tuple(tuple(float(v) for v in row) for row in np.asarray(jacobian)),
        dtype=dtype,
    )


def grid_derivatives(
    expr: sympy.Expr,
    symbol: sympy.Symbol,
    grid: np.ndarray,
    order: int,
    dtype: str,
) -> dict[int, np.ndarray]:
    """f and its derivatives up to `order` at every point of a 1-D grid, in one tape pass.

    The ops are elementwise, so the gradient of the vector of outputs (TensorFlow sums them)
    at each point is that point's derivative: no Python loop over points.
    """
    tf_dtype = DTYPES[dtype]
    inputs = [tf.constant(np.asarray(grid), dtype=tf_dtype)]
    tensors, _ = nested_tapes(
        _broadcasting(to_tensorflow(expr, (symbol,), tf_dtype)), inputs, order
    )
    return {len(key): np.asarray(t) for key, t in tensors.items()}


def _broadcasting(function: Callable[[Sequence[tf.Tensor]], tf.Tensor]):
    """A constant function still gives one value per grid point (and a path to the input)."""

    def shaped(inputs: Sequence[tf.Tensor]) -> tf.Tensor:
        value = function(inputs)
        return value + tf.zeros_like(inputs[0]) if value.shape != inputs[0].shape else value

    return shaped


def forward_mode_gradient(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], point: dict[str, float], dtype: str
) -> dict[str, float | None]:
    """First derivatives by forward mode: one `tf.autodiff.ForwardAccumulator` pass per input.

    Reverse mode (the tape) gets every ∂f/∂xᵢ of one output in one backward pass; forward mode
    pushes one direction (a unit tangent) through the function per pass. None: f does not
    depend on that input (TensorFlow's JVP is None there, as the tape's gradient would be).
    """
    tf_dtype = DTYPES[dtype]
    function = to_tensorflow(expr, symbols, tf_dtype)
    inputs = [tf.constant(point[s.name], dtype=tf_dtype) for s in symbols]
    derivatives: dict[str, float | None] = {}
    for index, symbol in enumerate(symbols):
        tangents = [tf.constant(1.0 if i == index else 0.0, tf_dtype) for i in range(len(inputs))]
        with tf.autodiff.ForwardAccumulator(primals=inputs, tangents=tangents) as accumulator:
            value = function(inputs)
        jvp = accumulator.jvp(value)
        derivatives[symbol.name] = None if jvp is None else float(np.asarray(jvp))
    return derivatives


FINITE_DIFFERENCE_STEPS = {
    1: float(np.finfo(np.float64).eps ** (1 / 3)),
    2: float(np.finfo(np.float64).eps ** (1 / 4)),
}
"""Central-difference steps (times max(1, |x|)) that balance truncation against rounding:
the error of a central difference is about h²·f''' + ε·f/h, smallest near h = ε^(1/3)."""


@dataclass(frozen=True)
class FiniteDifference:
    wrt: tuple[str, ...]
    value: float
    step: float


def central_differences(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], point: dict[str, float]
) -> tuple[FiniteDifference, ...]:
    """First and second partials by central differences in float64, for comparison.

    Second partials: (f(x+h) − 2f(x) + f(x−h))/h² on the diagonal and the four-point formula
    (f(+,+) − f(+,−) − f(−,+) + f(−,−))/(4hk) off it.
    """
    function = to_tensorflow(expr, symbols, tf.float64)
    names = [s.name for s in symbols]
    base = np.array([point[n] for n in names], dtype=np.float64)

    def f(shift: np.ndarray) -> float:
        values = base + shift
        return float(np.asarray(function([tf.constant(v, tf.float64) for v in values])))

    def unit(i: int, size: float) -> np.ndarray:
        vector = np.zeros(len(names))
        vector[i] = size
        return vector

    steps1 = [FINITE_DIFFERENCE_STEPS[1] * max(1.0, abs(v)) for v in base]
    steps2 = [FINITE_DIFFERENCE_STEPS[2] * max(1.0, abs(v)) for v in base]
    results = []
    for i, name in enumerate(names):
        h = steps1[i]
        results.append(FiniteDifference((name,), (f(unit(i, h)) - f(unit(i, -h))) / (2 * h), h))
    centre = f(np.zeros(len(names)))
    for i in range(len(names)):
        for j in range(i, len(names)):
            h, k = steps2[i], steps2[j]
            if i == j:
                value = (f(unit(i, h)) - 2 * centre + f(unit(i, -h))) / (h * h)
            else:
                value = (
                    f(unit(i, h) + unit(j, k))
                    - f(unit(i, h) - unit(j, k))
                    - f(-unit(i, h) + unit(j, k))
                    + f(-unit(i, h) - unit(j, k))
                ) / (4 * h * k)
            results.append(FiniteDifference((names[i], names[j]), value, h))
    return tuple(results)
