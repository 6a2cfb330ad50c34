"""The Practice page's parts: the set in the URL, the session's score, a calculus problem with
its hint, steps and tape graph, and a "predict the gradient" exercise run for real.

The set lives in the URL (`?kind=calculus&level=chain&seed=42&n=3`), so a copied address hands
a class the same problems; the score lives in this visitor's session state only
(`practice.score`: problem id → first verdict), nothing on the server.
"""

from __future__ import annotations

import random

import streamlit as st

from diffexplain.teach.exercises import LEVELS, MAX_SEED, Problem, problem
from diffexplain.ui import url_state
from diffexplain.ui.language import tr

KINDS = ("calculus", "tape")
KIND_OF_RESULT = ("number", "none", "error")
"""What `result` may be in a predict-the-gradient exercise."""
SCORE_KEY = "practice.score"
SECONDS_TOLERANCE = 1e-4
"""Relative tolerance for a predicted gradient (the snippets print float32 values)."""


def load_from_url() -> None:
    """On this session's first visit to the page, take the set from the URL (a fresh random
    seed when it has none), then keep the URL in step with the widgets."""
    if not st.session_state.get("practice.loaded"):
        st.session_state["practice.loaded"] = True
        query = st.query_params
        kind = query.get("kind")
        level = query.get("level")
        st.session_state["practice.kind"] = kind if kind in KINDS else KINDS[0]
        st.session_state["practice.level"] = level if level in LEVELS else LEVELS[0]
        st.session_state["practice.seed"] = _whole(query.get("seed"), 1, MAX_SEED) or (
            random.randrange(1, MAX_SEED)
        )
        st.session_state["practice.n"] = _whole(query.get("n"), 1, 1000) or 1


def save_to_url() -> None:
    wanted = {
        "kind": st.session_state["practice.kind"],
        "level": st.session_state["practice.level"],
        "seed": str(st.session_state["practice.seed"]),
        "n": str(st.session_state["practice.n"]),
    }
    url_state.replace_query(wanted)


def _whole(text: str | None, low: int, high: int) -> int | None:
    try:
        number = int(str(text))
    except ValueError:
        return None
    return number if low <= number <= high else None


def next_problem() -> None:
    st.session_state["practice.n"] += 1


def new_set() -> None:
    st.session_state["practice.seed"] = random.randrange(1, MAX_SEED)
    st.session_state["practice.n"] = 1


def record(problem_id: str, correct: bool | None) -> None:
    """The first verdict on a problem counts; trying again does not change the score."""
    score = st.session_state.setdefault(SCORE_KEY, {})
    if correct is not None and problem_id not in score:
        score[problem_id] = bool(correct)


def show_score() -> None:
    score = st.session_state.get(SCORE_KEY, {})
    right = sum(score.values())
    st.metric(tr("practice.score"), f"{right} / {len(score)}", help=tr("practice.score.help"))


# --- calculus --------------------------------------------------------------------------------


def calculus_problem(level: str, seed: int, number: int) -> None:
    """Problem `number` of the set, the answer box, then hint → steps → tape graph."""
    from diffexplain.ui import engine
    from diffexplain.ui.answer_panel import answer_form, derivative_label

    shown = problem(level, seed, number)
    problem_id = f"calculus:{level}:{seed}:{number}"
    parsed = engine.parsed(shown.function)
    st.markdown(
        tr(
            "practice.calculus.task",
            number=number,
            derivative=derivative_label(shown.wrt, len(parsed.variables) > 1),
        )
    )
    st.latex(r"f(%s) = %s" % (", ".join(parsed.variables), _latex(parsed.expr)))
    check = answer_form(
        shown.function, parsed.variables, key=f"practice.{problem_id}", wrt=shown.wrt
    )
    if check is not None:
        record(problem_id, check.correct)
    reveal_key = f"practice.reveal.{problem_id}"
    revealed = st.session_state.get(reveal_key, 0)
    if revealed >= 1:
        st.info(tr(f"practice.hint.{shown.hint}"), icon="💡")
    if revealed >= 2:
        _steps_and_graph(shown, parsed.variables, with_graph=revealed >= 3)
    labels = ("practice.show.hint", "practice.show.steps", "practice.show.graph")
    if revealed < len(labels):  # the click counts before the run, so the next label shows
        st.button(
            tr(labels[revealed]),
            key=f"{reveal_key}.{revealed}",
            on_click=lambda: st.session_state.update({reveal_key: revealed + 1}),
        )


def _latex(expr) -> str:
    from diffexplain.core.symbolic import to_latex

    return to_latex(expr)


def _steps_and_graph(shown: Problem, variables: tuple[str, ...], with_graph: bool) -> None:
    """The main page's step-by-step panel and tape graph for this function, at 1."""
    from diffexplain.ui import engine
    from diffexplain.ui.display import tape_graph_panel
    from diffexplain.ui.steps_panel import steps_panel

    point = tuple((name, "1") for name in variables)
    with st.spinner(tr("main.loading_tf")):
        engine.load_tensorflow()
        explanation = engine.explanation(shown.function, point, len(shown.wrt), "float64")
    highlight = steps_panel(shown.function, dict(point), explanation)
    if with_graph:
        st.subheader(tr("main.graph.header"))
        tape_graph_panel(explanation, highlight=highlight)


# --- predict the gradient --------------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def outcome_of(snippet_seed: int):
    """What the snippet generated from `snippet_seed` gives, run once per server (TensorFlow in
    this process). It takes the seed, not the text: only the app's own text reaches exec."""
    from diffexplain.teach.lessons.predict import run_snippet, snippet

    return run_snippet(snippet(int(snippet_seed)).source)


def matches(kind: str, value: float | None, outcome) -> bool:
    """Does the prediction (kind, and the number for "number") match what TensorFlow did?"""
    if kind != outcome.kind:
        return False
    if kind != "number":
        return True
    if value is None:
        return False
    return abs(value - outcome.value) <= SECONDS_TOLERANCE * max(1.0, abs(outcome.value))


def tape_exercise(seed: int, number: int) -> None:
    """A generated snippet; the visitor predicts `result`, then the snippet runs."""
    from diffexplain.teach.lessons.predict import snippet
    from diffexplain.ui import engine
    from diffexplain.ui.lectures import format_value, show_raised

    snippet_seed = seed * 1000 + number
    shown = snippet(snippet_seed)
    problem_id = f"tape:{seed}:{number}"
    st.markdown(tr("practice.tape.task", number=number))
    st.code(shown.source, language="python")
    with st.form(f"practice.{problem_id}.form", border=False):
        kind = st.radio(
            tr("practice.tape.kind"),
            KIND_OF_RESULT,
            format_func={k: tr(f"practice.tape.kind.{k}") for k in KIND_OF_RESULT}.__getitem__,
            horizontal=True,
            key=f"practice.{problem_id}.kind",
        )
        value = st.number_input(
            tr("practice.tape.value"), value=None, step=1.0, key=f"practice.{problem_id}.value"
        )
        submitted = st.form_submit_button(tr("answer.panel.check"), icon=":material/play_arrow:")
    if not (submitted or st.session_state.get(f"practice.{problem_id}.done")):
        return
    st.session_state[f"practice.{problem_id}.done"] = True
    with st.spinner(tr("main.loading_tf")):
        engine.load_tensorflow()
        outcome = outcome_of(snippet_seed)
    right = matches(kind, value, outcome)
    record(problem_id, right)
    actual = {
        "number": lambda: format_value(outcome.value),
        "none": lambda: "None",
        "error": lambda: outcome.raised.type_name,
    }[outcome.kind]()
    if right:
        st.success(tr("practice.tape.right", actual=actual), icon="✅")
    else:
        st.error(tr("practice.tape.wrong", actual=actual), icon="❌")
    if outcome.kind == "error":
        show_raised(outcome.raised)
    st.markdown(tr(f"practice.tape.why.{shown.twist}"))
