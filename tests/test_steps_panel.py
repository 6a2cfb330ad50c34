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
    point = {"x": "1", "y": "2"}
    readings_panel(text)
    explanation = explain(text, {k: v for k, v in point.items() if k in text}, order=2)
    highlight = steps_panel(text, point, explanation)
    st.text(f"highlight={sorted(highlight)}")


def _app(text="x*sin(x)", lang=None):
    at = AppTest.from_function(_page, default_timeout=TIMEOUT)
    at.session_state["text"] = text
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


def test_two_variables_offer_a_choice_of_partial():
    at = _app("x*y + sin(x)")
    assert at.radio[0].options == ["x", "y"]
    at.radio[0].set_value("y").run()
    assert not at.exception
    assert any(r"\frac{\partial}{\partial y}" in latex.value for latex in at.latex)


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
    assert "Only the first derivative" in said  # the steps' limit, stated


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


def test_a_long_equation_is_stacked_one_side_a_line_and_split_at_its_top_level_plus():
    from diffexplain.ui.steps_panel import stacked

    assert stacked("a = b") == "a = b"
    assert stacked("a = b = c") == r"\begin{aligned}& a \\  &= b \\  &= c\end{aligned}"
    long_side = r"\sin{\left(x + 1 \right)} \frac{d}{dx} e^{x} + e^{x} \frac{d}{dx} \sin{x}"
    lines = stacked(f"d = {long_side} = r").split(r" \\ ")
    # split at the + between the terms, never at the + inside sin(x + 1)
    assert lines[1] == r" &= \sin{\left(x + 1 \right)} \frac{d}{dx} e^{x}"
    assert lines[2] == r"&\quad + e^{x} \frac{d}{dx} \sin{x}"
