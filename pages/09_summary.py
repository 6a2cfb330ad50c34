"""Lecture 9: the notes' quick reference, each row linked to its page and checked live."""

import streamlit as st

from diffexplain.teach.lessons import (
    assign,
    higher_order,
    none_gradients,
    persistent,
    tape_basics,
    variables,
    watch,
)
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    cached,
    format_value,
    lecture_title,
    page_link,
    previous_next,
)
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/09_summary.py"

st.title(lecture_title(PATH))
st.markdown(tr("summary.intro"))

integer = cached(variables.constant_and_variable)((1, 2, 3))
square = cached(tape_basics.square_gradient)(3.0)
watched = cached(watch.watched_gradient)("constant", "float32", True, True, 3)
twice = cached(persistent.gradient_twice)(True, 3.0)
nested = cached(higher_order.nested_tapes)(3.0, True)
added = cached(assign.update_variable)("assign_add", (1.0, 2.0, 3.0), (10.0,) * 3)
sandbox = cached(none_gradients.why_is_my_gradient_none)(none_gradients.Setup(constant=True))
ROWS = (  # (what, how, live result, page)
    (
        "summary.row.constvar",
        "tf.constant([1.0, 2.0])\ntf.Variable([1.0, 2.0])",
        f"tf.Variable([1, 2, 3]) → {integer.dtype}; "
        f"tape.gradient → {format_value(integer.gradient)}",
        "pages/01_constant_and_variable.py",
    ),
    (
        "summary.row.assign",
        "v.assign(new)\nv.assign_add(d)\nv.assign_sub(d)",
        f"[1.0, 2.0, 3.0] + [10.0]*3 → {format_value(added.after)}",
        "pages/02_assign.py",
    ),
    (
        "summary.row.record",
        "with tf.GradientTape() as tape:\n    y = x**2",
        f"y = x**2 → {format_value(square.y)}",
        "pages/03_gradient_tape.py",
    ),
    (
        "summary.row.gradient",
        "tape.gradient(y, x)\ntape.gradient(loss, var_list)",
        f"dy/dx → {format_value(square.dy_dx)}",
        "pages/03_gradient_tape.py",
    ),
    (
        "summary.row.watch",
        "tape.watch(tensor)",
        f"watch(tf.constant(3.0)) → {format_value(watched.gradient)}",
        "pages/05_watch.py",
    ),
    (
        "summary.row.persistent",
        "tf.GradientTape(persistent=True)",
        f"dy/dx, dz/dx → {format_value(twice.dy_dx)}, {format_value(twice.dz_dx)}",
        "pages/04_persistent.py",
    ),
    (
        "summary.row.higher",
        "with tf.GradientTape() as t1:\n    with tf.GradientTape() as t0:",
        f"x**3 → {format_value(nested.dy_dx)}, {format_value(nested.d2y_dx2)}",
        "pages/07_higher_order.py",
    ),
    (
        "summary.row.none",
        tr("summary.none.how"),
        f"c = tf.constant(3.0)\ntape.gradient(c * c, c) → {format_value(sandbox.gradient)}",
        "pages/06_none_gradients.py",
    ),
)

for what, how, live, path in ROWS:
    with st.container(border=True):
        what_column, link_column = st.columns(2, vertical_alignment="center")
        what_column.markdown(f"**{tr(what)}**")
        with link_column:
            if not page_link(path, lecture_title(path)):
                st.caption(f"{tr('summary.open')}: `{path}`")
        how_column, live_column = st.columns([1.4, 1])
        if what == "summary.row.none":
            how_column.markdown(how)
        else:
            how_column.code(how, language="python", wrap_lines=True)
        live_column.code(live, language=None, wrap_lines=True)

previous_next(PATH)
