"""Lecture 8: the notes' training loops, one epoch at a time, checked and solved by SymPy."""

import io
import math

import matplotlib.pyplot as plt
import streamlit as st

from diffexplain.figures import plots
from diffexplain.teach.lessons import training
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    downloads,
    lecture_title,
    notes_vs_truth,
    previous_next,
    show_snippet,
    show_source,
)
from diffexplain.ui.multivariable_panel import figure_text
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/08_training_loop.py"
STATE = "train.progress"
LEARNING_RATES = (0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25)
EPOCHS = (1, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
DEFAULTS = {  # the notes' settings for each data set
    "notes17": {"update": "assign_sub", "lr": 0.01, "start": "random", "w": 0.0, "b": 0.0},
    "notes3": {"update": "optimizer", "lr": 0.1, "start": "value", "w": 2.0, "b": 1.0},
}
sections = Sections(
    PATH,
    (
        "intro",
        "train.loop.header",
        "train.exact.header",
        "train.check.header",
        "train.keras.header",
    ),
)
cells = []


# The figures stay matplotlib, as in the course notes, but each is rendered to PNG once per
# set of parameters (bounded caches shared by every visitor), never on every rerun.
PNG_DPI = 200  # what st.pyplot used: sharp on a projector and on a high-density screen


def png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


@st.cache_data(max_entries=32, show_spinner=False)
def fit_png(x_values, y_values, fitted, exact, epochs, words) -> bytes:
    return png(plots.fit_figure(x_values, y_values, fitted, exact, epochs, words))


@st.cache_data(max_entries=32, show_spinner=False)
def loss_png(loss, minimum, title, batch_loss, words, first_epoch=1) -> bytes:
    return png(plots.loss_figure(loss, minimum, title, batch_loss, words, first_epoch))


@st.cache_data(max_entries=32, show_spinner=False)
def loss_path_png(x_values, y_values, w_path, b_path, best, words) -> bytes:
    return png(plots.loss_path_figure(x_values, y_values, w_path, b_path, best, words))


def show_png(image: bytes) -> None:
    st.image(image, width="stretch")


def number(value: float, digits: int = 4) -> str:
    return f"{value:.{digits}f}" if math.isfinite(value) else str(value)


def epochs_wanted(state, setup, epochs, restart, one, more, run_all) -> int:
    """How many epochs the loop runs in this rerun: the chosen number for new settings, then
    0, one more, or `more` more, as the buttons say."""
    if state is None or state["setup"] != setup:
        return epochs
    current = state["run"].epochs
    if restart:
        return 0
    if one:
        return current + 1
    if run_all:
        return current + more
    return current


st.title(lecture_title(PATH))
if sections.shows("intro", header=False):
    st.markdown(tr("train.intro"))

if sections.shows("train.loop.header"):
    name = st.radio(
        tr("train.data"),
        tuple(training.DATA_SETS),
        format_func=lambda key: tr(f"train.data.{key}"),
        horizontal=True,
        key="train.data",
    )
    data = training.DATA_SETS[name]
    default = DEFAULTS[name]

    columns = st.columns([3, 3, 3], gap="medium")
    update = columns[0].radio(
        tr("train.update"),
        training.UPDATES,
        index=training.UPDATES.index(default["update"]),
        format_func=lambda key: tr(f"train.update.{key}"),
        key=f"train.update.{name}",
    )
    learning_rate = columns[1].select_slider(
        tr("train.lr"), LEARNING_RATES, value=default["lr"], key=f"train.lr.{name}"
    )
    epochs = columns[2].select_slider(
        tr("train.epochs"), EPOCHS, value=100, key=f"train.epochs.{name}"
    )

    columns = st.columns([3, 2, 2, 2], gap="medium", vertical_alignment="bottom")
    start = columns[0].radio(
        tr("train.start"),
        ("random", "value"),
        index=("random", "value").index(default["start"]),
        format_func=lambda key: tr(f"train.start.{key}"),
        key=f"train.start.{name}",
    )
    seed = columns[1].number_input(
        tr("train.seed"), 0, 10_000, 0, 1, key=f"train.seed.{name}", disabled=start != "random"
    )
    w_value = columns[2].number_input(
        tr("train.w0"),
        -10.0,
        10.0,
        default["w"],
        0.5,
        key=f"train.w0.{name}",
        disabled=start == "random",
    )
    b_start = float(
        columns[3].number_input(
            tr("train.b0"), -10.0, 10.0, default["b"], 0.5, key=f"train.b0.{name}"
        )
    )
    w_start = cached(training.initial_weight)(int(seed)) if start == "random" else float(w_value)

    setup = (name, update, learning_rate, epochs, w_start, b_start)
    state = st.session_state.get(STATE)
    buttons = st.columns(3)
    restart = buttons[0].button(
        tr("train.button.restart"), icon="⏮️", width="stretch", key="train.restart"
    )
    one = buttons[1].button(tr("train.button.one"), icon="▶️", width="stretch", key="train.one")
    current = state["run"].epochs if state and state["setup"] == setup else 0
    more = epochs - current if current < epochs else epochs
    run_all = buttons[2].button(
        tr("train.button.all", epochs=more), icon="⏩", width="stretch", key="train.all"
    )

    wanted = epochs_wanted(state, setup, epochs, restart, one, more, run_all)
    if state is None or state["setup"] != setup or state["run"].epochs != wanted:
        with st.spinner(tr("train.running", epochs=wanted)):
            run = cached(training.train_linear_regression)(
                data, w_start, b_start, learning_rate, wanted, update
            )
        state = {"setup": setup, "run": run}
    st.session_state[STATE] = state
    run: training.TrainingRun = state["run"]

    st.markdown(tr("train.code.text"))
    cells.append(
        show_snippet(
            tr("train.loop.header"),
            training.LOOPS[update],
            run.printed,
            lesson=training.train_linear_regression,
            **training.loop_params(data, w_start, b_start, learning_rate, run.epochs),
        )
    )

    fit = cached(training.least_squares)(data)
    w_now, b_now = run.final_w, run.final_b  # the loop's W and b after its last update
    loss_now = training.mean_squared_error(data, w_now, b_now)
    verdict = training.verdict(run, fit, w_start, b_start)
    pace = training.outlook(fit, learning_rate)

    metrics = st.columns(4)
    metrics[0].metric(tr("train.epoch"), run.epochs)
    metrics[1].metric("W", number(w_now), help=tr("train.exact_help", value=number(fit.w)))
    metrics[2].metric("b", number(b_now), help=tr("train.exact_help", value=number(fit.b)))
    metrics[3].metric(
        tr("train.loss"), number(loss_now), help=tr("train.exact_help", value=number(fit.loss))
    )

    words = {
        "w": number(w_now),
        "b": number(b_now),
        "loss": number(loss_now),
        "w_exact": number(fit.w),
        "b_exact": number(fit.b),
        "loss_exact": number(fit.loss),
        "epochs": run.epochs,
        "lr": learning_rate,
        "largest_rate": number(pace.largest_stable_rate),
        "shrink": f"{100 * (1 - pace.shrink_per_epoch):.2f}",
        "ratio": f"{fit.curvatures[1] / fit.curvatures[0]:.0f}",
        "needed": pace.epochs_to_one_percent,
    }
    if verdict == "not_started":
        st.info(tr("train.verdict.not_started", **words), icon="⏸️")
    elif verdict == "converged":
        st.success(tr("train.verdict.converged", **words), icon="✅")
    elif verdict == "diverged":
        st.error(tr("train.verdict.diverged", **words), icon="💥")
    else:
        st.warning(tr(f"train.verdict.{verdict}", **words), icon="🐢")
        if pace.epochs_to_one_percent:
            st.markdown(tr("train.why_slow", **words))

    words = {key: figure_text("train.figure." + key) for key in plots.TRAINING_TEXT}
    top_left, top_right = st.columns(2, gap="medium")
    with top_left:
        fitted, exact = (w_now, b_now), (fit.w, fit.b)
        show_png(fit_png(data.x_values, data.y_values, fitted, exact, run.epochs, words))
    with top_right:
        if run.epochs:
            # run.loss[k] is the loss before epoch k + 1's update, so the curve starts at
            # epoch 0 and ends with the loss now, the number in the metric above
            after = [*run.loss, loss_now]
            show_png(loss_png(after, fit.loss, None, None, words, first_epoch=0))
        else:
            st.info(tr("train.plot.no_loss"))
    bottom_left, bottom_right = st.columns(2, gap="medium")
    with bottom_left:
        path_w, path_b = run.w + [w_now], run.b + [b_now]
        show_png(loss_path_png(data.x_values, data.y_values, path_w, path_b, (fit.w, fit.b), words))
    with bottom_right:
        st.caption(tr("train.plot.caption"))
        if name == "notes3":
            notes_vs_truth("train.notes3.notes", "train.notes3.truth")
        else:
            notes_pace = training.outlook(fit, 0.01)  # the notes' learning rate, whatever is chosen
            notes_vs_truth(
                "train.notes17.notes",
                "train.notes17.truth",
                left=f"{100 * notes_pace.shrink_per_epoch**100:.0f}",
                needed=notes_pace.epochs_to_one_percent,
                largest_rate=number(notes_pace.largest_stable_rate),
                w_exact=number(fit.w),
                b_exact=number(fit.b),
            )

# the sections below show the run above (the last one, when presenting one section at a time)
state = st.session_state.get(STATE)
run = state["run"] if state else None
data = training.DATA_SETS[state["setup"][0]] if state else training.NOTES_17

if sections.shows("train.exact.header"):
    fit = cached(training.least_squares)(data)
    st.markdown(tr("train.exact.text"))
    gradient = cached(training.symbolic_gradient)(data)
    st.latex(rf"L(W, b) = {gradient.loss_latex}")
    for parameter, equation in zip("Wb", fit.equations_latex, strict=True):
        st.latex(rf"\frac{{\partial L}}{{\partial {parameter}}} = {equation}")
    solution = st.columns(2)
    solution[0].latex(rf"W = {fit.w_exact} \approx {number(fit.w)}")
    solution[1].latex(rf"b = {fit.b_exact} \approx {number(fit.b)}")
    st.markdown(tr("train.exact.minimum", loss_exact=number(fit.loss)))

if sections.shows("train.check.header"):
    gradient = cached(training.symbolic_gradient)(data)
    st.markdown(tr("train.check.text"))
    formulas = st.columns(2)
    formulas[0].latex(rf"\frac{{\partial L}}{{\partial W}} = {gradient.dl_dw_latex}")
    formulas[1].latex(rf"\frac{{\partial L}}{{\partial b}} = {gradient.dl_db_latex}")
    if run is not None and run.epochs:
        check = {
            "epochs": run.epochs,
            "largest": f"{run.largest_difference:.1e}",
            "tolerance": f"{run.tolerance[run.worst_epoch]:.1e}",
        }
        if run.within_tolerance:
            st.success(tr("train.check.agree", **check), icon="✅")
        else:
            st.warning(tr("train.check.differ", **check), icon="⚠️")
        with st.expander(tr("train.check.table")):
            st.dataframe(
                {
                    tr("train.epoch"): list(range(run.epochs)),  # as the loop prints them
                    "W": run.w,
                    "b": run.b,
                    tr("train.loss"): run.loss,
                    "dL/dW tape": run.dl_dw,
                    "dL/dW SymPy": run.exact_dl_dw,
                    "dL/db tape": run.dl_db,
                    "dL/db SymPy": run.exact_dl_db,
                    "|tape − SymPy|": run.difference,
                },
                hide_index=True,
                width="stretch",
            )
    with st.expander("symbolic_gradient · least_squares · outlook"):
        show_source(training.symbolic_gradient, training.least_squares, training.outlook)

if sections.shows("train.keras.header"):
    st.markdown(tr("train.keras.intro"))
    columns = st.columns(4, gap="medium")
    keras_seed = columns[0].number_input(tr("train.seed"), 0, 10_000, 0, 1, key="train.keras.seed")
    keras_epochs = columns[1].select_slider(
        tr("train.epochs"), (5, 10, 20, 30), value=20, key="train.keras.epochs"
    )
    batch_size = columns[2].select_slider(
        tr("train.keras.batch"), (16, 32, 64, 128), value=32, key="train.keras.batch"
    )
    keras_rate = columns[3].select_slider(
        tr("train.lr"), (0.01, 0.03, 0.1, 0.3), value=0.1, key="train.keras.lr"
    )
    keras_params = {
        "seed": int(keras_seed),
        "epochs": keras_epochs,
        "batch_size": batch_size,
        "learning_rate": keras_rate,
    }
    with st.spinner(tr("train.keras.running")):
        keras = cached(training.train_keras_model)(**keras_params)
    cells.append(
        show_snippet(
            tr("train.keras.header"),
            training.KERAS_LOOP,
            keras.printed,
            lesson=training.train_keras_model,
            **keras_params,
        )
    )
    plot_column, result_column = st.columns([3, 2], gap="large")
    with plot_column:
        words = {key: figure_text("train.figure." + key) for key in plots.TRAINING_TEXT}
        keras_title = figure_text("train.figure.keras_title")
        show_png(loss_png(keras.epoch_loss, None, keras_title, keras.batch_loss, words))
    with result_column:
        st.metric(
            tr("train.keras.kernel"),
            number(keras.kernel),
            help=tr("train.keras.true", value=keras.true_kernel),
        )
        st.metric(
            tr("train.keras.bias"),
            number(keras.bias),
            help=tr("train.keras.true", value=keras.true_bias),
        )
        st.markdown(
            tr(
                "train.keras.result",
                samples=keras.samples,
                batches=len(keras.batch_loss),
                kernel=number(keras.kernel, 3),
                bias=f"{'−' if keras.bias < 0 else '+'} {abs(keras.bias):.3f}",
            )
        )

downloads(PATH, cells)
previous_next(PATH)
