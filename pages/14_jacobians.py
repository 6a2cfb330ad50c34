"""Guide page: tape.jacobian for a scalar and a tensor source, batch_jacobian, and a Hessian
with a Newton step, each against SymPy's jacobian or hessian."""

import streamlit as st

from diffexplain.teach.lessons import jacobians
from diffexplain.ui.language import tr
from diffexplain.ui.lectures import (
    agrees,
    cached,
    compare_table,
    format_value,
    lecture_title,
    notes_vs_truth,
    previous_next,
    quiz,
    show_source,
    show_value,
)
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

PATH = "pages/14_jacobians.py"
sections = Sections(
    PATH,
    (
        "jacobian.scalar.header",
        "jacobian.tensor.header",
        "jacobian.batch.header",
        "jacobian.hessian.header",
        "quiz.header",
    ),
)
NAMES = ("x0", "x1")

st.title(lecture_title(PATH))

if sections.shows("jacobian.scalar.header", header=False):
    st.markdown(tr("jacobian.intro"))

    st.header(tr("jacobian.scalar.header"))
    st.markdown(tr("jacobian.scalar.explain"))
    delta = st.slider("δ", -2.0, 2.0, 0.0, 0.5, key="jacobian.delta")
    scalar = cached(jacobians.scalar_source)(delta)
    exact = cached(jacobians.exact_scalar_source)(delta)
    show_source(jacobians.scalar_source)
    show_value("tape.jacobian(y, delta).shape", scalar.shape)
    compare_table(
        [
            (f"x = {format_value(x)}", taped, exact.formulas[0], value)
            for x, taped, value in zip(
                jacobians.SCALAR_XS, scalar.values, exact.values, strict=True
            )
        ]
    )

if sections.shows("jacobian.tensor.header"):
    st.markdown(tr("jacobian.tensor.explain"))
    a_column, b_column = st.columns(2, gap="large")
    a = a_column.slider("x0", -2.0, 2.0, 1.0, 0.5, key="jacobian.a")
    b = b_column.slider("x1", -2.0, 2.0, 2.0, 0.5, key="jacobian.b")
    tensor = cached(jacobians.tensor_source)(a, b)
    exact = cached(jacobians.exact_tensor_source)(a, b)
    show_source(jacobians.tensor_source)
    compare_table(
        [
            (f"∂y{i}/∂{NAMES[j]}", tensor.jacobian[i][j], exact.formulas[i][j], exact.values[i][j])
            for i in range(3)
            for j in range(2)
        ]
    )
    st.markdown(tr("jacobian.tensor.sum"))
    compare_table(
        [
            (
                f"tape.gradient(y, x)[{j}]",
                tensor.gradient[j],
                " + ".join(exact.formulas[i][j] for i in range(3)),
                sum(exact.values[i][j] for i in range(3)),
            )
            for j in range(2)
        ]
    )
    with st.expander("exact_scalar_source · exact_tensor_source"):
        show_source(jacobians.exact_scalar_source, jacobians.exact_tensor_source)

if sections.shows("jacobian.batch.header"):
    st.markdown(tr("jacobian.batch.explain"))
    batch = cached(jacobians.batched)()
    exact = cached(jacobians.exact_batched)()
    show_source(jacobians.batched)
    columns = st.columns(4)
    for column, label, value in zip(
        columns,
        ("j.shape", "jb.shape", tr("jacobian.batch.off"), tr("jacobian.batch.diagonal")),
        (
            batch.jacobian_shape,
            batch.batch_jacobian_shape,
            batch.largest_off_diagonal,
            batch.largest_difference,
        ),
        strict=True,
    ):
        with column:
            show_value(label, value)
    rows = []
    for k, row in enumerate(jacobians.BATCH):
        for i in range(3):
            for j in range(2):
                taped, value = batch.batch_jacobian[k][i][j], exact.values[k][i][j]
                rows.append(
                    (
                        f"x = {format_value(list(row))}: ∂y{i}/∂{NAMES[j]}",
                        taped,
                        exact.formulas[i][j],
                        value,
                    )
                )
    worst = max(abs(taped - value) for _, taped, _, value in rows)
    all_agree = all(agrees(taped, value) for _, taped, _, value in rows)
    verdict = tr("common.agree") if all_agree else tr("common.differ")
    st.markdown(tr("jacobian.batch.sympy", count=len(rows), worst=f"{worst:.2g}", verdict=verdict))
    with st.expander(tr("jacobian.batch.every")):
        compare_table(rows)
        show_source(jacobians.exact_batched)
    notes_vs_truth(
        "jacobian.shape.guide",
        "jacobian.shape.truth",
        source="guide",
        shape=format_value(batch.jacobian_shape),
        y_shape=format_value(batch.target_shape),
        x_shape=format_value(batch.source_shape),
    )

if sections.shows("jacobian.hessian.header"):
    st.markdown(tr("jacobian.hessian.explain"))
    a_column, b_column = st.columns(2, gap="large")
    a = a_column.slider("x", -2.0, 2.0, 1.0, 0.5, key="jacobian.hx")
    b = b_column.slider("y", -2.0, 2.0, 2.0, 0.5, key="jacobian.hy")
    newton = cached(jacobians.hessian_newton)(a, b)
    exact = cached(jacobians.exact_newton)(a, b)
    formulas = cached(jacobians.newton_formulas)()
    show_source(jacobians.hessian_newton)
    step_words = tr("jacobian.hessian.step_formula")
    compare_table(
        [("∂f/∂x", newton.gradient[0], formulas["gradient"][0], exact.gradient[0])]
        + [("∂f/∂y", newton.gradient[1], formulas["gradient"][1], exact.gradient[1])]
        + [
            (f"H[{i}][{j}]", newton.hessian[i][j], formulas["hessian"][i][j], exact.hessian[i][j])
            for i in range(2)
            for j in range(2)
        ]
        + [
            (f"{name} − (H⁻¹g)[{i}]", newton.new_point[i], step_words, exact.new_point[i])
            for i, name in enumerate(("x", "y"))
        ]
        + [("f(x − H⁻¹g)", newton.f_after, "x**4 + x*y + (1 + y)**2", exact.f_after)]
    )
    if newton.f_after > newton.f_before:
        st.warning(
            tr(
                "jacobian.hessian.uphill",
                before=format_value(newton.f_before),
                after=format_value(newton.f_after),
                hessian=format_value(newton.hessian),
            ),
            icon="⛰️",
        )
    else:
        st.success(
            tr(
                "jacobian.hessian.downhill",
                before=format_value(newton.f_before),
                after=format_value(newton.f_after),
            ),
            icon="⬇️",
        )
    with st.expander("exact_newton"):
        show_source(jacobians.exact_newton)

if sections.shows("quiz.header", header=False):
    quiz(
        "jacobian",
        (jacobians.quiz_shape, jacobians.quiz_unconnected, jacobians.quiz_batch_sizes),
    )

previous_next(PATH)
