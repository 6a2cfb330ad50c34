"""Lecture 8: the notes' training loops, with SymPy checking every gradient and solving exactly.

- `NOTES_17`, `NOTES_3`: the notes' two data sets, as the decimals they are written with
- `initial_weight(seed)`: W drawn like the notes' `tf.random.normal([1])`, reproducibly
- `LOOPS`: the notes' loop as a student types it, one per update step (`W.assign_sub(lr * dW)`
  or an SGD optimizer's `apply_gradients`); `loop_params(...)` fills it in
- `train_linear_regression(data, w_start, b_start, learning_rate, epochs, update)`: runs that
  loop and reads its history, epoch by epoch, checking each gradient against SymPy's
- `symbolic_gradient(data)`: SymPy's ∂L/∂W and ∂L/∂b of the mean squared error, exactly
- `least_squares(data)`: SymPy solves ∂L/∂W = 0, ∂L/∂b = 0: where the loop is heading
- `outlook(fit, learning_rate)`: why the loop gets there slowly, or not at all
- `KERAS_LOOP`, `train_keras_model(seed, epochs, batch_size, learning_rate)`: the notes' modern
  template, run as shown

The lessons run their snippet (the code the page shows) and read every number from its
variables.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction

from diffexplain.teach.lessons.snippet import Snippet


@dataclass(frozen=True)
class DataSet:
    """Points (x, y) as the decimal strings the notes write, so SymPy can read them exactly."""

    name: str
    x: tuple[str, ...]
    y: tuple[str, ...]

    @property
    def x_values(self) -> list[float]:
        return [float(v) for v in self.x]

    @property
    def y_values(self) -> list[float]:
        return [float(v) for v in self.y]


NOTES_17 = DataSet(
    "notes17",
    x=(
        *("3.3", "4.4", "5.5", "6.71", "6.93", "4.168", "9.779", "6.182", "7.59", "2.167"),
        *("7.042", "10.791", "5.313", "7.997", "5.654", "9.27", "3.1"),
    ),
    y=(
        *("1.7", "2.76", "2.09", "3.19", "1.694", "1.573", "3.366", "2.596", "2.53", "1.221"),
        *("2.827", "3.465", "1.65", "2.904", "2.42", "2.94", "1.3"),
    ),
)
"""The linear regression at the end of the second set of notes (lr 0.01, 100 epochs)."""

NOTES_3 = DataSet("notes3", x=("1", "2", "3"), y=("3", "5", "7"))
"""The first notes' y = 2x + 1 example (SGD, lr 0.1, 100 steps, starting at w = 2, b = 1)."""

DATA_SETS = {data.name: data for data in (NOTES_17, NOTES_3)}

UPDATES = ("assign_sub", "optimizer")

GRADIENT_RTOL = 4e-6
"""float32 keeps about 7 significant digits (ε ≈ 1.2e-7): a gradient summed from terms of total
size S may differ from the exact one by a few ε·S. 4e-6·S (about 32 ε) leaves room and still
catches any real mistake (a wrong factor of 2 is a difference of the gradient's own size)."""


@dataclass(frozen=True)
class SymbolicGradient:
    """∂L/∂W and ∂L/∂b of L = mean((W x + b − y)²), derived by SymPy.

    The general forms are for the page; the coefficients are exact fractions of the data the
    tape saw (float32), so `at` gives the true gradient at any (W, b), rounded once.
    """

    loss_latex: str
    dl_dw_latex: str
    dl_db_latex: str
    dl_dw: tuple[Fraction, Fraction, Fraction]  # coefficients of W, b and 1
    dl_db: tuple[Fraction, Fraction, Fraction]
    scale: tuple[Fraction, Fraction, Fraction, Fraction]
    """mean(x²), mean(|x|), mean(|y·x|), mean(|y|): the size of the terms a float32 sum adds."""

    def at(self, w: float, b: float) -> tuple[float, float]:
        """(∂L/∂W, ∂L/∂b) at these exact float values of W and b; nan once a diverging run
        has overflowed them to inf or nan."""
        if not (math.isfinite(w) and math.isfinite(b)):
            return (math.nan, math.nan)
        w, b = Fraction(w), Fraction(b)
        return (
            float(self.dl_dw[0] * w + self.dl_dw[1] * b + self.dl_dw[2]),
            float(self.dl_db[0] * w + self.dl_db[1] * b + self.dl_db[2]),
        )

    def tolerance(self, w: float, b: float) -> float:
        """How far a float32 gradient may be from the exact one at (W, b) by rounding alone."""
        x2, x1, yx, y1 = (float(s) for s in self.scale)
        terms = 2 * (abs(w) * x2 + abs(b) * x1 + yx) + 2 * (abs(w) * x1 + abs(b) + y1)
        return GRADIENT_RTOL * (1 + terms)


@dataclass(frozen=True)
class TrainingRun:
    """Per epoch: the (W, b) its gradient was taken at, the loss there, the tape's gradient,
    SymPy's gradient at the same (W, b), and the larger of their two differences.

    The lists are read from the loop's `history`, one entry per epoch; `final_w`, `final_b` are
    the parameters after the last update, and `printed` is what the loop printed.
    """

    update: str
    learning_rate: float
    w: list[float] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    dl_dw: list[float] = field(default_factory=list)
    dl_db: list[float] = field(default_factory=list)
    exact_dl_dw: list[float] = field(default_factory=list)
    exact_dl_db: list[float] = field(default_factory=list)
    difference: list[float] = field(default_factory=list)
    tolerance: list[float] = field(default_factory=list)
    final_w: float = math.nan
    final_b: float = math.nan
    printed: str = ""

    @property
    def epochs(self) -> int:
        return len(self.loss)

    @property
    def largest_difference(self) -> float:
        """The largest |tape − SymPy| over all epochs; nan if any epoch overflowed."""
        if any(math.isnan(d) for d in self.difference):
            return math.nan
        return max(self.difference, default=0.0)

    @property
    def worst_epoch(self) -> int:
        """The index of the epoch whose difference is largest against what rounding allows."""

        def ratio(index: int) -> float:
            share = self.difference[index] / self.tolerance[index]
            return math.inf if math.isnan(share) else share

        return max(range(self.epochs), key=ratio, default=0)

    @property
    def within_tolerance(self) -> bool:
        """Every epoch's tape gradient equals SymPy's up to float32 rounding (NaN fails)."""
        return all(d <= t for d, t in zip(self.difference, self.tolerance, strict=True))


def initial_weight(seed: int) -> float:
    """W as the notes draw it, `tf.random.normal([1])`, from a generator of its own: the same
    seed gives the same W on every run, whatever else the server is doing."""
    import tensorflow as tf

    generator = tf.random.Generator.from_seed(seed)
    return float(generator.normal([1])[0])


_LOOP = """
    import tensorflow as tf

    X = tf.constant($x)  # the inputs ‖ 输入
    y_true = tf.constant($y)  # the true outputs ‖ 真实值
    W = tf.Variable($w)  # weight: where gradient descent starts ‖ 权重：梯度下降的起点
    b = tf.Variable($b)  # bias ‖ 偏置
    learning_rate = $learning_rate
    epochs = $epochs
<OPTIMIZER>    history = []  # each epoch's numbers: plots, check ‖ 每轮的数值：画图、核对

    for epoch in range(epochs):
        with tf.GradientTape() as tape:  # record the forward pass ‖ 在磁带上记录前向传播
            y_pred = W * X + b
            loss = tf.reduce_mean(tf.square(y_pred - y_true))  # mean squared error ‖ 均方误差
        dW, db = tape.gradient(loss, [W, b])  # backward pass: dL/dW, dL/db ‖ 反向传播：dL/dW、dL/db
        history.append([W.numpy(), b.numpy(), loss.numpy(), dW.numpy(), db.numpy()])
        if epoch % $every == 0:  # loss, W, b before this epoch's update ‖ 本轮更新之前的损失、W、b
            print(f"epoch {epoch}: loss {loss.numpy():.4f}, W {W.numpy():.4f}, b {b.numpy():.4f}")
<UPDATE>
    # after the last update ‖ 最后一次更新之后
    print(f"epoch {epochs}: W {W.numpy():.4f}, b {b.numpy():.4f}")
"""

LOOP_ASSIGN_SUB = Snippet(
    _LOOP.replace("<OPTIMIZER>", "").replace(
        "<UPDATE>",
        "        W.assign_sub(learning_rate * dW)  # W ← W − lr·dW, in place ‖ 原地更新\n"
        "        b.assign_sub(learning_rate * db)",
    )
)
"""The notes' second loop: the update written out with `assign_sub`."""

LOOP_OPTIMIZER = Snippet(
    _LOOP.replace(
        "<OPTIMIZER>", "    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)\n"
    ).replace(
        "<UPDATE>",
        "        optimizer.apply_gradients(zip([dW, db], [W, b]))  # the same step ‖ 同样的一步",
    )
)
"""The notes' first loop: an SGD optimizer does the update."""

LOOPS = {"assign_sub": LOOP_ASSIGN_SUB, "optimizer": LOOP_OPTIMIZER}

PRINTED_LINES = 10
"""The loop prints about this many epochs, whatever their number: a short console."""


def print_every(epochs: int) -> int:
    """Print one epoch in `print_every(epochs)`: 1, 2, 5, 10, 20, 50, … so that at most
    `PRINTED_LINES` epochs are printed.

    >>> print_every(5), print_every(100), print_every(101), print_every(2000)
    (1, 10, 20, 200)
    """
    steps = (mantissa * 10**power for power in itertools.count() for mantissa in (1, 2, 5))
    return next(step for step in steps if math.ceil(epochs / step) <= PRINTED_LINES)


def shortest_float32(value: float) -> float:
    """The shortest decimal that is the same float32 as `value`: `tf.Variable(-1.3544159)`
    reads better than `-1.3544158935546875`, and is the very same W."""
    import numpy as np

    single = np.float32(value)
    short = float(str(single))
    return short if np.float32(short) == single else float(single)


def loop_params(
    data: DataSet, w_start: float, b_start: float, learning_rate: float, epochs: int
) -> dict:
    """The widget values as the loop's parameters: what the page shows is what runs."""
    return {
        "x": tuple(data.x_values),
        "y": tuple(data.y_values),
        "w": shortest_float32(w_start),
        "b": shortest_float32(b_start),
        "learning_rate": learning_rate,
        "epochs": int(epochs),
        "every": print_every(epochs),
    }


def train_linear_regression(
    data: DataSet,
    w_start: float,
    b_start: float,
    learning_rate: float,
    epochs: int,
    update: str,
) -> TrainingRun:
    """Run the notes' loop (`LOOPS[update]`) and read its history; then check each epoch's
    tape gradient against SymPy's exact one at the same (W, b)."""
    ran = LOOPS[update].run(**loop_params(data, w_start, b_start, learning_rate, epochs))
    # the loop is ours: an error is a bug, not a lesson ‖ 循环是我们写的：出错是缺陷，不是课程内容
    if ran.raised is not None:
        raise RuntimeError(f"the training loop raised {ran.raised}")
    rows = [[float(value) for value in row] for row in ran["history"]]
    w, b, loss, dl_dw, dl_db = ([row[column] for row in rows] for column in range(5))
    exact = symbolic_gradient(data)
    exact_gradients = [exact.at(w_now, b_now) for w_now, b_now in zip(w, b, strict=True)]
    exact_dl_dw = [gradient[0] for gradient in exact_gradients]
    exact_dl_db = [gradient[1] for gradient in exact_gradients]
    difference = [
        max(abs(tape_w - sympy_w), abs(tape_b - sympy_b))
        for tape_w, sympy_w, tape_b, sympy_b in zip(
            dl_dw, exact_dl_dw, dl_db, exact_dl_db, strict=True
        )
    ]
    return TrainingRun(
        update,
        learning_rate,
        w=w,
        b=b,
        loss=loss,
        dl_dw=dl_dw,
        dl_db=dl_db,
        exact_dl_dw=exact_dl_dw,
        exact_dl_db=exact_dl_db,
        difference=difference,
        tolerance=[exact.tolerance(w_now, b_now) for w_now, b_now in zip(w, b, strict=True)],
        final_w=float(ran["W"].numpy()),
        final_b=float(ran["b"].numpy()),
        printed=ran.printed,
    )


@functools.cache
def symbolic_gradient(data: DataSet) -> SymbolicGradient:
    """SymPy differentiates L(W, b) = (1/n)·Σ (W·xᵢ + b − yᵢ)² once for each parameter.

    The general form is for reading; the same derivative of the loss on this data, whose
    numbers are the float32 values the tape computes with, written as exact fractions, is
    linear in W and b: its three coefficients are all it takes to evaluate it anywhere.
    """
    import numpy as np
    import sympy

    W, b = sympy.symbols("W b", real=True)
    x, y = sympy.IndexedBase("x"), sympy.IndexedBase("y")
    i, n = sympy.Symbol("i", integer=True), sympy.Symbol("n", integer=True, positive=True)
    general = sympy.Sum((W * x[i] + b - y[i]) ** 2, (i, 1, n)) / n

    xs = [
        sympy.Rational(float(np.float32(v))) for v in data.x
    ]  # exactly what float32 holds ‖ 正是 float32 存下的值
    ys = [sympy.Rational(float(np.float32(v))) for v in data.y]
    loss = sympy.Add(*[(W * xi + b - yi) ** 2 for xi, yi in zip(xs, ys, strict=True)]) / len(xs)

    def coefficients(derivative: sympy.Expr) -> tuple[Fraction, Fraction, Fraction]:
        polynomial = sympy.Poly(derivative, W, b)
        return tuple(
            Fraction(int(c.p), int(c.q)) for c in (polynomial.coeff_monomial(m) for m in (W, b, 1))
        )

    def mean(values) -> Fraction:
        total = sum(values, sympy.S.Zero) / len(xs)
        return Fraction(int(total.p), int(total.q))

    return SymbolicGradient(
        loss_latex=sympy.latex(general),
        dl_dw_latex=sympy.latex(sympy.diff(general, W)),
        dl_db_latex=sympy.latex(sympy.diff(general, b)),
        dl_dw=coefficients(sympy.diff(loss, W)),
        dl_db=coefficients(sympy.diff(loss, b)),
        scale=(
            mean(xi**2 for xi in xs),
            mean(abs(xi) for xi in xs),
            mean(abs(yi * xi) for xi, yi in zip(xs, ys, strict=True)),
            mean(abs(yi) for yi in ys),
        ),
    )


@dataclass(frozen=True)
class ExactFit:
    """The least-squares line, solved by SymPy, with the exact fractions behind the floats."""

    w: float
    b: float
    w_exact: str
    b_exact: str
    loss: float
    """The smallest mean squared error any line reaches on this data."""
    curvatures: tuple[float, float]
    """Eigenvalues of the loss's Hessian, small then large: the valley's two steepnesses."""
    equations_latex: tuple[str, str]


@functools.cache
def least_squares(data: DataSet) -> ExactFit:
    """SymPy solves ∂L/∂W = 0 and ∂L/∂b = 0 exactly, with the data as the decimals written
    ("3.3" is 33/10), so the answer is the true minimum, not a float approximation of it."""
    import sympy

    W, b = sympy.symbols("W b", real=True)
    xs = [sympy.Rational(v) for v in data.x]
    ys = [sympy.Rational(v) for v in data.y]
    loss = sympy.Add(*[(W * xi + b - yi) ** 2 for xi, yi in zip(xs, ys, strict=True)]) / len(xs)
    equations = [sympy.Eq(sympy.expand(sympy.diff(loss, p)), 0) for p in (W, b)]
    solution = sympy.solve(equations, [W, b], dict=True)[0]
    curvatures = sorted(float(v) for v in sympy.hessian(loss, (W, b)).eigenvals())
    return ExactFit(
        w=float(solution[W]),
        b=float(solution[b]),
        w_exact=str(solution[W]),
        b_exact=str(solution[b]),
        loss=float(loss.subs(solution)),
        curvatures=(curvatures[0], curvatures[-1]),
        equations_latex=tuple(sympy.latex(e) for e in equations),
    )


@dataclass(frozen=True)
class Outlook:
    """What plain gradient descent does with this learning rate on this quadratic loss.

    Each epoch multiplies the distance to the minimum, along the valley's two directions, by
    |1 − lr·λ|; the flat direction (small λ) sets the pace, the steep one the speed limit.
    """

    stable: bool
    largest_stable_rate: float
    shrink_per_epoch: float
    """The factor the distance along the flat direction shrinks by each epoch."""
    epochs_to_one_percent: int | None
    """Epochs until that distance is 1 % of where it started; None when it never gets there."""


def outlook(fit: ExactFit, learning_rate: float) -> Outlook:
    """Stability and pace of W ← W − lr·∇L, from the loss's two curvatures."""
    small, large = fit.curvatures
    factors = [abs(1 - learning_rate * c) for c in (small, large)]
    slowest = max(factors)
    stable = slowest < 1
    epochs = math.ceil(math.log(0.01) / math.log(slowest)) if 0 < slowest < 1 else None
    return Outlook(
        stable=stable,
        largest_stable_rate=2 / large,
        shrink_per_epoch=slowest,
        epochs_to_one_percent=1 if slowest == 0 else epochs,
    )


def mean_squared_error(data: DataSet, w: float, b: float) -> float:
    """mean((W x + b − y)²) in float64 on the data as written: the loss at any (W, b)."""
    residuals = [w * x + b - y for x, y in zip(data.x_values, data.y_values, strict=True)]
    try:
        return math.fsum(r * r for r in residuals) / len(residuals)
    except OverflowError:
        return math.inf


VERDICTS = ("not_started", "converged", "close", "far", "diverged")


def verdict(run: TrainingRun, fit: ExactFit, w_start: float, b_start: float) -> str:
    """Where the run stands: within 1 % of the exact (W, b), within 10 %, farther, or running
    off (not finite, or ten times farther from the answer than where it started)."""
    if run.epochs == 0:
        return "not_started"

    def distance(w: float, b: float) -> float:
        return max(abs(w - fit.w) / max(1.0, abs(fit.w)), abs(b - fit.b) / max(1.0, abs(fit.b)))

    now = distance(run.final_w, run.final_b)
    if not math.isfinite(now) or now > 10 * distance(w_start, b_start) + 1e-9:
        return "diverged"
    if now <= 0.01:
        return "converged"
    return "close" if now <= 0.1 else "far"


@dataclass(frozen=True)
class KerasRun:
    """The modern template's result: loss per epoch and per batch, and the weights learned."""

    epoch_loss: list[float]
    batch_loss: list[float]
    kernel: float
    bias: float
    true_kernel: float
    true_bias: float
    samples: int
    printed: str = ""


KERAS_LOOP = Snippet("""
    import tensorflow as tf
    import numpy as np

    # 256 noisy points around y = 3x − 1 ‖ y = 3x − 1 附近的 256 个带噪声的点
    rng = np.random.default_rng($seed)
    x = rng.uniform(-2, 2, size=(256, 1)).astype(np.float32)
    y = (3 * x - 1 + rng.normal(0, 0.3, size=(256, 1))).astype(np.float32)
    train_dataset = tf.data.Dataset.from_tensor_slices((x, y))
    train_dataset = train_dataset.shuffle(256, seed=$seed).batch($batch_size)

    initializer = tf.keras.initializers.RandomNormal(seed=$seed)
    model = tf.keras.Sequential(
        [tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer=initializer)]
    )
    loss_function = tf.keras.losses.MeanSquaredError()
    optimizer = tf.keras.optimizers.SGD(learning_rate=$learning_rate)
    epochs = $epochs
    batch_losses, epoch_losses = [], []  # for the plot ‖ 画图用

    for epoch in range(epochs):
        for batch_x, batch_y in train_dataset:  # reshuffled every epoch ‖ 每轮重新打乱
            with tf.GradientTape() as tape:
                predictions = model(batch_x, training=True)  # forward pass ‖ 前向传播
                loss = loss_function(batch_y, predictions)
            gradients = tape.gradient(loss, model.trainable_variables)
            # the optimizer instead of assign_sub ‖ 用优化器代替手动 assign_sub
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
            batch_losses.append(loss.numpy())
        epoch_losses.append(loss_function(y, model(x)).numpy())  # on all the data ‖ 全部数据上
        print(f"epoch {epoch + 1}: loss {epoch_losses[-1]:.4f}")

    W, b = model.trainable_variables  # the kernel and the bias ‖ 权重（kernel）和偏置（bias）
    print(f"y = {W.numpy()[0, 0]:.4f}x {b.numpy()[0]:+.4f}")
""")
"""The notes' modern template: a Keras model, batches from tf.data, a GradientTape per batch,
and an optimizer instead of assign_sub. The data: y = 3x − 1 plus noise."""


def train_keras_model(
    seed: int,
    epochs: int,
    batch_size: int,
    learning_rate: float,
) -> KerasRun:
    """Run the modern template (`KERAS_LOOP`) and read its losses and weights."""
    ran = KERAS_LOOP.run(
        seed=int(seed), epochs=int(epochs), batch_size=int(batch_size), learning_rate=learning_rate
    )
    # the loop is ours: an error is a bug, not a lesson ‖ 循环是我们写的：出错是缺陷，不是课程内容
    if ran.raised is not None:
        raise RuntimeError(f"the Keras loop raised {ran.raised}")
    return KerasRun(
        epoch_loss=[float(loss) for loss in ran["epoch_losses"]],
        batch_loss=[float(loss) for loss in ran["batch_losses"]],
        kernel=float(ran["W"].numpy()[0, 0]),
        bias=float(ran["b"].numpy()[0]),
        true_kernel=3.0,
        true_bias=-1.0,
        samples=len(ran["x"]),
        printed=ran.printed,
    )
