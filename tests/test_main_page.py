"""The main page through Streamlit's AppTest: results, errors, URL state. No exception ever."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
TIMEOUT = 120  # the first run imports TensorFlow (about 5 s, more on a busy machine)


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def _chinese_app(query: dict | None = None):
    """The app run once in Chinese, with `query` as the URL's parameters."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = "zh"
    at.query_params.update(query or {})
    return at.run()


def _texts(at):
    parts = [m.value for m in at.markdown] + [e.value for e in at.success]
    parts += (
        [e.value for e in at.warning] + [e.value for e in at.error] + [c.value for c in at.caption]
    )
    return "\n".join(parts)


def _table(at):
    return at.dataframe[0].value


def test_default_function_shows_latex_and_an_agreeing_table(app):
    assert any("sin" in latex.value for latex in app.latex)
    assert "agree" in app.success[0].value
    table = _table(app)
    assert list(table[""]) == ["f", "f'", "f''"]
    assert set(table["agree"]) == {"✅"}


def test_typing_a_function_changes_the_results(app):
    app.text_input(key="f").input("x^3").run()
    app.text_input(key="at_x").input("3").run()
    assert not app.exception
    table = _table(app)
    assert list(table["autodiff (tape)"]) == ["27", "27", "18"]
    assert any("3 x^{2}" in latex.value for latex in app.latex)


def test_course_notes_example_with_two_variables(app):
    app.text_input(key="f").input("x^2 + y^2").run()
    app.text_input(key="at_x").input("4")
    app.text_input(key="at_y").input("3")
    app.number_input(key="order").set_value(1).run()
    table = _table(app)
    assert list(table["autodiff (tape)"]) == ["25", "8", "6"]


@pytest.mark.parametrize(
    "bad",
    ["sin(", "x +* 2", "__import__('os')", "sine(x)", "9^9^9^9", "", "g(x)", "d/dx x^2", "1,5"],
)
def test_bad_input_shows_a_friendly_error_and_no_exception(app, bad):
    app.text_input(key="f").input(bad).run()
    assert not app.exception
    assert app.error, f"no error shown for {bad!r}"
    assert not app.dataframe


def test_a_bad_point_shows_an_error(app):
    app.text_input(key="at_x").input("abc").run()
    assert not app.exception
    assert app.error


@pytest.mark.parametrize(
    ("bad", "chinese"),
    [
        ("sin(", "函数在第 4 列的“(”之后就结束了"),
        ("y = x^2", "只写等号右边"),
        ("sinn(x)", "你是不是想写“sin”？"),
    ],
)
def test_a_refusal_is_worded_in_chinese_on_chinese_pages(bad, chinese):
    at = _chinese_app()
    at.text_input(key="f").input(bad).run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")  # unescape what `plain` escaped for Markdown
    assert chinese in shown
    assert "column" not in shown


def test_sin_2x_is_sin_of_2x_with_a_note_under_the_formula(app):
    app.text_input(key="f").input("sin 2x").run()
    assert not app.exception
    assert any(r"\sin{\left(2 x \right)}" in latex.value for latex in app.latex)
    (note,) = [info.value for info in app.info if "takes the whole product" in info.value]
    assert "sin(2x)" in note and r"x \sin{\left(2 \right)}" in note  # the other reading
    assert list(_table(app)[""]) == ["f", "f'", "f''"]


@pytest.mark.parametrize(
    ("bad", "english", "chinese"),
    [
        ("g(x)", "unknown function 'g' at column 1", "第 1 列是未知函数“g”"),
        ("sigma(x)", "did you mean sigmoid(x)?", "你是不是想写 sigmoid(x)？"),
        ("d/dx sin(x)", "type just sin(x)", "只需输入：sin(x)"),
        ("1,5", "use a decimal point: 1.5", "请用小数点：1.5"),
    ],
)
def test_what_a_student_means_otherwise_is_refused_in_either_language(bad, english, chinese):
    for at, words in ((AppTest.from_file(APP, default_timeout=TIMEOUT).run(), english),
                      (_chinese_app(), chinese)):  # fmt: skip
        at.text_input(key="f").input(bad).run()
        assert not at.exception
        assert words in at.error[0].value.replace("\\", "")
        assert not at.dataframe


def test_a_bad_point_is_worded_in_chinese_with_its_reason():
    at = _chinese_app()
    at.text_input(key="at_x").input("y+1").run()
    assert "点 'y+1' 不是可用的数：其中含有变量 y" in at.error[0].value.replace("\\", "")


def test_float32_and_order_change(app):
    app.radio(key="dtype").set_value("float32")
    app.number_input(key="order").set_value(4).run()
    assert not app.exception
    assert list(_table(app)[""]) == ["f", "f'", "f''", "f'''", "f⁽⁴⁾"]


def test_undefined_points_are_explained_in_the_table(app):
    app.text_input(key="f").input("1/x").run()
    app.text_input(key="at_x").input("0").run()
    assert not app.exception
    assert app.warning
    notes = " ".join(c.value for c in app.caption)
    assert "does not exist" in notes


def test_a_preset_fills_the_inputs(app):
    app.selectbox(key="preset").select("cube").run()
    assert app.text_input(key="f").value == "x^3"
    assert list(_table(app)["autodiff (tape)"]) == ["27", "27", "18"]


def test_the_float32_example_explains_the_rounded_point_in_chinese_too(app):
    app.selectbox(key="preset").select("float32_point").run()  # AppTest selects in English
    assert app.radio(key="dtype").value == "float32"
    app.session_state["lang"] = "zh"
    app.run()
    assert not app.exception
    assert "sin(x) 在 12345.6 处用 float32：点本身就被舍入了" in app.selectbox(key="preset").options
    notes = " ".join(c.value for c in app.caption) + " ".join(m.value for m in app.markdown)
    assert "差异来自输入的舍入" in notes


def test_a_shared_url_restores_its_example():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"f": "x^3", "x": "3", "order": "2"})
    at.run()
    assert not at.exception
    assert at.text_input(key="f").value == "x^3"
    assert list(_table(at)["autodiff (tape)"]) == ["27", "27", "18"]


def test_bad_url_values_fall_back_with_a_note():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"order": "99", "dtype": "float16"})
    at.run()
    assert not at.exception
    notes = " ".join(i.value for i in at.info)
    assert "order" in notes and "dtype" in notes
    assert list(_table(at)[""]) == ["f", "f'", "f''"]


def test_the_main_page_speaks_chinese_when_chosen():
    at = _chinese_app()
    assert not at.exception
    headers = " ".join(h.value for h in at.subheader)
    assert "精确导数" in headers and "对照" in headers
    assert "全部 3 个值" in at.success[0].value
    assert "自动微分（磁带）" in _table(at).columns


def test_one_variable_functions_get_plots_and_a_pole_does_not_crash(app):
    assert not app.get("vega_lite_chart")  # a panel nobody opened draws nothing
    app.session_state["plots.open"] = True  # the visitor opens it
    app.run()
    # f and each derivative over an interval, the rounding errors per dtype: the browser draws
    assert len(app.get("vega_lite_chart")) == 5 and not app.image  # f, f′, f″; two error charts
    app.text_input(key="f").input("1/x").run()
    app.text_input(key="at_x").input("0").run()
    assert not app.exception
    app.text_input(key="f").input("x*y").run()  # two variables: Hessian heat map and contours
    app.session_state["multi.open"] = True
    app.run()
    assert not app.exception and len(app.get("vega_lite_chart")) == 2


def test_notes_under_the_table_are_in_the_chosen_language():
    at = _chinese_app({"f": "1/x", "x": "0", "order": "1"})
    assert not at.exception
    notes = " ".join(c.value for c in at.caption)
    assert "自动微分仍然返回" in notes and "autodiff still" not in notes


def test_the_graph_panel_says_when_a_gradient_was_none(app):
    app.text_input(key="f").input("3x").run()
    assert not app.exception
    captions = " ".join(c.value for c in app.caption)
    assert "tape.gradient returned None for f''" in captions


def test_the_plots_panel_speaks_chinese_when_chosen():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = "zh"
    at.session_state["plots.open"] = True
    at.query_params.update({"f": "log(x)", "x": "-1", "order": "1"})
    at.run()
    assert not at.exception
    assert any("附近的图像" in e.label for e in at.expander)
    assert at.select_slider(key="plots.half_width").label == "该点两侧的区间"
    captions = " ".join(c.value for c in at.caption)
    assert "实线：精确值" in captions and "个网格点上，精确值不存在" in captions
    assert "Lines: exact values" not in captions and "grid point(s)" not in captions


def test_the_examples_box_empties_once_the_function_is_edited(app):
    app.selectbox(key="preset").select("cube").run()
    assert app.selectbox(key="preset").value == "cube"
    app.text_input(key="at_x").input("2").run()
    assert not app.exception
    assert app.selectbox(key="preset").value is None
    app.selectbox(key="preset").select("square").run()
    app.text_input(key="f").input("x^5").run()
    assert not app.exception
    assert app.selectbox(key="preset").value is None
    assert app.text_input(key="f").value == "x^5"


def test_the_tape_graph_speaks_chinese_and_has_a_colour_key():
    at = _chinese_app({"f": "sin(x)*exp(x)", "x": "1", "order": "2"})
    assert not at.exception
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "乘积法则" in dot and "各路径的梯度相加" in dot and "磁带 t1 反向（2 阶）" in dot
    for english in ("product rule", "different paths", "forward pass", "backward"):
        assert english not in dot
    key = " ".join(m.value for m in at.markdown if "颜色" in m.value)
    assert "输入" in key and "前向计算" in key and "磁带 t0 反向（1 阶）" in key
    slider = at.select_slider[0]
    assert slider.options[-1] == "第 33 个运算"


def test_the_tape_graph_has_an_english_colour_key_and_full_rules_on_hover(app):
    dot = app.get("graphviz_chart")[0].proto.spec
    assert "product rule: d(u·v) = v·du + u·dv" in dot  # the tooltip: the whole rule
    key = " ".join(m.value for m in app.markdown if "Colours" in m.value)
    assert "inputs" in key and "forward pass" in key and "tape t1 backward (order 2)" in key


def test_an_unknown_exact_value_is_shown_as_unknown_never_as_nan():
    # x²y²/(x² + y⁴) at (0, 0) tends to 0, but SymPy cannot prove it: f is unknown
    from diffexplain.text import TEXTS

    query = {"f": "x^2*y^2/(x^2 + y^4)", "x": "0", "y": "0", "order": "1"}
    for language in ("en", "zh"):
        text = TEXTS[language]
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["lang"] = language
        at.query_params.update(query)
        at.run()
        assert not at.exception
        table = _table(at)
        assert table[text["main.col.exact"]][0] == text["main.exact.unknown"]  # unknown, 未知
        assert table[text["main.col.agree"]][0] == "❔"
        assert any(text["main.exact.unknown"] in info.value for info in at.info)


def test_the_smooth_corners_example_shows_the_tape_wrong_where_the_function_is_smooth(app):
    app.selectbox(key="preset").select("smooth_corners").run()
    assert not app.exception
    table = _table(app)
    assert list(table["exact (SymPy)"]) == ["0.6931471805599", "0.5", "0.25"]
    assert list(table["agree"]) == ["✅", "❌", "❌"]
    assert "relu′(0) = 0" in " ".join(c.value for c in app.caption).replace("\\", "")


def test_tapes_too_big_for_the_time_are_refused_on_the_page_with_the_order_that_fits():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"f": "(x^2 + y^2)^(x y)", "x": "0.5", "y": "0.8", "order": "6"})
    at.run()
    assert not at.exception
    assert any("order 5 fits" in e.value for e in at.error)
    assert not at.dataframe  # no table of values the tapes never computed
    assert len(at.latex) > 6  # SymPy's exact derivatives still show


def test_a_graph_too_big_to_record_shows_its_tapes_that_fit_with_a_note_in_chinese():
    at = _chinese_app({"f": "1/(1 + exp(-x))", "x": "0.5", "order": "6"})
    assert not at.exception
    assert set(_table(at)["一致"]) == {"✅"}
    assert any("全部 6 层磁带的计算图约有" in e.value for e in at.info)


# --- a list of functions: its Jacobian ------------------------------------------------------


def _vector_app(language: str):
    from tests.app import app_at

    at = app_at("pages/00_explain.py", language, f="[x*y, sin(x)]", x="1", y="2", order="2")
    return at.run()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_list_shows_both_jacobians_and_a_row_per_entry(language):
    from math import cos

    from diffexplain.text import TEXTS

    at = _vector_app(language)
    assert not at.exception
    text = TEXTS[language]
    latex = [element.value.strip("$\n") for element in at.latex]  # AppTest keeps the $$
    assert any(
        r"\mathbf{f}(x, y)" in value and r"\sin{\left(x \right)}" in value for value in latex
    )
    exact = next(value for value in latex if value.startswith("J = "))
    assert r"\begin{bmatrix}" in exact and r"\cos{\left(x \right)}" in exact
    taped = next(value for value in latex if value.startswith(r"J_{\text{tape}}"))
    # ∂(xy)/∂x = y = 2, ∂(xy)/∂y = x = 1, ∂sin x/∂x = cos 1, ∂sin x/∂y = 0
    assert taped.split(r"\begin{bmatrix}")[1].split()[:3] == ["2", "&", "1"]
    assert f"{cos(1.0):.13g}" in taped
    table = at.dataframe[0].value
    assert list(table[""]) == ["∂f1/∂x", "∂f1/∂y", "∂f2/∂x", "∂f2/∂y"]
    assert set(table[text["main.col.agree"]]) == {"✅"}
    assert list(table[text["main.col.autodiff"]])[:2] == ["2", "1"]
    assert list(table[text["vector.col.formula"]]) == ["y", "x", "cos(x)", "0"]
    assert any(text["vector.exact.header"] in h.value for h in at.subheader)
    assert text["vector.first_order"].format(order=2) in [i.value for i in at.info]
    assert any("tape.jacobian" in m.value for m in at.markdown)
    assert at.success  # the banner: every entry agrees
    assert at.query_params["f"] == "[x*y, sin(x)]"


def test_a_list_with_an_undefined_entry_says_why_in_the_table():
    from tests.app import app_at

    at = app_at("pages/00_explain.py", "en", f="[1/x, y]", x="0", y="5", order="1").run()
    assert not at.exception
    table = at.dataframe[0].value
    notes = dict(zip(table[""], table["note"], strict=True))
    assert "no finite real value" in notes["∂f1/∂x"]
    assert "tape.jacobian runs the backward pass of f2" in notes["∂f2/∂x"]
    assert list(table["agree"]) == ["❌", "❌", "❌", "✅"]
    assert at.warning and "3 of 4" in at.warning[0].value


def test_a_malformed_list_is_refused_on_the_page():
    from tests.app import app_at

    at = app_at("pages/00_explain.py", "zh", f="[x, [y]]").run()
    assert not at.exception
    assert "列表里不能再套列表" in at.error[0].value


def test_the_list_example_fills_the_inputs_and_shows_the_jacobian(app):
    app.selectbox(key="preset").select("vector").run()
    assert not app.exception
    assert app.text_input(key="f").value == "[x*y, sin(x)]"
    assert (app.text_input(key="at_x").value, app.text_input(key="at_y").value) == ("1", "2")
    table = app.dataframe[0].value
    assert list(table[""]) == ["∂f1/∂x", "∂f1/∂y", "∂f2/∂x", "∂f2/∂y"]
    assert not app.info  # order 1: no note that the order does not apply
