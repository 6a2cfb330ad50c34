"""Every lecture page through Streamlit's AppTest, in English and Chinese: no exception, and the
numbers, Nones and error messages the notes (or TensorFlow) state are on the page.

Each page is rendered once per language and shared by the tests below; tests that move a widget
start from a fresh copy. TensorFlow loads on the first run (about 5 s), hence the long timeout.
"""

import contextlib
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from diffexplain.text.en import TEXT
from diffexplain.ui.lectures import LECTURES, lecture
from diffexplain.ui.presentation import PRESENT_KEY, Sections
from tests.app import app_at

TIMEOUT = 120
ROOT = Path(__file__).resolve().parents[1]
PAGES = [page.path for page in LECTURES if page.path != "pages/08_training_loop.py"]
EAGER_TENSOR = "'tensorflow.python.framework.ops.EagerTensor'"
NOTES_SAY = {"en": "The notes say:", "zh": "讲义上说："}
GUIDE_SAYS = {  # the guide pages test a guide's (or the API docs') claims
    "en": ("The guide says:", "TensorFlow's API docs say:"),
    "zh": ("指南上说：", "TensorFlow 的 API 文档说："),
}
TRUTH = {"en": "What TensorFlow actually does:", "zh": "TensorFlow 实际的行为："}
PAGES_WITH_TRUTH_BOXES = [path for path in PAGES if "09_summary" not in path]


def _fresh(path, language="en"):
    return app_at(path, language)


@pytest.fixture(scope="module")
def rendered():
    """render(path, language): the page after one run, rendered once per module."""
    runs = {}

    def render(path, language="en"):
        if (path, language) not in runs:
            runs[path, language] = _fresh(path, language).run()
        return runs[path, language]

    return render


def _metrics(at):
    return {metric.label: metric.value for metric in at.metric}


def _codes(at):
    return "\n".join(code.value for code in at.code)


def _beside(at, code):
    """The output block shown beside a snippet's code block."""
    blocks = list(at.code)
    index = next(i for i, block in enumerate(blocks) if block is code)
    return blocks[index + 1].value.strip()


def _text(at):
    """Everything a reader sees as text, in one string."""
    parts = [element.value for element in at.markdown]
    parts += [
        element.value
        for kind in ("success", "info", "warning", "error", "caption")
        for element in at.get(kind)
    ]
    parts += [f"{metric.label} = {metric.value}" for metric in at.metric]
    parts += [code.value for code in at.code] + [latex.value for latex in at.latex]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", PAGES)
def test_page_runs_without_exception_in_its_language(rendered, path, language):
    at = rendered(path, language)
    assert not at.exception
    assert at.title[0].value.endswith(lecture(path).title(language))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", PAGES_WITH_TRUTH_BOXES)
def test_page_marks_what_the_notes_say_and_what_tensorflow_does(rendered, path, language):
    text = _text(rendered(path, language))
    claims = GUIDE_SAYS[language] if lecture(path).part == "guides" else (NOTES_SAY[language],)
    assert any(claim in text for claim in claims) and TRUTH[language] in text


@pytest.mark.parametrize("path", PAGES)
def test_page_shows_the_source_of_the_code_it_ran(rendered, path):
    assert "def " in _codes(rendered(path)) or "09_summary" in path


# --- what each page shows ------------------------------------------------------------------------


def test_constant_page_shows_prints_the_real_errors_and_the_int_variable_truth(rendered):
    for language in ("en", "zh"):
        at = rendered("pages/01_constant_and_variable.py", language)
        codes = _codes(at)
        assert "tf.Tensor([1. 2. 3.], shape=(3,), dtype=float32)" in codes
        assert f"TypeError: {EAGER_TENSOR} object does not support item assignment" in codes
        assert f"AttributeError: {EAGER_TENSOR} object has no attribute 'assign'" in codes
        assert "c[0][0] = 100" in codes and "tape.watch(x)" in codes
    at = rendered("pages/01_constant_and_variable.py")
    integer_row = at.dataframe[0].value.iloc[0]
    assert (integer_row["dtype"], integer_row["v.trainable"]) == ("int32", "True")
    assert integer_row.iloc[-1] == "None"
    assert _metrics(at)["constant, no watch"] == "None"
    assert _metrics(at)["constant, tape.watch(x)"] == "6.0"


def test_choosing_integer_literals_makes_an_int32_variable_without_gradient():
    at = _fresh("pages/01_constant_and_variable.py").run()
    at.radio(key="cv.values").set_value("[1, 2, 3]").run()
    assert not at.exception
    metrics = _metrics(at)
    assert (metrics["dtype"], metrics["gradient of sum(v²)"]) == ("int32", "None")


def test_assign_page_shows_the_notes_examples_and_no_gradient_through_assign(rendered):
    at = rendered("pages/02_assign.py")
    metrics = _metrics(at)
    assert (metrics["before"], metrics["after"]) == ("[1.0, 2.0, 3.0]", "[4.0, 5.0, 6.0]")
    assert metrics["dy/du through w.assign(3u)"] == "None"
    assert metrics["dy/du with w = 3u (no assign)"] == "18.0"
    step_code = next(code for code in at.code if "W.assign_sub(" in code.value)
    assert "W.assign_sub(0.1 * grad)" in step_code.value
    assert "print(W.numpy())" in step_code.value
    assert _beside(at, step_code) == "4.6"
    evidence = at.dataframe[0].value.to_string()
    assert "ValueError" in evidence and "TypeError" in evidence and "[4.0, 5.0, 6.0]" in evidence


def test_assign_page_shows_what_assign_add_really_returns(rendered):
    for language in ("en", "zh"):
        at = rendered("pages/02_assign.py", language)
        assert "<tf.Variable 'UnreadVariable' shape=(3,)" in _codes(at)
        metrics = _metrics(at)
        assert (metrics["returned is v"], metrics["read_value=False"]) == ("False", "None")
        assert metrics["isinstance(…, tf.Variable)"] == "True"


def test_assign_page_reports_the_shape_error_and_the_notes_assign_sub_example():
    at = _fresh("pages/02_assign.py").run()
    at.radio(key="as.new").set_value("too_short").run()
    codes = _codes(at)
    assert "v.assign([4, 5])" in codes
    assert "ValueError: Cannot assign value to variable" in codes
    assert "Shape mismatch" in codes
    at.radio(key="as.method").set_value("assign_sub").run()
    assert _metrics(at)["after"] == "[9.0, 8.0, 7.0]"


def test_assign_page_step_shows_the_learning_rate_a_student_would_type():
    at = _fresh("pages/02_assign.py").run()
    at.slider(key="as.lr").set_value(0.25).run()
    assert not at.exception
    step_code = next(code for code in at.code if "W.assign_sub(" in code.value)
    assert "W.assign_sub(0.25 * grad)" in step_code.value
    assert _beside(at, step_code) == "4.0"  # 5 - 0.25 · 2(5 - 3)


def test_assign_sandbox_shows_the_concrete_code_chosen_and_what_it_printed():
    at = _fresh("pages/02_assign.py").run()
    at.radio(key="as.m2").set_value("assign_add").run()
    at.radio(key="as.new").set_value("scalar").run()
    assert not at.exception
    shown = next(code for code in at.code if "v.assign_add(10)" in code.value)
    assert "v = tf.Variable([1.0, 2.0, 3.0])" in shown.value
    assert "# accepted, or refused" in shown.value
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(shown.value, "<shown>", "exec"), {})  # run again, as pasted
    assert output.getvalue().strip() == _beside(at, shown)
    lines = _beside(at, shown).splitlines()
    assert lines[0].startswith("InvalidArgumentError: ") and "shapes must be equal" in lines[0]
    assert lines[1:] == ["[1. 2. 3.]"]  # unchanged: no broadcasting from a scalar


SECTIONED = {
    "pages/01_constant_and_variable.py": (
        "constvar.create.header",
        "constvar.change.header",
        "constvar.autodiff.header",
        "constvar.scene.header",
    ),
    "pages/02_assign.py": (
        "assign.update.header",
        "assign.returns.header",
        "assign.accept.header",
        "assign.gradient.header",
        "assign.step.header",
    ),
}


@pytest.mark.parametrize("path", sorted(SECTIONED))
def test_each_section_runs_alone_when_presenting(path):
    """Presentation mode draws one section: each must stand on its own (no value from another
    section) and show its own header and snippet only."""
    for index, key in enumerate(("intro", *SECTIONED[path])):
        at = _fresh(path)
        at.session_state[PRESENT_KEY] = True
        at.session_state[Sections(path, ()).state_key] = index
        at.run()
        assert not at.exception, (path, key)
        headers = [header.value for header in (*at.header, *at.subheader)]
        assert headers == ([] if key == "intro" else [TEXT[key]]), (path, key)
        snippets = [code for code in at.code if code.value.startswith("import tensorflow")]
        assert len(snippets) == (0 if key == "intro" else 1), (path, key)


def test_tape_page_shows_6_and_what_print_really_prints(rendered):
    for language in ("en", "zh"):
        at = rendered("pages/03_gradient_tape.py", language)
        assert _metrics(at)["dy/dx"] == "6.0"
        codes = _codes(at)
        assert "print(dy_dx.numpy())\nprint(dy_dx)" in codes
        assert "6.0\ntf.Tensor(6.0, shape=(), dtype=float32)" in codes


def test_persistent_page_shows_6_12_and_8_6(rendered):
    metrics = _metrics(rendered("pages/04_persistent.py"))
    assert (metrics["dy/dx = 2x"], metrics["dz/dx = 4x"]) == ("6.0", "12.0")
    assert (metrics["∂z/∂x = 2x"], metrics["∂z/∂y = 2y"]) == ("8.0", "6.0")
    assert metrics["tape alive after del?"] == "no"
    assert metrics["persistent=False: tape.gradient(z, [x, y])"] == "[8.0, 6.0]"


def test_second_gradient_call_without_persistent_shows_the_runtime_error():
    at = _fresh("pages/04_persistent.py", "zh").run()
    at.toggle(key="pe.twice").set_value(False).run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["dz/dx = 4x"] == "抛出 RuntimeError"  # not None: page 6 teaches None apart
    assert metrics["dy/dx = 2x"] == "6.0"  # the first call still answers
    assert "RuntimeError: A non-persistent GradientTape can only be used" in _codes(at)


def test_one_call_with_a_list_needs_no_persistent_tape():
    at = _fresh("pages/04_persistent.py").run()
    at.toggle(key="pe.partials").set_value(False).run()
    assert "RuntimeError" in _codes(at)
    metrics = _metrics(at)
    assert (metrics["∂z/∂x = 2x"], metrics["∂z/∂y = 2y"]) == ("8.0", "raised RuntimeError")
    at.toggle(key="pe.one").set_value(True).run()
    metrics = _metrics(at)
    assert (metrics["∂z/∂x = 2x"], metrics["∂z/∂y = 2y"]) == ("8.0", "6.0")
    at.toggle(key="pe.alias").set_value(True).run()
    assert _metrics(at)["tape alive after del?"] == "yes"


def _shown_code_prints_what_is_shown_beside_it(at):
    """Each snippet the page shows, re-run as pasted, prints the output shown beside it."""
    from tests.test_snippets import _printed_by, _shown_pairs

    pairs = _shown_pairs(at)
    assert pairs
    for code, output in pairs:
        assert _printed_by(code) == output, code
    return "\n".join(code for code, _ in pairs)


@pytest.mark.parametrize(
    ("twice", "partials", "one_call", "alias"),
    [(False, False, False, True), (True, False, True, False), (True, True, False, False)],
)
def test_persistent_page_shows_the_code_for_its_switches_and_what_it_printed(
    twice, partials, one_call, alias
):
    at = _fresh("pages/04_persistent.py", "zh").run()
    at.toggle(key="pe.twice").set_value(twice)
    at.toggle(key="pe.partials").set_value(partials)
    at.toggle(key="pe.one").set_value(one_call)
    at.toggle(key="pe.alias").set_value(alias).run()
    assert not at.exception
    shown = _shown_code_prints_what_is_shown_beside_it(at)
    assert shown.count("except RuntimeError") == (not twice) + (not partials and not one_call)
    assert ("tape.gradient(z, [x, y])" in shown) == one_call
    assert ("others = [tape]" in shown) == alias
    assert "# 第二次调用" in shown  # the Chinese page's comments


def test_watch_page_shows_the_code_for_every_switch_and_what_it_printed():
    at = _fresh("pages/05_watch.py").run()
    for kind in ("constant", "variable", "frozen_variable"):
        for dtype in ("float32", "int32"):
            for watch_it in (False, True):
                for accessed in (False, True):
                    at.radio(key="wa.kind").set_value(kind)
                    at.radio(key="wa.dtype").set_value(dtype)
                    at.toggle(key="wa.watch").set_value(watch_it)
                    at.toggle(key="wa.accessed").set_value(accessed).run()
                    assert not at.exception
                    shown = _shown_code_prints_what_is_shown_beside_it(at)
                    assert ("tape.watch(x)" in shown) == watch_it
                    assert ("trainable=False" in shown) == (kind == "frozen_variable")
                    assert f"dtype=tf.{dtype}" in shown
                    gradient = _metrics(at)["dy/dx"]
                    tensor = f"tf.Tensor({gradient}, shape=(), dtype={dtype})"
                    first_printed = "None" if gradient == "None" else tensor
                    assert first_printed in [code.value.split("\n")[0] for code in at.code]


def test_higher_order_page_shows_the_code_for_its_switch_and_what_it_printed():
    at = _fresh("pages/07_higher_order.py", "zh").run()
    shown = _shown_code_prints_what_is_shown_beside_it(at)
    assert "    dy_dx = t0.gradient(y, x)  # 3x²，t1 仍在录制" in shown  # inside t1's block
    at.toggle(key="ho.inside").set_value(False).run()
    shown = _shown_code_prints_what_is_shown_beside_it(at)
    assert "\ndy_dx = t0.gradient(y, x)  # 3x²，但 t1 已停止录制" in shown  # after it
    assert "27.0 None" in [code.value.strip() for code in at.code]


def test_higher_order_pages_script_with_its_sympy_cell_runs_and_prints_what_it_showed(tmp_path):
    """The page's script holds the SymPy snippet too (not only the TensorFlow ones)."""
    import subprocess
    import sys

    from diffexplain.teach.lessons.notebook import Cell, as_script

    at = _fresh("pages/07_higher_order.py", "zh").run()
    blocks = list(at.code)
    pairs = [
        (code.value, output.value)
        for code, output in zip(blocks, blocks[1:], strict=False)
        if code.language == "python" and code.value.startswith("import ")
    ]
    assert [code.split("\n")[0] for code, _ in pairs] == [
        "import tensorflow as tf",
        "import sympy",
        "import tensorflow as tf",
    ]
    script = tmp_path / "page.py"
    script.write_text(as_script("page", [Cell("", code, out) for code, out in pairs], "note"))
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=True
    )
    assert ran.stdout == "27.0 18.0\n3*x**2 = 27.0\n6*x = 18.0\n3.0 None 0.0\n"
    assert ran.stdout == "".join(output.rstrip("\n") + "\n" for _, output in pairs)


def test_watch_page_shows_6_for_a_watched_constant_and_none_without_watch(rendered):
    at = rendered("pages/05_watch.py")
    assert _metrics(at)["dy/dx"] == "6.0"
    table = at.dataframe[0].value
    assert list(table["dy/dx"]) == ["None", "6.0", "6.0", "6.0", "None", "6.0"]
    at = _fresh("pages/05_watch.py").run()
    at.toggle(key="wa.watch").set_value(False).run()
    assert _metrics(at)["dy/dx"] == "None"
    assert "nobody watched x" in _text(at)
    at.radio(key="wa.dtype").set_value("int32").run()
    at.toggle(key="wa.watch").set_value(True).run()
    assert _metrics(at)["dy/dx"] == "None"
    assert "x is an integer" in _text(at)


def test_none_page_shows_the_notes_four_cases_and_their_repairs(rendered):
    for language in ("en", "zh"):
        at = rendered("pages/06_none_gradients.py", language)
        values = [metric.value for metric in at.metric]
        assert values[:8] == ["None", "0.0", "None", "6.0", "None", "6.0", "None", "1.0"]
        assert values[8] == "6.0"  # the sandbox with every switch off
        # beside the NumPy detour: np.square(x) inside the tape raises, it is not a None
        assert "AttributeError: 'numpy.float32' object has no attribute '_id'" in _codes(at)
        assert "y = np.square(x)" in _codes(at)
        assert any("numpy.float32" in m.value and "np.square(x)" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("switches", "gradient", "words"),
    [
        (["constant"], "None", "A constant nobody watched"),
        (["constant", "watch"], "6.0", "No cause applies"),
        (["integer"], "None", "Integer dtype"),
        (["numpy_detour"], "None", "A NumPy detour"),
        (["outside_tape"], "None", "Computed outside the tape"),
        (["replace_with_tensor"], "None", "The Variable was replaced by a Tensor"),
        (["assign_add_inside"], "8.0", "reads x's *new* value"),
        (["stop_gradient"], "None", "tf.stop_gradient"),
        (["stop_recording"], "None", "Recording paused"),
        (["stop_gradient", "zero_if_unconnected"], "0.0", "gives 0 instead of `None`"),
    ],
)
def test_sandbox_says_in_words_which_cause_applies(switches, gradient, words):
    at = _fresh("pages/06_none_gradients.py").run()
    for switch in switches:
        at.toggle(key=f"none.{switch}").set_value(True)
    at.run()
    assert not at.exception
    assert _metrics(at)["tape.gradient(y, x)"] == gradient
    assert words in _text(at)


def test_sandbox_notes_give_the_gradient_tensorflow_returned_at_the_chosen_x():
    at = _fresh("pages/06_none_gradients.py").run()
    at.toggle(key="none.assign_add_inside").set_value(True)
    at.slider(key="none.at").set_value(5).run()
    assert not at.exception
    gradient = _metrics(at)["tape.gradient(y, x)"]
    assert gradient == "12.0"  # x.assign_add(1) makes x 6; d(x·x)/dx = 2 · 6
    assert f"2 · 6 = {gradient}, not 2 · 5" in _text(at)
    at.toggle(key="none.integer").set_value(True).run()  # now int32: the gradient is None
    assert _metrics(at)["tape.gradient(y, x)"] == "None"
    assert "= 12.0" not in _text(at) and "The `None` comes from the causes above" in _text(at)
    at.toggle(key="none.integer").set_value(False)
    at.toggle(key="none.assign_add_inside").set_value(False)
    at.toggle(key="none.replace_with_tensor").set_value(True)
    at.toggle(key="none.watch").set_value(True).run()
    assert _metrics(at)["tape.gradient(y, x)"] == "12.0"
    assert "x + 1 (6): 2 · 6 = 12.0" in _text(at)


def test_sandbox_shows_the_attribute_error_of_assign_add_on_a_constant_in_chinese():
    at = _fresh("pages/06_none_gradients.py", "zh").run()
    at.toggle(key="none.constant").set_value(True)
    at.toggle(key="none.assign_add_inside").set_value(True).run()
    assert not at.exception
    assert f"AttributeError: {EAGER_TENSOR} object has no attribute 'assign_add'" in _codes(at)
    assert "只有 `tf.Variable` 才有" in _text(at)


def test_higher_order_page_shows_27_and_18_beside_sympy_and_links_to_the_main_page(rendered):
    for language in ("en", "zh"):
        at = rendered("pages/07_higher_order.py", language)
        metrics = _metrics(at)
        assert (metrics["dy/dx"], metrics["d²y/dx²"]) == ("27.0", "18.0")
        latex = " ".join(element.value for element in at.latex)
        assert "3 x^{2} = 27.0" in latex and "6 x = 18.0" in latex
        assert "print(dy_dx.numpy(), d2y_dx2.numpy())" in _codes(at)
        assert "27.0 18.0" in [code.value.strip() for code in at.code]  # what it printed
    assert "](/?f=x%5E3&x=3&order=2)" in _text(rendered("pages/07_higher_order.py"))
    assert "](/?f=x%5E3&x=3&order=2&lang=zh)" in _text(rendered("pages/07_higher_order.py", "zh"))


def test_higher_order_slider_and_the_misplaced_inner_gradient():
    at = _fresh("pages/07_higher_order.py").run()
    at.slider(key="ho.x").set_value(2.0).run()
    metrics = _metrics(at)
    assert (metrics["dy/dx"], metrics["d²y/dx²"]) == ("12.0", "12.0")  # 3·2², 6·2
    assert "](/?f=x%5E3&x=2&order=2)" in _text(at)
    at.toggle(key="ho.inside").set_value(False).run()
    assert _metrics(at)["d²y/dx²"] == "None"
    assert "stopped recording" in _text(at)
    assert "`dy_dx` is still 12.0 but" in _text(at)  # the live value at x = 2, not the notes' 27


def test_higher_order_page_shows_the_none_second_derivative_of_a_line(rendered):
    for language in ("en", "zh"):
        at = rendered("pages/07_higher_order.py", language)
        assert not at.exception
        values = [metric.value for metric in at.metric][-3:]
        assert values == ["3.0", "None", "0.0"]  # y = 3x: 3, then None, or 0 with ZERO
        assert "nested_tapes_on_a_line" in _codes(at)


def _shown_outputs(at):
    """[(a snippet's first line after the import, comment cut; what was printed beside it)]."""
    blocks = list(at.code)
    return [
        (code.value.split("\n\n", 1)[1].splitlines()[0].split("  #")[0], output.value.rstrip())
        for code, output in zip(blocks, blocks[1:], strict=False)
        if code.language == "python" and code.value.startswith("import tensorflow as tf")
    ]


def test_summary_page_lists_the_quick_reference_with_live_values(rendered):
    for language, words in (("en", "start recording"), ("zh", "开始录制")):
        at = rendered("pages/09_summary.py", language)
        text = _text(at)
        assert words in text
        shown = _shown_outputs(at)
        assert [printed for _, printed in shown] == [
            "int32 None",  # an integer Variable has no gradient
            "[11. 12. 13.]\n[10. 11. 12.]\n[0. 0. 0.]",
            "9.0",
            "6.0\n-6.0 -2.0",
            "6.0",  # the watched constant
            "6.0 12.0",
            "27.0 18.0",
            "None",  # the constant nobody watched
        ]
        assert (shown[4][0], shown[7][0]) == ("x = tf.constant(3.0)", "c = tf.constant(3.0)")
        assert "tf.GradientTape(persistent=True)" in text and "tape.watch(tensor)" in text


def test_presenting_the_summary_shows_one_row_at_a_time():
    at = _fresh("pages/09_summary.py")
    at.session_state["present"] = True
    at.session_state["section.pages/09_summary.py"] = 6  # intro, then the rows: the 6th row
    at.run()
    assert not at.exception
    shown = _shown_outputs(at)
    assert [printed for _, printed in shown] == ["6.0 12.0"]  # persistent=True, asked twice
    assert "tf.GradientTape(persistent=True)" in _text(at)


# --- through the router: links between pages --------------------------------------------------


def _links(at):
    return [(link.proto.label, link.proto.page) for link in at.get("page_link")]


def test_previous_and_next_link_the_neighbouring_pages_through_the_router():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.switch_page("pages/03_gradient_tape.py").run()
    assert not at.exception
    assert _links(at) == [
        ("Previous: 2. assign, assign_add, assign_sub", "assign"),
        ("Next: 4. persistent=True", "persistent"),
    ]


def test_page_7_leads_to_the_training_loop_or_past_it_while_it_is_missing():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "zh"
    at.switch_page("pages/07_higher_order.py").run()
    assert not at.exception
    expected_next = "8. 训练循环" if (ROOT / "pages/08_training_loop.py").exists() else "9. 速查表"
    assert _links(at)[-1][0] == f"下一页：{expected_next}"


def test_summary_rows_link_to_their_pages_through_the_router():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.switch_page("pages/09_summary.py").run()
    assert not at.exception
    pages = [page for _, page in _links(at)]
    for page in ("constant_and_variable", "gradient_tape", "watch", "persistent", "higher_order"):
        assert page in pages
    assert "none_gradients" in pages


@pytest.mark.parametrize(
    "path", ["pages/04_persistent.py", "pages/three_ways.py", "pages/00_explain.py"]
)
def test_a_page_reached_without_lang_in_its_url_writes_it_there(path):
    """The sidebar's links drop the query: the page puts the language back, so a link copied
    from it opens in Chinese."""
    at = app_at(path, "zh").run()  # Chinese chosen earlier in the session, no lang in the URL
    assert not at.exception
    assert at.query_params["lang"] == "zh"
    english = app_at(path, "en").run()
    assert "lang" not in english.query_params  # the default needs no parameter
