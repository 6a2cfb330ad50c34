"""Guide page: errors worth seeing (the "Introduction to gradients" guide's "Cases where
gradient returns None" and "No gradient registered").

- `no_gradient_registered()`: the guide's `tf.image.adjust_contrast`: a LookupError
- `not_differentiable(at)`: `tf.round` is registered as not differentiable: None, silently
- `contrast_by_hand(delta)`: the same contrast written with differentiable ops
- the dtype cases `DTYPE_CASES` (`integer_watched()`, `integer_times_float()`,
  `cast_to_integer()`, `through_a_string()`), each run by `dtype_case(name)` with what
  TensorFlow logged meanwhile
- `stateful_middle(at)`: `assign_add` in the middle: the guide's None, and the repair
- `through_a_queue_and_a_dataset()`: the guide's other stateful objects
- `exact_*`: SymPy's derivatives of the same formulas
- `quiz_*`: the page's three questions
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import (
    Attempt,
    Exact,
    Raised,
    as_python,
    attempt,
    exactly,
    logged_by,
    raised_by,
)

CONTRAST_PIXELS = (0.5, 0.1)
"""The two pixels of `contrast_by_hand`'s image (one channel)."""


@dataclass(frozen=True)
class ByHand:
    same_as_adjust_contrast: bool
    """Whether the hand-written contrast equals `tf.image.adjust_contrast`'s, pixel by pixel."""
    dloss_ddelta: float


@dataclass(frozen=True)
class DtypeCase:
    attempt: Attempt
    """What the case returned (the gradient) or raised."""
    logged: tuple[str, ...]
    """What TensorFlow logged meanwhile (warnings)."""


@dataclass(frozen=True)
class Stateful:
    through_assign: float | None
    """dy/dx0 with x1.assign_add(x0) in the middle: None."""
    dy_dx1: float | None
    """dy/dx1: the tape saw x1's new value, x1 + x0."""
    repaired: float | None
    """dy/dx0 with x1 + x0, a tensor, in the middle."""


@dataclass(frozen=True)
class Pipes:
    through_queue: float | None
    through_dataset: float | None


def no_gradient_registered() -> Raised | None:
    """The guide's example: AdjustContrastv2 has no gradient function."""
    import tensorflow as tf

    image = tf.Variable([[[0.5, 0.0, 0.0]]])
    delta = tf.Variable(0.1)
    with tf.GradientTape() as tape:
        new_image = tf.image.adjust_contrast(image, delta)
    return raised_by(lambda: tape.gradient(new_image, [image, delta]))


def not_differentiable(at: float) -> float | None:
    """Round is registered as not differentiable: no error, just None."""
    import tensorflow as tf

    x = tf.Variable(at)
    with tf.GradientTape() as tape:
        y = tf.round(x)
    return as_python(tape.gradient(y, x))


def contrast_by_hand(delta_value: float) -> ByHand:
    """adjust_contrast written with differentiable ops."""
    import tensorflow as tf

    image = tf.Variable([[[0.5], [0.1]]])  # 1 × 2 pixels, 1 channel ‖ 1 × 2 像素，1 个通道
    delta = tf.Variable(delta_value)
    with tf.GradientTape() as tape:
        mean = tf.reduce_mean(image, axis=[0, 1], keepdims=True)
        new_image = (image - mean) * delta + mean
        loss = tf.reduce_sum(new_image**2)
    library = tf.image.adjust_contrast(image, delta)
    difference = tf.abs(library - new_image)
    return ByHand(
        same_as_adjust_contrast=bool(tf.reduce_all(difference < 1e-6)),
        dloss_ddelta=as_python(tape.gradient(loss, delta)),
    )


def integer_watched():
    """The guide's int: watched, but integers are not differentiable."""
    import tensorflow as tf

    x = tf.constant(10)  # int32: no decimal point
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    return g.gradient(y, x)


def integer_times_float():
    """An int32 tensor times a Python float."""
    import tensorflow as tf

    x = tf.constant(10)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * 1.5
    return g.gradient(y, x)


def cast_to_integer():
    """A float Variable, rounded through int32 in the middle."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as g:
        whole = tf.cast(x * x, tf.int32)
        y = tf.cast(whole, tf.float32)
    return g.gradient(y, x)


def through_a_string():
    """A float Variable, written out as text and read back."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape() as g:
        text = tf.strings.as_string(x)
        y = tf.strings.to_number(text)  # 3.0 again
    return g.gradient(y, x)


DTYPE_CASES = (integer_watched, integer_times_float, cast_to_integer, through_a_string)
"""In the page's order."""


def dtype_case(name: str) -> DtypeCase:
    """Run the dtype case called `name`: its result or exception, and the
    warnings TensorFlow logged meanwhile (by name: a cache keys on it)."""
    case = next(case for case in DTYPE_CASES if case.__name__ == name)
    ran, logged = logged_by(lambda: attempt(case))
    return DtypeCase(ran, logged)


def stateful_middle(at: float) -> Stateful:
    """The guide's example: assign_add in the middle, then the repair."""
    import tensorflow as tf

    x0 = tf.Variable(at)
    x1 = tf.Variable(0.0)
    with tf.GradientTape(persistent=True) as tape:
        x1.assign_add(x0)  # x1 = x1 + x0, as state ‖ x1 = x1 + x0，作为状态
        y = x1**2  # the tape starts from x1's new value ‖ 磁带从 x1 的新值开始
    x0_again = tf.Variable(at)
    x1_again = tf.Variable(0.0)
    with tf.GradientTape() as repaired:
        total = x1_again + x0_again  # a tensor, recorded ‖ 张量，会被记录
        y_again = total**2
    return Stateful(
        through_assign=as_python(tape.gradient(y, x0)),
        dy_dx1=as_python(tape.gradient(y, x1)),
        repaired=as_python(repaired.gradient(y_again, x0_again)),
    )


def through_a_queue_and_a_dataset() -> Pipes:
    """The guide: tf.queue and tf.data are stateful too."""
    import tensorflow as tf

    x = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        queue = tf.queue.FIFOQueue(capacity=1, dtypes=tf.float32)
        queue.enqueue(x * x)
        from_queue = queue.dequeue()
        dataset = tf.data.Dataset.from_tensors(x * x)
        from_dataset = next(iter(dataset))
    return Pipes(
        through_queue=as_python(tape.gradient(from_queue, x)),
        through_dataset=as_python(tape.gradient(from_dataset, x)),
    )


def exact_stateful(at: float) -> Exact:
    """SymPy: y = (x1 + x0)²: ∂y/∂x0 and ∂y/∂x1 at x0 = at, x1 = 0 (before
    the assign)."""
    import sympy

    x0, x1 = sympy.symbols("x0 x1", real=True)
    y = (x1 + x0) ** 2
    point = {x0: sympy.nsimplify(at), x1: 0}
    return exactly([sympy.diff(y, x0), sympy.diff(y, x1)], point)


def exact_contrast(delta_value: float) -> Exact:
    """SymPy: d/dδ Σ ((p − m)·δ + m)² for the pixels 1/2 and 1/10."""
    import sympy

    delta = sympy.Symbol("delta", real=True)
    pixels = [sympy.nsimplify(p) for p in CONTRAST_PIXELS]
    mean = sum(pixels) / len(pixels)
    loss = sum(((p - mean) * delta + mean) ** 2 for p in pixels)
    at = {delta: sympy.nsimplify(delta_value)}
    return exactly([sympy.diff(loss, delta)], at)


def quiz_half_rounded():
    """x = 2.4: one factor is rounded."""
    import tensorflow as tf

    x = tf.Variable(2.4)
    with tf.GradientTape() as tape:
        y = tf.round(x) * x
    return tape.gradient(y, x)


def quiz_float_times_int():
    """A float32 tensor times an int32 tensor."""
    import tensorflow as tf

    x = tf.constant(3.0)
    n = tf.constant(2)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * n
    return tape.gradient(y, x)


def quiz_argmax():
    """The position of the largest element, as a float."""
    import tensorflow as tf

    x = tf.Variable([1.0, 5.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.cast(tf.argmax(x), tf.float32)
    return tape.gradient(y, x)
