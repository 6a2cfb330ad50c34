"""Figures: the expected axes and lines, gaps at poles instead of lines across them, readable
text, and the main page's panel never raising."""

import matplotlib
import numpy as np
import pytest
import sympy
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from streamlit.testing.v1 import AppTest

from diffexplain import numeric, plots, tape
from diffexplain.parse import symbol

x = symbol("x")


def _figures_for(expr, point, order, half_width):
    grid = numeric.grid_around(point, half_width)
    exact = numeric.curves(expr, x, order, grid)
    taped = {d: tape.grid_derivatives(expr, x, grid, order, d) for d in ("float32", "float64")}
    return grid, exact, taped


def _segments_crossing(line, position):
    """Pairs of consecutive drawn points (no NaN between them) on both sides of `position`."""
    xs, ys = (np.asarray(v, dtype=float) for v in line.get_data())
    joined = np.isfinite(ys[:-1]) & np.isfinite(ys[1:])
    return np.flatnonzero(joined & (xs[:-1] < position) & (xs[1:] > position))


def _texts(figure):
    FigureCanvasAgg(figure).draw()  # tick labels exist only once drawn
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.fixture(scope="module")
def tan_figure():
    grid, exact, taped = _figures_for(sympy.tan(x), 0.0, 2, 5.0)
    return plots.derivative_figure(grid, exact, taped["float64"], 0.0)


def test_derivative_figure_has_one_axes_per_order_with_line_markers_and_point(tan_figure):
    assert isinstance(tan_figure, Figure)
    assert len(tan_figure.axes) == 3
    for axes in tan_figure.axes:
        lines = axes.get_lines()
        assert len(lines) == 4  # exact curve, autodiff markers, the point's line, its dot
        assert lines[0].get_linestyle() == "-" and lines[1].get_linestyle() == "None"
        assert len(lines[1].get_xdata()) == len(range(0, 241, 241 // plots.MARKERS_PER_CURVE))


def test_tan_is_cut_at_each_pole_never_joined_across_it(tan_figure):
    for axes in tan_figure.axes:
        curve = axes.get_lines()[0]
        assert np.isnan(curve.get_ydata()).any()
        for pole in (-3 * np.pi / 2, -np.pi / 2, np.pi / 2, 3 * np.pi / 2):
            assert _segments_crossing(curve, pole).size == 0, pole


def test_one_over_x_has_a_gap_at_its_pole_and_no_line_across_it():
    grid, exact, taped = _figures_for(1 / x, 0.0, 2, 2.0)
    figure = plots.derivative_figure(grid, exact, taped["float64"], 0.0)
    assert len(figure.axes) == 3
    for axes in figure.axes:
        curve = axes.get_lines()[0]
        assert np.isnan(curve.get_ydata()).any()
        assert _segments_crossing(curve, 0.0).size == 0
        assert len(axes.get_lines()) == 3  # no dot: f has no value at the point


def test_a_pole_between_grid_points_is_cut_even_when_the_samples_stay_in_view():
    grid = np.linspace(-1, 1, 40)  # 0 is not a grid point
    values = 1 / (grid - 0.013)
    xs, ys = plots.broken_line(grid, values, plots.robust_limits(values))
    cut = np.flatnonzero(np.isnan(ys))
    assert cut.size == 1 and xs[cut[0] - 1] < 0.013 < xs[cut[0] + 1]


@pytest.mark.parametrize(
    "values",
    [
        np.sin(np.linspace(-10, 10, 241)),
        np.exp(np.linspace(-10, 10, 241)),
        np.tanh(10 * np.linspace(-1, 1, 241)),  # steep, but continuous
        np.linspace(-10, 10, 241) ** 3,
        np.abs(np.linspace(-1, 1, 241)),  # a corner
    ],
)
def test_smooth_curves_are_never_cut(values):
    grid = np.arange(len(values), dtype=float)
    xs, ys = plots.broken_line(grid, values, plots.robust_limits(values))
    assert not np.isnan(ys).any()
    np.testing.assert_array_equal(ys, values)


def test_robust_limits_keep_the_body_and_ignore_a_pole():
    assert plots.robust_limits(np.array([0.0, 1.0, 2.0])) == (-0.1, 2.1)
    values = np.concatenate([np.linspace(-1, 1, 200), [1e9]])
    low, high = plots.robust_limits(values)
    assert high < 10
    assert plots.robust_limits(np.array([np.nan, np.inf])) == (-1.0, 1.0)
    assert plots.robust_limits(np.array([3.0, 3.0])) == (2.0, 4.0)


def test_a_function_without_real_values_in_the_interval_draws_a_note_not_an_error():
    grid, exact, taped = _figures_for(sympy.log(x), -5.0, 1, 1.0)
    figure = plots.derivative_figure(grid, exact, taped["float64"], -5.0)
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "f has no real value here" in texts


def test_error_figure_has_two_log_axes_and_draws_exact_zeros_on_the_floor():
    grid = np.array([0.0, 1.0, 2.0, 3.0])
    exact = {0: np.array([1.0, 2.0, 3.0, np.nan])}
    autodiff = {
        "float32": {0: np.array([1.0, 2.5, np.nan, 4.0])},
        "float64": {0: np.array([1.0, 2.0, 3.0, 4.0])},
    }
    figure = plots.error_figure(grid, exact, autodiff, 1.0)
    assert len(figure.axes) == 2
    assert all(axes.get_yscale() == "log" for axes in figure.axes)
    float32_errors = figure.axes[0].get_lines()[0].get_ydata()
    np.testing.assert_array_equal(float32_errors, [plots.ERROR_FLOOR, 0.5, np.nan, np.nan])
    assert figure.axes[0].get_ylim()[0] < plots.ERROR_FLOOR


def test_error_figure_shows_float32_errors_far_above_float64_ones():
    grid, exact, taped = _figures_for(sympy.sin(x) * sympy.exp(x), 1.0, 2, 3.0)
    figure = plots.error_figure(grid, exact, taped, 1.0)
    largest = [
        np.nanmax([np.nanmax(line.get_ydata()) for line in axes.get_lines()[:3]])
        for axes in figure.axes
    ]
    assert largest[0] > 1e-9 and largest[1] < 1e-12


def test_absolute_errors_are_nan_where_either_value_is_not_finite():
    errors = plots.absolute_errors(
        np.array([1.0, np.nan, np.inf, 2.0]), np.array([1.5, 1.0, np.inf, np.nan])
    )
    np.testing.assert_array_equal(errors, [0.5, np.nan, np.nan, np.nan])


def test_training_figures_have_their_parts():
    xs, ys = [1.0, 2.0, 3.0], [3.0, 5.0, 7.0]
    fit = plots.fit_figure(xs, ys, (1.5, 0.5), (2.0, 1.0), epochs=10)
    assert len(fit.axes) == 1 and len(fit.axes[0].get_lines()) == 2
    assert len(fit.axes[0].collections) == 1  # the data points

    loss = plots.loss_figure([4.0, 2.0, 1.0], minimum=0.5)
    assert loss.axes[0].get_yscale() == "log"
    assert len(loss.axes) == 2  # below: loss − minimum
    np.testing.assert_array_equal(loss.axes[1].get_lines()[0].get_ydata(), [3.5, 1.5, 0.5])
    loss_at_zero = plots.loss_figure([4.0, 2.0, 0.0], minimum=0.0)
    assert loss_at_zero.axes[0].get_yscale() == "linear" and len(loss_at_zero.axes) == 1
    assert len(plots.loss_figure([3.0, 2.0], batch_loss=[3.0, 2.5, 2.0, 1.5]).axes) == 1

    path = plots.loss_path_figure(xs, ys, [0.0, 1.0, 1.5], [0.0, 0.3, 0.5], (2.0, 1.0))
    assert len(path.axes) == 2  # the contours and their colour bar
    assert list(path.axes[0].get_lines()[0].get_xdata()) == [0.0, 1.0, 1.5]


def test_a_diverging_path_keeps_the_view_on_the_start_and_the_minimum():
    w_path, b_path = [0.0, 5.0, -40.0, 300.0, np.inf], [0.0, 1.0, -8.0, 60.0, np.nan]
    figure = plots.loss_path_figure([1.0, 2.0, 3.0], [3.0, 5.0, 7.0], w_path, b_path, (2.0, 1.0))
    low, high = figure.axes[0].get_xlim()
    assert low < 0 < 2 < high < 10


def test_a_path_that_starts_at_the_minimum_still_has_a_view():
    figure = plots.loss_path_figure([1.0, 2.0, 3.0], [3.0, 5.0, 7.0], [2.0], [1.0], (2.0, 1.0))
    low, high = figure.axes[0].get_xlim()
    assert low < 2 < high


def _curves_figure():
    grid, exact, taped = _figures_for(sympy.sin(x), 0.0, 3, 2.0)
    return plots.derivative_figure(grid, exact, taped["float64"], 0.0)


def _errors_figure():
    return plots.error_figure(*_figures_for(sympy.sin(x), 0.0, 1, 2.0), 0.0)


@pytest.mark.parametrize(
    "make",
    [
        _curves_figure,
        _errors_figure,
        lambda: plots.fit_figure([1.0, 2.0], [1.0, 3.0], (1.0, 0.0), (2.0, -1.0), 3),
        lambda: plots.loss_figure([3.0, 2.0, 1.0], 0.5, batch_loss=[3.0, 2.5, 2.0, 1.0]),
        lambda: plots.loss_path_figure([1.0, 2.0], [1.0, 3.0], [0.0, 1.0], [0.0, 0.0], (2.0, -1.0)),
    ],
)
def test_every_figure_is_readable_on_a_projector_and_on_a_dark_page(make):
    figure = make()
    assert matplotlib.colors.to_rgba(figure.get_facecolor()) == (1.0, 1.0, 1.0, 1.0)
    sizes = [t.get_fontsize() for t in _texts(figure)]
    assert sizes and min(sizes) >= 12


def test_derivative_labels_read_like_a_blackboard():
    assert [plots.derivative_label(k) for k in range(6)] == ["f", "f′", "f″", "f‴", "f⁽⁴⁾", "f⁽⁵⁾"]


# --- the main page's panel, through Streamlit ---------------------------------------------------


def _panel(text, point, order):
    import streamlit as st  # noqa: F401 - AppTest runs the function's source on its own

    from diffexplain.ui.plots_panel import derivative_plots_panel

    derivative_plots_panel(text, point, order)


@pytest.mark.parametrize(
    ("text", "point", "order", "images"),
    [
        ("1/x", 0.0, 2, 2),
        ("tan(x)", 1.0, 1, 2),
        ("log(x)", -1.0, 1, 2),
        ("x*y", 1.0, 1, 0),  # two variables: a note, no plots
        ("sin(", 1.0, 1, 0),  # not a function: a note, never an exception
    ],
)
def test_the_panel_draws_two_figures_or_a_friendly_note(text, point, order, images):
    at = AppTest.from_function(_panel, args=(text, point, order), default_timeout=120).run()
    assert not at.exception
    assert len(at.image) == images
    if images == 0:
        assert at.info
    else:
        assert at.select_slider(key="plots.half_width").value == 3.0


def test_the_panel_range_control_redraws_over_the_new_interval():
    at = AppTest.from_function(_panel, args=("x^2", 1.0, 1), default_timeout=120).run()
    at.select_slider(key="plots.half_width").set_value(0.5).run()
    assert not at.exception and len(at.image) == 2


def test_the_training_figures_draw_the_words_they_are_given():
    from diffexplain.text import zh

    words = {key: zh.TEXT["train.figure." + key] for key in plots.TRAINING_TEXT}
    x_values, y_values = [1.0, 2.0, 3.0], [2.0, 4.1, 5.9]
    fit = plots.fit_figure(x_values, y_values, (1.5, 0.5), (1.95, 0.1), 20, words)
    legend = [t.get_text() for t in fit.axes[0].get_legend().get_texts()]
    assert legend == ["数据", "20 轮之后", "最小二乘精确解"]
    loss = plots.loss_figure([3.0, 1.0, 0.5], 0.2, batch_loss=[3.0, 2.0, 1.0], words=words)
    assert loss.axes[0].get_title() == "每轮的损失" and loss.axes[-1].get_xlabel() == "轮次"
    legend = [t.get_text() for t in loss.axes[0].get_legend().get_texts()]
    assert legend == ["各批次", "损失", "最小值"]
    path = plots.loss_path_figure(x_values, y_values, [0.0, 1.0], [0.0, 0.2], (1.95, 0.1), words)
    legend = [t.get_text() for t in path.axes[0].get_legend().get_texts()]
    assert legend == ["路径", "起点", "当前", "精确最小值"]
    assert set(plots.TRAINING_TEXT) <= {
        key.removeprefix("train.figure.") for key in zh.TEXT if key.startswith("train.figure.")
    }


def test_the_main_page_figures_draw_the_words_they_are_given():
    from diffexplain.text import zh

    words = {key: zh.TEXT["plots.figure." + key] for key in plots.FIGURE_TEXT}
    grid, exact, taped = _figures_for(sympy.sin(x), 0.0, 1, 2.0)
    curves = plots.derivative_figure(grid, exact, taped["float64"], 0.0, "x", words)
    legend = [t.get_text() for t in curves.axes[0].get_legend().get_texts()]
    assert legend == ["精确值（SymPy）", "自动微分（磁带，float64）"]
    errors = plots.error_figure(grid, exact, taped, 0.0, "x", words)
    assert errors.axes[0].get_title() == "|自动微分 − 精确值|，float32"
    assert errors.axes[0].get_ylabel() == "绝对误差（0 → 1e-20）"
    assert set(plots.FIGURE_TEXT) == {
        key.removeprefix("plots.figure.") for key in zh.TEXT if key.startswith("plots.figure.")
    }
