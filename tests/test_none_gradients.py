"""The None page's sandbox, every one of its 1024 switch combinations: the code the page shows
for them runs as shown and prints what the page shows beside it, in both languages, and the
gradient is None exactly when the notes' rules (and the page's other causes) say so.

The rules are written here again, from the switches alone (not from `causes_of_none`), and the
expected output is Python's and TensorFlow's print of the expected value.
"""

import ast
import dataclasses
import itertools
import re

import pytest

from diffexplain.teach.lessons import none_gradients
from diffexplain.teach.lessons.snippet import SEPARATOR, comments
from tests.app import app_at
from tests.test_snippets import _printed_by, _shown_pairs

CJK = re.compile(r"[\u4e00-\u9fff]")
SWITCHES = [f.name for f in dataclasses.fields(none_gradients.Setup) if f.name != "at"]
EAGER_TENSOR = "'tensorflow.python.framework.ops.EagerTensor'"


def _every_setup(at=3):
    for values in itertools.product((False, True), repeat=len(SWITCHES)):
        yield none_gradients.Setup(**dict(zip(SWITCHES, values, strict=True)), at=at)


def _no_recorded_path(s):
    """The notes' four causes and the sandbox's others, from the switches alone."""
    integer = s.integer  # the notes: "the variable is an integer"
    unwatched = (s.constant or s.replace_with_tensor) and not s.watch  # no Variable left
    numpy = s.numpy_detour  # the notes: "computed outside TensorFlow"
    outside = s.outside_tape  # the notes: "computed outside the with block"
    cut = s.stop_recording or s.stop_gradient
    return integer or unwatched or numpy or outside or cut


def _expected_printed(s):
    """What print(dy_dx) shows for these switches, worked out by hand."""
    if s.assign_add_inside and (s.constant or s.replace_with_tensor):
        return f"AttributeError: {EAGER_TENSOR} object has no attribute 'assign_add'\n"
    dtype = "int32" if s.integer else "float32"
    if _no_recorded_path(s):
        zero = "0" if s.integer else "0.0"
        return (
            f"tf.Tensor({zero}, shape=(), dtype={dtype})\n" if s.zero_if_unconnected else "None\n"
        )
    moved = s.at + (s.replace_with_tensor or s.assign_add_inside)  # x + 1, or x.assign_add(1)
    return f"tf.Tensor({2.0 * moved}, shape=(), dtype={dtype})\n"  # d(x·x)/dx = 2x


@pytest.mark.parametrize("at", [3, 1])
def test_every_combination_shows_code_that_prints_what_the_page_shows(at):
    for s in _every_setup(at):
        result = none_gradients.why_is_my_gradient_none(s)
        snippet = none_gradients.sandbox_snippet(s)
        params = none_gradients.sandbox_params(s)
        english, chinese = snippet.code("en", **params), snippet.code("zh", **params)
        assert ast.dump(ast.parse(english)) == ast.dump(ast.parse(chinese)), s
        assert SEPARATOR not in english + chinese and "$" not in english, s
        assert not CJK.search("".join(comments(english))), s
        assert all(CJK.search(c) for c in comments(chinese)), s
        assert english.startswith("import tensorflow as tf\n"), s
        for code in (english, chinese):  # as a student pastes it, outside the lesson
            assert _printed_by(code) == result.printed, s
        assert result.printed == _expected_printed(s), s


def test_the_gradient_is_none_exactly_when_the_rules_say_so():
    for s in _every_setup():
        result = none_gradients.why_is_my_gradient_none(s)
        if s.assign_add_inside and (s.constant or s.replace_with_tensor):
            assert result.gradient is None and result.raised.type_name == "AttributeError", s
            assert result.causes == (), s  # no gradient was asked for: no cause to name
            continue
        assert result.raised is None, s
        if _no_recorded_path(s):
            assert result.gradient == (0 if s.zero_if_unconnected else None), s
            assert result.causes, s  # the page names at least one cause
        else:
            moved = s.replace_with_tensor or s.assign_add_inside
            assert result.gradient == 2.0 * (s.at + moved), s
            assert result.causes == (), s


def test_each_switch_shows_in_the_code():
    plain = none_gradients.sandbox_snippet(none_gradients.Setup()).code("en", at=3.0)
    lines = {
        "constant": "x = tf.constant(3.0)",
        "watch": "    tape.watch(x)",
        "replace_with_tensor": "x = x + 1",
        "numpy_detour": "np.square(x.numpy())",
        "assign_add_inside": "x.assign_add(1)",
        "stop_gradient": "y = tf.stop_gradient(y)",
        "stop_recording": "with tape.stop_recording():",
        "zero_if_unconnected": "unconnected_gradients=zero",
    }
    for switch, line in lines.items():
        setup = none_gradients.Setup(**{switch: True})
        code = none_gradients.sandbox_snippet(setup).code(
            "en", **none_gradients.sandbox_params(setup)
        )
        assert line in code and line not in plain, switch
    integer = none_gradients.Setup(integer=True)
    assert "x = tf.Variable(3)" in none_gradients.sandbox_snippet(integer).code("en", at=3)
    outside = none_gradients.sandbox_snippet(none_gradients.Setup(outside_tape=True)).code(
        "en", at=3.0
    )
    assert outside.index("y = x * x") < outside.index("with tf.GradientTape()")


def test_only_numbers_reach_the_sandbox_template():
    for s in _every_setup():
        assert none_gradients.sandbox_snippet(s).names() == ("at",)
        assert set(map(type, none_gradients.sandbox_params(s).values())) <= {int, float}


@pytest.mark.parametrize(
    ("language", "switches", "at", "line"),
    [
        ("en", [], 3, "y = x * x"),
        ("zh", ["constant", "assign_add_inside"], 3, "x.assign_add(1)  # 原地 x += 1"),
        ("en", ["replace_with_tensor", "watch"], 5, "x = x + 1  # a new Tensor, named x again"),
        ("zh", ["integer", "outside_tape", "stop_recording", "zero_if_unconnected"], 2, "pass"),
        ("en", ["numpy_detour", "stop_gradient", "zero_if_unconnected"], 4, "import numpy"),
    ],
)
def test_the_page_shows_the_code_for_the_switches_beside_what_it_printed(
    language, switches, at, line
):
    at_page = app_at("pages/06_none_gradients.py", language).run()
    for switch in switches:
        at_page.toggle(key=f"none.{switch}").set_value(True)
    at_page.slider(key="none.at").set_value(at).run()
    assert not at_page.exception
    setup = none_gradients.Setup(**dict.fromkeys(switches, True), at=at)
    code, output = _shown_pairs(at_page)[-1]  # the sandbox is the page's last snippet
    params = none_gradients.sandbox_params(setup)
    assert code == none_gradients.sandbox_snippet(setup).code(language, **params)
    assert (
        line in code and f"x = tf.{'constant' if 'constant' in switches else 'Variable'}(" in code
    )
    assert _printed_by(code) == output == _expected_printed(setup)
    metric = next(m.value for m in at_page.metric if m.label == "tape.gradient(y, x)")
    shown = output.splitlines()[-1]
    if shown.startswith("AttributeError"):  # no gradient was asked for: not a None
        assert metric == {"en": "raised AttributeError", "zh": "抛出 AttributeError"}[language]
    elif metric == "None":
        assert shown == "None"
    else:
        assert shown.startswith(f"tf.Tensor({metric}, shape=(), dtype=")


@pytest.mark.parametrize(
    ("section", "shown", "hidden"),
    [(1, "The notes' four cases", "Sandbox: break it yourself"), (2, "Sandbox", "four cases")],
)
def test_presenting_shows_one_section_of_the_page(section, shown, hidden):
    at = app_at("pages/06_none_gradients.py")
    at.session_state["present"] = True
    at.session_state["section.pages/06_none_gradients.py"] = section
    at.run()
    assert not at.exception
    headers = " ".join(header.value for header in at.header)
    assert shown in headers and hidden not in headers
    assert bool(at.main.toggle) == (section == 2)  # the switches belong to the sandbox
