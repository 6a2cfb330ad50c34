"""Lecture 8: the notes' training loops, with SymPy checking every gradient and solving exactly.

- `NOTES_17`, `NOTES_3`: the notes' two data sets, as the decimals they are written with
- `initial_weight(seed)`: W drawn like the notes' `tf.random.normal([1])`, reproducibly
- `train_linear_regression(data, w_start, b_start, learning_rate, epochs, update)`: the notes'
  loop (`W.assign_sub(lr * dW)` or an SGD optimizer's `apply_gradients`), epoch by epoch
- `symbolic_gradient(data)`: SymPy's ∂L/∂W and ∂L/∂b of the mean squared error, exactly
- `least_squares(data)`: SymPy solves ∂L/∂W = 0, ∂L/∂b = 0: where the loop is heading
- `outlook(fit, learning_rate)`: why the loop gets there slowly, or not at all
- `train_keras_model(seed, epochs, batch_size, learning_rate)`: the notes' modern template
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace
from fractions import Fraction


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

    The lists are filled by the loop as it runs, one entry per epoch; `final_w`, `final_b` are
    the parameters after the last update.
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

    def followed_by(self, later: TrainingRun) -> TrainingRun:
        """This run's history, then the history of a run that started where this one stopped."""
        joined = {
            name: getattr(self, name) + getattr(later, name)
            for name in ("w", "b", "loss", "dl_dw", "dl_db", "exact_dl_dw", "exact_dl_db")
        }
        return replace(
            later,
            **joined,
            difference=self.difference + later.difference,
            tolerance=self.tolerance + later.tolerance,
        )


def initial_weight(seed: int) -> float:
    """W as the notes draw it, `tf.random.normal([1])`, from a generator of its own: the same
    seed gives the same W on every run, whatever else the server is doing."""
    import tensorflow as tf

    generator = tf.random.Generator.from_seed(seed)
    return float(generator.normal([1])[0])


def train_linear_regression(
    data: DataSet,
    w_start: float,
    b_start: float,
    learning_rate: float,
    epochs: int,
    update: str,
) -> TrainingRun:
    """The notes' loop: record the forward pass, get dL/dW and dL/db from the tape,
    step downhill. Every epoch's gradient is checked against SymPy's exact one."""
    import tensorflow as tf

    X = tf.constant(data.x_values, dtype=tf.float32)
    y_true = tf.constant(data.y_values, dtype=tf.float32)
    W = tf.Variable(w_start, dtype=tf.float32, name="weight")
    b = tf.Variable(b_start, dtype=tf.float32, name="bias")
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)
    exact = symbolic_gradient(data)
    history = TrainingRun(update, learning_rate)

    for _ in range(epochs):
        with tf.GradientTape() as tape:
            y_pred = W * X + b  # forward pass
            loss = tf.reduce_mean(tf.square(y_pred - y_true))  # mean squared error
        dW, db = tape.gradient(loss, [W, b])  # backward pass: dL/dW, dL/db

        # the check: SymPy's gradient at the very same W and b
        w_now, b_now, dw_tape, db_tape = (float(t.numpy()) for t in (W, b, dW, db))
        dw_sympy, db_sympy = exact.at(w_now, b_now)
        history.w.append(w_now)
        history.b.append(b_now)
        history.loss.append(float(loss.numpy()))
        history.dl_dw.append(dw_tape)
        history.dl_db.append(db_tape)
        history.exact_dl_dw.append(dw_sympy)
        history.exact_dl_db.append(db_sympy)
        difference = max(abs(dw_tape - dw_sympy), abs(db_tape - db_sympy))
        history.difference.append(difference)
        history.tolerance.append(exact.tolerance(w_now, b_now))

        if update == "assign_sub":  # W = W − learning_rate · dW, in place
            W.assign_sub(learning_rate * dW)
            b.assign_sub(learning_rate * db)
        else:  # the optimizer does the same subtraction for us
            optimizer.apply_gradients(zip([dW, db], [W, b], strict=True))

    return replace(history, final_w=float(W.numpy()), final_b=float(b.numpy()))


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

    xs = [sympy.Rational(float(np.float32(v))) for v in data.x]  # exactly what float32 holds
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


def train_keras_model(
    seed: int,
    epochs: int,
    batch_size: int,
    learning_rate: float,
) -> KerasRun:
    """The notes' modern loop: a Keras model, batches from tf.data, a GradientTape per
    batch, and an optimizer instead of assign_sub. The data: y = 3x − 1 plus noise."""
    import numpy as np
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, size=(256, 1)).astype(np.float32)
    y = (3 * x - 1 + rng.normal(0, 0.3, size=(256, 1))).astype(np.float32)
    train_dataset = tf.data.Dataset.from_tensor_slices((x, y))
    train_dataset = train_dataset.shuffle(256, seed=seed).batch(batch_size)

    initializer = tf.keras.initializers.RandomNormal(seed=seed)
    model = tf.keras.Sequential(
        [
            tf.keras.Input((1,)),
            tf.keras.layers.Dense(1, kernel_initializer=initializer),
        ]
    )
    variables = model.trainable_variables  # the kernel W and the bias b
    loss_function = tf.keras.losses.MeanSquaredError()
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)
    epoch_loss, batch_loss = [], []

    for _ in range(epochs):
        for batch_x, batch_y in train_dataset:  # a new shuffle every epoch
            with tf.GradientTape() as tape:
                predictions = model(batch_x, training=True)  # forward pass
                loss = loss_function(batch_y, predictions)
            gradients = tape.gradient(loss, variables)
            optimizer.apply_gradients(zip(gradients, variables, strict=True))
            batch_loss.append(float(loss.numpy()))
        # after each epoch: the loss on all the data
        epoch_loss.append(float(loss_function(y, model(x)).numpy()))

    kernel, bias = (float(v.numpy().ravel()[0]) for v in variables)
    return KerasRun(epoch_loss, batch_loss, kernel, bias, 3.0, -1.0, len(x))
