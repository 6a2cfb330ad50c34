"""Data in, matplotlib `Figure` out, for the "three ways to differentiate" page: expression
swell on a log axis, and the V of finite-difference error against step size.

Object API only; white card, dark text, 13 pt or more (see `plots_multi.card`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib import ticker
from matplotlib.figure import Figure

from diffexplain.finite import DifferenceErrors
from diffexplain.plots_multi import FONT, TEXT_COLOR, card, family, legend_font

SERIES_STYLES = {
    "raw": {"color": "#d62728", "marker": "o", "linestyle": "-"},
    "simplified": {"color": "#ff7f0e", "marker": "s", "linestyle": "-"},
    "cse": {"color": "#9467bd", "marker": "D", "linestyle": "-"},
    "tape": {"color": "#1f77b4", "marker": "^", "linestyle": "--"},
    "tape_compute": {"color": "#17becf", "marker": "v", "linestyle": "--"},
    "program": {"color": "#2ca02c", "marker": "P", "linestyle": "--"},
}
"""Symbolic sizes in warm colours and solid lines, tape counts in cool colours and dashes."""

DTYPE_COLORS = {"float32": "#ff7f0e", "float64": "#1f77b4"}

ERROR_FLOOR = 1e-18
"""The lowest an error of exactly 0 is drawn (log 0 does not exist); the plot says so."""


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
    """Counts for a log axis: 0 and missing become gaps."""
    array = np.array([np.nan if v is None else float(v) for v in values])
    array[~(array > 0)] = np.nan
    return array


def swell_figure(
    steps: Sequence[int],
    series: Mapping[str, Sequence[float | None]],
    labels: Mapping[str, str],
    xlabel: str,
    ylabel: str,
) -> Figure:
    """One line per series (keys of `SERIES_STYLES`) against the order or the iteration."""
    figure = Figure(figsize=(11, 4.8), layout="constrained")
    axes = figure.subplots()
    for key, values in series.items():
        axes.plot(
            steps,
            _positive(values),
            linewidth=2.4,
            markersize=8,
            label=labels[key],
            **SERIES_STYLES[key],
        )
    axes.set_yscale("log")
    _plain_log_labels(axes.yaxis, [v for values in series.values() for v in _positive(values)])
    axes.set_xticks(list(steps))
    axes.set_xlabel(xlabel, fontsize=FONT + 1, color=TEXT_COLOR, family=family())
    axes.set_ylabel(ylabel, fontsize=FONT + 1, color=TEXT_COLOR, family=family())
    axes.grid(True, which="major", color="#dddddd", linewidth=0.8)
    figure.legend(loc="outside right center", prop=legend_font(), framealpha=0.9)
    return card(figure)


def difference_error_figure(
    results: Sequence[DifferenceErrors],
    chosen_step: float,
    labels: Mapping[str, str],
) -> Figure:
    """|error| against step h, log–log: forward (solid) and central (dashed) per dtype, the
    autodiff error as a flat dotted line, √ε and ∛ε marked, the chosen step as a grey line.

    Args:
        labels: "forward", "central", "autodiff" (each formatted with {dtype}), "step", "error",
            "chosen". An error of exactly 0 is drawn at `error_floor(results)`.
    """
    figure = Figure(figsize=(10, 6.2), layout="constrained")
    axes = figure.subplots()
    floor = error_floor(results)

    def floored(errors: np.ndarray) -> np.ndarray:
        return np.where(errors > floor, errors, floor)

    for result in results:
        color = DTYPE_COLORS[result.dtype]
        axes.plot(
            result.steps,
            floored(result.forward_error),
            color=color,
            linewidth=2.4,
            label=labels["forward"].format(dtype=result.dtype),
        )
        axes.plot(
            result.steps,
            floored(result.central_error),
            color=color,
            linewidth=2.4,
            linestyle="--",
            label=labels["central"].format(dtype=result.dtype),
        )
        axes.axhline(
            max(result.autodiff_error, floor),
            color=color,
            linewidth=2,
            linestyle=":",
            label=labels["autodiff"].format(dtype=result.dtype),
        )
        short = result.dtype.replace("float", "")
        for kind, symbol in (("forward", "√ε"), ("central", "∛ε")):
            step = result.best_steps[kind]
            axes.axvline(step, color=color, linewidth=1, alpha=0.6)
            axes.annotate(
                f"{symbol}{_subscript(short)}",
                xy=(step, 1),
                xycoords=("data", "axes fraction"),
                xytext=(2, -4),
                textcoords="offset points",
                va="top",
                fontsize=FONT,
                color=color,
            )
    axes.axvline(chosen_step, color="#555555", linewidth=2, label=labels["chosen"])
    axes.set_xscale("log")
    axes.set_yscale("log")
    top = max(
        float(np.nanmax(floored(np.concatenate([r.forward_error, r.central_error]))))
        for r in results
    )
    axes.set_ylim(floor / 3, max(top * 30, 1.0))
    axes.set_xlabel(labels["step"], fontsize=FONT + 1, color=TEXT_COLOR, family=family())
    axes.set_ylabel(labels["error"], fontsize=FONT + 1, color=TEXT_COLOR, family=family())
    axes.grid(True, which="major", color="#dddddd", linewidth=0.8)
    figure.legend(
        loc="outside lower center", ncol=4, prop=legend_font(), framealpha=0.9, borderaxespad=0.2
    )
    return card(figure)


def _plain_log_labels(axis, values: Sequence[float]) -> None:
    """Tick labels 5, 20, 1000 instead of 5×10⁰, 2×10¹, 10³; in-between ticks are labelled
    only when the values span less than about one and a half decades."""
    axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    finite = [v for v in values if np.isfinite(v) and v > 0]
    narrow = bool(finite) and max(finite) / min(finite) < 30
    axis.set_minor_formatter(
        ticker.FuncFormatter(lambda v, _: f"{v:g}") if narrow else ticker.NullFormatter()
    )


def _subscript(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
