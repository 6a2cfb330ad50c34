"""Data in, matplotlib `Figure` out, for functions of several variables: the Hessian as a heat
map with its values written in the cells, and f's contour lines with the gradient arrow.

Object API only (no pyplot state shared between Streamlit's threads); a white card with dark
text at 13 pt or more, readable on a projector and in Streamlit's dark theme alike. Labels may
be Chinese: every text gets `family()`, DejaVu Sans with a CJK font behind it when the machine
has one (`cjk_font`); without one the pages pass English labels.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # a server has no screen

import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT = 13
"""Points: what the back row of a lecture hall reads."""

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
    file and registered for this process.
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
    """Font families for every text: per glyph, the first that has it."""
    cjk = cjk_font()
    return ["DejaVu Sans", cjk] if cjk else ["DejaVu Sans"]


def legend_font(size: int = FONT - 1) -> dict:
    return {"family": family(), "size": size}


TEXT_COLOR = "#222222"
ARROW_COLOR = "#d62728"


def card(figure: Figure) -> Figure:
    """White background, dark ticks and labels: the same in Streamlit's light and dark themes."""
    figure.set_facecolor("white")
    for axes in figure.axes:
        axes.set_facecolor("white")
        axes.tick_params(labelsize=FONT, colors=TEXT_COLOR)
        for spine in axes.spines.values():
            spine.set_color("#888888")
    return figure


def cell_text(value: float) -> str:
    """A Hessian entry as the heat map writes it: four significant digits, words for non-finite.

    >>> cell_text(2.0517261734), cell_text(-0.0), cell_text(float("nan"))
    ('2.052', '0', 'nan')
    """
    if np.isnan(value):
        return "nan"
    if np.isinf(value):
        return "+inf" if value > 0 else "-inf"
    return f"{value:.4g}".replace("-0", "0") if value == 0 else f"{value:.4g}"


def hessian_figure(
    matrix: Sequence[Sequence[float]], variables: Sequence[str], title: str
) -> Figure:
    """The matrix as coloured cells (red positive, blue negative, white 0), each labelled.

    The colour scale is symmetric about 0, so the sign of a curvature is its colour.
    """
    values = np.asarray(matrix, dtype=np.float64)
    size = len(variables)
    figure = Figure(figsize=(1.3 * size + 2.4, 1.2 * size + 1.3), layout="constrained")
    axes = figure.subplots()
    finite = values[np.isfinite(values)]
    reach = float(np.max(np.abs(finite))) if finite.size else 1.0
    reach = reach or 1.0
    image = axes.imshow(
        np.where(np.isfinite(values), values, np.nan), cmap="RdBu_r", vmin=-reach, vmax=reach
    )
    for i in range(size):
        for j in range(size):
            value = values[i, j]
            dark = np.isfinite(value) and abs(value) > 0.6 * reach
            axes.text(
                j,
                i,
                cell_text(value),
                ha="center",
                va="center",
                fontsize=FONT + 1,
                color="white" if dark else TEXT_COLOR,
            )
    labels = [f"∂{name}" for name in variables]
    axes.set_xticks(range(size), labels)
    axes.set_yticks(range(size), labels)
    axes.xaxis.tick_top()
    axes.set_title(title, fontsize=FONT + 1, color=TEXT_COLOR, family=family())
    colorbar = figure.colorbar(image, ax=axes, shrink=0.85)
    colorbar.ax.tick_params(labelsize=FONT - 1, colors=TEXT_COLOR)
    return card(figure)


def contour_levels(values: np.ndarray, count: int = 14) -> np.ndarray | None:
    """Levels spanning the body of the values (2nd to 98th percentile): a pole nearby does not
    squeeze every line into one corner. None when there is nothing to draw."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    low, high = np.percentile(finite, [2, 98])
    if high - low <= 1e-12 * max(1.0, abs(high)):
        return None
    return np.linspace(low, high, count)


def contour_figure(
    x: np.ndarray,
    y: np.ndarray,
    values: np.ndarray,
    variables: Sequence[str],
    point: tuple[float, float],
    gradient: tuple[float, float],
    labels: dict[str, str],
) -> Figure:
    """Filled contours of f around the point, and ∇f there as an arrow.

    The arrow's direction is the gradient's; its length is scaled to a quarter of the window
    (true lengths run off the plot). Equal axes show it at right angles to the contour lines.

    Args:
        labels: "gradient" (the arrow's legend), "flat" (said when ∇f = 0), "empty" (said
            when f has no real value anywhere in the window).
    """
    figure = Figure(figsize=(6.2, 5.4), layout="constrained")
    axes = figure.subplots()
    levels = contour_levels(values)
    if levels is None:
        axes.text(
            0.5,
            0.5,
            labels["empty"],
            transform=axes.transAxes,
            ha="center",
            fontsize=FONT,
            family=family(),
        )
    else:
        shown = np.ma.masked_invalid(values)
        filled = axes.contourf(x, y, shown, levels=levels, cmap="viridis", extend="both")
        axes.contour(
            x,
            y,
            shown,
            levels=levels,
            colors="white",
            linewidths=0.7,
            alpha=0.8,
            negative_linestyles="solid",
        )
        colorbar = figure.colorbar(filled, ax=axes, shrink=0.85)
        colorbar.ax.tick_params(labelsize=FONT - 1, colors=TEXT_COLOR)
        colorbar.set_label("f", fontsize=FONT, color=TEXT_COLOR)
    axes.plot(*point, "o", color="white", markeredgecolor="black", markersize=10, zorder=5)
    length = float(np.hypot(*gradient))
    if np.isfinite(length) and length > 0:
        reach = 0.25 * (x[-1] - x[0])
        dx, dy = gradient[0] / length * reach, gradient[1] / length * reach
        axes.annotate(
            "",
            xy=(point[0] + dx, point[1] + dy),
            xytext=point,
            arrowprops={"arrowstyle": "-|>", "color": ARROW_COLOR, "lw": 3, "mutation_scale": 25},
            zorder=6,
        )
        axes.plot([], [], color=ARROW_COLOR, lw=3, label=labels["gradient"])
        axes.legend(loc="upper left", prop=legend_font(), framealpha=0.9)
    else:
        axes.set_title(labels["flat"], fontsize=FONT, color=TEXT_COLOR, family=family())
    axes.set_xlim(x[0], x[-1])
    axes.set_ylim(y[0], y[-1])
    axes.set_aspect("equal")
    axes.set_xlabel(variables[0], fontsize=FONT + 1, color=TEXT_COLOR)
    axes.set_ylabel(variables[1], fontsize=FONT + 1, color=TEXT_COLOR)
    return card(figure)
