"""Gradient and Hessian (tape.jacobian of the gradient) against hand-written closed forms; the
surface for the contour plot; the charts (Vega-Lite specs and their data); and the
multivariable panel in AppTest."""

import json
import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from diffexplain import explain
from diffexplain.core import ops
from diffexplain.core.parse import parse_function
from diffexplain.figures.plots_multi import (
    CONTOUR_CELLS,
    cell_text,
    contour_chart,
    contour_lines,
    hessian_chart,
    hessian_frame,
    surface_frame,
)
from diffexplain.teach.hessian import (
    exact_gradient_and_hessian,
    half_width,
    hessian,
    surface,
)
from tests import vega

TIMEOUT = 120


def _closed_form(x, y):
    """f = x²y + sin(xy): ∇f and H by hand."""
    s, c = math.sin(x * y), math.cos(x * y)
    gradient = (2 * x * y + y * c, x**2 + x * c)
    fxx, fxy, fyy = 2 * y - y**2 * s, 2 * x + c - x * y * s, -(x**2) * s
    return gradient, ((fxx, fxy), (fxy, fyy))


@pytest.mark.parametrize(("x", "y"), [(1.0, 2.0), (-0.7, 0.3), (2.5, -1.5)])
@pytest.mark.parametrize(("dtype", "rel"), [("float64", 1e-13), ("float32", 2e-5)])
def test_hessian_matches_the_closed_form(x, y, dtype, rel):
    parsed = parse_function("x^2 y + sin(x y)")
    result = hessian(parsed.expr, parsed.symbols, {"x": x, "y": y}, dtype)
    gradient, matrix = _closed_form(x, y)
    assert result.variables == ("x", "y")
    assert result.value == pytest.approx(x**2 * y + math.sin(x * y), rel=rel)
    assert result.gradient == pytest.approx(gradient, rel=rel, abs=rel)
    for row, expected in zip(result.matrix, matrix, strict=True):
        assert row == pytest.approx(expected, rel=rel, abs=rel)


def test_hessian_is_symmetric_to_rounding():
    parsed = parse_function("exp(x y z) + x sin(y) + z^3 / (1 + x^2)")
    result = hessian(parsed.expr, parsed.symbols, {"x": 0.3, "y": -0.8, "z": 1.1}, "float64")
    largest = max(abs(v) for row in result.matrix for v in row)
    assert result.asymmetry <= 1e-14 * largest
    matrix = np.asarray(result.matrix)
    np.testing.assert_allclose(matrix, matrix.T, rtol=1e-14)


def test_three_variables_against_hand_written_partials():
    # f = x·y·z + exp(x): H = [[eˣ, z, y], [z, 0, x], [y, x, 0]]
    parsed = parse_function("x y z + exp(x)")
    x, y, z = 0.5, 2.0, -1.0
    result = hessian(parsed.expr, parsed.symbols, {"x": x, "y": y, "z": z}, "float64")
    expected = ((math.exp(x), z, y), (z, 0.0, x), (y, x, 0.0))
    for row, want in zip(result.matrix, expected, strict=True):
        assert row == pytest.approx(want, rel=1e-15)
    assert result.gradient == pytest.approx((y * z + math.exp(x), x * z, x * y), rel=1e-15)


def test_a_variable_f_does_not_use_gives_zeros_not_none():
    parsed = parse_function("x^2 + 0*y + y - y")
    assert parsed.variables == ("x",) or "y" not in str(parsed.expr)
    parsed = parse_function("x^3 + log(y)")
    result = hessian(parsed.expr, parsed.symbols, {"x": 2.0, "y": 4.0}, "float64")
    assert result.matrix == ((12.0, 0.0), (0.0, pytest.approx(-1 / 16)))


def test_exact_gradient_and_hessian_are_the_closed_forms():
    parsed = parse_function("x^2 y + sin(x y)")
    gradient, matrix = exact_gradient_and_hessian(parsed.expr, parsed.symbols, {"x": 1.0, "y": 2.0})
    want_gradient, want_matrix = _closed_form(1.0, 2.0)
    assert gradient == pytest.approx(want_gradient, rel=1e-15)
    for row, want in zip(matrix, want_matrix, strict=True):
        assert row == pytest.approx(want, rel=1e-15)


def test_surface_holds_f_on_the_grid_and_nan_where_it_is_not_real():
    parsed = parse_function("log(x) + x y")
    grid = surface(parsed.expr, parsed.symbols, {"x": 1.0, "y": 2.0}, ("x", "y"), size=5)
    assert half_width({"x": 1.0, "y": 2.0}, ("x", "y")) == 2.0
    np.testing.assert_allclose(grid.x, [-1.0, 0.0, 1.0, 2.0, 3.0])
    np.testing.assert_allclose(grid.y, [0.0, 1.0, 2.0, 3.0, 4.0])
    for j, y in enumerate(grid.y):
        for i, x in enumerate(grid.x):
            if x > 0:
                assert grid.values[j, i] == pytest.approx(math.log(x) + x * y, rel=1e-15)
            else:
                assert math.isnan(grid.values[j, i])


def test_surface_of_three_variables_holds_the_third():
    parsed = parse_function("x + 10 y + 100 z")
    grid = surface(parsed.expr, parsed.symbols, {"x": 0.0, "y": 0.0, "z": 1.0}, ("x", "z"), 3)
    assert grid.variables == ("x", "z")
    assert grid.values[1, 1] == pytest.approx(100.0)
    assert grid.values[0, 2] == pytest.approx(2.0 + 100 * (1.0 - 2.0))


def test_heat_map_writes_every_entry_in_its_cell():
    matrix = ((1.5, -0.25), (-0.25, float("nan")))
    spec = hessian_chart(matrix, ("x", "y"), "H").to_dict()
    assert spec["title"] == "H"
    cells, missing, texts = vega.layers(spec)
    assert [vega.mark(layer) for layer in (cells, missing, texts)] == ["rect", "rect", "text"]
    written = vega.data(spec, texts)
    assert written["text"].tolist() == [cell_text(v) for row in matrix for v in row]
    assert written["text"].tolist() == ["1.5", "-0.25", "-0.25", "nan"]
    assert written[["row", "column"]].values.tolist() == [
        ["∂x", "∂x"],
        ["∂x", "∂y"],
        ["∂y", "∂x"],
        ["∂y", "∂y"],
    ]
    assert cell_text(-0.0) == "0" and cell_text(float("inf")) == "+inf"


def test_heat_map_colours_are_red_and_blue_about_a_white_zero():
    spec = hessian_chart(((1.5, -0.25), (-0.25, float("nan"))), ("x", "y"), "H").to_dict()
    cells, missing, texts = vega.layers(spec)
    scale = cells["encoding"]["color"]["scale"]
    assert scale["domain"] == [-1.5, 1.5] and scale["domainMid"] == 0  # symmetric: 0 is white
    assert scale["scheme"] == "redblue" and scale["reverse"] is True  # blue below, red above
    assert missing["transform"] == [{"filter": "!isValid(datum.value)"}]  # nan: a grey cell
    assert missing["encoding"]["color"]["value"] != "white"
    assert texts["encoding"]["color"]["condition"]["value"] == "white"  # on the dark cells


def test_heat_map_frame_marks_the_dark_cells_and_empties_non_finite_ones():
    frame = hessian_frame(((4.0, 1.0), (float("inf"), -3.0)), ("x", "y"))
    assert frame["dark"].tolist() == [True, False, False, True]
    assert frame["value"].tolist()[:2] == [4.0, 1.0] and frame["value"].isna().tolist()[2]
    assert frame["text"].tolist() == ["4", "1", "+inf", "-3"]


def _contour_spec(text, point, pair, gradient, size=121, **labels):
    parsed = parse_function(text)
    grid = surface(parsed.expr, parsed.symbols, point, pair, size)
    words = {"gradient": "grad", "flat": "flat", "empty": "empty", **labels}
    at = (point[pair[0]], point[pair[1]])
    chart = contour_chart(grid.x, grid.y, grid.values, pair, at, gradient, words)
    return grid, chart.to_dict()


def test_contour_arrow_starts_at_the_point_and_points_along_the_gradient():
    gradient, _ = _closed_form(1.0, 2.0)
    grid, spec = _contour_spec("x^2 y + sin(x y)", {"x": 1.0, "y": 2.0}, ("x", "y"), gradient)
    shafts = [layer for layer in vega.layers(spec) if vega.mark(layer) == "rule"]
    heads = [layer for layer in vega.layers(spec) if layer["mark"].get("shape") == "triangle-up"]
    arrow = vega.data(spec, shafts[0]).iloc[0]
    assert (arrow["a"], arrow["b"]) == (1.0, 2.0)
    dx, dy = arrow["a2"] - 1.0, arrow["b2"] - 2.0
    assert math.atan2(dy, dx) == pytest.approx(math.atan2(gradient[1], gradient[0]), abs=1e-12)
    assert math.hypot(dx, dy) == pytest.approx(0.25 * (grid.x[-1] - grid.x[0]))
    head = vega.data(spec, heads[0]).iloc[0]
    assert (head["a2"], head["b2"]) == (arrow["a2"], arrow["b2"])  # the head sits at the tip
    turned = math.radians(head["angle"])  # clockwise from up, as Vega turns a symbol
    assert (math.sin(turned), math.cos(turned)) == pytest.approx(
        (dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)), abs=1e-12
    )
    colour = heads[0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["grad"]  # the legend names the arrow


def test_contour_axes_are_equal_so_the_arrow_meets_the_lines_at_a_right_angle():
    gradient, _ = _closed_form(1.0, 2.0)
    grid, spec = _contour_spec("x^2 y + sin(x y)", {"x": 1.0, "y": 2.0}, ("x", "y"), gradient)
    assert spec["width"] == spec["height"]
    assert spec["autosize"]["type"] == "pad"  # the size is the plotting area's, not squeezed
    heat = next(layer for layer in vega.layers(spec) if vega.mark(layer) == "rect")
    x_domain = heat["encoding"]["x"]["scale"]["domain"]
    y_domain = heat["encoding"]["y"]["scale"]["domain"]
    assert x_domain == [grid.x[0], grid.x[-1]] and y_domain == [grid.y[0], grid.y[-1]]
    assert x_domain[1] - x_domain[0] == pytest.approx(y_domain[1] - y_domain[0])
    assert spec["params"][0]["bind"] == "scales"  # zoom and pan


def test_contour_heat_map_holds_f_on_the_grid_and_leaves_out_where_it_is_not_real():
    grid, spec = _contour_spec("log(x) + x y", {"x": 1.0, "y": 2.0}, ("x", "y"), (2.0, 1.0))
    heat = next(layer for layer in vega.layers(spec) if vega.mark(layer) == "rect")
    cells = vega.data(spec, heat)
    assert len(cells) <= CONTOUR_CELLS**2
    assert (cells["a"] > 0).all()  # log x has no real value for x ≤ 0: those cells are blank
    np.testing.assert_allclose(cells["f"], np.log(cells["a"]) + cells["a"] * cells["b"])
    frame = surface_frame(grid.x, grid.y, grid.values)
    np.testing.assert_array_equal(frame["f"], cells["f"])
    colour = heat["encoding"]["color"]["scale"]
    assert colour["scheme"] == "viridis" and colour["clamp"] is True


def test_contour_lines_lie_on_their_levels():
    parsed = parse_function("x^2 + y^2")
    grid = surface(parsed.expr, parsed.symbols, {"x": 0.5, "y": 0.5}, ("x", "y"), 61)
    lines = contour_lines(grid.x, grid.y, grid.values, [1.0, 2.0])
    assert set(lines["level"]) == {1.0, 2.0}
    step = grid.x[1] - grid.x[0]
    radius = np.hypot(lines["a"], lines["b"])
    assert np.abs(radius**2 - lines["level"]).max() < 2 * step**2 + 1e-12  # linear interpolation
    for _, piece in lines.groupby("line"):
        assert piece["step"].tolist() == list(range(len(piece)))  # drawn in order, not by x


def test_contour_draws_the_line_through_the_point_thicker():
    gradient, _ = _closed_form(1.0, 2.0)
    grid, spec = _contour_spec("x^2 y + sin(x y)", {"x": 1.0, "y": 2.0}, ("x", "y"), gradient)
    lines = [layer for layer in vega.layers(spec) if vega.mark(layer) == "line"]
    assert len(lines) == 2 and lines[1]["mark"]["strokeWidth"] > lines[0]["mark"]["strokeWidth"]
    through = vega.data(spec, lines[1])
    assert through["level"].unique().tolist() == [pytest.approx(1.0**2 * 2.0 + math.sin(2.0))]


def test_contour_says_so_when_the_gradient_is_zero():
    _, spec = _contour_spec(
        "x^2 + y^2", {"x": 0.0, "y": 0.0}, ("x", "y"), (0.0, 0.0), 21, flat="flat here"
    )
    assert spec["title"] == "flat here"
    assert not [layer for layer in vega.layers(spec) if vega.mark(layer) == "rule"]  # no arrow


def test_contour_draws_no_arrow_and_claims_nothing_when_the_gradient_is_not_a_number():
    _, spec = _contour_spec("x^2 + y^2", {"x": 1.0, "y": 1.0}, ("x", "y"), (math.nan, 1.0), 21)
    assert "title" not in spec
    assert not [layer for layer in vega.layers(spec) if vega.mark(layer) == "rule"]


def test_contour_says_so_when_f_has_no_real_value_in_the_window():
    _, spec = _contour_spec(
        "log(-x^2 - y^2 - 1)", {"x": 0.0, "y": 0.0}, ("x", "y"), (0.0, 0.0), 21, empty="nothing"
    )
    (note,) = [layer for layer in vega.layers(spec) if vega.mark(layer) == "text"]
    assert vega.data(spec, note)["text"].tolist() == ["nothing"]
    assert not [layer for layer in vega.layers(spec) if vega.mark(layer) == "rect"]


@pytest.mark.parametrize("name", sorted(ops.FUNCTIONS))
def test_jacobian_of_the_gradient_agrees_with_sympy_for_every_primitive(name):
    inner = "x y/10 + 1.5" if name == "acosh" else "x y/10 + 0.5"
    text = f"{name}({inner}) * y"
    point = {"x": 0.4, "y": 0.7}
    exact = {row.wrt: row.symbolic for row in explain(text, point, order=2).derivatives}
    parsed = parse_function(text)
    result = hessian(parsed.expr, parsed.symbols, point, "float64")
    for i, a in enumerate(result.variables):
        assert result.gradient[i] == pytest.approx(exact[(a,)], rel=1e-12, abs=1e-14), name
        for j, b in enumerate(result.variables):
            want = exact[tuple(sorted((a, b)))]
            assert result.matrix[i][j] == pytest.approx(want, rel=1e-12, abs=1e-14), name


# --- the panel, in Streamlit's AppTest -------------------------------------------------------


def _panel(text, point, order, dtype, lang):
    import streamlit as st

    from diffexplain import explain
    from diffexplain.ui.multivariable_panel import multivariable_panel

    st.session_state["lang"] = lang
    multivariable_panel(explain(text, point, order, dtype), text)


def _run(text, point, order=2, dtype="float64", lang="en"):
    at = AppTest.from_function(
        _panel, args=(text, point, order, dtype, lang), default_timeout=TIMEOUT
    )
    at.session_state["multi.open"] = True  # as a visitor's click leaves it
    return at.run()


def test_panel_shows_gradient_hessian_heat_map_and_contour():
    at = _run("x^2 y + sin(x y)", {"x": 1, "y": 2})
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2 and not at.get("imgs")  # heat map and contour, drawn by the browser
    heat_map, contour = (json.loads(chart.proto.spec) for chart in charts)
    assert heat_map["title"] == "Hessian by autodiff (float64)"
    assert "∇f (its direction; length scaled)" in json.dumps(contour, ensure_ascii=False)
    gradient, hessian_table = at.dataframe[0].value, at.dataframe[1].value
    assert list(gradient["agree"]) == ["✅", "✅"]
    assert list(hessian_table["agree"]) == ["✅", "✅", "✅"]
    want_gradient, want_matrix = _closed_form(1.0, 2.0)
    assert [float(v) for v in gradient["exact (SymPy)"]] == pytest.approx(want_gradient, rel=1e-14)
    assert float(hessian_table["H[i, j]"][1]) == pytest.approx(want_matrix[0][1], rel=1e-14)
    assert "symmetric" in at.success[0].value


def test_panel_at_order_one_asks_sympy_for_the_second_partials():
    at = _run("x y^2", {"x": 3, "y": 0.5}, order=1, dtype="float32", lang="zh")
    assert not at.exception
    table = at.dataframe[1].value
    assert [float(v) for v in table["精确值（SymPy）"]] == [0.0, 1.0, 6.0]
    assert set(table["一致"]) == {"✅"}
    heat_map, contour = (json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart"))
    assert heat_map["title"] == "自动微分得到的 Hessian 矩阵（float32）"  # drawn by the browser
    assert "∇f（方向；长度经过缩放）" in json.dumps(contour, ensure_ascii=False)


def test_panel_with_three_variables_offers_a_pair_to_plot():
    at = _run("x y z + exp(x)", {"x": 0.5, "y": 2, "z": -1})
    assert not at.exception
    assert at.selectbox[0].options == ["x, y", "x, z", "y, z"]
    at.selectbox[0].set_value(("y", "z")).run()
    assert not at.exception
    assert any("x = 0.5" in c.value for c in at.caption)
