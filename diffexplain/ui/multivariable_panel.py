"""Several variables on the main page: ∇f and the Hessian, exact beside autodiff, as tables, a
heat map with a symmetry check, and (for a pair of variables) f around the point with contour
lines and ∇f as an arrow.

The autodiff Hessian here is a second, independent route — `tape.jacobian` of the gradient
(`hessian.hessian`) — checked against SymPy's second partials from the explanation.

Both pictures are Vega-Lite charts (`plots_multi`), drawn by the visitor's browser; they are
built once per input and language (bounded `st.cache_data`), so a rerun only sends them.
The caches hold their specs (`charts.vega_spec`), built once and sent as they are.
"""

from __future__ import annotations

import itertools
import math

import streamlit as st

from diffexplain.core.agree import TOLERANCES, judge
from diffexplain.core.explanation import Explanation
from diffexplain.core.names import derivative_name
from diffexplain.core.parse import refusal
from diffexplain.core.symbolic import ExactValue
from diffexplain.figures.plots_multi import contour_chart, hessian_chart
from diffexplain.text import TEXTS
from diffexplain.ui import engine
from diffexplain.ui.charts import vega_spec
from diffexplain.ui.display import VERDICT_MARKS, format_number, lazy_expander
from diffexplain.ui.language import DEFAULT_LANGUAGE, current_language, tr

Point = tuple[tuple[str, float], ...]

HESSIAN_SECONDS = 20.0
"""Time SymPy may take for the second partials when the explanation has none (order 1)."""


@st.cache_data(max_entries=64, show_spinner=False)
def _hessian(text: str, point: Point, dtype: str):
    from diffexplain.teach.hessian import hessian

    parsed = engine.parsed(text)
    return hessian(parsed.expr, parsed.symbols, dict(point), dtype)


@st.cache_data(max_entries=64, show_spinner=False)
def _exact(text: str, point: Point):
    """∇f and the Hessian by SymPy, in the worker (only needed at order 1)."""
    from diffexplain.core.worker import BudgetExceeded, run_bounded
    from diffexplain.teach.hessian import exact_gradient_and_hessian

    parsed = engine.parsed(text)
    try:
        return run_bounded(
            exact_gradient_and_hessian,
            parsed.expr,
            parsed.symbols,
            dict(point),
            seconds=HESSIAN_SECONDS,
        )
    except BudgetExceeded as overrun:
        raise refusal("timeout", "hessian_time", reason=overrun.said) from None


@st.cache_data(max_entries=32, show_spinner=False)
def _surface(text: str, point: Point, pair: tuple[str, str]):
    from diffexplain.teach.hessian import surface

    parsed = engine.parsed(text)
    return surface(parsed.expr, parsed.symbols, dict(point), pair)


@st.cache_data(max_entries=64, show_spinner=False)
def _heat_map(matrix: tuple[tuple[float, ...], ...], variables: tuple[str, ...], title: str):
    return vega_spec(hessian_chart(matrix, variables, title))


@st.cache_data(max_entries=32, show_spinner=False)
def _contour(
    text: str,
    point: Point,
    pair: tuple[str, str],
    gradient: tuple[float, float],
    labels: dict[str, str],
):
    surface = _surface(text, point, pair)
    at = dict(point)
    chart = contour_chart(
        surface.x, surface.y, surface.values, pair, (at[pair[0]], at[pair[1]]), gradient, labels
    )
    return vega_spec(chart)


def _exact_values(explanation: Explanation, text: str):
    """(gradient, Hessian) of exact values: the explanation's rows, or SymPy at order 2."""
    variables = explanation.variables
    by_wrt = {row.wrt: row.symbolic if row.known else None for row in explanation.derivatives}
    if explanation.order >= 2:
        gradient = tuple(by_wrt[(v,)] for v in variables)
        matrix = tuple(
            tuple(by_wrt[tuple(sorted((a, b), key=variables.index))] for b in variables)
            for a in variables
        )
        return gradient, matrix
    return _exact(text, tuple(explanation.point.items()))


def figure_text(key: str, **fmt: object) -> str:
    """Text drawn inside a matplotlib figure (the training lecture's): the visitor's language
    when matplotlib has its glyphs (a CJK font for Chinese, see `plots.cjk_font`), English
    otherwise — never empty boxes. Charts the browser draws take `tr` directly."""
    from diffexplain.figures.plots import cjk_font

    if current_language() != DEFAULT_LANGUAGE and cjk_font() is None:
        text = TEXTS[DEFAULT_LANGUAGE].get(key, key)
        return text.format(**fmt) if fmt else text
    return tr(key, **fmt)


def _verdict(exact: float | None, autodiff: float, dtype: str):
    """None: an exact value no digit of which is certain (unknown)."""
    if exact is None:
        return judge(ExactValue(math.nan, "unknown"), autodiff, dtype)
    kind = "finite" if math.isfinite(exact) else ("infinite" if math.isinf(exact) else "undefined")
    return judge(ExactValue(exact, kind), autodiff, dtype)


def _mark(*verdicts) -> str:
    if not all(verdict.known for verdict in verdicts):
        return VERDICT_MARKS["unknown"]
    return VERDICT_MARKS["agree" if all(v.agree for v in verdicts) else "differ"]


def _exact_shown(verdict, dtype: str) -> str:
    return format_number(verdict.symbolic if verdict.known else None, dtype)


@st.fragment
def multivariable_panel(explanation: Explanation, text: str) -> None:
    """The panel for `explanation` of the function typed as `text` (≥ 2 variables), in an
    expander computed only while open (a fragment: its widgets rerun this panel alone)."""
    box = lazy_expander(tr("multi.header"), key="multi.open", icon=":material/grid_on:")
    if box is not None:
        with box:
            _panel(explanation, text)


def _panel(explanation: Explanation, text: str) -> None:
    variables = explanation.variables
    dtype = explanation.dtype
    point = tuple(explanation.point.items())
    st.markdown(tr("multi.intro"))
    with st.spinner(tr("multi.computing")):
        result = _hessian(text, point, dtype)
        exact_gradient, exact_matrix = _exact_values(explanation, text)

    # The tables span the page: beside the heat map they were cut off on a 1280-pixel screen.
    st.markdown(f"**{tr('multi.gradient.header')}**")
    rows = []
    for name, exact, auto in zip(variables, exact_gradient, result.gradient, strict=True):
        verdict = _verdict(exact, auto, dtype)
        rows.append(
            {
                tr("multi.col.entry"): derivative_name((name,), variables),
                tr("multi.col.exact"): _exact_shown(verdict, dtype),
                tr("multi.col.autodiff"): format_number(auto, dtype),
                tr("multi.col.agree"): _mark(verdict),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    st.markdown(f"**{tr('multi.hessian.header')}**")
    rows = []
    for i, j in itertools.combinations_with_replacement(range(len(variables)), 2):
        verdict = _verdict(exact_matrix[i][j], result.matrix[i][j], dtype)
        mirror = _verdict(exact_matrix[i][j], result.matrix[j][i], dtype)
        rows.append(
            {
                tr("multi.col.entry"): derivative_name((variables[i], variables[j]), variables),
                tr("multi.col.exact"): _exact_shown(verdict, dtype),
                "H[i, j]": format_number(result.matrix[i][j], dtype),
                "H[j, i]": format_number(result.matrix[j][i], dtype),
                tr("multi.col.agree"): _mark(verdict, mirror),
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    words, picture = st.columns([5, 6], gap="medium")
    with words:
        asymmetry = result.asymmetry
        if asymmetry == 0:
            st.success(tr("multi.symmetric.exact"), icon="🪞")
        elif asymmetry <= _tolerance(dtype, result.matrix):
            st.success(tr("multi.symmetric.rounding", gap=f"{asymmetry:.1e}"), icon="🪞")
        elif math.isnan(asymmetry):
            st.info(tr("multi.symmetric.undefined"))
        else:
            st.warning(tr("multi.symmetric.not", gap=f"{asymmetry:.3g}"), icon="⚠️")
        st.caption(tr("multi.schwarz"))
    with picture:
        title = tr("multi.heatmap.title", dtype=dtype)
        matrix = tuple(tuple(row) for row in result.matrix)
        st.vega_lite_chart(spec=_heat_map(matrix, tuple(variables), title), width="content")

    pairs = list(itertools.combinations(variables, 2))
    pair = pairs[0]
    if len(pairs) > 1:
        pair = st.selectbox(
            tr("multi.pair"),
            pairs,
            format_func=lambda p: f"{p[0]}, {p[1]}",
            key="multi.pair",
        )
    held = [name for name in variables if name not in pair]
    st.markdown(f"**{tr('multi.contour.header', x=pair[0], y=pair[1])}**")
    i, j = variables.index(pair[0]), variables.index(pair[1])
    labels = {
        "gradient": tr("multi.contour.arrow"),
        "flat": tr("multi.contour.flat"),
        "empty": tr("multi.contour.empty"),
    }
    spec = _contour(text, point, tuple(pair), (result.gradient[i], result.gradient[j]), labels)
    # a row of its own: a square chart (equal axes, so the arrow meets the lines at a right
    # angle) cannot shrink to a column, and beside the caption it overflowed at 1280 pixels
    st.vega_lite_chart(spec=spec, width="content")
    caption = tr("multi.contour.caption")
    if held:
        values = ", ".join(f"{name} = {explanation.point[name]:g}" for name in held)
        caption += " " + tr("multi.contour.held", values=values)
    st.caption(caption)


def _tolerance(dtype: str, matrix) -> float:
    """The agreement tolerance at the size of the largest entry."""
    finite = [abs(v) for row in matrix for v in row if math.isfinite(v)]
    tolerance = TOLERANCES[dtype]
    return tolerance.absolute + tolerance.relative * max(finite, default=0.0)
