"""Data in, matplotlib `Figure` out: the main page's curves and errors, the training lecture's
fit, loss and path over the loss surface.

Every figure is built with the object API (`matplotlib.figure.Figure`, no pyplot state, so
Streamlit's threads cannot step on each other), on a white card with dark text and fonts of
13 pt or more, readable on a projector and on Streamlit's dark theme alike.

Curves with poles (1/x, tan x) are cut, never joined across the pole: `broken_line` puts a
NaN where a curve leaves the robust y-range or jumps across it, and matplotlib leaves a gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # a server has no screen; set before anything imports pyplot

import numpy as np  # noqa: E402
from matplotlib import ticker  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from diffexplain.plots_multi import family  # noqa: E402 - fonts with Chinese glyphs, if any

FONT = 13
"""Points. Streamlit stretches a figure to its column, so figures are sized to be shown at
80–100 % of their size on a 1280-pixel screen: 13 pt stays about 13 pixels or more."""

EXACT_COLOR = "#1f77b4"
TAPE_COLOR = "#d62728"
POINT_COLOR = "#444444"
DTYPE_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")

ERROR_FLOOR = 1e-20
"""Where an error of exactly 0 is drawn on the log scale (log 0 does not exist)."""

TRAINING_FIGSIZE = (5.6, 4.2)
"""Inches; the training page shows two figures side by side."""

MARKERS_PER_CURVE = 30
"""About how many autodiff markers sit on each curve: enough to see, few enough to see through."""


def derivative_label(order: int) -> str:
    """f, f′, f″, f‴, f⁽⁴⁾ … as a blackboard writes them."""
    if order <= 3:
        return "f" + ("", "′", "″", "‴")[order]
    superscript = str(order).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"f⁽{superscript}⁾"


def _card(figure: Figure) -> Figure:
    figure.set_facecolor("white")
    for axes in figure.axes:
        axes.set_facecolor("white")
        axes.tick_params(which="both", labelsize=FONT, colors="#222222")
        axes.grid(True, color="#dddddd", linewidth=0.8)
    return figure


def _legend(axes: Axes, **options) -> None:
    axes.legend(prop={"family": family(), "size": FONT - 1}, framealpha=0.9, **options)


FIGURE_TEXT = {
    "exact": "exact (SymPy)",
    "autodiff": "autodiff (tape, float64)",
    "no_value": "{name} has no real value here",
    "error_title": "|autodiff − exact|, {dtype}",
    "error_axis": "absolute error (0 → 1e-20)",
    "zero": "error exactly 0",
}
"""The words drawn inside the main page's figures, in English; pages pass their own language
(`plots.figure.<key>` in the text files) when a font for it is there."""


# --- one-variable functions: curves and errors ------------------------------------------------


def robust_limits(values: np.ndarray) -> tuple[float, float]:
    """A y-range showing the body of a curve: all of it, unless a few values (near a pole) are
    far beyond the rest, in which case the 5–95 % percentile range widened by its own span.

    >>> robust_limits(np.array([0.0, 1.0, 2.0]))
    (-0.1, 2.1)
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (-1.0, 1.0)
    low, high = float(finite.min()), float(finite.max())
    q_low, q_high = (float(q) for q in np.percentile(finite, [5, 95]))
    body = q_high - q_low
    if high - low > 4 * body and body > 0:  # heavy tails: a pole, not the body of the curve
        low, high = max(low, q_low - body), min(high, q_high + body)
    if high - low <= 1e-12 * max(1.0, abs(high)):
        return (low - 1.0, high + 1.0)
    pad = 0.05 * (high - low)
    return (round(low - pad, 12), round(high + pad, 12))


def broken_line(
    grid: np.ndarray, values: np.ndarray, limits: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) for `ax.plot` with a NaN wherever the curve must not be joined.

    A NaN point is inserted between neighbours that are both outside the y-range (the segment
    would run across it, or off-screen across a pole such as 1/x²'s), or that jump against the
    direction of both their neighbours' steps, and by more than either: a zigzag a well-sampled
    smooth curve never makes, and the signature of a pole where the curve changes sign (1/x,
    tan x), even when the samples stay in view. Values beyond the limits (±inf included) are then
    pulled in to one span outside them, so the line still runs off the edge of the plot instead
    of stopping short of it.
    """
    x = np.asarray(grid, dtype=np.float64)
    y = np.asarray(values, dtype=np.float64)
    low, high = limits
    span = high - low
    step = np.diff(y)
    with np.errstate(invalid="ignore"):
        outside = (y < low) | (y > high)
    across = outside[:-1] & outside[1:]
    before = np.concatenate(([np.nan], step[:-1]))
    after = np.concatenate((step[1:], [np.nan]))
    with np.errstate(invalid="ignore"):
        against_before = ~(step * before > 0) & (np.abs(step) > np.abs(before))
        against_after = ~(step * after > 0) & (np.abs(step) > np.abs(after))
    # at the ends of the grid, or next to a gap, the one neighbour there is decides
    against_before |= np.isnan(before) & against_after
    against_after |= np.isnan(after) & against_before
    pole = against_before & against_after & (np.abs(step) > 0.1 * span)
    cuts = np.flatnonzero(across | pole) + 1
    shown = np.clip(y, low - span, high + span)  # NaN stays NaN: a gap
    return np.insert(x, cuts, np.nan), np.insert(shown, cuts, np.nan)


def _nearest(grid: np.ndarray, point: float) -> int:
    return int(np.argmin(np.abs(np.asarray(grid) - point)))


def derivative_figure(
    grid: np.ndarray,
    exact: Mapping[int, np.ndarray],
    autodiff: Mapping[int, np.ndarray],
    point: float,
    variable: str = "x",
    words: Mapping[str, str] = FIGURE_TEXT,
) -> Figure:
    """One panel per order: the exact curve as a line, the tape's values as markers on every
    k-th grid point, the chosen point as a dashed line and a dot. `words`: FIGURE_TEXT's keys.

    Returns a Figure with len(exact) axes; each holds 3 lines (exact, autodiff, point)
    plus the dot when f⁽ᵏ⁾ has a value at the point.
    """
    orders = sorted(exact)
    columns = 1 if len(orders) == 1 else 2
    rows = -(-len(orders) // columns)
    figure = Figure(figsize=(9.6, 3.1 * rows + 0.5), layout="constrained")
    axes_grid = figure.subplots(rows, columns, squeeze=False, sharex=True)
    every = max(1, len(grid) // MARKERS_PER_CURVE)
    centre = _nearest(grid, point)
    for index, order in enumerate(orders):
        axes = axes_grid[index // columns][index % columns]
        values = np.asarray(exact[order], dtype=np.float64)
        limits = robust_limits(values)
        line_x, line_y = broken_line(grid, values, limits)
        axes.plot(line_x, line_y, color=EXACT_COLOR, linewidth=2.2, label=words["exact"])
        taped = np.asarray(autodiff[order], dtype=np.float64)
        axes.plot(
            grid[::every],
            taped[::every],
            linestyle="none",
            marker="o",
            markersize=6,
            markerfacecolor="none",
            markeredgewidth=1.6,
            color=TAPE_COLOR,
            label=words["autodiff"],
        )
        axes.axvline(point, color=POINT_COLOR, linestyle="--", linewidth=1.2)
        if np.isfinite(values[centre]):
            axes.plot([grid[centre]], [values[centre]], "o", color=POINT_COLOR, markersize=8)
        axes.set_ylim(*limits)
        axes.set_xlim(grid[0], grid[-1])  # the whole interval, even where f has no value
        name = derivative_label(order)
        axes.set_title(f"{name}({variable})", fontsize=FONT + 1)
        if not np.isfinite(values).any():
            axes.text(
                0.5,
                0.5,
                words["no_value"].format(name=name),
                transform=axes.transAxes,
                ha="center",
                fontsize=FONT,
                family=family(),
            )
        if index == 0:
            _legend(axes, loc="best")
    for index in range(rows * columns):
        axes = axes_grid[index // columns][index % columns]
        if index >= len(orders):
            figure.delaxes(axes)
        elif index + columns >= len(orders):  # nothing below it: it carries the x-axis
            axes.set_xlabel(variable, fontsize=FONT)
            axes.xaxis.set_tick_params(labelbottom=True)
    return _card(figure)


def absolute_errors(exact: np.ndarray, autodiff: np.ndarray) -> np.ndarray:
    """|autodiff − exact| where both are finite numbers; NaN where either is not (no error to
    measure: a pole, a value that is not real, an overflow)."""
    exact = np.asarray(exact, dtype=np.float64)
    autodiff = np.asarray(autodiff, dtype=np.float64)
    both = np.isfinite(exact) & np.isfinite(autodiff)
    errors = np.full(exact.shape, np.nan)
    errors[both] = np.abs(autodiff[both] - exact[both])
    return errors


def error_figure(
    grid: np.ndarray,
    exact: Mapping[int, np.ndarray],
    autodiff_by_dtype: Mapping[str, Mapping[int, np.ndarray]],
    point: float,
    variable: str = "x",
    words: Mapping[str, str] = FIGURE_TEXT,
) -> Figure:
    """|autodiff − exact| on a log scale, one axes per dtype side by side, one colour per order.

    The axes share their y-scale, so float32's ~1e-7 and float64's ~1e-16 are seen against each
    other. Errors of exactly 0 are drawn on a dotted floor line at ERROR_FLOOR; points without an
    error (no finite value on one side) are left out.
    """
    dtypes = list(autodiff_by_dtype)
    figure = Figure(figsize=(9.6, 4.2), layout="constrained")
    axes_row = figure.subplots(1, len(dtypes), squeeze=False, sharey=True)[0]
    largest = ERROR_FLOOR
    for axes, dtype in zip(axes_row, dtypes, strict=True):
        for order in sorted(exact):
            errors = absolute_errors(exact[order], autodiff_by_dtype[dtype][order])
            if np.isfinite(errors).any():
                largest = max(largest, float(np.nanmax(errors)))
            shown = np.where(errors == 0, ERROR_FLOOR, errors)
            axes.plot(
                grid,
                shown,
                linestyle="none",
                marker=".",
                markersize=6,
                color=DTYPE_COLORS[order % len(DTYPE_COLORS)],
                label=derivative_label(order),
            )
        epsilon = float(np.finfo(dtype).eps)
        axes.axhline(epsilon, color="#555555", linestyle="--", linewidth=1.2)
        axes.text(
            0.02,
            epsilon * 2,
            f"{dtype} ε = {epsilon:.1e}",
            fontsize=FONT - 1,
            color="#333333",
            va="bottom",
            transform=axes.get_yaxis_transform(),  # x in axes fractions, y in data
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        axes.axhline(ERROR_FLOOR, color="#999999", linestyle=":", linewidth=1.2)
        axes.text(
            0.98,
            ERROR_FLOOR * 3,
            words["zero"],
            fontsize=FONT - 1,
            family=family(),
            color="#333333",
            ha="right",
            va="bottom",
            transform=axes.get_yaxis_transform(),
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        axes.axvline(point, color=POINT_COLOR, linestyle="--", linewidth=1.0)
        axes.set_yscale("log")
        axes.set_xlim(grid[0], grid[-1])
        axes.set_title(words["error_title"].format(dtype=dtype), fontsize=FONT + 1, family=family())
        axes.set_xlabel(variable, fontsize=FONT)
    axes_row[0].set_ylim(ERROR_FLOOR / 10, max(largest, 1.0) * 10)
    axes_row[0].set_ylabel(words["error_axis"], fontsize=FONT, family=family())
    _legend(axes_row[-1], loc="upper right", ncols=2)
    return _card(figure)


# --- the training lecture -----------------------------------------------------------------------


TRAINING_TEXT = {
    "data": "data",
    "after_epochs": "after {epochs} epochs",
    "after_one_epoch": "after 1 epoch",
    "least_squares": "exact least squares",
    "loss_title": "loss per epoch",
    "batches": "batches",
    "loss": "loss",
    "minimum": "minimum",
    "epoch": "epoch",
    "path": "path",
    "start": "start",
    "now": "now",
    "exact": "exact",
}
"""The words inside the training-loop figures, in English; the page passes its own language
(`train.figure.<key>` in the text files) when matplotlib has a font for it."""


def fit_figure(
    x: Sequence[float],
    y: Sequence[float],
    fitted: tuple[float, float],
    exact: tuple[float, float],
    epochs: int,
    words: Mapping[str, str] = TRAINING_TEXT,
) -> Figure:
    """The data, the line gradient descent has reached (W, b), and the exact least-squares line."""
    x = np.asarray(x, dtype=np.float64)
    figure = Figure(figsize=TRAINING_FIGSIZE, layout="constrained")
    axes = figure.subplots()
    axes.scatter(x, y, s=55, color="#333333", zorder=3, label=words["data"])
    pad = 0.08 * (x.max() - x.min() or 1.0)
    line_x = np.array([x.min() - pad, x.max() + pad])
    w, b = fitted
    if np.isfinite(w) and np.isfinite(b):
        label = (
            words["after_one_epoch"] if epochs == 1 else words["after_epochs"].format(epochs=epochs)
        )
        axes.plot(line_x, w * line_x + b, color=TAPE_COLOR, linewidth=2.4, label=label)
    axes.plot(
        line_x,
        exact[0] * line_x + exact[1],
        color=EXACT_COLOR,
        linestyle="--",
        linewidth=2.0,
        label=words["least_squares"],
    )
    y = np.asarray(y, dtype=np.float64)
    spread = y.max() - y.min() or 1.0
    axes.set_ylim(y.min() - 0.6 * spread, y.max() + 0.6 * spread)
    axes.set_xlabel("x", fontsize=FONT)
    axes.set_ylabel("y", fontsize=FONT)
    _legend(axes, loc="upper left")
    return _card(figure)


def loss_figure(
    loss: Sequence[float],
    minimum: float | None = None,
    title: str | None = None,
    batch_loss: Sequence[float] | None = None,
    words: Mapping[str, str] = TRAINING_TEXT,
) -> Figure:
    """Loss per epoch (log scale while every loss is positive), with the exact minimum as a
    dashed line; `batch_loss`, if given, drawn faintly on the same epoch axis.

    With a positive `minimum`, a second axes below shows loss − minimum on a log scale: there
    gradient descent's slow final approach is a straight line, where above it looks flat.
    """
    loss = np.asarray(loss, dtype=np.float64)
    epochs = np.arange(1, len(loss) + 1)
    excess = loss - minimum if minimum is not None else None
    show_excess = bool(minimum is not None and minimum > 0 and np.any(excess > 0))
    figure = Figure(figsize=TRAINING_FIGSIZE, layout="constrained")
    if show_excess:
        axes, below = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    else:
        axes, below = figure.subplots(), None
    if batch_loss is not None and len(batch_loss):
        batches = np.asarray(batch_loss, dtype=np.float64)
        position = np.linspace(0.5, len(loss) + 0.5, len(batches) + 1)[1:]
        axes.plot(position, batches, color="#aaaaaa", linewidth=1.0, label=words["batches"])
    axes.plot(
        epochs, loss, color=TAPE_COLOR, marker="o", markersize=3, linewidth=2, label=words["loss"]
    )
    if minimum is not None:
        axes.axhline(
            minimum, color=EXACT_COLOR, linestyle="--", linewidth=1.8, label=words["minimum"]
        )
    finite = loss[np.isfinite(loss)]
    if finite.size and finite.min() > 0 and (minimum is None or minimum > 0):
        axes.set_yscale("log")
    axes.set_ylabel("MSE", fontsize=FONT)
    axes.set_title(title or words["loss_title"], fontsize=FONT + 1, family=family())
    _legend(axes, loc="upper right")
    if below is not None:
        shown = np.where(excess > 0, excess, np.nan)
        below.plot(epochs, shown, color=TAPE_COLOR, marker="o", markersize=3, linewidth=2)
        below.set_yscale("log")
        below.set_ylabel("MSE − min", fontsize=FONT)
    (below or axes).set_xlabel(words["epoch"], fontsize=FONT, family=family())
    return _card(figure)


def _mse_surface(x: np.ndarray, y: np.ndarray, ws: np.ndarray, bs: np.ndarray) -> np.ndarray:
    """mean((W x + b − y)²) on a (b, W) grid, without a Python loop over the data."""
    w_grid, b_grid = np.meshgrid(ws, bs)
    residual = w_grid[..., None] * x + b_grid[..., None] - y
    return np.mean(residual**2, axis=-1)


def _view(points: np.ndarray, anchors: np.ndarray) -> tuple[float, float, float, float]:
    """A box around the path, unless the path runs away (divergence): then around the anchors."""
    finite = points[np.all(np.isfinite(points), axis=1)]
    core_low, core_high = anchors.min(axis=0), anchors.max(axis=0)
    core = np.maximum(core_high - core_low, 0.5)
    low = np.minimum(finite.min(axis=0), core_low) if finite.size else core_low
    high = np.maximum(finite.max(axis=0), core_high) if finite.size else core_high
    if np.any(high - low > 10 * core):
        low, high = core_low, core_high
    size = np.maximum(high - low, 0.5)
    low, high = low - 0.25 * size, high + 0.25 * size
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def loss_path_figure(
    x: Sequence[float],
    y: Sequence[float],
    w_path: Sequence[float],
    b_path: Sequence[float],
    best: tuple[float, float],
    words: Mapping[str, str] = TRAINING_TEXT,
) -> Figure:
    """The (W, b) each epoch reached, over contour lines of the mean squared error, with the
    exact minimum as a star. Contour levels are spaced geometrically above the minimum, so the
    long narrow valley of the loss shows."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    path = np.column_stack([np.asarray(w_path, float), np.asarray(b_path, float)])
    anchors = np.array([path[0], best]) if len(path) else np.array([best])
    w_low, w_high, b_low, b_high = _view(path, anchors)
    ws, bs = np.linspace(w_low, w_high, 160), np.linspace(b_low, b_high, 160)
    surface = _mse_surface(x, y, ws, bs)
    lowest = float(np.mean((best[0] * x + best[1] - y) ** 2))
    span = max(float(surface.max()) - lowest, 1e-12)
    levels = lowest + np.geomspace(span * 1e-3, span, 14)
    figure = Figure(figsize=TRAINING_FIGSIZE, layout="constrained")
    axes = figure.subplots()
    filled = axes.contourf(ws, bs, surface, levels=np.concatenate(([lowest], levels)), alpha=0.35)
    axes.contour(ws, bs, surface, levels=levels, linewidths=0.8, cmap="viridis")
    colorbar = figure.colorbar(filled, ax=axes)
    colorbar.set_label("MSE", fontsize=FONT)
    colorbar.ax.tick_params(labelsize=FONT - 1)
    colorbar.ax.yaxis.set_major_formatter(ticker.FormatStrFormatter("%.3g"))
    if len(path):
        axes.plot(
            path[:, 0], path[:, 1], color=TAPE_COLOR, linewidth=1.8, marker=".", label=words["path"]
        )
        axes.plot(*path[0], "o", color="#222222", markersize=9, label=words["start"])
        axes.plot(*path[-1], "s", color=TAPE_COLOR, markersize=9, label=words["now"])
    axes.plot(
        *best, "*", color="#ffbf00", markeredgecolor="#222222", markersize=18, label=words["exact"]
    )
    axes.set_xlim(w_low, w_high)
    axes.set_ylim(b_low, b_high)
    axes.set_xlabel("W", fontsize=FONT)
    axes.set_ylabel("b", fontsize=FONT)
    _legend(axes, loc="best")
    return _card(figure)
