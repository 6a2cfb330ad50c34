"""The guide pages (10–15) through the router with Streamlit's AppTest, in English and Chinese:
no exception, no error box, the key values on the page (worked out here by hand), and a quiz of
three questions whose answers appear only once opened.

Each page is rendered once per language per module; TensorFlow's first import takes seconds,
hence `tests.app`'s long timeout.
"""

from __future__ import annotations

import math

import pytest

from diffexplain.ui.lectures import LECTURES, lecture
from tests.app import app_at

GUIDES = [page.path for page in LECTURES if page.part == "guides"]
QUIZ_KEYS = {
    "pages/10_controlling_the_tape.py": "control",
    "pages/11_control_flow.py": "flow",
    "pages/12_stop_and_reset.py": "stop",
    "pages/13_custom_gradients.py": "custom",
    "pages/14_jacobians.py": "jacobian",
    "pages/15_errors.py": "errors",
}
ANSWERS = {
    "control": ["5.0", "None", "None"],  # 2x + 3x² at 1; nothing watched; y made before
    "flow": ["-1.0", "32.0", "None"],  # d(−x)/dx; x⁴ at 2; a comparison
    "stop": ["3.0", "None", "6.0"],  # 3·x; reset forgets the watch; the inner tape's 2x
    "custom": ["10.0", "0.1", "ValueError"],  # the rule says 10; 0.5 · 2v; one gradient short
    "jacobian": ["[2, 3]", "None", "ValueError"],  # target then source; unconnected; sizes
    "errors": ["2.0", "InvalidArgumentError", "None"],  # round(2.4); int × float; argmax
}
RETURNED = {"en": "The snippet returns", "zh": "这段代码返回"}
RAISED = {"en": "TensorFlow raised **{}**", "zh": "TensorFlow 抛出了 **{}**"}


@pytest.fixture(scope="module")
def rendered():
    runs = {}

    def render(path, language="en"):
        if (path, language) not in runs:
            runs[path, language] = app_at(path, language).run()
        return runs[path, language]

    return render


def _text(at) -> str:
    parts = [element.value for element in at.markdown]
    parts += [
        element.value
        for kind in ("success", "info", "warning", "caption")
        for element in at.get(kind)
    ]
    parts += [f"{metric.label} = {metric.value}" for metric in at.metric]
    parts += [code.value for code in at.code]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(parts)


def _metrics(at) -> list[tuple[str, str]]:
    return [(metric.label, metric.value) for metric in at.metric]


def _float32(value: float) -> str:
    """As the pages print a float32 result: seven significant digits."""
    text = f"{value:.7g}"
    return f"{text}.0" if text.lstrip("-").isdigit() else text


def test_the_guides_section_lists_six_pages_in_order():
    assert [path[6:8] for path in GUIDES] == ["10", "11", "12", "13", "14", "15"]
    assert set(GUIDES) == set(QUIZ_KEYS)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", GUIDES)
def test_guide_page_runs_without_exception_or_error_box(rendered, path, language):
    at = rendered(path, language)
    assert not at.exception
    assert not at.error
    assert at.title[0].value.endswith(lecture(path).title(language))
    assert "def " in "\n".join(code.value for code in at.code)  # the code that ran


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", GUIDES)
def test_guide_page_ends_with_three_closed_questions(rendered, path, language):
    at = rendered(path, language)
    key = QUIZ_KEYS[path]
    questions = [e for e in at.expander if e.proto.label and e.key and e.key.startswith(key)]
    assert [e.key for e in questions] == [f"{key}.quiz.{n}.open" for n in (1, 2, 3)]
    assert RETURNED[language] not in _text(at)  # nothing answered before it is opened
    assert _text(at).count("**1.**") == 1 and "**3.**" in _text(at)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", GUIDES)
def test_opening_the_answers_runs_the_snippets(path, language):
    key = QUIZ_KEYS[path]
    at = app_at(path, language)
    for n in (1, 2, 3):
        at.session_state[f"{key}.quiz.{n}.open"] = True  # as a visitor's click leaves it
    at.run()
    assert not at.exception and not at.error
    text = _text(at)
    returned = [value for label, value in _metrics(at) if label == RETURNED[language]]
    raised = [answer for answer in ANSWERS[key] if RAISED[language].format(answer) in text]
    assert sorted(returned + raised) == sorted(ANSWERS[key])


# --- the key values of each page, worked out here --------------------------------------------


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_controlling_the_tape_shows_the_watched_variable_and_its_gradients(rendered, language):
    at = rendered("pages/10_controlling_the_tape.py", language)
    metrics = _metrics(at)
    assert ("tape.watched_variables()", "['x1:0']") in metrics  # x1 = 10, x0 unwatched
    text = _text(at)
    assert _float32(_sigmoid(10.0)) in text  # d softplus(x1)/dx1 at 10
    for value in (18.0, 108.0, 4.0, -0.25, 3.75, 7.0):  # 2x², 4x³ at 3; targets at 2
        assert _float32(value) in text
    assert ('tape.gradient(z, x, unconnected_gradients="none")', "None") in metrics


def test_controlling_the_tape_zero_rule_gives_zeros():
    at = app_at("pages/10_controlling_the_tape.py").run()
    at.radio(key="control.unconnected").set_value("zero").run()
    assert ('tape.gradient(z, x, unconnected_gradients="zero")', "[0.0, 0.0]") in _metrics(at)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_control_flow_shows_the_branch_the_loop_and_the_corner(rendered, language):
    at = rendered("pages/11_control_flow.py", language)
    values = [value for _, value in _metrics(at)]
    assert "v0" in values  # x = 1 > 0
    assert "256.0" in values and "3" in values  # 2 → 4 → 16 → 256
    text = _text(at)
    assert _float32(8 * 2.0**7) in text  # d x⁸/dx at 2
    assert "2.0" in values and "3.0" in values  # one-sided slopes at the corner x = 1
    assert "nan" in text  # the tf.where trap at 0


@pytest.mark.parametrize("language", ["en", "zh"])
def test_stop_and_reset_shows_4_and_6_or_none(rendered, language):
    at = rendered("pages/12_stop_and_reset.py", language)
    summary = at.dataframe[-1].value
    assert list(summary["dz/dx"]) == ["4.0"] * 4  # 2x at x = 2, whatever is stopped
    assert list(summary["dz/dy"]) == ["6.0", "None", "None", "None"]
    assert "ValueError: " in _text(at)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_custom_gradients_show_nan_repaired_and_the_clipped_gradient(rendered, language):
    at = rendered("pages/13_custom_gradients.py", language)
    table = at.dataframe[0].value.to_string()
    assert "inf" in table and "nan" in table and "1.0" in table  # x = 100
    assert "100." + "0" * 43 + "372" in _text(at)  # log(1 + e¹⁰⁰) = 100 + 3.72…·10⁻⁴⁴
    values = [value for _, value in _metrics(at)]
    assert values[:2] == ["2.0", "4.0"]  # min(1, 0.5) · 2v and 1 · 2v at v = 2


@pytest.mark.parametrize("language", ["en", "zh"])
def test_jacobians_show_the_shapes_and_the_newton_step(rendered, language):
    at = rendered("pages/14_jacobians.py", language)
    values = [value for _, value in _metrics(at)]
    assert values[:3] == ["[3]", "[4, 3, 4, 2]", "[4, 3, 2]"]
    text = _text(at)
    # f = x⁴ + xy + (1 + y)² at (1, 2): g = (4 + 2, 1 + 6), H = [[12, 1], [1, 2]]
    for value in (6.0, 7.0, 12.0):
        assert _float32(value) in text
    det = 12 * 2 - 1
    new_x, new_y = 1 - (2 * 6 - 1 * 7) / det, 2 - (12 * 7 - 1 * 6) / det
    assert _float32(new_x) in text and _float32(new_y) in text


def _assert_contrast_gradient(table, delta: float) -> None:
    """d/dδ Σ ((p − m)δ + m)² for the pixels 0.5 and 0.1 (m = 0.3) is 2 · 0.08 · δ."""
    expected = 0.16 * delta
    assert abs(float(table.iloc[0, 1]) - expected) <= 1e-6 + 2e-5 * abs(expected)  # the tape
    assert float(table.iloc[0, 3]) == pytest.approx(expected, rel=1e-12)  # SymPy


@pytest.mark.parametrize("language", ["en", "zh"])
def test_errors_page_shows_the_real_errors_and_nones(rendered, language):
    at = rendered("pages/15_errors.py", language)
    codes = "\n".join(code.value for code in at.code)
    assert "LookupError: gradient registry has no entry for: AdjustContrastv2" in codes
    assert "TypeError: Cannot convert 1.5 to EagerTensor of dtype int32" in codes
    metrics = _metrics(at)
    assert ("tape.gradient(tf.round(x), x)", "None") in metrics
    assert [value for label, value in metrics if label == "g.gradient(y, x)"] == ["None"] * 3
    assert ("tape.gradient(from_queue, x)", "None") in metrics
    assert ("tape.gradient(from_dataset, x)", "None") in metrics
    stateful = at.dataframe[-1].value
    assert list(stateful.iloc[:, 1]) == ["None", "6.0", "6.0"]  # 2(x1 + x0) at x0 = 3
    _assert_contrast_gradient(at.dataframe[0].value, 0.5)


def test_errors_page_follows_its_sliders():
    at = app_at("pages/15_errors.py").run()
    at.slider(key="errors.state.x0").set_value(-2.0)
    at.slider(key="errors.delta").set_value(1.5).run()
    assert not at.exception
    assert list(at.dataframe[-1].value.iloc[:, 1]) == ["None", "-4.0", "-4.0"]
    _assert_contrast_gradient(at.dataframe[0].value, 1.5)
