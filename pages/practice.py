"""Practice: generated derivatives to work out and TensorFlow gradients to predict, from a
seed in the URL (the same set for a whole class), with a score for this session only."""

import streamlit as st

from diffexplain.ui.language import tr
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

from diffexplain.teach.exercises import LEVELS, MAX_SEED  # noqa: E402
from diffexplain.ui import engine, practice  # noqa: E402

engine.start_sympy_workers()
practice.load_from_url()

st.title(tr("practice.title"))
st.markdown(tr("practice.intro"))

top = st.columns([2, 3, 2, 1.4], vertical_alignment="bottom")
kind = top[0].radio(
    tr("practice.kind"),
    practice.KINDS,
    format_func={k: tr(f"practice.kind.{k}") for k in practice.KINDS}.__getitem__,
    key="practice.kind",
    horizontal=True,
)
if kind == "calculus":
    top[1].selectbox(
        tr("practice.level"),
        LEVELS,
        format_func={level: tr(f"practice.level.{level}") for level in LEVELS}.__getitem__,
        key="practice.level",
        on_change=lambda: st.session_state.update({"practice.n": 1}),
    )
top[2].number_input(
    tr("practice.seed"),
    min_value=1,
    max_value=MAX_SEED - 1,
    step=1,
    key="practice.seed",
    help=tr("practice.seed.help"),
    on_change=lambda: st.session_state.update({"practice.n": 1}),
)
score = top[3].empty()  # filled last: it counts the answer checked below
practice.save_to_url()
st.caption(tr("practice.share"))

level, seed, number = (
    st.session_state[k] for k in ("practice.level", "practice.seed", "practice.n")
)
with st.container(border=True):
    if kind == "calculus":
        practice.calculus_problem(level, int(seed), int(number))
    else:
        practice.tape_exercise(int(seed), int(number))

with score.container():
    practice.show_score()

left, right = st.columns(2)
left.button(tr("practice.next"), on_click=practice.next_problem, icon=":material/arrow_forward:")
right.button(tr("practice.new_set"), on_click=practice.new_set, icon=":material/casino:")
