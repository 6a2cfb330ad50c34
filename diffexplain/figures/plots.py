"""Data in, chart out: the main page's curves and errors as Altair (Vega-Lite) charts, drawn by
the visitor's browser (zoomable, with tooltips; the server sends only their data); the training
lecture's fit, loss and path over the loss surface as matplotlib `Figure`s, as in the course
notes (the page renders each to PNG once per set of parameters).

Curves with poles (1/x, tan x) are cut, never joined across the pole: `broken_line` puts a
NaN where a curve leaves the robust y-range or jumps across it, and `curve_frame` turns each NaN
into the start of a new segment of the line.

The matplotlib figures use the object API (`matplotlib.figure.Figure`, no pyplot state, so
Streamlit's threads cannot step on each other), on a white card with dark text of 13 pt or
more, and a CJK font behind every text when the machine has one (`cjk_font`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # a server has no screen; set before anything imports pyplot

import altair as alt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager, ticker  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from diffexplain.figures.plots_multi import FIT_WIDTH, styled  # noqa: E402

FONT = 13
"""Points (matplotlib) or pixels (Vega-Lite): what the back row of a lecture hall reads."""

EXACT_COLOR = "#1f77b4"
TAPE_COLOR = "#d62728"
POINT_COLOR = "#666666"
ORDER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
"""One colour per derivative order in the error chart: f, f′, f″ …"""

ERROR_FLOOR = 1e-20
"""Where an error of exactly 0 is drawn on the log scale (log 0 does not exist)."""

TRAINING_FIGSIZE = (5.6, 4.2)
"""Inches; the training page shows two figures side by side."""

MARKERS_PER_CURVE = 30
"""About how many autodiff markers sit on each curve: enough to see, few enough to see through."""

PANEL_HEIGHT = 200
ERROR_PANEL_HEIGHT = 240
"""Pixels of the plotting area. Charts are as wide as their column (`plots_multi.FIT_WIDTH`),
so they fit a projector's 1024 pixels as well as a wide screen, and stack on a phone."""


CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)
CJK_FILES = ("NotoSansCJK", "SourceHanSans", "wqy-zenhei", "msyh", "PingFang", "simhei")
"""Font files that hold those families, for a machine whose matplotlib cache predates them."""


@functools.cache
def cjk_font() -> str | None:
    """A font family with Chinese glyphs that matplotlib can use, or None.

    matplotlib indexes fonts once and keeps the list; a font installed later is found by its
    file and registered for this process. (Browser-drawn charts need none: the browser has
    its own fonts.)
    """

    def known() -> str | None:
        names = {font.name for font in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FAMILIES if name in names), None)

    if found := known():
        return found
    for path in font_manager.findSystemFonts():
        if any(part in Path(path).name for part in CJK_FILES):
            font_manager.fontManager.addfont(path)
    return known()


def family() -> list[str]:
    """Font families for every matplotlib text: per glyph, the first that has it."""
    cjk = cjk_font()
    return ["DejaVu Sans", cjk] if cjk else ["DejaVu Sans"]


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
"""The words drawn inside the main page's charts, in English; the page passes its own language
(`plots.figure.<key>` in the text files)."""


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
    """(x, y) with a NaN wherever the curve must not be joined.

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


def zoom(name: str) -> alt.Parameter:
    """Zoom (wheel) and pan (drag) bound to one panel's scales. Named per panel: panels of one
    chart with the same unnamed parameter would zoom together, though their y-ranges differ."""
    return alt.selection_interval(bind="scales", name=name)


def _nearest(grid: np.ndarray, point: float) -> int:
    return int(np.argmin(np.abs(np.asarray(grid) - point)))


def curve_frame(grid: np.ndarray, values: np.ndarray, limits: tuple[float, float]) -> pd.DataFrame:
    """The exact curve as rows for a Vega-Lite line: x, y and `segment`, a number that grows at
    every gap `broken_line` makes (a pole, no real value); rows without a value are left out, so
    the line is drawn per segment (`detail`) and never joined across a gap.

    >>> curve_frame(np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, np.nan, 2.0, 3.0]), (0, 4))
         x    y  segment
    0  0.0  1.0        0
    1  2.0  2.0        1
    2  3.0  3.0        1
    """
    x, y = broken_line(grid, values, limits)
    gap = np.isnan(y)
    segment = np.cumsum(gap)
    return pd.DataFrame({"x": x[~gap], "y": y[~gap], "segment": segment[~gap]})


def marker_frame(
    grid: np.ndarray, exact: np.ndarray, autodiff: np.ndarray, every: int
) -> pd.DataFrame:
    """The tape's values at every `every`-th grid point where it has a finite one: x, autodiff,
    and exact beside it for the tooltip (NaN where the exact value does not exist)."""
    frame = pd.DataFrame(
        {
            "x": np.asarray(grid, dtype=np.float64)[::every],
            "autodiff": np.asarray(autodiff, dtype=np.float64)[::every],
            "exact": np.asarray(exact, dtype=np.float64)[::every],
        }
    )
    return frame[np.isfinite(frame["autodiff"])].reset_index(drop=True)


def _halo_text(chart: alt.Chart, **mark) -> alt.LayerChart:
    """Text with a white outline under it, readable over the points it crosses."""
    halo = chart.mark_text(stroke="white", strokeWidth=4, strokeJoin="round", **mark)
    return alt.layer(halo, chart.mark_text(**mark))


def derivative_chart(
    grid: np.ndarray,
    exact: np.ndarray,
    autodiff: np.ndarray,
    point: float,
    order: int,
    variable: str = "x",
    words: Mapping[str, str] = FIGURE_TEXT,
    legend: bool = True,
    height: int = PANEL_HEIGHT,
) -> alt.LayerChart:
    """f⁽ᵏ⁾ around the point, k = `order`: the exact curve as a line (cut at poles, its y-range
    robust to a pole's huge values), the tape's values as open circles on every k-th grid point
    (tooltips give both values), the chosen point as a dashed rule and, where f⁽ᵏ⁾ has a value
    there, a dot. As wide as its column; zoom with the wheel, pan by dragging.

    `words`: FIGURE_TEXT's keys. `legend`: name the line and the circles above the plot.
    """
    values = np.asarray(exact, dtype=np.float64)
    limits = robust_limits(values)
    name = derivative_label(order)
    every = max(1, len(grid) // MARKERS_PER_CURVE)
    x = alt.X(
        "x:Q",
        title=variable,
        scale=alt.Scale(domain=[float(grid[0]), float(grid[-1])], nice=False, zero=False),
    )
    y_scale = alt.Scale(domain=list(limits), nice=False, zero=False)
    y = alt.Y("y:Q", title=None, scale=y_scale)
    series = [words["exact"], words["autodiff"]]
    # one entry a line: side by side they were cut off in a half-width column at 1024 pixels
    key = alt.Legend(title=None, orient="top", columns=1, symbolStrokeWidth=2.5) if legend else None
    colour = alt.Color(
        "series:N", scale=alt.Scale(domain=series, range=[EXACT_COLOR, TAPE_COLOR]), legend=key
    )
    # the legend shows a line for the exact curve and a circle for the tape's markers
    shape = alt.Shape(
        "series:N", scale=alt.Scale(domain=series, range=["stroke", "circle"]), legend=key
    )
    curve = curve_frame(grid, values, limits).assign(series=words["exact"])
    layers = [
        alt.Chart(curve)
        .mark_line(strokeWidth=2.2, clip=True)
        .encode(x=x, y=y, detail="segment:N", color=colour)
    ]
    markers = marker_frame(grid, values, autodiff, every).assign(series=words["autodiff"])
    layers.append(
        alt.Chart(markers)
        .mark_point(filled=False, size=45, strokeWidth=1.6, opacity=1, clip=True)
        .encode(
            x=x,
            y=alt.Y("autodiff:Q", title=None, scale=y_scale),
            color=colour,
            shape=shape,
            tooltip=[
                alt.Tooltip("x:Q", title=variable, format=".6g"),
                alt.Tooltip("autodiff:Q", title=words["autodiff"], format=".10g"),
                alt.Tooltip("exact:Q", title=words["exact"], format=".10g"),
            ],
        )
    )
    layers.append(
        alt.Chart(pd.DataFrame({"x": [float(point)]}))
        .mark_rule(color=POINT_COLOR, strokeDash=[6, 4], strokeWidth=1.2)
        .encode(x=x)
    )
    centre = _nearest(grid, point)
    if np.isfinite(values[centre]):
        dot = pd.DataFrame({"x": [float(grid[centre])], "y": [float(values[centre])]})
        layers.append(
            alt.Chart(dot)
            .mark_point(filled=True, size=80, color=POINT_COLOR, opacity=1, clip=True)
            .encode(x=x, y=y, tooltip=[alt.Tooltip("y:Q", title=name, format=".10g")])
        )
    if not np.isfinite(values).any():
        note = pd.DataFrame(
            {
                "x": [float(grid[0] + grid[-1]) / 2],
                "y": [sum(limits) / 2],
                "text": [words["no_value"].format(name=name)],
            }
        )
        layers.append(alt.Chart(note).mark_text(fontSize=FONT + 1).encode(x=x, y=y, text="text:N"))
    chart = alt.layer(*layers).properties(
        title=f"{name}({variable})", height=height, autosize=FIT_WIDTH
    )
    return styled(chart.add_params(zoom("zoom")))


def derivative_charts(
    grid: np.ndarray,
    exact: Mapping[int, np.ndarray],
    autodiff: Mapping[int, np.ndarray],
    point: float,
    variable: str = "x",
    words: Mapping[str, str] = FIGURE_TEXT,
    per_row: int = 2,
) -> list[alt.LayerChart]:
    """One `derivative_chart` per order, f first, for `per_row` columns: the panels of the
    first row carry the legend, so the rows line up. Each panel has its own y-range (f and
    f‴ differ in size) and zooms on its own."""
    return [
        derivative_chart(grid, exact[k], autodiff[k], point, k, variable, words, index < per_row)
        for index, k in enumerate(sorted(exact))
    ]


def absolute_errors(exact: np.ndarray, autodiff: np.ndarray) -> np.ndarray:
    """|autodiff − exact| where both are finite numbers; NaN where either is not (no error to
    measure: a pole, a value that is not real, an overflow)."""
    exact = np.asarray(exact, dtype=np.float64)
    autodiff = np.asarray(autodiff, dtype=np.float64)
    both = np.isfinite(exact) & np.isfinite(autodiff)
    errors = np.full(exact.shape, np.nan)
    errors[both] = np.abs(autodiff[both] - exact[both])
    return errors


def error_frame(
    grid: np.ndarray, exact: Mapping[int, np.ndarray], autodiff: Mapping[int, np.ndarray]
) -> pd.DataFrame:
    """One row per order and grid point with an error to show: order (f, f′ …), x, error
    (|autodiff − exact|) and shown (the error, or ERROR_FLOOR where it is exactly 0: a log
    scale has no 0). Points where either value is not a finite number are left out."""
    pieces = []
    for order in sorted(exact):
        errors = absolute_errors(exact[order], autodiff[order])
        keep = np.isfinite(errors)
        pieces.append(
            pd.DataFrame(
                {
                    "order": derivative_label(order),
                    "x": np.asarray(grid, dtype=np.float64)[keep],
                    "error": errors[keep],
                    "shown": np.where(errors[keep] == 0, ERROR_FLOOR, errors[keep]),
                }
            )
        )
    columns = ("order", "x", "error", "shown")
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=columns)


def error_chart(
    grid: np.ndarray,
    exact: Mapping[int, np.ndarray],
    autodiff: Mapping[int, np.ndarray],
    dtype: str,
    point: float,
    top: float,
    variable: str = "x",
    words: Mapping[str, str] = FIGURE_TEXT,
    axis_title: bool = True,
    height: int = ERROR_PANEL_HEIGHT,
) -> alt.LayerChart:
    """|autodiff − exact| of one dtype's tape on a log scale from ERROR_FLOOR/10 to `top`, one
    colour per order; the dtype's machine epsilon as a dashed line, errors of exactly 0 on a
    dotted floor line at ERROR_FLOOR, the point as a dashed rule. Points without an error are
    left out. As wide as its column; zoom with the wheel, pan by dragging."""
    frame = error_frame(grid, exact, autodiff)
    orders = sorted(exact)
    x = alt.X(
        "x:Q",
        title=variable,
        scale=alt.Scale(domain=[float(grid[0]), float(grid[-1])], nice=False, zero=False),
    )
    y_scale = alt.Scale(type="log", domain=[ERROR_FLOOR / 10, top], nice=False)
    title = words["error_axis"] if axis_title else None
    y_axis = alt.Axis(format=".0e")
    points = (
        alt.Chart(frame)
        .mark_circle(size=18, opacity=0.9, clip=True)
        .encode(
            x=x,
            y=alt.Y("shown:Q", scale=y_scale, title=title, axis=y_axis),
            color=alt.Color(
                "order:N",
                scale=alt.Scale(
                    domain=[derivative_label(k) for k in orders],
                    range=[ORDER_COLORS[k % len(ORDER_COLORS)] for k in orders],
                ),
                legend=alt.Legend(title=None, orient="top", symbolSize=120),
            ),
            tooltip=[
                alt.Tooltip("order:N", title=""),
                alt.Tooltip("x:Q", title=variable, format=".6g"),
                alt.Tooltip("error:Q", title="|autodiff − exact|", format=".3e"),
            ],
        )
    )
    epsilon = float(np.finfo(dtype).eps)
    lines = pd.DataFrame(
        {
            "y": [epsilon, ERROR_FLOOR],
            "text": [f"{dtype} ε = {epsilon:.1e}", words["zero"]],
            "line": ["epsilon", "floor"],
        }
    )
    y = alt.Y("y:Q", scale=y_scale, title=title, axis=y_axis)
    rules = (
        alt.Chart(lines)
        .mark_rule(strokeWidth=1.2, color="#555555")
        .encode(
            y=y,
            strokeDash=alt.StrokeDash(
                "line:N",
                scale=alt.Scale(domain=["epsilon", "floor"], range=[[6, 4], [2, 3]]),
                legend=None,
            ),
        )
    )
    label = {"baseline": "bottom", "dy": -3, "fontSize": FONT - 1, "color": "#333333"}
    epsilon_label = _halo_text(
        alt.Chart(lines.iloc[[0]]).encode(x=alt.value(0), y=y, text="text:N"),
        align="left",
        dx=4,
        **label,
    )
    floor_label = _halo_text(
        alt.Chart(lines.iloc[[1]]).encode(x=alt.value("width"), y=y, text="text:N"),
        align="right",
        dx=-4,
        **label,
    )
    at = (
        alt.Chart(pd.DataFrame({"x": [float(point)]}))
        .mark_rule(color=POINT_COLOR, strokeDash=[6, 4], strokeWidth=1.0)
        .encode(x=x)
    )
    chart = alt.layer(points, rules, at, epsilon_label, floor_label).properties(
        title=words["error_title"].format(dtype=dtype), height=height, autosize=FIT_WIDTH
    )
    return styled(chart.add_params(zoom("zoom")))


def error_charts(
    grid: np.ndarray,
    exact: Mapping[int, np.ndarray],
    autodiff_by_dtype: Mapping[str, Mapping[int, np.ndarray]],
    point: float,
    variable: str = "x",
    words: Mapping[str, str] = FIGURE_TEXT,
) -> list[alt.LayerChart]:
    """One `error_chart` per dtype, to be shown side by side. They share their y-range (up to
    ten times the largest error, at least 10), so float32's ~1e-7 and float64's ~1e-16 are
    seen against each other; the first carries the y-axis title."""
    largest = ERROR_FLOOR
    for autodiff in autodiff_by_dtype.values():
        for order in exact:
            errors = absolute_errors(exact[order], autodiff[order])
            if np.isfinite(errors).any():
                largest = max(largest, float(np.nanmax(errors)))
    top = max(largest, 1.0) * 10
    return [
        error_chart(grid, exact, autodiff, dtype, point, top, variable, words, index == 0)
        for index, (dtype, autodiff) in enumerate(autodiff_by_dtype.items())
    ]


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
    first_epoch: int = 1,
) -> Figure:
    """Loss per epoch (log scale while every loss is positive), with the exact minimum as a
    dashed line; `batch_loss`, if given, drawn faintly on the same epoch axis.

    `loss[k]` is drawn at epoch `first_epoch + k`: 1 for losses measured after each epoch,
    0 when the first is the loss before any training. The epoch axis has whole numbers only.

    With a positive `minimum`, a second axes below shows loss − minimum on a log scale: there
    gradient descent's slow final approach is a straight line, where above it looks flat.
    """
    loss = np.asarray(loss, dtype=np.float64)
    epochs = np.arange(first_epoch, first_epoch + len(loss))
    excess = loss - minimum if minimum is not None else None
    show_excess = bool(minimum is not None and minimum > 0 and np.any(excess > 0))
    figure = Figure(figsize=TRAINING_FIGSIZE, layout="constrained")
    if show_excess:
        axes, below = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    else:
        axes, below = figure.subplots(), None
    if batch_loss is not None and len(batch_loss):
        batches = np.asarray(batch_loss, dtype=np.float64)
        start = first_epoch - 0.5  # a batch's loss within its epoch
        position = np.linspace(start, start + len(loss), len(batches) + 1)[1:]
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
    (below or axes).xaxis.set_major_locator(ticker.MaxNLocator(integer=True))  # whole epochs
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
