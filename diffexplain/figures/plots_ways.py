"""Data in, Altair (Vega-Lite) chart out, for the "three ways to differentiate" page: expression
swell on a log axis, and the V of finite-difference error against step size. The visitor's
browser draws them (zoomable, with tooltips); the server sends only their data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from diffexplain.figures.plots_multi import FIT_WIDTH, FONT, styled
from diffexplain.teach.finite import DifferenceErrors

SERIES_STYLES = {
    "raw": {"color": "#d62728", "shape": "circle", "dash": []},
    "simplified": {"color": "#ff7f0e", "shape": "square", "dash": []},
    "cse": {"color": "#9467bd", "shape": "diamond", "dash": []},
    "tape": {"color": "#1f77b4", "shape": "triangle-up", "dash": [7, 4]},
    "tape_compute": {"color": "#17becf", "shape": "triangle-down", "dash": [7, 4]},
    "program": {"color": "#2ca02c", "shape": "cross", "dash": [7, 4]},
}
"""Symbolic sizes in warm colours and solid lines, tape counts in cool colours and dashes."""

DTYPE_COLORS = {"float32": "#ff7f0e", "float64": "#1f77b4"}
CHOSEN_COLOR = "#555555"

ERROR_FLOOR = 1e-18
"""The lowest an error of exactly 0 is drawn (log 0 does not exist); the page says so."""

SWELL_HEIGHT = 300
DIFFERENCE_HEIGHT = 380
"""Pixels of the plotting area; the width is the column's (`FIT_WIDTH`)."""


def error_floor(results: Sequence[DifferenceErrors]) -> float:
    """Where an error of 0 sits: a decade and a half below the smallest error there is.

    >>> error_floor([])
    1e-18
    """
    errors = [e for r in results for e in (*r.forward_error, *r.central_error, r.autodiff_error)]
    positive = [e for e in errors if e > 0 and np.isfinite(e)]
    if not positive:
        return ERROR_FLOOR
    return float(max(ERROR_FLOOR, 10 ** (np.floor(np.log10(min(positive))) - 1.5)))


def _positive(values: Sequence[float | None]) -> np.ndarray:
    """Counts for a log axis: 0 and missing become gaps (NaN)."""
    array = np.array([np.nan if v is None else float(v) for v in values])
    array[~(array > 0)] = np.nan
    return array


def swell_frame(
    steps: Sequence[int], series: Mapping[str, Sequence[float | None]], labels: Mapping[str, str]
) -> pd.DataFrame:
    """One row per series and step with a count a log axis can show: step, key, label, count,
    and `segment`, which grows at every gap (a 0 or a missing count), so no line runs across
    one."""
    pieces = []
    for key, values in series.items():
        counts = _positive(values)
        gap = np.isnan(counts)
        pieces.append(
            pd.DataFrame(
                {
                    "step": np.asarray(steps, dtype=np.int64)[~gap],
                    "key": key,
                    "label": labels[key],
                    "count": counts[~gap],
                    "segment": np.cumsum(gap)[~gap],
                }
            )
        )
    columns = ("step", "key", "label", "count", "segment")
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=columns)


def swell_chart(
    steps: Sequence[int],
    series: Mapping[str, Sequence[float | None]],
    labels: Mapping[str, str],
    xlabel: str,
    ylabel: str,
    height: int = SWELL_HEIGHT,
) -> alt.Chart:
    """One line per series (keys of `SERIES_STYLES`) against the order or the iteration, on a
    log axis labelled in plain numbers (5, 20, 1000); colour, dash and marker name the series
    in one legend."""
    frame = swell_frame(steps, series, labels)
    names = [labels[key] for key in series]
    styles = [SERIES_STYLES[key] for key in series]
    legend = alt.Legend(title=None, orient="right", symbolStrokeWidth=2.5, symbolSize=110)
    counts = frame["count"] if len(frame) else pd.Series([1.0])
    # a little room above and below, so the end markers are not cut by the frame
    log_scale = alt.Scale(
        type="log", domain=[float(counts.min()) / 1.6, float(counts.max()) * 1.6], nice=False
    )

    def channel(kind, values: list):
        return kind("label:N", scale=alt.Scale(domain=names, range=values), legend=legend)

    chart = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2.4, point={"size": 70, "filled": True}, clip=True)
        .encode(
            x=alt.X(
                "step:Q",
                title=xlabel,
                scale=alt.Scale(domain=[min(steps) - 0.2, max(steps) + 0.2], nice=False),
                axis=alt.Axis(values=list(steps), format="d"),
            ),
            y=alt.Y("count:Q", title=ylabel, scale=log_scale, axis=alt.Axis(format=",d")),
            color=channel(alt.Color, [s["color"] for s in styles]),
            strokeDash=channel(alt.StrokeDash, [s["dash"] for s in styles]),
            shape=channel(alt.Shape, [s["shape"] for s in styles]),
            detail="segment:N",
            tooltip=[
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("step:Q", title=xlabel),
                alt.Tooltip("count:Q", title=ylabel, format=",d"),
            ],
        )
        .properties(height=height, autosize=FIT_WIDTH)
        .interactive()
    )
    return styled(chart)


def difference_frame(
    results: Sequence[DifferenceErrors], labels: Mapping[str, str]
) -> pd.DataFrame:
    """The V's curves: one row per dtype, kind (forward, central) and step h: the error, and
    `shown`, the error or the floor (`error_floor`) where it is below it (0 included); `series`
    is the legend's name for the curve."""
    floor = error_floor(results)
    pieces = []
    for result in results:
        for kind, errors in (("forward", result.forward_error), ("central", result.central_error)):
            errors = np.asarray(errors, dtype=np.float64)
            keep = np.isfinite(errors)
            pieces.append(
                pd.DataFrame(
                    {
                        "dtype": result.dtype,
                        "kind": kind,
                        "series": labels[kind].format(dtype=result.dtype),
                        "h": np.asarray(result.steps, dtype=np.float64)[keep],
                        "error": errors[keep],
                        "shown": np.maximum(errors[keep], floor),
                    }
                )
            )
    columns = ("dtype", "kind", "series", "h", "error", "shown")
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=columns)


def difference_error_chart(
    results: Sequence[DifferenceErrors],
    chosen_step: float,
    labels: Mapping[str, str],
    height: int = DIFFERENCE_HEIGHT,
) -> alt.LayerChart:
    """|error| against step h, log–log: forward (solid) and central (dashed) per dtype, the
    autodiff error as a flat dotted line, √ε and ∛ε marked at the top, the chosen step as a
    grey line.

    Args:
        labels: "forward", "central", "autodiff" (each formatted with {dtype}), "step", "error",
            "chosen". An error of exactly 0 is drawn at `error_floor(results)`.
    """
    floor = error_floor(results)
    curves = difference_frame(results, labels)
    names, colours, dashes = [], [], []
    for result in results:
        for kind, dash in (("forward", []), ("central", [7, 4]), ("autodiff", [2, 3])):
            names.append(labels[kind].format(dtype=result.dtype))
            colours.append(DTYPE_COLORS[result.dtype])
            dashes.append(dash)
    names.append(labels["chosen"])
    colours.append(CHOSEN_COLOR)
    dashes.append([])
    legend = alt.Legend(title=None, orient="bottom", columns=4, symbolStrokeWidth=2.5)
    colour = alt.Color("series:N", scale=alt.Scale(domain=names, range=colours), legend=legend)
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=names, range=dashes), legend=legend)
    top = float(curves["shown"].max()) if len(curves) else 1.0
    x_scale = alt.Scale(type="log", domain=[min(finite_steps(results)), 1.0], nice=False)
    y_scale = alt.Scale(type="log", domain=[floor / 3, max(top * 30, 1.0)], nice=False)
    x = alt.X("h:Q", title=labels["step"], scale=x_scale, axis=alt.Axis(format=".0e"))
    y = alt.Y("shown:Q", title=labels["error"], scale=y_scale, axis=alt.Axis(format=".0e"))
    lines = (
        alt.Chart(curves)
        .mark_line(strokeWidth=2.4, clip=True)
        .encode(
            x=x,
            y=y,
            color=colour,
            strokeDash=dash,
            tooltip=[
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("h:Q", title="h", format=".1e"),
                alt.Tooltip("error:Q", title=labels["error"], format=".3e"),
            ],
        )
    )
    autodiff = pd.DataFrame(
        {
            "series": [labels["autodiff"].format(dtype=r.dtype) for r in results],
            "error": [r.autodiff_error for r in results],
            "shown": [max(r.autodiff_error, floor) for r in results],
        }
    )
    flat = (
        alt.Chart(autodiff)
        .mark_rule(strokeWidth=2)
        .encode(
            y=y,
            color=colour,
            strokeDash=dash,
            tooltip=[
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("error:Q", title=labels["error"], format=".3e"),
            ],
        )
    )
    chosen = (
        alt.Chart(pd.DataFrame({"series": [labels["chosen"]], "h": [float(chosen_step)]}))
        .mark_rule(strokeWidth=2.5)
        .encode(x=x, color=colour, strokeDash=dash)
    )
    layers = [lines, flat, chosen]
    for result in results:  # √ε and ∛ε in the dtype's colour: a fixed colour, no second scale
        short = _subscript(result.dtype.replace("float", ""))
        marks = pd.DataFrame(
            {
                "h": [float(result.best_steps[k]) for k in ("forward", "central")],
                "text": [f"√ε{short}", f"∛ε{short}"],
            }
        )
        best = alt.Chart(marks).encode(x=x)
        colour_of = DTYPE_COLORS[result.dtype]
        layers.append(best.mark_rule(strokeWidth=1, opacity=0.6, color=colour_of))
        layers.append(
            best.mark_text(
                align="left", baseline="top", dx=3, dy=4, fontSize=FONT, color=colour_of
            ).encode(y=alt.value(0), text="text:N")
        )
    chart = alt.layer(*layers).properties(height=height, autosize=FIT_WIDTH).interactive()
    return styled(chart)


def finite_steps(results: Sequence[DifferenceErrors]) -> list[float]:
    """Every step h of the sweeps (the x-axis runs from the smallest to 1)."""
    return [float(h) for r in results for h in r.steps] or [1e-16]


def _subscript(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
