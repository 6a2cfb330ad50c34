"""Data in, Altair (Vega-Lite) chart out, for functions of several variables: the Hessian as a
heat map with its values written in the cells, and f around the point as a heat map with
contour lines and the gradient as an arrow. The visitor's browser draws them (zoomable, with
tooltips); the server only sends their data.

Also the look every browser-drawn chart of the app shares (`styled`): text of 13 px or more,
readable on a projector.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

FONT = 13
"""Pixels: what the back row of a lecture hall reads."""

TEXT_COLOR = "#222222"
ARROW_COLOR = "#d62728"
NO_VALUE_COLOR = "#d9d9d9"
"""A Hessian cell without a finite value: grey, neither red nor blue."""

FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
"""Fill the column's width (`st.vega_lite_chart(..., width="stretch")`); keep the height."""

PLOT_SIZE = alt.AutoSizeParams(type="pad", contains="padding")
"""Width and height are the plotting area's; axes, titles and legends come on top (Streamlit
would otherwise squeeze everything into the given size)."""

CONTOUR_CELLS = 61
"""Most heat-map cells per side of the contour chart: the browser draws CONTOUR_CELLS² rects,
and the data sent stays small; the contour lines use the full grid."""

CONTOUR_SIZE = 400
"""Pixels, both sides: equal axes, so the gradient is seen at right angles to the lines."""


def styled(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Fonts of 13 px or more on axes, legends and titles; legends never cut their labels."""
    return (
        chart.configure_axis(labelFontSize=FONT, titleFontSize=FONT + 1, gridColor="#e4e4e4")
        .configure_legend(labelFontSize=FONT, titleFontSize=FONT, labelLimit=0)
        .configure_title(fontSize=FONT + 2, anchor="middle")
    )


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


def hessian_frame(matrix: Sequence[Sequence[float]], variables: Sequence[str]) -> pd.DataFrame:
    """One row per cell: its row and column label (∂x …), the value (None where not finite),
    the text written in it, and whether the cell is dark enough to need white text."""
    values = np.asarray(matrix, dtype=np.float64)
    finite = values[np.isfinite(values)]
    reach = float(np.max(np.abs(finite))) if finite.size else 1.0
    reach = reach or 1.0
    labels = [f"∂{name}" for name in variables]
    rows = []
    for i, row_label in enumerate(labels):
        for j, column_label in enumerate(labels):
            value = float(values[i, j])
            shown = math.isfinite(value)
            rows.append(
                {
                    "row": row_label,
                    "column": column_label,
                    "value": value if shown else None,
                    "text": cell_text(value),
                    "dark": shown and abs(value) > 0.6 * reach,
                }
            )
    return pd.DataFrame(rows)


def hessian_chart(
    matrix: Sequence[Sequence[float]], variables: Sequence[str], title: str
) -> alt.LayerChart:
    """The matrix as coloured cells (red positive, blue negative, white 0), each labelled.

    The colour scale is symmetric about 0, so the sign of a curvature is its colour; a cell
    without a finite value is grey and says nan or ±inf.
    """
    frame = hessian_frame(matrix, variables)
    finite = frame["value"].dropna()
    reach = float(finite.abs().max()) if len(finite) else 1.0
    reach = reach or 1.0
    order = list(dict.fromkeys(frame["row"]))
    x = alt.X("column:N", sort=order, title=None, axis=alt.Axis(orient="top", labelAngle=0))
    y = alt.Y("row:N", sort=order, title=None)
    base = alt.Chart(frame).encode(x=x, y=y)
    colour = alt.Color(
        "value:Q",
        scale=alt.Scale(scheme="redblue", reverse=True, domain=[-reach, reach], domainMid=0),
        legend=alt.Legend(title=None, gradientLength=120),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=colour,
        tooltip=[
            alt.Tooltip("row:N", title="i"),
            alt.Tooltip("column:N", title="j"),
            alt.Tooltip("value:Q", format=".10g", title="H[i, j]"),
        ],
    )
    missing = (
        base.transform_filter("!isValid(datum.value)")
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(color=alt.value(NO_VALUE_COLOR))
    )
    texts = base.mark_text(fontSize=FONT + 1).encode(
        text="text:N",
        color=alt.condition("datum.dark", alt.value("white"), alt.value(TEXT_COLOR)),
    )
    return styled(
        alt.layer(cells, missing, texts).properties(
            title=title, height=alt.Step(80), width=alt.Step(80), autosize=PLOT_SIZE
        )
    )


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


def contour_lines(
    x: np.ndarray, y: np.ndarray, values: np.ndarray, levels: Sequence[float]
) -> pd.DataFrame:
    """The contour lines of `values[j, i] = f(x[i], y[j])` at `levels`, as a long table: one
    row per vertex with its level, its line (`line`, a number per connected piece) and its place
    along that line (`step`), for a Vega-Lite line mark (`detail=line`, `order=step`).

    The lines come from contourpy (marching squares, what matplotlib's `contour` uses), run
    on the server: only the vertices travel, and the browser draws them."""
    import contourpy  # matplotlib's own contouring, without matplotlib's drawing

    generator = contourpy.contour_generator(
        np.asarray(x, float), np.asarray(y, float), np.ma.masked_invalid(values)
    )
    pieces = []
    line = 0
    for level in levels:
        for vertices in generator.lines(float(level)):
            if len(vertices) < 2:
                continue
            pieces.append(
                pd.DataFrame(
                    {
                        "a": vertices[:, 0],
                        "b": vertices[:, 1],
                        "level": float(level),
                        "line": line,
                        "step": np.arange(len(vertices)),
                    }
                )
            )
            line += 1
    if not pieces:
        return pd.DataFrame({"a": [], "b": [], "level": [], "line": [], "step": []})
    return pd.concat(pieces, ignore_index=True)


def surface_frame(x: np.ndarray, y: np.ndarray, values: np.ndarray) -> pd.DataFrame:
    """Heat-map cells: f at every k-th grid point (at most CONTOUR_CELLS per side), finite ones
    only (a cell where f has no real value is left blank). Columns a, b (the two variables) and
    f; `every` grid points make one cell."""
    every = max(1, math.ceil((len(x) - 1) / (CONTOUR_CELLS - 1)))
    grid_a, grid_b = np.meshgrid(np.asarray(x)[::every], np.asarray(y)[::every])
    shown = np.asarray(values)[::every, ::every]
    keep = np.isfinite(shown)
    return pd.DataFrame({"a": grid_a[keep], "b": grid_b[keep], "f": shown[keep]})


def _half_cell(column: pd.Series) -> float:
    """Half the spacing of the values in a grid column: a cell reaches that far each side."""
    return float(column.max() - column.min()) / max(1, column.nunique() - 1) / 2


def arrow_frame(
    point: tuple[float, float], gradient: tuple[float, float], reach: float
) -> pd.DataFrame | None:
    """The gradient arrow: from the point, along ∇f, `reach` long (true lengths run off the
    plot), with the angle of its head for Vega's `triangle-up` (degrees clockwise from up).
    None when ∇f has no direction (zero, or not a finite number)."""
    length = math.hypot(*gradient)
    if not math.isfinite(length) or length == 0:
        return None
    dx, dy = gradient[0] / length * reach, gradient[1] / length * reach
    return pd.DataFrame(
        {
            "a": [point[0]],
            "b": [point[1]],
            "a2": [point[0] + dx],
            "b2": [point[1] + dy],
            "angle": [math.degrees(math.atan2(dx, dy)) % 360],
        }
    )


def contour_chart(
    x: np.ndarray,
    y: np.ndarray,
    values: np.ndarray,
    variables: Sequence[str],
    point: tuple[float, float],
    gradient: tuple[float, float],
    labels: Mapping[str, str],
    size: int = CONTOUR_SIZE,
) -> alt.LayerChart:
    """f around the point as a heat map with white contour lines (the one through the point
    thicker), the point, and ∇f there as an arrow.

    The arrow's direction is the gradient's; its length is a quarter of the window. Both axes
    span the same width on a square chart, so the arrow is seen at right angles to the lines.

    Args:
        values: `values[j, i] = f(x[i], y[j])`, NaN where f has no real value.
        labels: "gradient" (the arrow's legend), "flat" (the title when ∇f = 0), "empty" (said
            when f has no real value anywhere in the window).
    """
    a_name, b_name = variables
    x_scale = alt.Scale(domain=[float(x[0]), float(x[-1])], nice=False, zero=False)
    y_scale = alt.Scale(domain=[float(y[0]), float(y[-1])], nice=False, zero=False)
    a_axis = alt.X("a:Q", title=a_name, scale=x_scale)
    b_axis = alt.Y("b:Q", title=b_name, scale=y_scale)
    layers = []
    levels = contour_levels(values)
    cells = surface_frame(x, y, values)
    if levels is None or cells.empty:
        note = pd.DataFrame(
            {"a": [(x[0] + x[-1]) / 2], "b": [(y[0] + y[-1]) / 2], "text": [labels["empty"]]}
        )
        layers.append(
            alt.Chart(note)
            .mark_text(fontSize=FONT + 1, color=TEXT_COLOR)
            .encode(x=a_axis, y=b_axis, text="text:N")
        )
    else:
        # cells overlap a little: abutting rects leave hairline seams in the browser
        half_a, half_b = (1.1 * _half_cell(cells[name]) for name in ("a", "b"))
        heat = (
            alt.Chart(cells)
            .transform_calculate(
                a0=f"datum.a - {half_a!r}",
                a1=f"datum.a + {half_a!r}",
                b0=f"datum.b - {half_b!r}",
                b1=f"datum.b + {half_b!r}",
            )
            .mark_rect(clip=True)
            .encode(
                x=alt.X("a0:Q", title=a_name, scale=x_scale),
                x2="a1:Q",
                y=alt.Y("b0:Q", title=b_name, scale=y_scale),
                y2="b1:Q",
                color=alt.Color(
                    "f:Q",
                    # the body of the values, as the levels: a pole nearby does not wash out
                    # the rest; values beyond take the end colours (matplotlib's extend="both")
                    scale=alt.Scale(
                        scheme="viridis", domain=[levels[0], levels[-1]], clamp=True, nice=False
                    ),
                    legend=alt.Legend(title="f", gradientLength=size - 80, orient="right"),
                ),
                tooltip=[
                    alt.Tooltip("a:Q", title=a_name, format=".4g"),
                    alt.Tooltip("b:Q", title=b_name, format=".4g"),
                    alt.Tooltip("f:Q", title="f", format=".6g"),
                ],
            )
        )
        layers.append(heat)
        lines = contour_lines(x, y, values, levels)
        layers.append(
            alt.Chart(lines)
            .mark_line(color="white", strokeWidth=0.8, opacity=0.8, clip=True)
            .encode(x=a_axis, y=b_axis, detail="line:N", order="step:Q")
        )
        centre = values[len(y) // 2, len(x) // 2]
        if np.isfinite(centre):
            through = contour_lines(x, y, values, [centre])
            layers.append(
                alt.Chart(through)
                .mark_line(color="white", strokeWidth=2.2, clip=True)
                .encode(x=a_axis, y=b_axis, detail="line:N", order="step:Q")
            )
    layers.append(
        alt.Chart(pd.DataFrame({"a": [point[0]], "b": [point[1]]}))
        .mark_point(filled=True, fill="white", stroke="black", strokeWidth=1.5, size=140, opacity=1)
        .encode(x=a_axis, y=b_axis)
    )
    arrow = arrow_frame(point, gradient, 0.25 * float(x[-1] - x[0]))
    title = ""
    if arrow is not None:
        arrow["series"] = labels["gradient"]
        layers.append(
            alt.Chart(arrow)
            .mark_rule(strokeWidth=3, color=ARROW_COLOR, clip=True)
            .encode(x=a_axis, y=b_axis, x2="a2:Q", y2="b2:Q")
        )
        layers.append(  # the head; it alone carries the legend (one colour scale, one key)
            alt.Chart(arrow)
            .mark_point(shape="triangle-up", filled=True, size=260, opacity=1, clip=True)
            .encode(
                x=alt.X("a2:Q", scale=x_scale, title=a_name),
                y=alt.Y("b2:Q", scale=y_scale, title=b_name),
                angle=alt.Angle("angle:Q", scale=None),
                color=alt.Color(
                    "series:N",
                    scale=alt.Scale(domain=[labels["gradient"]], range=[ARROW_COLOR]),
                    legend=alt.Legend(title=None, orient="bottom", symbolType="arrow"),
                ),
            )
        )
    elif math.isfinite(math.hypot(*gradient)):  # ∇f = 0, not merely undefined
        title = labels["flat"]
    chart = alt.layer(*layers).resolve_scale(color="independent")
    chart = chart.properties(
        width=size, height=size, autosize=PLOT_SIZE, **({"title": title} if title else {})
    )
    return styled(chart.interactive())
