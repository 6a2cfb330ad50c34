"""The training lecture: exact least squares against numpy.polyfit, the loop's first step by
hand, the tape's gradient against SymPy's at every epoch, and the notes' claims."""

import contextlib
import io
import math
import re
from fractions import Fraction

import numpy as np
import pytest

from diffexplain.teach.lessons import training
from diffexplain.teach.lessons.training import NOTES_3, NOTES_17

X17 = np.array(NOTES_17.x_values)
Y17 = np.array(NOTES_17.y_values)


@pytest.fixture(scope="module")
def notes_run():
    """The notes' run: seed 0, lr 0.01, 100 epochs, manual assign_sub."""
    w_start = training.initial_weight(0)
    return w_start, training.train_linear_regression(
        NOTES_17, w_start, 0.0, 0.01, 100, "assign_sub"
    )


def test_the_notes_data_is_transcribed_in_full():
    assert len(NOTES_17.x) == len(NOTES_17.y) == 17
    assert NOTES_17.x[:3] == ("3.3", "4.4", "5.5") and NOTES_17.x[-1] == "3.1"
    assert NOTES_17.y[:3] == ("1.7", "2.76", "2.09") and NOTES_17.y[-1] == "1.3"


def test_exact_least_squares_matches_numpy_polyfit():
    fit = training.least_squares(NOTES_17)
    slope, intercept = np.polyfit(X17, Y17, 1)
    assert fit.w == pytest.approx(slope, rel=1e-12)
    assert fit.b == pytest.approx(intercept, rel=1e-12)
    assert (round(fit.w, 4), round(fit.b, 4)) == (0.2516, 0.7988)
    assert fit.loss == pytest.approx(np.mean((slope * X17 + intercept - Y17) ** 2), rel=1e-12)


def test_exact_least_squares_is_a_fraction_and_the_floats_round_it():
    fit = training.least_squares(NOTES_17)
    assert float(Fraction(fit.w_exact)) == fit.w and float(Fraction(fit.b_exact)) == fit.b
    three = training.least_squares(NOTES_3)
    assert (three.w_exact, three.b_exact, three.loss) == ("2", "1", 0.0)


def test_curvatures_are_the_hessian_eigenvalues():
    hessian = 2 * np.array([[np.mean(X17**2), np.mean(X17)], [np.mean(X17), 1.0]])
    expected = np.linalg.eigvalsh(hessian)
    fit = training.least_squares(NOTES_17)
    np.testing.assert_allclose(fit.curvatures, expected, rtol=1e-12)


def test_the_first_manual_epoch_is_the_hand_computed_update(notes_run):
    w_start, run = notes_run
    x, y = X17.astype(np.float32), Y17.astype(np.float32)
    w, b = np.float32(w_start), np.float32(0.0)
    residual = w * x + b - y
    dw, db = 2 * np.mean(residual * x), 2 * np.mean(residual)
    assert run.w[0] == w_start and run.b[0] == 0.0
    assert run.loss[0] == pytest.approx(float(np.mean(residual**2)), rel=1e-6)
    assert run.dl_dw[0] == pytest.approx(float(dw), rel=1e-6)
    assert run.dl_db[0] == pytest.approx(float(db), rel=1e-6)
    assert run.w[1] == pytest.approx(float(w - 0.01 * dw), rel=1e-6)
    assert run.b[1] == pytest.approx(float(b - 0.01 * db), rel=1e-6)


def test_the_tape_gradient_matches_sympys_within_float32_rounding_at_every_epoch(notes_run):
    _, run = notes_run
    assert run.epochs == 100
    assert run.within_tolerance
    assert all(d <= t for d, t in zip(run.difference, run.tolerance, strict=True))
    assert 0 < run.largest_difference < 1e-4


def test_the_tolerance_would_catch_a_wrong_gradient(notes_run):
    _, run = notes_run
    for dw, db, tolerance in zip(run.exact_dl_dw, run.exact_dl_db, run.tolerance, strict=True):
        assert tolerance < 0.01 * max(abs(dw), abs(db))


def test_sympys_gradient_is_the_closed_form_evaluated_in_float64(notes_run):
    _, run = notes_run
    x = X17.astype(np.float32).astype(np.float64)  # the data the tape saw
    y = Y17.astype(np.float32).astype(np.float64)
    for w, b, dw, db in zip(run.w, run.b, run.exact_dl_dw, run.exact_dl_db, strict=True):
        residual = w * x + b - y
        assert dw == pytest.approx(2 * np.mean(residual * x), rel=1e-12, abs=1e-13)
        assert db == pytest.approx(2 * np.mean(residual), rel=1e-12, abs=1e-13)


def test_symbolic_gradient_shows_the_general_forms():
    gradient = training.symbolic_gradient(NOTES_17)
    assert r"\sum_{i=1}^{n}" in gradient.loss_latex
    assert "{x}_{i}" in gradient.dl_dw_latex and "W" in gradient.dl_db_latex


def test_with_the_notes_settings_the_loop_is_far_from_converged(notes_run):
    w_start, run = notes_run
    fit = training.least_squares(NOTES_17)
    assert training.verdict(run, fit, w_start, 0.0) == "far"
    assert abs(run.final_b - fit.b) > 0.3  # b has not got halfway
    pace = training.outlook(fit, 0.01)
    assert pace.stable and 1000 < pace.epochs_to_one_percent < 3000
    assert pace.shrink_per_epoch == pytest.approx(1 - 0.01 * fit.curvatures[0])


def test_a_learning_rate_beyond_two_over_the_largest_curvature_diverges():
    fit = training.least_squares(NOTES_17)
    pace = training.outlook(fit, 0.03)
    assert not pace.stable and pace.largest_stable_rate == pytest.approx(2 / fit.curvatures[1])
    assert pace.epochs_to_one_percent is None
    run = training.train_linear_regression(NOTES_17, 0.5, 0.0, 0.03, 40, "assign_sub")
    assert training.verdict(run, fit, 0.5, 0.0) == "diverged"


def test_the_optimizer_loop_on_three_points_converges_near_w2_b1():
    run = training.train_linear_regression(NOTES_3, 0.0, 0.0, 0.1, 100, "optimizer")
    assert run.final_w == pytest.approx(2.0, abs=0.02)
    assert run.final_b == pytest.approx(1.0, abs=0.02)
    assert run.within_tolerance


def test_plain_sgd_does_exactly_what_assign_sub_does():
    manual = training.train_linear_regression(NOTES_3, 0.0, 0.0, 0.1, 20, "assign_sub")
    keras = training.train_linear_regression(NOTES_3, 0.0, 0.0, 0.1, 20, "optimizer")
    np.testing.assert_allclose(keras.w, manual.w, rtol=1e-6)
    np.testing.assert_allclose(keras.b, manual.b, rtol=1e-6)


def test_the_notes_three_point_loop_starts_at_the_answer_and_never_moves():
    run = training.train_linear_regression(NOTES_3, 2.0, 1.0, 0.1, 10, "optimizer")
    assert set(run.loss) == {0.0} and set(run.dl_dw) == {0.0} and set(run.dl_db) == {0.0}
    assert (run.final_w, run.final_b) == (2.0, 1.0)
    fit = training.least_squares(NOTES_3)
    assert training.verdict(run, fit, 2.0, 1.0) == "converged"


def test_one_more_epoch_repeats_the_shorter_run_and_takes_one_more_step():
    """The buttons rerun the loop from epoch 0: the past they show must not change."""
    shorter = training.train_linear_regression(NOTES_17, 0.3, 0.0, 0.01, 4, "assign_sub")
    longer = training.train_linear_regression(NOTES_17, 0.3, 0.0, 0.01, 5, "assign_sub")
    for name in ("w", "b", "loss", "dl_dw", "dl_db", "difference"):
        assert getattr(longer, name)[:4] == getattr(shorter, name)
    assert (longer.w[4], longer.b[4]) == (shorter.final_w, shorter.final_b)


def _printed_epochs(printed):
    """{epoch: (loss or None, W, b)} from the loop's console lines, as a student reads them."""
    found = {}
    for line in printed.splitlines():
        match = re.fullmatch(r"epoch (\d+): (?:loss (\S+), )?W (\S+), b (\S+)", line)
        assert match, line
        epoch, loss, w, b = match.groups()
        found[int(epoch)] = (loss, w, b)
    return found


@pytest.mark.parametrize("update", training.UPDATES)
def test_the_shown_loop_prints_the_numbers_the_lesson_reads_from_it(update):
    run = training.train_linear_regression(NOTES_17, 0.3, 0.0, 0.01, 25, update)
    printed = _printed_epochs(run.printed)
    assert sorted(printed) == [0, 5, 10, 15, 20, 25]  # every 5th epoch, then the end
    for epoch, (loss, w, b) in printed.items():
        if epoch == 25:
            assert loss is None and (w, b) == (f"{run.final_w:.4f}", f"{run.final_b:.4f}")
        else:
            assert (loss, w, b) == tuple(
                f"{value:.4f}" for value in (run.loss[epoch], run.w[epoch], run.b[epoch])
            )


@pytest.mark.parametrize("update", training.UPDATES)
def test_the_loop_the_page_shows_is_the_loop_that_ran(update):
    params = training.loop_params(NOTES_3, 0.0, 0.0, 0.1, 12)
    code = training.LOOPS[update].code("zh", **params)
    assert "learning_rate = 0.1\n" in code and "epochs = 12\n" in code
    assert ("W.assign_sub(learning_rate * dW)" in code) == (update == "assign_sub")
    assert ("optimizer.apply_gradients" in code) == (update == "optimizer")
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, "<shown>", "exec"), {})
    run = training.train_linear_regression(NOTES_3, 0.0, 0.0, 0.1, 12, update)
    assert output.getvalue() == run.printed


def test_the_loop_prints_about_ten_epochs_whatever_their_number():
    for epochs in (0, 1, 5, 10, 11, 20, 50, 100, 101, 200, 500, 1000, 2000, 2001):
        every = training.print_every(epochs)
        printed = len(range(0, epochs, every))
        assert printed <= training.PRINTED_LINES
        assert printed >= min(epochs, 4)  # and never too few to follow
    assert [training.print_every(n) for n in (5, 100, 101, 2000)] == [1, 10, 20, 200]


def test_the_start_is_written_as_its_shortest_float32():
    for seed in range(20):
        w = training.initial_weight(seed)
        short = training.shortest_float32(w)
        assert np.float32(short) == np.float32(w)
        assert len(repr(short)) <= 11  # sign, digit, point and up to 8 digits
    assert training.shortest_float32(0.5) == 0.5


def test_initial_weight_is_reproducible_per_seed():
    assert training.initial_weight(0) == training.initial_weight(0)
    assert training.initial_weight(0) != training.initial_weight(1)
    assert math.isfinite(training.initial_weight(7))


def test_mean_squared_error_matches_numpy():
    assert training.mean_squared_error(NOTES_17, 0.3, 0.1) == pytest.approx(
        float(np.mean((0.3 * X17 + 0.1 - Y17) ** 2)), rel=1e-14
    )
    assert training.mean_squared_error(NOTES_17, 1e300, 0.0) == math.inf


def test_verdict_before_any_epoch_is_not_started():
    fit = training.least_squares(NOTES_17)
    assert training.verdict(training.TrainingRun("assign_sub", 0.01), fit, 0.0, 0.0) == (
        "not_started"
    )


@pytest.fixture(scope="module")
def keras_run():
    return training.train_keras_model(seed=0, epochs=8, batch_size=32, learning_rate=0.1)


def test_the_keras_template_learns_the_line_behind_the_data(keras_run):
    assert keras_run.kernel == pytest.approx(keras_run.true_kernel, abs=0.15)
    assert keras_run.bias == pytest.approx(keras_run.true_bias, abs=0.15)
    assert keras_run.epoch_loss[-1] < keras_run.epoch_loss[0]
    assert keras_run.epoch_loss[-1] < 0.2  # the noise's variance is 0.09


def test_the_keras_template_feeds_every_batch_of_every_epoch(keras_run):
    assert len(keras_run.epoch_loss) == 8
    assert len(keras_run.batch_loss) == 8 * math.ceil(keras_run.samples / 32)


def test_the_keras_template_is_reproducible_with_its_seed(keras_run):
    again = training.train_keras_model(seed=0, epochs=8, batch_size=32, learning_rate=0.1)
    assert again == keras_run


def test_the_keras_template_prints_each_epochs_loss_and_the_line_it_learned(keras_run):
    lines = keras_run.printed.splitlines()
    assert lines[:-1] == [
        f"epoch {n}: loss {loss:.4f}" for n, loss in enumerate(keras_run.epoch_loss, 1)
    ]
    assert lines[-1] == f"y = {keras_run.kernel:.4f}x {keras_run.bias:+.4f}"


def test_the_keras_loss_is_the_mean_squared_error_of_the_learned_line(keras_run):
    rng = np.random.default_rng(0)  # the template's data, drawn again
    x = rng.uniform(-2, 2, size=(256, 1)).astype(np.float32)
    y = (3 * x - 1 + rng.normal(0, 0.3, size=(256, 1))).astype(np.float32)
    residual = keras_run.kernel * x.astype(np.float64) + keras_run.bias - y
    assert keras_run.epoch_loss[-1] == pytest.approx(float(np.mean(residual**2)), rel=1e-5)


def test_a_run_that_overflows_fails_the_check_instead_of_raising():
    run = training.train_linear_regression(NOTES_17, 0.5, 0.0, 0.05, 100, "assign_sub")
    assert not math.isfinite(run.final_w)
    assert not run.within_tolerance and math.isnan(run.largest_difference)
    assert not math.isfinite(run.difference[run.worst_epoch])
