"""Charts of the main page (Altair/Vega-Lite, drawn by the browser): the expected layers and
scales, the exact data for the grid, gaps at poles instead of lines across them, log panels
without non-positive values, the visitor's words, and the main page's panel never raising.
The training lecture's matplotlib figures: their parts, readable text, the words given."""

import json

import matplotlib
import numpy as np
import pytest
import sympy
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from streamlit.testing.v1 import AppTest

from diffexplain.core import numeric, tape
from diffexplain.core.parse import symbol
from diffexplain.figures import plots
from tests import vega

x = symbol("x")


def _curves_for(expr, point, order, half_width):
    grid = numeric.grid_around(point, half_width)
    exact = numeric.curves(expr, x, order, grid)
    taped = {d: tape.grid_derivatives(expr, x, grid, order, d) for d in ("float32", "float64")}
    return grid, exact, taped


def _segments_crossing(curve, position):
    """Segments of a drawn line whose points lie on both sides of `position`."""
    spans = curve.groupby("segment")["x"].agg(["min", "max"])
    return spans[(spans["min"] < position) & (spans["max"] > position)]


def _texts(figure):
    FigureCanvasAgg(figure).draw()  # tick labels exist only once drawn
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.fixture(scope="module")
def tan_specs():
    grid, exact, taped = _curves_for(sympy.tan(x), 0.0, 2, 5.0)
    charts = plots.derivative_charts(grid, exact, taped["float64"], 0.0)
    return grid, exact, [chart.to_dict() for chart in charts]


# --- the derivatives ------------------------------------------------------------------------


def test_one_chart_per_order_with_line_markers_rule_and_dot(tan_specs):
    grid, exact, specs = tan_specs
    assert [spec["title"] for spec in specs] == ["f(x)", "f′(x)", "f″(x)"]
    every = len(grid) // plots.MARKERS_PER_CURVE
    for spec in specs:
        layers = list(vega.layers(spec))
        assert [vega.mark(layer) for layer in layers] == ["line", "point", "rule", "point"]
        line, markers = layers[0], layers[1]
        assert line["encoding"]["detail"]["field"] == "segment"
        assert line["mark"]["clip"] is True
        assert markers["mark"]["filled"] is False  # open circles over the line
        assert len(vega.data(spec, markers)) == len(range(0, len(grid), every))


def test_the_markers_hold_the_tapes_values_and_the_exact_ones_beside_them(tan_specs):
    grid, exact, specs = tan_specs
    every = len(grid) // plots.MARKERS_PER_CURVE
    markers = vega.data(specs[1], list(vega.layers(specs[1]))[1])
    np.testing.assert_array_equal(markers["x"], grid[::every])
    np.testing.assert_allclose(markers["exact"], exact[1][::every], rtol=1e-12)
    np.testing.assert_allclose(markers["autodiff"], exact[1][::every], rtol=1e-9)
    tooltip = [field["field"] for field in list(vega.layers(specs[1]))[1]["encoding"]["tooltip"]]
    assert tooltip == ["x", "autodiff", "exact"]


def test_the_line_holds_the_exact_values_of_the_grid_where_they_are_in_view():
    grid = np.linspace(-1.0, 1.0, 41)
    values = grid**3
    chart = plots.derivative_chart(grid, values, values, 0.0, 0)
    spec = chart.to_dict()
    curve = vega.data(spec, list(vega.layers(spec))[0])
    np.testing.assert_array_equal(curve["x"], grid)
    np.testing.assert_array_equal(curve["y"], values)
    assert set(curve["segment"]) == {0}


def test_tan_is_cut_at_each_pole_never_joined_across_it(tan_specs):
    _, _, specs = tan_specs
    for spec in specs:
        curve = vega.data(spec, list(vega.layers(spec))[0])
        assert curve["segment"].nunique() >= 4  # three poles in [-5, 5]
        for pole in (-3 * np.pi / 2, -np.pi / 2, np.pi / 2, 3 * np.pi / 2):
            assert _segments_crossing(curve, pole).empty, pole


def test_one_over_x_has_a_gap_at_its_pole_and_no_dot_where_f_has_no_value():
    grid, exact, taped = _curves_for(1 / x, 0.0, 2, 2.0)
    for chart in plots.derivative_charts(grid, exact, taped["float64"], 0.0):
        spec = chart.to_dict()
        layers = list(vega.layers(spec))
        curve = vega.data(spec, layers[0])
        assert _segments_crossing(curve, 0.0).empty
        assert set(curve[curve["x"] < 0]["segment"]).isdisjoint(curve[curve["x"] > 0]["segment"])
        assert [vega.mark(layer) for layer in layers] == ["line", "point", "rule"]


def test_the_y_range_ignores_a_poles_huge_values_and_the_whole_interval_is_shown(tan_specs):
    grid, exact, specs = tan_specs
    for order, spec in enumerate(specs):
        line = list(vega.layers(spec))[0]
        y_scale = line["encoding"]["y"]["scale"]
        assert y_scale["domain"] == list(plots.robust_limits(exact[order]))
        assert line["encoding"]["x"]["scale"]["domain"] == [grid[0], grid[-1]]
        curve = vega.data(spec, line)
        low, high = y_scale["domain"]
        span = high - low
        assert curve["y"].between(low - span, high + span).all()  # run off the edge, clipped


def test_the_point_is_a_dashed_rule_and_a_dot_on_the_curve():
    grid = numeric.grid_around(1.0, 2.0)
    values = np.sin(grid)
    spec = plots.derivative_chart(grid, values, values, 1.0, 0).to_dict()
    _, _, rule, dot = vega.layers(spec)
    assert vega.data(spec, rule)["x"].tolist() == [1.0]
    assert rule["mark"]["strokeDash"]
    assert vega.data(spec, dot)["y"].tolist() == [np.sin(1.0)]


def test_a_function_without_real_values_in_the_interval_draws_a_note_not_an_error():
    grid, exact, taped = _curves_for(sympy.log(x), -5.0, 1, 1.0)
    spec = plots.derivative_charts(grid, exact, taped["float64"], -5.0)[0].to_dict()
    notes = [layer for layer in vega.layers(spec) if vega.mark(layer) == "text"]
    assert vega.data(spec, notes[0])["text"].tolist() == ["f has no real value here"]
    assert vega.data(spec, list(vega.layers(spec))[0]).empty  # no line, and no exception


def test_only_the_first_row_names_the_line_and_the_circles():
    grid, exact, taped = _curves_for(sympy.sin(x), 0.0, 3, 2.0)
    specs = [c.to_dict() for c in plots.derivative_charts(grid, exact, taped["float64"], 0.0)]
    legends = [list(vega.layers(spec))[0]["encoding"]["color"].get("legend") for spec in specs]
    assert [legend is not None for legend in legends] == [True, True, False, False]
    shape = list(vega.layers(specs[0]))[1]["encoding"]["shape"]
    assert shape["scale"]["range"] == ["stroke", "circle"]  # a line and a circle in the key


def test_each_chart_zooms_and_pans_on_its_own(tan_specs):
    _, _, specs = tan_specs
    for spec in specs:
        (param,) = spec["params"]
        assert param["bind"] == "scales" and param["select"]["type"] == "interval"


def test_curve_frame_turns_each_gap_into_the_start_of_a_new_segment():
    frame = plots.curve_frame(
        np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([1.0, np.nan, 2.0, 3.0, np.inf]), (0, 4)
    )
    assert frame["x"].tolist() == [0.0, 2.0, 3.0, 4.0]
    assert frame["y"].tolist() == [1.0, 2.0, 3.0, 8.0]  # +inf drawn one span above the top
    assert frame["segment"].tolist() == [0, 1, 1, 1]
    assert np.isfinite(frame[["x", "y"]].to_numpy()).all()


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
    assert set(plots.curve_frame(grid, values, plots.robust_limits(values))["segment"]) == {0}


def test_robust_limits_keep_the_body_and_ignore_a_pole():
    assert plots.robust_limits(np.array([0.0, 1.0, 2.0])) == (-0.1, 2.1)
    values = np.concatenate([np.linspace(-1, 1, 200), [1e9]])
    low, high = plots.robust_limits(values)
    assert high < 10
    assert plots.robust_limits(np.array([np.nan, np.inf])) == (-1.0, 1.0)
    assert plots.robust_limits(np.array([3.0, 3.0])) == (2.0, 4.0)


# --- the errors -----------------------------------------------------------------------------


def test_error_charts_are_log_scaled_and_draw_exact_zeros_on_the_floor():
    grid = np.array([0.0, 1.0, 2.0, 3.0])
    exact = {0: np.array([1.0, 2.0, 3.0, np.nan])}
    autodiff = {
        "float32": {0: np.array([1.0, 2.5, np.nan, 4.0])},
        "float64": {0: np.array([1.0, 2.0, 3.0, 4.0])},
    }
    specs = [c.to_dict() for c in plots.error_charts(grid, exact, autodiff, 1.0)]
    assert [spec["title"] for spec in specs] == [
        "|autodiff − exact|, float32",
        "|autodiff − exact|, float64",
    ]
    domains = []
    for spec in specs:
        points = list(vega.layers(spec))[0]
        assert vega.mark(points) == "circle"
        assert points["encoding"]["y"]["scale"]["type"] == "log"
        domains.append(points["encoding"]["y"]["scale"]["domain"])
    assert domains[0] == domains[1]  # shared: float32 and float64 against each other
    assert domains[0][0] < plots.ERROR_FLOOR
    float32 = vega.data(specs[0], list(vega.layers(specs[0]))[0])
    assert float32["x"].tolist() == [0.0, 1.0]  # no error where either value is not finite
    assert float32["shown"].tolist() == [plots.ERROR_FLOOR, 0.5]
    assert float32["error"].tolist() == [0.0, 0.5]  # the tooltip says 0
    y_title = [list(vega.layers(s))[0]["encoding"]["y"].get("title") for s in specs]
    assert y_title == ["absolute error (0 → 1e-20)", None]


def test_error_charts_mark_machine_epsilon_and_the_floor():
    grid, exact, taped = _curves_for(sympy.sin(x), 0.0, 1, 2.0)
    for spec, dtype in zip(
        (c.to_dict() for c in plots.error_charts(grid, exact, taped, 0.0)),
        ("float32", "float64"),
        strict=True,
    ):
        rules = [layer for layer in vega.layers(spec) if vega.mark(layer) == "rule"]
        lines = vega.data(spec, rules[0])
        assert lines["y"].tolist() == [np.finfo(dtype).eps, plots.ERROR_FLOOR]
        texts = {
            t
            for layer in vega.layers(spec)
            if vega.mark(layer) == "text"
            for t in vega.data(spec, layer)["text"]
        }
        assert texts == {f"{dtype} ε = {np.finfo(dtype).eps:.1e}", "error exactly 0"}
        assert vega.data(spec, rules[1])["x"].tolist() == [0.0]  # the point


def test_log_panels_have_no_non_positive_values():
    grid, exact, taped = _curves_for(sympy.sin(x) * sympy.exp(x), 1.0, 2, 3.0)
    for chart in plots.error_charts(grid, exact, taped, 1.0):
        spec = chart.to_dict()
        for layer in vega.layers(spec):
            y = layer["encoding"].get("y", {})
            if "field" in y and y.get("scale", {}).get("type") == "log":
                assert (vega.data(spec, layer)[y["field"]] > 0).all()


def test_error_charts_show_float32_errors_far_above_float64_ones():
    grid, exact, taped = _curves_for(sympy.sin(x) * sympy.exp(x), 1.0, 2, 3.0)
    specs = [c.to_dict() for c in plots.error_charts(grid, exact, taped, 1.0)]
    largest = [vega.data(spec, list(vega.layers(spec))[0])["error"].max() for spec in specs]
    assert largest[0] > 1e-9 and largest[1] < 1e-12


def test_error_frame_holds_one_row_per_order_and_grid_point_with_an_error():
    grid = np.array([0.0, 1.0])
    frame = plots.error_frame(
        grid,
        {0: np.array([1.0, 2.0]), 1: np.array([3.0, np.nan])},
        {0: np.array([1.5, 2.0]), 1: np.array([3.0, 5.0])},
    )
    assert frame.to_dict("records") == [
        {"order": "f", "x": 0.0, "error": 0.5, "shown": 0.5},
        {"order": "f", "x": 1.0, "error": 0.0, "shown": plots.ERROR_FLOOR},
        {"order": "f′", "x": 0.0, "error": 0.0, "shown": plots.ERROR_FLOOR},
    ]


def test_absolute_errors_are_nan_where_either_value_is_not_finite():
    errors = plots.absolute_errors(
        np.array([1.0, np.nan, np.inf, 2.0]), np.array([1.5, 1.0, np.inf, np.nan])
    )
    np.testing.assert_array_equal(errors, [0.5, np.nan, np.nan, np.nan])


def test_charts_are_readable_on_a_projector_and_fill_their_column():
    grid, exact, taped = _curves_for(sympy.sin(x), 0.0, 1, 2.0)
    charts = [
        *plots.derivative_charts(grid, exact, taped["float64"], 0.0),
        *plots.error_charts(grid, exact, taped, 0.0),
    ]
    for chart in charts:
        spec = chart.to_dict()
        config = spec["config"]
        assert min(config["axis"]["labelFontSize"], config["legend"]["labelFontSize"]) >= 12
        assert config["title"]["fontSize"] >= 14
        assert spec["autosize"]["type"] == "fit-x"  # as wide as the column, on any screen
        assert "width" not in spec


def test_derivative_labels_read_like_a_blackboard():
    assert [plots.derivative_label(k) for k in range(6)] == ["f", "f′", "f″", "f‴", "f⁽⁴⁾", "f⁽⁵⁾"]


def test_the_main_page_charts_draw_the_words_they_are_given():
    from diffexplain.text import zh

    words = {key: zh.TEXT["plots.figure." + key] for key in plots.FIGURE_TEXT}
    words["autodiff"] = words["autodiff"].format(dtype="float64")  # as the panel fills it in
    grid, exact, taped = _curves_for(sympy.sin(x), 0.0, 1, 2.0)
    curves = plots.derivative_charts(grid, exact, taped["float64"], 0.0, "x", words)[0].to_dict()
    colour = list(vega.layers(curves))[0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["精确值（SymPy）", "自动微分（磁带，float64）"]
    errors = plots.error_charts(grid, exact, taped, 0.0, "x", words)[0].to_dict()
    assert errors["title"] == "|自动微分 − 精确值|，float32"
    assert list(vega.layers(errors))[0]["encoding"]["y"]["title"] == "绝对误差（0 → 1e-20）"
    assert "误差恰好为 0" in json.dumps(errors, ensure_ascii=False)
    assert set(plots.FIGURE_TEXT) == {
        key.removeprefix("plots.figure.") for key in zh.TEXT if key.startswith("plots.figure.")
    }


# --- the training lecture's figures (matplotlib) ------------------------------------------------


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


@pytest.mark.parametrize(
    "make",
    [
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


@pytest.mark.skipif(plots.cjk_font() is None, reason="no CJK font on this machine")
def test_chinese_training_labels_are_drawn_without_missing_glyphs(recwarn):
    from diffexplain.text import zh

    words = {key: zh.TEXT["train.figure." + key] for key in plots.TRAINING_TEXT}
    figure = plots.loss_figure(
        [3.0, 1.0], 0.2, title=zh.TEXT["train.figure.keras_title"], words=words
    )
    figure.canvas.draw()
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


# --- the main page's panel, through Streamlit ---------------------------------------------------


def _panel(text, point, order):
    import streamlit as st  # noqa: F401 - AppTest runs the function's source on its own

    from diffexplain.ui.plots_panel import derivative_plots_panel

    derivative_plots_panel(text, point, order)


def _opened(function, *args):
    """The panel run with its expander opened, as a visitor's click leaves it."""
    at = AppTest.from_function(function, args=args, default_timeout=120)
    at.session_state["plots.open"] = True
    return at.run()


def _chart_specs(at):
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


@pytest.mark.parametrize(
    ("text", "point", "order", "charts"),
    [
        ("1/x", 0.0, 2, 3 + 2),  # f, f′, f″ and the two dtypes' errors
        ("tan(x)", 1.0, 1, 2 + 2),
        ("log(x)", -1.0, 1, 2 + 2),
        ("x*y", 1.0, 1, 0),  # two variables: a note, no plots
        ("sin(", 1.0, 1, 0),  # not a function: a note, never an exception
    ],
)
def test_the_panel_draws_its_charts_or_a_friendly_note(text, point, order, charts):
    at = _opened(_panel, text, point, order)
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == charts
    assert not at.get("imgs") and not at.image  # no server-rendered picture any more
    if charts == 0:
        assert at.info
    else:
        assert at.select_slider(key="plots.half_width").value == 3.0
        titles = [spec["title"] for spec in _chart_specs(at)]
        assert titles[0] == "f(x)" and titles[-1] == "|autodiff − exact|, float64"


def _typed_panel(text, point, order, dtype):
    import streamlit as st  # noqa: F401 - AppTest runs the function's source on its own

    from diffexplain.ui.plots_panel import derivative_plots_panel

    derivative_plots_panel(text, point, order, dtype)


def _markers(chart):
    """The tape's markers of a chart as the browser receives them (Arrow bytes)."""
    import pyarrow as pa

    for dataset in chart.proto.datasets:
        frame = pa.ipc.open_stream(dataset.data.data).read_pandas()
        if "autodiff" in frame.columns:
            return frame
    raise AssertionError("no markers")


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_the_curves_are_the_tapes_in_the_dtype_the_page_chose(dtype):
    at = _opened(_typed_panel, "sin(x)", 1.0, 1, dtype)
    assert not at.exception
    first = at.get("vega_lite_chart")[1]  # f'(x) = cos(x)
    assert f"autodiff (tape, {dtype})" in first.proto.spec
    markers = _markers(first)
    taped = markers["autodiff"].to_numpy()
    in_float32 = np.cos(markers["x"].to_numpy().astype(np.float32))  # NumPy's cos, not the tape
    if dtype == "float32":
        assert np.array_equal(taped, taped.astype(np.float32))  # nothing finer than float32
        np.testing.assert_allclose(taped, in_float32, rtol=0, atol=2e-7)
    else:
        assert not np.array_equal(taped, taped.astype(np.float32))
        np.testing.assert_allclose(taped, np.cos(markers["x"].to_numpy()), rtol=1e-14, atol=0)


def test_a_closed_panel_computes_and_sends_nothing(monkeypatch):
    from diffexplain.ui import plots_panel

    def never(*args):
        raise AssertionError("computed for a closed panel")

    monkeypatch.setattr(plots_panel, "charts", never)
    at = AppTest.from_function(_panel, args=("x^3 + x", 1.0, 2), default_timeout=120).run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert [e.label for e in at.expander] == ["f and its derivatives around x = 1"]


def test_the_panel_range_control_redraws_over_the_new_interval():
    at = _opened(_panel, "x^2", 1.0, 1)
    at.select_slider(key="plots.half_width").set_value(0.5).run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 4
    first = _chart_specs(at)[0]
    assert list(vega.layers(first))[0]["encoding"]["x"]["scale"]["domain"] == [0.5, 1.5]


def test_the_panel_speaks_the_visitors_language_in_its_charts():
    def panel_in_chinese():
        import streamlit as st

        from diffexplain.ui.plots_panel import derivative_plots_panel

        st.session_state["lang"] = "zh"
        derivative_plots_panel("sin(x)", 0.0, 1)

    at = _opened(panel_in_chinese)
    assert not at.exception
    specs = _chart_specs(at)
    assert "精确值（SymPy）" in json.dumps(specs[0], ensure_ascii=False)
    assert specs[2]["title"] == "|自动微分 − 精确值|，float32"
