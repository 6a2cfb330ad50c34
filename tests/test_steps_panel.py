"""The steps panel and the readings panel through Streamlit's AppTest: no exception, steps
shown, a chosen step or backward op gives the graph nodes to highlight."""

import json

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 120  # the first run imports TensorFlow and starts a SymPy worker


def _page():
    import streamlit as st

    from diffexplain.core.explanation import explain
    from diffexplain.ui.steps_panel import readings_panel, steps_panel

    text = st.session_state.get("text", "x*sin(x)")
    order = st.session_state.get("order", 2)
    point = {"x": "1", "y": "2"}
    readings_panel(text)
    explanation = explain(text, {k: v for k, v in point.items() if k in text}, order=order)
    highlight = steps_panel(text, point, explanation)
    st.text(f"highlight={sorted(highlight)}")


def _app(text="x*sin(x)", lang=None, order=2):
    at = AppTest.from_function(_page, default_timeout=TIMEOUT)
    at.session_state["text"] = text
    at.session_state["order"] = order
    if lang:
        at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _highlight(at):
    return json.loads(at.text[-1].value.removeprefix("highlight="))


@pytest.fixture(scope="module")
def app():
    return _app()


def test_steps_are_shown_as_expanders_with_latex_and_the_check(app):
    labels = [e.label for e in app.expander]
    assert labels[0].startswith("product rule")
    assert any(label.startswith("derivative of sin") for label in labels)
    assert any(r"\frac{d}{dx}" in latex.value for latex in app.latex)
    captions = "\n".join(c.value for c in app.caption)
    assert "SymPy" in captions and "diff" in captions
    assert _highlight(app) == []


def test_choosing_a_step_highlights_its_ops(app):
    explanation = _explanation("x*sin(x)")
    mul = next(n.id for n in explanation.graph.nodes if n.stage == 0 and n.op == "Mul")
    app.selectbox(key=app.selectbox[0].key).select_index(0).run()
    assert not app.exception
    highlight = _highlight(app)
    assert mul in highlight
    nodes = {n.id: n for n in explanation.graph.nodes}
    assert all(nodes[i].stage == 1 or i == mul for i in highlight)


def test_choosing_a_backward_op_names_its_step(app):
    explanation = _explanation("x*sin(x)")
    cos = next(n.id for n in explanation.graph.nodes if n.op == "Cos" and n.stage == 1)
    picker = app.selectbox(key=app.selectbox[1].key)
    picker.set_value(cos).run()
    assert not app.exception
    assert any("derivative of sin" in c.value for c in app.caption)
    assert cos in _highlight(app)


def _explanation(text):
    from diffexplain.core.explanation import explain

    return explain(text, {"x": "1"}, order=2)


def test_two_variables_offer_a_choice_of_every_partial_the_page_shows():
    at = _app("x*y + sin(x)")
    radio = at.radio(key="steps_which_x_y_2")
    assert radio.options == ["∂f/∂x", "∂f/∂y", "∂²f/∂x²", "∂²f/∂x∂y", "∂²f/∂y²"]
    radio.set_value(1).run()
    assert not at.exception
    assert any(r"\frac{\partial}{\partial y}" in latex.value for latex in at.latex)


def test_the_mixed_partial_differentiates_the_first_partial_by_the_second_variable():
    at = _app("x^2 y^3")
    at.radio(key="steps_which_x_y_2").set_value(3).run()  # ∂²f/∂x∂y = ∂/∂y of ∂f/∂x
    assert not at.exception
    latex = [item.value.strip("$\n") for item in at.latex]
    # the steps start from ∂f/∂x = 2xy³ as the page shows it, and differentiate it by y
    assert r"\frac{\partial f}{\partial x} = 2 x y^{3}" in latex
    start = r"\frac{\partial}{\partial y}\left(2 x y^{3}\right)"
    assert any(start in value for value in latex)
    assert r"\frac{\partial^{2} f}{\partial x \partial y} = 6 x y^{2}" in latex
    said = _texts(at)
    assert "∂²f/∂x∂y is the derivative of ∂f/∂x with respect to y" in said
    # at (1, 2): 6·1·2² = 24, and the tape's value beside it
    assert "the steps give 24;" in said and "the tape gave 24" in said


def _texts(at):
    return " ".join(m.value for m in [*at.markdown, *at.caption, *at.info])


def test_the_second_derivative_has_its_own_steps_untied_from_the_tape_and_says_why():
    import sympy

    at = _app("x*sin(x)")
    radio = at.radio(key="steps_which_x_2")
    assert radio.options == ["f'", "f''"]
    radio.set_value(1).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    # f' = x cos(x) + sin(x) as the page shows it: the sum, product and sin rules again
    assert labels[0].startswith("sum rule")
    assert any(label.startswith("product rule") for label in labels)
    shown = r"f'(x) &= x \cos{\left(x \right)} \\ &\quad + \sin{\left(x \right)}"
    assert any(shown in latex.value for latex in at.latex)  # a long sum, one term a line
    said = _texts(at)
    assert "tape t1 differentiates the backward ops" in said and "(t0)" in said
    assert "Checked" in said
    x = sympy.Symbol("x")
    exact = float(sympy.diff(x * sympy.sin(x), x, 2).subs(x, 1))
    assert f"the steps give {exact:.10g};" in said
    assert not at.selectbox  # no op to highlight, no backward op to name
    assert _highlight(at) == []


def test_the_third_derivative_names_the_two_inner_tapes_in_chinese():
    at = _app("exp(x^2)", lang="zh", order=3)
    at.radio(key="steps_which_x_3").set_value(2).run()
    assert not at.exception
    said = _texts(at)
    assert "磁带 t2 求导的是它里面的磁带（t0, t1）" in said
    assert "f''' 是 f'' 对 x 的导数" in said
    assert any("乘积法则" in e.label for e in at.expander)


def test_a_derivative_without_a_rule_for_its_formula_is_refused_saying_which():
    at = _app("abs(x^2 - 1)")
    at.radio(key="steps_which_x_2").set_value(1).run()
    assert not at.exception
    (refused,) = [i.value for i in at.info if "No steps" in i.value]
    assert "f''" in refused and "sign" in refused


def test_input_read_two_ways_shows_the_other_reading():
    at = _app("2/3x")
    assert len(at.info) == 1
    assert r"2/\(3x\)" in at.info[0].value  # escaped: visitor text is never Markdown
    assert r"\frac{2}{3 x}" in at.info[0].value


def test_plain_input_shows_no_reading_warning(app):
    assert not app.info


def test_the_panel_speaks_chinese():
    at = _app("sin(x^2)", lang="zh")
    assert any("链式法则" in e.label for e in at.expander)
    assert any("磁带从不写出公式" in m.value and "在这一点的值" in m.value for m in at.markdown)


def test_the_panel_says_the_tape_gives_values_not_formulas(app):
    (said,) = [m.value for m in app.markdown if "never writes" in m.value]
    assert "never writes a formula" in said and "*value at this point*" in said
    assert "Only the first derivative" not in said  # every order has steps now
    assert "steps of the first derivatives put each of SymPy's rules beside" in said


def test_the_backward_op_picker_speaks_chinese_down_to_the_tape_own_ops():
    at = _app("x*sin(x)", lang="zh")
    explanation = _explanation("x*sin(x)")
    picker = at.selectbox(key=at.selectbox[1].key)
    assert picker.options[0].startswith("运算 ") and "：" in picker.options[0]
    add_n = next(n.id for n in explanation.graph.nodes if n.op == "AddN" and n.stage == 1)
    picker.select_index(picker.options.index(f"运算 {add_n}：AddN")).run()
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert "各路径的梯度相加" in said and "different paths" not in said


def test_the_reading_note_speaks_chinese():
    at = _app("sin 2x", lang="zh")
    (note,) = at.info
    assert "把 sin 2x 读作 sin(2x)" in note.value
    assert r"sin\(2\)x" in note.value  # the other reading, escaped: never Markdown
    assert "另一种读法" in note.value


def test_a_long_result_is_split_at_its_top_level_plus_and_a_short_one_is_not():
    from diffexplain.ui.steps_panel import split_equation

    assert split_equation("f'(x)", "6 x") == "f'(x) = 6 x"
    long_side = r"\left(\sin{x} + 1\right) e^{x} + \left(\cos{x} + 1\right) e^{x}"
    assert split_equation("f''(x)", long_side) == (
        r"\begin{aligned}f''(x) &= \left(\sin{x} + 1\right) e^{x} \\ &\quad + "
        r"\left(\cos{x} + 1\right) e^{x}\end{aligned}"
    )


def test_a_long_equation_is_stacked_one_side_a_line_and_split_at_its_top_level_plus():
    from diffexplain.ui.steps_panel import stacked

    assert stacked("a = b") == "a = b"
    assert stacked("a = b = c") == r"\begin{aligned}& a \\  &= b \\  &= c\end{aligned}"
    long_side = r"\sin{\left(x + 1 \right)} \frac{d}{dx} e^{x} + e^{x} \frac{d}{dx} \sin{x}"
    lines = stacked(f"d = {long_side} = r").split(r" \\ ")
    # split at the + between the terms, never at the + inside sin(x + 1)
    assert lines[1] == r" &= \sin{\left(x + 1 \right)} \frac{d}{dx} e^{x}"
    assert lines[2] == r"&\quad + e^{x} \frac{d}{dx} \sin{x}"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_main_page_at_order_2_has_steps_for_f_second_too(language):
    """Through the router, as a visitor gets it: f'' has its steps, ending in the table's f''."""
    import sympy
    from app import app_at

    at = app_at("pages/00_explain.py", language, f="sin(x)*exp(x)", x="0.5", order="2").run()
    assert not at.exception
    radio = at.radio(key="steps_which_x_2")
    assert radio.options == ["f'", "f''"]
    radio.set_value(1).run()
    assert not at.exception
    latex = [item.value.strip("$\n") for item in at.latex]
    # f' as the page shows it, (sin x + cos x)·eˣ, and its product rule taken again
    shown = r"f'(x) = \left(\sin{\left(x \right)} + \cos{\left(x \right)}\right) e^{x}"
    assert shown in latex
    assert any(r"\frac{d}{dx}\left(\left(\sin" in value for value in latex)
    rule = {"en": "product rule", "zh": "乘积法则"}[language]
    assert any(e.label.startswith(rule) for e in at.expander)
    x = sympy.Symbol("x")
    exact = float(sympy.diff(sympy.sin(x) * sympy.exp(x), x, 2).subs(x, sympy.Rational(1, 2)))
    said = " ".join(c.value for c in at.caption)
    assert f"{exact:.10g}" in said  # the steps' value at the point: 2·cos(½)·e^½
    why = {"en": "tape t1 differentiates the backward ops", "zh": "磁带 t1 求导的是"}[language]
    assert any(why in i.value for i in at.info)
