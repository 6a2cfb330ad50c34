"""The training lecture page through Streamlit's AppTest, in English and Chinese.

The page runs 100 epochs and trains a small Keras model on its first run; TensorFlow's import
takes about 5 s more. Each language is rendered once and shared; tests that press a button
start from a fresh copy.
"""

import re

import pytest

from diffexplain.teach.lessons import training
from diffexplain.text import TEXTS
from diffexplain.ui.lectures import lecture
from tests.app import app_at

PATH = "pages/08_training_loop.py"
TIMEOUT = 120


def _fresh(language="en"):
    return app_at(PATH, language)


@pytest.fixture(scope="module")
def rendered():
    runs = {}

    def render(language):
        if language not in runs:
            runs[language] = _fresh(language).run()
        return runs[language]

    return render


def _metrics(at):
    return {metric.label: metric.value for metric in at.metric}


def _text(at):
    parts = [element.value for element in at.markdown]
    parts += [
        element.value
        for kind in ("success", "info", "warning", "error", "caption")
        for element in at.get(kind)
    ]
    parts += [f"{metric.label} = {metric.value}" for metric in at.metric]
    parts += [latex.value for latex in at.latex]
    return "\n".join(parts)


def _epoch(at, language="en"):
    return int(_metrics(at)[TEXTS[language]["train.epoch"]])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_page_runs_in_its_language_without_exception(rendered, language):
    at = rendered(language)
    assert not at.exception
    assert at.title[0].value.endswith(lecture(PATH).title(language))
    assert TEXTS[language]["train.intro"][:20] in _text(at)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_page_shows_its_plots(rendered, language):
    at = rendered(language)
    assert len(at.image) == 4  # fit, loss, path over the loss surface, the Keras loss curve


def test_a_rerun_shows_the_same_pictures_without_drawing_them_again(monkeypatch):
    """The figures are rendered to PNG once per set of parameters, not on every rerun."""
    from diffexplain.figures import plots

    at = _fresh().run()
    first = [image.proto.imgs[0].url for image in at.image]

    def refuse(*args, **kwargs):
        raise AssertionError("a figure was drawn again")

    for name in ("fit_figure", "loss_figure", "loss_path_figure"):
        monkeypatch.setattr(plots, name, refuse)
    at.run()
    assert not at.exception
    assert [image.proto.imgs[0].url for image in at.image] == first


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_page_shows_the_exact_least_squares_answer(rendered, language):
    text = _text(rendered(language))
    assert "0.2516" in text and "0.7988" in text
    assert "180383/716844" in text  # W as SymPy's exact fraction


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_gradient_check_passes_within_float32_rounding(rendered, language):
    at = rendered(language)
    run = at.session_state["train.progress"]["run"]
    assert run.epochs == 100 and run.within_tolerance
    agree = TEXTS[language]["train.check.agree"].split("{")[0]
    shown = [box.value for box in at.success if box.value.startswith(agree)]
    assert shown and f"{run.largest_difference:.1e}" in shown[0]


def test_the_page_says_in_words_and_numbers_that_the_notes_run_is_far_from_converged(rendered):
    at = rendered("en")
    warning = " ".join(box.value for box in at.warning)
    assert "far from converged" in warning
    assert "W = 0.3137" in warning and "b = 0.3588" in warning  # seed 0, lr 0.01, 100 epochs
    assert "W = 0.2516" in warning and "b = 0.7988" in warning
    assert "1895 epochs" in _text(at)


def _shown(at, marker):
    """(code, printed) of the snippet whose code contains `marker`: the two blocks side by
    side."""
    blocks = list(at.code)
    for code, output in zip(blocks, blocks[1:], strict=False):
        python = code.language == "python" and code.value.startswith("import tensorflow as tf")
        if python and marker in code.value:
            return code.value, output.value
    raise AssertionError(f"no snippet with {marker!r} on the page")


def _loop(at):
    return _shown(at, "tf.GradientTape() as tape:  #")


def test_the_page_shows_the_notes_loop_it_ran_beside_what_it_printed(rendered):
    at = rendered("en")
    code, printed = _loop(at)
    assert "W.assign_sub(learning_rate * dW)" in code and "def " not in code
    assert "learning_rate = 0.01\n" in code and "epochs = 100\n" in code
    metrics = _metrics(at)
    assert printed.splitlines()[0] == "epoch 0: loss 130.9959, W -1.3544, b 0.0000"
    assert printed.splitlines()[-1] == f"epoch 100: W {metrics['W']}, b {metrics['b']}"
    codes = "\n".join(block.value for block in at.code)
    assert "def train_linear_regression(" in codes  # how the page runs it, in an expander


def test_the_page_shows_the_keras_template_it_ran_beside_what_it_printed(rendered):
    at = rendered("en")
    code, printed = _shown(at, "tf.data.Dataset.from_tensor_slices")
    assert "epochs = 20\n" in code and ".batch(32)" in code and "learning_rate=0.1)" in code
    lines = printed.splitlines()
    assert len(lines) == 21 and lines[0].startswith("epoch 1: loss ")
    kernel, bias = re.fullmatch(r"y = (\S+)x (\S+)", lines[-1]).groups()
    metrics = _metrics(at)
    assert float(kernel) == float(metrics["learned W (kernel)"])
    assert float(bias) == float(metrics["learned b (bias)"])
    assert "def train_keras_model(" in "\n".join(block.value for block in at.code)


def test_the_widgets_are_the_loops_parameters():
    at = _fresh().run()
    at.select_slider(key="train.lr.notes17").set_value(0.02).run()
    at.select_slider(key="train.epochs.notes17").set_value(20).run()
    at.radio(key="train.update.notes17").set_value("optimizer").run()
    assert not at.exception
    code, printed = _loop(at)
    assert "learning_rate = 0.02\n" in code and "epochs = 20\n" in code
    assert "optimizer.apply_gradients(zip([dW, db], [W, b]))" in code
    assert "assign_sub" not in code
    run = at.session_state["train.progress"]["run"]
    assert run.printed.rstrip("\n") == printed.rstrip("\n")  # the run that printed
    assert (run.update, run.learning_rate, run.epochs) == ("optimizer", 0.02, 20)
    assert printed.splitlines()[-1] == f"epoch 20: W {run.final_w:.4f}, b {run.final_b:.4f}"


def test_the_one_epoch_button_advances_the_epoch_and_start_over_resets_it():
    at = _fresh().run()
    assert _epoch(at) == 100
    at.button(key="train.one").click().run()
    assert not at.exception and _epoch(at) == 101
    code, printed = _loop(at)
    assert "epochs = 101\n" in code  # the shown loop is the one that ran: 101 epochs
    metrics = _metrics(at)
    assert printed.splitlines()[-1] == f"epoch 101: W {metrics['W']}, b {metrics['b']}"
    at.button(key="train.restart").click().run()
    assert _epoch(at) == 0
    code, printed = _loop(at)
    assert "epochs = 0\n" in code and printed.strip() == "epoch 0: W -1.3544, b 0.0000"
    at.button(key="train.one").click().run()
    at.button(key="train.one").click().run()
    assert _epoch(at) == 2
    run = at.session_state["train.progress"]["run"]
    assert run.w[0] == training.initial_weight(0) and run.b[1] != 0.0


def test_run_all_continues_to_the_chosen_number_of_epochs():
    at = _fresh().run()
    at.button(key="train.restart").click().run()
    at.button(key="train.one").click().run()
    at.button(key="train.all").click().run()
    assert not at.exception and _epoch(at) == 100
    stepped = at.session_state["train.progress"]["run"]
    whole = training.train_linear_regression(
        training.NOTES_17, training.initial_weight(0), 0.0, 0.01, 100, "assign_sub"
    )
    assert stepped == whole


def test_the_three_point_data_set_shows_that_the_notes_start_at_the_answer():
    at = _fresh().run()
    at.radio(key="train.data").set_value("notes3").run()
    assert not at.exception
    metrics = _metrics(at)
    assert (metrics["W"], metrics["b"]) == ("2.0000", "1.0000")
    assert any("already *is* the exact answer" in box.value for box in at.markdown)


def test_a_learning_rate_too_large_shows_divergence_without_an_exception():
    at = _fresh().run()
    at.select_slider(key="train.lr.notes17").set_value(0.05).run()
    assert not at.exception
    assert any("Diverged" in box.value for box in at.error)
    assert len(at.image) == 4


def test_the_loss_curve_starts_at_epoch_0_and_ends_at_the_loss_in_the_metric(monkeypatch):
    """Whole epochs, and no lag: the last point is the loss after the last update."""
    import numpy as np
    import streamlit as st

    from diffexplain.figures import plots

    drawn = []
    real = plots.loss_figure

    def spy(loss, *args, **kwargs):
        drawn.append((list(loss), kwargs.get("first_epoch", args[4] if len(args) > 4 else 1)))
        return real(loss, *args, **kwargs)

    monkeypatch.setattr(plots, "loss_figure", spy)
    st.cache_data.clear()  # the PNGs are cached: draw them again for the spy
    at = _fresh().run()
    assert not at.exception
    run = at.session_state["train.progress"]["run"]
    (loss, first_epoch), *_keras = drawn
    assert first_epoch == 0 and len(loss) == run.epochs + 1  # epochs 0, 1, ..., 100
    data = next(iter(training.DATA_SETS.values()))
    x, y = np.asarray(data.x_values, dtype=np.float64), np.asarray(data.y_values, np.float64)
    after = float(np.mean((run.final_w * x + run.final_b - y) ** 2))  # NumPy, not the lesson
    assert loss[-1] == pytest.approx(after, rel=1e-12)
    assert _metrics(at)["loss (MSE)"] == f"{after:.4f}"
    assert loss[-2] == pytest.approx(run.loss[-1])  # before the last update: one step earlier
    figure = real(loss, 0.5, first_epoch=0)
    ticks = figure.axes[-1].get_xticks()
    assert all(float(t).is_integer() for t in ticks)  # no fractional epochs on the axis


def test_the_loss_axis_has_whole_epochs_even_for_three_of_them():
    from diffexplain.figures import plots

    figure = plots.loss_figure([4.0, 2.0, 1.0], first_epoch=0)
    (line,) = [line for line in figure.axes[0].get_lines() if len(line.get_xdata()) == 3]
    assert list(line.get_xdata()) == [0, 1, 2]
    assert all(float(t).is_integer() for t in figure.axes[0].get_xticks())


def test_presenting_one_section_shows_the_check_of_the_run_above_it():
    """Presentation mode draws one section; the gradient check still shows the last run."""
    at = _fresh().run()
    at.select_slider(key="train.epochs.notes17").set_value(20).run()
    at.session_state["present"] = True
    at.session_state[f"section.{PATH}"] = 3  # the gradient check
    at.run()
    assert not at.exception
    assert [header.value for header in at.header] == [TEXTS["en"]["train.check.header"]]
    loop_buttons = [b for b in at.button if not b.key.startswith("present.")]
    assert not at.slider and not at.select_slider and not loop_buttons  # no loop widgets
    agree = TEXTS["en"]["train.check.agree"].split("{")[0]
    assert any(box.value.startswith(agree + "20 epochs") for box in at.success)
