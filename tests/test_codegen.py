"""The emitted script runs unchanged in a fresh Python and prints the numbers `explain()` gives;
its formulas are printed from the parsed tree, never pasted from the text box."""

import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import sympy
import tensorflow as tf

from diffexplain import explain
from diffexplain.core import ops
from diffexplain.core.parse import InputError, parse_function
from diffexplain.core.tape import to_tensorflow
from diffexplain.teach.codegen import _TENSORFLOW_CALLS, standalone_script, sympy_code

CASES = [
    ("sin(x)*exp(x)", {"x": 1}, 2, "float64"),
    ("x^3", {"x": 3}, 1, "float32"),
    ("x y + sin(x y) + y^2/10 - 1/3", {"x": 0.5, "y": "pi/4"}, 3, "float32"),
    ("sigmoid(w*x + b)", {"b": 0, "w": 0.5, "x": 2}, 2, "float64"),
    ("sqrt(x) + log(x, 2) - e^-x / (1 + x^2)", {"x": 2}, 3, "float64"),
    ("relu(x - 1)*y + abs(y) + tanh(x)^2", {"x": 2, "y": -1.5}, 2, "float64"),
    ("3", None, 1, "float64"),
    ("tan(x)", {"x": "pi/2"}, 1, "float64"),  # typed exactly at a pole: no exact value
    ("sp*dtype + f_x*u1 + sin(sp*dtype)", {"sp": 0.3}, 1, "float64"),
]

DRIVER = textwrap.dedent(
    """
    import runpy, sys
    for path in sys.argv[1:]:
        print("=== " + path, flush=True)
        runpy.run_path(path, run_name="__main__")
    """
)


def _table(printed: str) -> dict[str, tuple[float, float]]:
    """name → (SymPy value, tape value) from the script's last table."""
    lines = printed.splitlines()
    start = max(i for i, line in enumerate(lines) if "SymPy (exact)" in line)
    rows = {}
    for line in lines[start + 1 :]:
        name, exact, taped = line.split()
        rows[name] = (float(exact), float(taped))
    return rows


def _expected(text, point, order, dtype) -> dict[str, tuple[float, float]]:
    result = explain(text, point, order, dtype)
    rows = {"f": (result.value.symbolic, result.value_autodiff)}
    rows.update({row.name: (row.symbolic, row.autodiff) for row in result.derivatives})
    return rows


def _check(printed: str, text, point, order, dtype) -> None:
    got, want = _table(printed), _expected(text, point, order, dtype)
    assert list(got) == list(want)
    for name, (exact, taped) in want.items():
        assert got[name][1] == taped, name  # the same ops in the same order: the same bits
        rounded = float(np.float32(got[name][0])) if dtype == "float32" else got[name][0]
        assert rounded == pytest.approx(exact, rel=1e-12, abs=1e-300, nan_ok=True), name


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every case's script, run one after another in one fresh Python (one TensorFlow import)."""
    folder = tmp_path_factory.mktemp("scripts")
    paths = []
    for number, (text, point, order, dtype) in enumerate(CASES):
        path = folder / f"case_{number}.py"
        path.write_text(standalone_script(text, point, order, dtype), encoding="utf-8")
        paths.append(str(path))
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, *paths],
        capture_output=True,
        text=True,
        timeout=300,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr[-3000:]
    parts = run.stdout.split("=== ")[1:]
    return {path: part for path, part in zip(paths, parts, strict=True)}


@pytest.mark.parametrize("number", range(len(CASES)))
def test_emitted_script_prints_the_values_explain_gives(printed, number):
    text, point, order, dtype = CASES[number]
    output = next(part for path, part in printed.items() if path.endswith(f"case_{number}.py"))
    _check(output, text, point, order, dtype)


def test_a_script_runs_on_its_own_as_a_student_would_run_it(tmp_path):
    text, point, order, dtype = "x^2 + y^2", {"x": 4, "y": 3}, 1, "float64"
    path = tmp_path / "derivatives.py"
    path.write_text(standalone_script(text, point, order, dtype), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, encoding="utf-8"
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert _table(run.stdout) == {"f": (25.0, 25.0), "∂f/∂x": (8.0, 8.0), "∂f/∂y": (6.0, 6.0)}


def test_script_nests_one_tape_per_order_and_watches_constants():
    script = standalone_script("x^3", {"x": 3}, 3, "float64")
    assert "x = tf.constant(3.0, dtype=dtype)" in script
    assert "dtype = tf.float64" in script
    nest = [line for line in script.splitlines() if "tf.GradientTape(" in line]
    assert [line.index("with") for line in nest] == [0, 4, 8]
    # the notes' naming: t0 the innermost tape (first derivative), outer tapes t1, t2
    assert [line.split(" as ")[1][:2] for line in nest] == ["t2", "t1", "t0"]
    assert "f_x = t0.gradient(f, x, unconnected_gradients=zero)" in script
    assert "f_xxx = t2.gradient(f_xx, x, unconnected_gradients=zero)" in script


def test_the_script_says_why_it_asks_for_zero_and_the_reason_holds():
    """The comment's claims, checked in TensorFlow: without ZERO, df/dy of a function without y
    is None, and a tape asked to differentiate that None raises TypeError."""
    script = standalone_script("x^2 + y", {"x": 3, "y": 1}, 2, "float64")
    comment = script[script.index("# Where no recorded op") : script.index("zero = ")]
    assert "None" in comment and "TypeError" in comment and "SymPy says 0" in comment
    x, y = tf.constant(3.0), tf.constant(1.0)
    with tf.GradientTape() as t1:
        t1.watch([x, y])
        with tf.GradientTape() as t0:
            t0.watch([x, y])
            f = x * x
        f_y = t0.gradient(f, y)
    assert f_y is None
    with pytest.raises(TypeError):
        t1.gradient(f_y, x)


def test_the_visitors_text_is_not_pasted_into_the_script():
    text = "2x sin x + x²"
    script = standalone_script(text, {"x": 1}, 1)
    assert text not in script
    assert "f = x**2 + 2*x*sp.sin(x)" in script


def test_variables_named_like_the_scripts_own_names_are_renamed():
    script = standalone_script("sp*dtype + f_x", {"sp": 1}, 1)
    assert 'sp_ = sp.Symbol("sp", real=True)' in script
    assert 'dtype_ = sp.Symbol("dtype", real=True)' in script
    assert "dtype = tf.float64" in script


def test_invalid_input_raises_the_same_error_as_explain():
    with pytest.raises(InputError):
        standalone_script("__import__('os')", {}, 1)
    with pytest.raises(InputError):
        standalone_script("x", {"x": 1}, 9)


CORPUS = [
    "x^2 - 0.1",
    "e*x + pi*x/2",
    "1/sqrt(x) + x^(1/3) + x^(-3/2)",
    "2^x + (2/3)^x",
    "log(x, 2) + ln(x)/x",
    "-(x + y)^3 + (-x)^3 - x/2",
    "10^-3 x + 1e-20*x",
    "exp(-x^2/2)/sqrt(2 pi)",
    "asinh(x) + acosh(x + 2) + atanh(x/3) + erf(x)",
    "sec(x) + csc(x) + cot(x) + tan(x)",
    "abs(x - y) * tanh(y)^2",
    "x^x",
]


@pytest.mark.parametrize("text", CORPUS)
def test_sympy_code_rebuilds_the_same_expression(text):
    parsed = parse_function(text)
    code = sympy_code(parsed.expr, {s: s.name for s in parsed.symbols})
    namespace = {"sp": sympy, **{s.name: s for s in parsed.symbols}}
    assert eval(code, namespace) == parsed.expr  # noqa: S307 - our own printed code


@pytest.mark.parametrize("text", CORPUS)
def test_tensorflow_code_computes_exactly_what_the_tape_computes(text):
    from diffexplain.teach.codegen import _TensorFlowCode

    parsed = parse_function(text)
    names = {s: s.name for s in parsed.symbols}
    lines, code = _TensorFlowCode(names, set(names.values())).code(parsed.expr)
    values = {"x": 0.7, "y": 0.4}
    inputs = [tf.constant(values[s.name], tf.float64) for s in parsed.symbols]
    namespace = {"tf": tf, "dtype": tf.float64, **dict(zip(names.values(), inputs, strict=True))}
    for line in lines:
        exec(line, namespace)  # noqa: S102 - our own printed code
    ours = float(eval(code, namespace))  # noqa: S307
    theirs = float(to_tensorflow(parsed.expr, parsed.symbols, tf.float64)(inputs))
    assert ours == theirs or (math.isnan(ours) and math.isnan(theirs))


def test_every_primitive_has_a_tensorflow_call_that_matches_the_tape():
    assert set(_TENSORFLOW_CALLS) == set(ops.FUNCTIONS)
    u = tf.constant([-0.3, 0.3, 1.3], tf.float64)  # acosh needs u ≥ 1, atanh |u| < 1
    for name, primitive in ops.FUNCTIONS.items():
        ours = np.asarray(eval(_TENSORFLOW_CALLS[name].format("u"), {"tf": tf, "u": u}))  # noqa: S307
        np.testing.assert_array_equal(ours, np.asarray(primitive.forward(tf, u)), err_msg=name)


def test_custom_functions_become_plain_sympy_helpers():
    script = standalone_script("sigmoid(x) + relu(x)", {"x": 0.5}, 1)
    assert "def sigmoid(u):" in script and "def relu(u):" in script
    assert "f = relu(x) + sigmoid(x)" in script


# --- the panel, in Streamlit's AppTest -------------------------------------------------------


def _code_panel(text, point, order, dtype, lang):
    import streamlit as st

    from diffexplain.ui.code_panel import code_panel

    st.session_state["lang"] = lang
    code_panel(text, point, order, dtype)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_code_panel_shows_the_script_and_a_download(lang):
    from streamlit.testing.v1 import AppTest

    point = (("x", "0.5"), ("y", "pi/4"))  # as the main page holds it: typed text
    at = AppTest.from_function(
        _code_panel, args=("x y + sin(x y)", point, 2, "float32", lang), default_timeout=60
    )
    at.session_state["code.open"] = True  # as a visitor's click leaves it
    at.run()
    assert not at.exception
    script = standalone_script("x y + sin(x y)", dict(point), 2, "float32")
    assert at.code[0].value == script.rstrip("\n")
    assert at.code[0].language == "python"
    assert len(at.get("download_button")) == 1
    assert at.expander[0].label == ("给我看代码" if lang == "zh" else "Show me the code")
    note = at.caption[-1].value  # why ZERO, beside the code that uses it
    assert "unconnected_gradients=ZERO" in note and "`None`" in note
    assert ("梯度为何是 None？" if lang == "zh" else "Why is my gradient None?") in note


def test_code_panel_shows_a_friendly_error_for_bad_input():
    from streamlit.testing.v1 import AppTest

    arguments = ("sin(", {}, 1, "float64", "en")
    at = AppTest.from_function(_code_panel, args=arguments, default_timeout=60)
    at.session_state["code.open"] = True
    at.run()
    assert not at.exception
    assert at.error
    assert all("import tensorflow" not in block.value for block in at.code)
