"""The main page's plots for a function of one variable: f and its derivatives around the
point, exactly (SymPy + mpmath) and by the tape, and the tape's error in float32 and float64.

The exact curves run in the SymPy worker under a time limit; the tape's values come from one
batched pass of nested tapes over the whole grid per dtype. Both are cached by
(text, point, order, half-width) and return plain numpy arrays; the two Vega-Lite charts built
from them are cached too (with the visitor's words), so a rerun only sends their spec and data
to the browser, which draws them.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from diffexplain.core import numeric
from diffexplain.core.parse import InputError, parse_function
from diffexplain.core.worker import BudgetExceeded, run_bounded
from diffexplain.figures import plots
from diffexplain.ui.charts import vega_spec
from diffexplain.ui.display import lazy_expander, plain
from diffexplain.ui.language import tr, tr_error

HALF_WIDTHS = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0)
"""Choices for the interval's half-width around the point."""

EXACT_SECONDS = 10
DTYPES = ("float32", "float64")
PER_ROW = 2
"""Charts side by side: the derivatives two to a row, float32 beside float64."""


@st.cache_data(max_entries=32, show_spinner=False)
def exact_curves(text: str, point: float, order: int, half_width: float) -> dict[int, np.ndarray]:
    """{k: f⁽ᵏ⁾ on the grid}, to 30 digits, computed in a worker that is killed after 10 s."""
    parsed = parse_function(text)
    grid = numeric.grid_around(point, half_width)
    return run_bounded(
        numeric.curves, parsed.expr, parsed.symbols[0], order, grid, seconds=EXACT_SECONDS
    )


@st.cache_data(max_entries=32, show_spinner=False)
def taped_curves(
    text: str, point: float, order: int, half_width: float, dtype: str
) -> dict[int, np.ndarray]:
    """{k: the tape's f⁽ᵏ⁾ on the grid}: one nested-tape pass over all grid points at once."""
    from diffexplain.core import tape

    parsed = parse_function(text)
    grid = numeric.grid_around(point, half_width)
    return tape.grid_derivatives(parsed.expr, parsed.symbols[0], grid, order, dtype)


@st.cache_data(max_entries=32, show_spinner=False)
def charts(
    text: str,
    point: float,
    order: int,
    half_width: float,
    words: dict[str, str],
    dtype: str = "float64",
):
    """(curves, errors): lists of Vega-Lite specs of `plots.derivative_chart`s (one per order)
    and `plots.error_chart`s (one per dtype) of the cached curves, with `words` (keys of
    `plots.FIGURE_TEXT`) in the visitor's language (`charts.vega_spec`: built once, sent as
    they are on every rerun). The curves are the tape's in `dtype`, the page's choice."""
    exact = exact_curves(text, point, order, half_width)
    taped = {dtype: taped_curves(text, point, order, half_width, dtype) for dtype in DTYPES}
    grid = numeric.grid_around(point, half_width)
    name = parse_function(text).variables[0]
    curves = plots.derivative_charts(grid, exact, taped[dtype], point, name, words, PER_ROW)
    errors = plots.error_charts(grid, exact, taped, point, name, words)
    return [vega_spec(chart) for chart in curves], [vega_spec(chart) for chart in errors]


@st.fragment
def derivative_plots_panel(
    text: str, point_value: float, order: int, dtype: str = "float64"
) -> None:
    """Plots of f and its derivatives up to `order` around `point_value`, and the tape's error,
    in an expander computed only while open (a fragment: the interval slider and the expander
    rerun this panel alone). The curves are the tape's in `dtype` (the page's choice); the
    error charts show both dtypes side by side.

    Never raises: anything that goes wrong becomes a short note on the page.
    """
    try:
        parsed = parse_function(text)
    except InputError as error:
        st.info(tr("plots.input_error", message=plain(tr_error(error))), icon="ℹ️")
        return
    if len(parsed.symbols) != 1:
        st.info(tr("plots.one_variable"), icon="ℹ️")
        return
    label = tr("plots.header", name=parsed.variables[0], point=f"{float(point_value):g}")
    box = lazy_expander(label, key="plots.open", icon=":material/show_chart:")
    if box is None:
        return
    with box:
        try:
            _panel(text, float(point_value), int(order), dtype)
        except BudgetExceeded:
            st.info(tr("plots.timeout", seconds=EXACT_SECONDS), icon="⏱️")
        except InputError as error:
            st.info(tr("plots.input_error", message=plain(tr_error(error))), icon="ℹ️")
        except Exception as error:  # noqa: BLE001 - a plot must never break the page
            st.info(tr("plots.failed", error=plain(type(error).__name__)), icon="ℹ️")


def _panel(text: str, point: float, order: int, dtype: str) -> None:
    half_width = st.select_slider(
        tr("plots.interval"),
        options=HALF_WIDTHS,
        value=3.0,
        format_func=lambda h: f"± {h:g}",
        key="plots.half_width",
    )
    with st.spinner(tr("plots.computing")):
        exact = exact_curves(text, point, order, half_width)
        taped = {dtype: taped_curves(text, point, order, half_width, dtype) for dtype in DTYPES}
        words = {key: tr("plots.figure." + key) for key in plots.FIGURE_TEXT}
        words["autodiff"] = tr("plots.figure.autodiff", dtype=dtype)
        curves, errors = charts(text, point, order, half_width, words, dtype)
    grid = numeric.grid_around(point, half_width)
    every = max(1, len(grid) // plots.MARKERS_PER_CURVE)

    _in_rows(curves)
    st.caption(tr("plots.caption", every=every, points=len(grid)))
    undefined_but_taped = sum(
        int(np.sum(~np.isfinite(exact[k]) & np.isfinite(taped[dtype][k]))) for k in exact
    )
    if undefined_but_taped:
        st.caption(tr("plots.undefined_but_taped", count=undefined_but_taped))

    _in_rows(errors)
    st.caption(tr("plots.error_caption"))


def _in_rows(specs: list[dict]) -> None:
    """PER_ROW charts to a row, each as wide as its column; on a phone the columns stack, in
    order."""
    for start in range(0, len(specs), PER_ROW):
        row = specs[start : start + PER_ROW]
        for column, spec in zip(st.columns(PER_ROW), row, strict=False):  # the last may be short
            with column:
                st.vega_lite_chart(spec=spec, width="stretch")
