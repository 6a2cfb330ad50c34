"""Guide page: control flow inside the tape (the guide's "Control flow" section, and the
`tf.where` note in its API docs).

- `branch_taken(at, use_cond)`: `if`/`tf.cond` picks v0 or v1²: only the branch taken gets a
  gradient, and the condition's x gets None
- `squaring_loop(at)`: a `while` loop squares y until it passes 100: the tape differentiates
  the iterations that ran, y = x^(2^k)
- `piecewise(at, strict)`: x² below 1, 3x − 2 above: at 1, the branch the comparison picks
- `where_gradients(inner, at)`: `tf.where(x > 0, inner(x), 0.)` and its safe form
- `zero_upstream(inner)`: why: the gradient of inner at 0 when 0 arrives from `tf.where`
- `exact_*`: SymPy's `Piecewise` and its derivative, and one-sided difference quotients
- `quiz_*`: the page's three questions
"""

from __future__ import annotations

from dataclasses import dataclass

from diffexplain.teach.lessons.outcome import Exact, as_python, exactly

INNER_FUNCTIONS = ("tf.sqrt(x)", "x ** 0.5", "tf.math.log(x)", "1 / x")
"""The branch `tf.where` discards for x ≤ 0."""


@dataclass(frozen=True)
class Branches:
    branch: str
    """The branch that ran: "v0" or "v1**2"."""
    dresult_dv0: float | None
    dresult_dv1: float | None
    dresult_dx: float | None
    """Always None: x reaches the result only through a comparison."""


@dataclass(frozen=True)
class Loop:
    y: float
    squarings: int
    """How many times the loop body ran: y = x^(2^squarings)."""
    dy_dx: float


@dataclass(frozen=True)
class Piece:
    y: float
    dy_dx: float


@dataclass(frozen=True)
class WhereGradients:
    value: float
    naive: float
    """d/dx tf.where(x > 0, inner(x), 0.)"""
    safe: float
    """The same with inner(tf.where(x > 0, x, 1.)): inner never sees x ≤ 0."""


@dataclass(frozen=True)
class OneSided:
    left: float
    """lim h→0⁻ (f(x + h) − f(x)) / h"""
    right: float
    """lim h→0⁺ (f(x + h) − f(x)) / h"""


def branch_taken(at: float, use_cond: bool) -> Branches:
    """The guide's example: the branch not taken is not recorded."""
    import tensorflow as tf

    x = tf.constant(at)
    v0 = tf.Variable(2.0)
    v1 = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        # eagerly, tf.cond runs one branch, like `if` ‖ 即时执行时 tf.cond 像 `if` 只运行一个分支
        if use_cond:
            result = tf.cond(x > 0.0, lambda: v0, lambda: v1**2)
        elif x > 0.0:
            result = v0
        else:
            result = v1**2
    dv0, dv1 = tape.gradient(result, [v0, v1])
    return Branches(
        branch="v0" if at > 0.0 else "v1**2",
        dresult_dv0=as_python(dv0),
        dresult_dv1=as_python(dv1),
        dresult_dx=as_python(tape.gradient(result, x)),  # None ‖ 得到 None
    )


def squaring_loop(at: float) -> Loop:
    """Python decides how often the loop runs; the tape records each y * y."""
    import tensorflow as tf

    x = tf.constant(at)
    squarings = 0
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x
        while y < 100.0:  # a comparison: not differentiated ‖ 比较运算：不参与求导
            y = y * y
            squarings += 1
    return Loop(as_python(y), squarings, as_python(tape.gradient(y, x)))


def piecewise(at: float, strict: bool) -> Piece:
    """x² below 1, 3x − 2 from there on (from just above 1 if not strict)."""
    import tensorflow as tf

    def f(x):
        below = x < 1.0 if strict else x <= 1.0
        if below:
            return x**2
        return 3.0 * x - 2.0

    x = tf.constant(at)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(
            x
        )  # Python runs one branch; the tape records it ‖ Python 只运行一个分支；磁带记录的就是它
    return Piece(as_python(y), as_python(tape.gradient(y, x)))


def where_gradients(inner: str, at: float) -> WhereGradients:
    """tf.where picks 0. for x ≤ 0, but inner(x) is computed anyway."""
    import tensorflow as tf

    functions = {
        "tf.sqrt(x)": tf.sqrt,
        "x ** 0.5": lambda x: x**0.5,
        "tf.math.log(x)": tf.math.log,
        "1 / x": lambda x: 1 / x,
    }
    f = functions[inner]
    x = tf.constant(at)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        naive = tf.where(x > 0, f(x), 0.0)
        safe_x = tf.where(x > 0, x, 1.0)  # a harmless input where x ≤ 0 ‖ 在 x ≤ 0 处换成无害的输入
        safe = tf.where(x > 0, f(safe_x), 0.0)
    return WhereGradients(
        value=as_python(naive),
        naive=as_python(tape.gradient(naive, x)),
        safe=as_python(tape.gradient(safe, x)),
    )


def zero_upstream(inner: str) -> float:
    """At x = 0, tf.where sends 0 to the branch it discarded: 0 · inner′(0)."""
    import tensorflow as tf

    functions = {
        "tf.sqrt(x)": tf.sqrt,
        "x ** 0.5": lambda x: x**0.5,
        "tf.math.log(x)": tf.math.log,
        "1 / x": lambda x: 1 / x,
    }
    x = tf.constant(0.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = functions[inner](x)
    zero = tf.constant(0.0)  # the gradient arriving at y ‖ 到达 y 的梯度
    return as_python(tape.gradient(y, x, output_gradients=zero))


def exact_branches(at: float) -> Exact:
    """SymPy: ∂/∂v0, ∂/∂v1, ∂/∂x of Piecewise((v0, x > 0), (v1², True))."""
    import sympy

    x, v0, v1 = sympy.symbols("x v0 v1", real=True)
    result = sympy.Piecewise((v0, x > 0), (v1**2, True))
    partials = [sympy.diff(result, v) for v in (v0, v1, x)]
    return exactly(partials, {x: sympy.nsimplify(at), v0: 2, v1: 2})


def exact_loop(at: float, squarings: int) -> Exact:
    """SymPy: d/dx x^(2^k), the function the loop computed for this x."""
    import sympy

    x = sympy.Symbol("x", positive=True)
    y = x ** (2**squarings)
    return exactly([sympy.diff(y, x)], {x: sympy.nsimplify(at)})


def exact_piecewise(at: float, strict: bool) -> Exact:
    """SymPy differentiates the Piecewise branch by branch."""
    import sympy

    x = sympy.Symbol("x", real=True)
    below = x < 1 if strict else x <= 1
    f = sympy.Piecewise((x**2, below), (3 * x - 2, True))
    return exactly([sympy.diff(f, x)], {x: sympy.nsimplify(at)})


def one_sided(at: float) -> OneSided:
    """SymPy: the difference quotient's limits from the left and the right."""
    import sympy

    x = sympy.Symbol("x", real=True)
    f = sympy.Piecewise((x**2, x < 1), (3 * x - 2, True))
    point = sympy.nsimplify(at)
    limits = []
    for side, h in (
        # h's sign: which side x + h is on ‖ h 的正负：x + h 在哪一侧
        ("-", sympy.Symbol("h", negative=True)),
        ("+", sympy.Symbol("h", positive=True)),
    ):
        quotient = (f.subs(x, point + h) - f.subs(x, point)) / h
        limits.append(float(sympy.limit(quotient, h, 0, side)))
    return OneSided(left=limits[0], right=limits[1])


def exact_where(inner: str, at: float) -> Exact:
    """SymPy: the derivative of Piecewise((inner(x), x > 0), (0, True))."""
    import sympy

    x = sympy.Symbol("x", real=True)
    functions = {
        "tf.sqrt(x)": sympy.sqrt(x),
        "x ** 0.5": x ** sympy.Rational(1, 2),
        "tf.math.log(x)": sympy.log(x),
        "1 / x": 1 / x,
    }
    f = sympy.Piecewise((functions[inner], x > 0), (0, True))
    return exactly([sympy.diff(f, x)], {x: sympy.nsimplify(at)})


def quiz_branch():
    """x = -3. Which branch runs, and what is its derivative?"""
    import tensorflow as tf

    def f(x):
        if x > 0:
            return x * x
        return -x

    x = tf.constant(-3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def quiz_loop():
    """x = 2. The loop body runs three times."""
    import tensorflow as tf

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x
        for _ in range(3):
            y = y * x
    return tape.gradient(y, x)


def quiz_condition():
    """The gradient of the condition itself."""
    import tensorflow as tf

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        condition = tf.cast(x > 0, tf.float32)  # 1.0
    return tape.gradient(condition, x)
