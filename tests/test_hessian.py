"""Gradient and Hessian (tape.jacobian of the gradient) against hand-written closed forms; the
surface for the contour plot; the figures; and the multivariable panel in AppTest."""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from diffexplain import explain, ops
from diffexplain.hessian import (
    exact_gradient_and_hessian,
    half_width,
    hessian,
    surface,
)
from diffexplain.parse import parse_function
from diffexplain.plots_multi import cell_text, cjk_font, contour_figure, hessian_figure

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
    figure = hessian_figure(matrix, ("x", "y"), "H")
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["1.5", "-0.25", "-0.25", "nan"]
    assert cell_text(-0.0) == "0" and cell_text(float("inf")) == "+inf"
    image = figure.axes[0].images[0]
    assert image.get_clim() == (-1.5, 1.5)  # symmetric: 0 is white


def test_contour_arrow_points_along_the_gradient():
    parsed = parse_function("x^2 y + sin(x y)")
    point = {"x": 1.0, "y": 2.0}
    grid = surface(parsed.expr, parsed.symbols, point, ("x", "y"))
    gradient, _ = _closed_form(1.0, 2.0)
    labels = {"gradient": "grad", "flat": "flat", "empty": "empty"}
    figure = contour_figure(grid.x, grid.y, grid.values, ("x", "y"), (1.0, 2.0), gradient, labels)
    arrow = figure.axes[0].texts[0]  # the annotation
    dx, dy = arrow.xy[0] - 1.0, arrow.xy[1] - 2.0
    assert math.atan2(dy, dx) == pytest.approx(math.atan2(gradient[1], gradient[0]), abs=1e-12)
    assert figure.axes[0].get_aspect() == 1.0


def test_contour_says_so_when_the_gradient_is_zero():
    parsed = parse_function("x^2 + y^2")
    grid = surface(parsed.expr, parsed.symbols, {"x": 0.0, "y": 0.0}, ("x", "y"), 21)
    labels = {"gradient": "grad", "flat": "flat here", "empty": "empty"}
    figure = contour_figure(grid.x, grid.y, grid.values, ("x", "y"), (0.0, 0.0), (0.0, 0.0), labels)
    assert figure.axes[0].get_title() == "flat here"


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


@pytest.mark.skipif(cjk_font() is None, reason="no CJK font on this machine")
def test_chinese_labels_are_drawn_without_missing_glyphs(recwarn):
    figure = hessian_figure(((1.0,),), ("x",), "自动微分得到的 Hessian 矩阵")
    figure.canvas.draw()
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


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
    return at.run()


def test_panel_shows_gradient_hessian_heat_map_and_contour():
    at = _run("x^2 y + sin(x y)", {"x": 1, "y": 2})
    assert not at.exception
    assert len(at.get("image")) == 2  # heat map and contour
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


def test_panel_with_three_variables_offers_a_pair_to_plot():
    at = _run("x y z + exp(x)", {"x": 0.5, "y": 2, "z": -1})
    assert not at.exception
    assert at.selectbox[0].options == ["x, y", "x, z", "y, z"]
    at.selectbox[0].set_value(("y", "z")).run()
    assert not at.exception
    assert any("x = 0.5" in c.value for c in at.caption)
