"""The step-by-step derivation on the main page, for every order it shows, and the warnings
for input that people read two ways.

`steps_panel` returns the ids of the graph nodes to highlight (the chosen step's ops): the
page passes them to the graph drawing, so choosing a step of a first derivative lights up the
ops that carry it out. A higher derivative's steps differentiate the formula of the one below
and name no ops, saying why (the outer tapes differentiate backward ops, not formulas).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from diffexplain.core.budget import LEAST_SECONDS, REQUEST_SECONDS, Deadline, seconds_left
from diffexplain.core.ops import FUNCTIONS
from diffexplain.core.parse import InputError, parse_function, symbol
from diffexplain.text import TEXTS
from diffexplain.ui.display import plain
from diffexplain.ui.language import current_language, tr, tr_error

MAX_SHOWN_STEPS = 120
"""Steps drawn as expanders; a longer derivation is cut with a note (the selectbox has all)."""

MAX_NESTED = 6
"""Expanders nested deeper than this are drawn flat inside the last one: a narrow column of
boxes within boxes helps nobody."""

MAX_LABEL_LATEX = 80
"""Longer formulas stay out of an expander's label (they are inside it)."""


class _CutShort(Exception):
    """The steps ran out of the page run's time, not of their own: not cached, tried again."""


@st.cache_data(max_entries=64, show_spinner=False)
def _derivations(
    text: str,
    variables: tuple[str, ...],
    values: tuple[tuple[str, float], ...],
    order: int,
    _graph: Any,
    _seconds: float,
):
    """The checked steps of every partial of `order` (SymPy in a worker process); None if too
    slow. Each order is its own job, so a higher order on the page derives only what is new.

    The graph is not part of the cache key: its ops and ids depend only on the function (any
    graph with tape 1 holds them). Neither is `_seconds`, what is left of the page run's
    deadline: steps it cut short raise `_CutShort`, which Streamlit does not cache. Neither are
    the lower derivatives the steps start from: SymPy's simplified forms, the same for the
    same function.
    """
    from diffexplain.core.explanation import shown_forms
    from diffexplain.core.steps import STEPS_SECONDS, derivations

    if _seconds < LEAST_SECONDS:
        raise _CutShort
    expr = parse_function(text).expr
    symbols = tuple(symbol(name) for name in variables)
    graph = _graph if order == 1 else None  # only the first derivatives are tied to it
    shown = shown_forms(expr, variables) if order > 1 else None
    seconds = min(_seconds, STEPS_SECONDS)
    found = derivations(expr, symbols, graph, dict(values), seconds, (order,), shown)
    if (found is None or any(d.refused == "time" for d in found)) and _seconds < STEPS_SECONDS:
        raise _CutShort
    return found


@st.cache_data(max_entries=256, show_spinner=False)
def _readings(text: str):
    from diffexplain.teach.readings import readings

    return readings(text)


def rule_label(step) -> str:
    """The rule's name in the visitor's language ("product rule", "乘积法则")."""
    if step.name in FUNCTIONS:
        return tr("steps.rule.function", function=step.name)
    return tr(f"steps.rule.{step.name}")


def rule_formula(step) -> str:
    """The rule in symbols, from ops.py: the part after "product rule: " (if any)."""
    return step.rule.split(": ", 1)[-1]


def _expander_label(step) -> str:
    from diffexplain.core.symbolic import to_latex

    formula = to_latex(step.before)
    if len(formula) <= MAX_LABEL_LATEX:
        return f"{rule_label(step)} — ${formula}$"
    return rule_label(step)


def _show_step(step, depth: int, budget: list[int]) -> None:
    """One step and its substeps; `budget` counts the steps still to draw."""
    if budget[0] <= 0:
        return
    budget[0] -= 1
    if depth < MAX_NESTED:
        with st.expander(_expander_label(step), expanded=depth == 0):
            _step_body(step)
            for substep in step.substeps:
                _show_step(substep, depth + 1, budget)
    else:
        st.markdown(f"**{rule_label(step)}**")
        _step_body(step)
        for substep in step.substeps:
            _show_step(substep, depth + 1, budget)


def stacked(latex: str) -> str:
    """An equation a = b = c as lines: a, then one "= …" a line, long sides split at their
    "+" (in a half-width column on a
    1280-pixel projector the product rule's one long line was cut off). An equation with one
    "=" stays as it is.
    """
    first, *rest = latex.split(" = ")
    if len(rest) < 2:
        return latex
    lines = [" &= ".join(("", r" \\ &\quad + ".join(_terms(part)))) for part in rest]
    return r"\begin{aligned}& " + first + r" \\ " + r" \\ ".join(lines) + r"\end{aligned}"


def split_equation(left: str, right: str) -> str:
    """left = right, with a long right side on lines split at its top-level "+" (the steps'
    f'' ends in a sum that was cut off in a half-width column at 1280 pixels)."""
    terms = _terms(right)
    if len(terms) == 1:
        return f"{left} = {right}"
    return r"\begin{aligned}" + left + " &= " + r" \\ &\quad + ".join(terms) + r"\end{aligned}"


LONG_LINE = 40
"""LaTeX characters past which a side of an equation is split at its top-level " + "."""


def _terms(latex: str) -> list[str]:
    """`latex` split at each " + " outside braces and \\left…\\right, if it is long."""
    if len(latex) <= LONG_LINE:
        return [latex]
    terms, depth, start, i = [], 0, 0, 0
    while i < len(latex):
        if latex.startswith(r"\left", i) or latex[i] == "{":
            depth += 1
        elif latex.startswith(r"\right", i) or latex[i] == "}":
            depth -= 1
        elif depth == 0 and latex.startswith(" + ", i):
            terms.append(latex[start:i])
            start = i + 3
            i += 2
        i += 1
    return [*terms, latex[start:]]


def _step_body(step) -> None:
    st.latex(stacked(step.latex))
    ops = ", ".join(str(i) for i in step.ops) if step.ops else tr("steps.ops.none")
    st.caption(f"`{rule_formula(step)}` · " + tr("steps.ops", ops=ops))


def _point_text(point: Mapping[str, Any] | tuple, names: tuple[str, ...]) -> str:
    given = dict(point)
    return ", ".join(f"{name} = {given.get(name, '1')}" for name in names)


def steps_panel(
    text: str, point: Mapping[str, Any] | tuple, explanation, deadline: Deadline | None = None
) -> frozenset[int]:
    """The derivation one rule at a time, for each derivative the page shows, and the ops of
    each step of a first derivative.

    Args:
        text: the function as typed (already accepted by the parser).
        point: the point as the page holds it (name → value as typed), for the captions.
        explanation: the page's Explanation; its order says which derivatives have steps, its
            graph (any order) gives the op ids.
        deadline: when the page run is due; the steps get what is left of it.

    Returns:
        The graph node ids to highlight: the chosen step's ops and the chosen backward op.
    """
    from diffexplain.core.names import derivative_name
    from diffexplain.core.symbolic import partials

    st.subheader(tr("steps.header"))
    st.markdown("🔢 " + tr("steps.values_not_formulas"))
    st.caption(tr("steps.intro"))
    graph = explanation.graph
    if graph is None:
        st.info(tr("steps.no_graph"))
    variables = tuple(explanation.variables)
    values = tuple((name, float(explanation.point[name])) for name in variables)
    paths = partials(variables, explanation.order)
    path = paths[0]
    if len(paths) > 1:
        path = _which(paths, variables, explanation.order)
    try:
        with st.spinner(tr("steps.working")):
            found = _derivations(
                text, variables, values, len(path), graph, seconds_left(deadline, REQUEST_SECONDS)
            )
    except InputError as error:
        st.error(plain(tr_error(error)), icon="✋")
        return frozenset()
    except _CutShort:
        st.info(tr("steps.cut_short"), icon="⏱️")
        return frozenset()
    if found is None:
        st.info(tr("steps.timeout"))
        return frozenset()
    derivation = next(d for d in found if d.path == path)
    if derivation.root is None:
        st.info(plain(derivation.refusal(variables, TEXTS[current_language()])), icon="✋")
        return frozenset()

    from diffexplain.core.symbolic import to_latex

    name = _derivative_latex_name(path, variables)
    if derivation.order > 1:
        _differentiates(derivation, variables)
    st.latex(split_equation(name, to_latex(derivation.result)))
    st.caption(tr(f"steps.check.{derivation.check.method}", points=derivation.check.points))
    row = next((r for r in explanation.derivatives if r.wrt == path), None)
    if derivation.value is not None and row is not None:
        st.caption(
            tr(
                "steps.value",
                point=plain(_point_text(point, variables)),
                value=f"{derivation.value:.10g}",
                tape=f"{row.autodiff:.10g}",
            )
        )
    if derivation.order > 1:
        tapes = [f"t{k}" for k in range(derivation.order)]
        parent = plain(derivative_name(path[:-1], variables))
        st.info(
            tr("steps.untied", parent=parent, tape=tapes[-1], inner=", ".join(tapes[:-1])),
            icon="🔗",
        )

    steps = list(derivation.root.walk())
    budget = [MAX_SHOWN_STEPS]
    _show_step(derivation.root, 0, budget)
    if len(steps) > MAX_SHOWN_STEPS:
        st.caption(tr("steps.too_many", shown=MAX_SHOWN_STEPS, count=len(steps)))
    if not derivation.tied:
        return frozenset()

    highlight: set[int] = set()
    chosen = st.selectbox(
        tr("steps.select"),
        range(len(steps)),
        index=None,
        placeholder=tr("steps.select.placeholder"),
        format_func=lambda i: _option(*steps[i]),
        key=f"steps_select_{derivation.wrt}_{text}",
    )
    if chosen is not None:
        highlight |= set(steps[chosen][1].ops)
        if not steps[chosen][1].ops:
            st.caption(tr("steps.ops.none"))
    if graph is not None:
        highlight |= _backward_node_picker(graph, derivation, text)
    return frozenset(highlight)


MAX_RADIO = 8
"""Derivatives offered as radio buttons; more (partials of a high order) go in a drop-down."""


def _which(paths, variables: tuple[str, ...], order: int) -> tuple[str, ...]:
    """The derivative whose steps are shown, chosen by its name (f'', ∂²f/∂x∂y)."""
    from diffexplain.core.names import derivative_name

    names = [derivative_name(path, variables) for path in paths]
    key = f"steps_which_{'_'.join(variables)}_{order}"
    if len(paths) <= MAX_RADIO:
        chosen = st.radio(
            tr("steps.which"),
            range(len(paths)),
            format_func=names.__getitem__,
            horizontal=True,
            key=key,
        )
    else:
        chosen = st.selectbox(
            tr("steps.which"), range(len(paths)), format_func=names.__getitem__, key=key
        )
    return paths[chosen or 0]


def _differentiates(derivation, variables: tuple[str, ...]) -> None:
    """What a higher derivative's steps differentiate: the lower one as the page shows it."""
    from diffexplain.core.names import derivative_name
    from diffexplain.core.symbolic import to_latex

    above = derivation.path[:-1]
    st.markdown(
        tr(
            "steps.differentiates",
            name=plain(derivative_name(derivation.path, variables)),
            parent=plain(derivative_name(above, variables)),
            wrt=plain(derivation.wrt),
        )
    )
    above_name = _derivative_latex_name(above, variables)
    st.latex(split_equation(above_name, to_latex(derivation.root.before)))


def _option(depth: int, step) -> str:
    before = str(step.before)
    before = before if len(before) <= 60 else before[:57] + "…"
    return f"{'· ' * depth}{rule_label(step)}: {before}"


def _derivative_latex_name(path: tuple[str, ...], variables: tuple[str, ...]) -> str:
    from diffexplain.core.names import derivative_latex_name

    return derivative_latex_name(path, variables)


def _backward_node_picker(graph, derivation, text: str) -> set[int]:
    """Choose a backward op of tape 1; the step it carries out is shown."""
    from diffexplain.core.steps import step_of_node
    from diffexplain.core.tape_graph import BOOKKEEPING
    from diffexplain.figures.draw import rule_words

    nodes = [n for n in graph.nodes if n.stage == 1 and n.op not in BOOKKEEPING]
    by_id = {n.id: n for n in nodes}
    picked = st.selectbox(
        tr("steps.node"),
        [n.id for n in nodes],
        index=None,
        placeholder=tr("steps.node.placeholder"),
        format_func=lambda i: tr("steps.node.option", id=i, op=by_id[i].op),
        key=f"steps_node_{derivation.wrt}_{len(graph.nodes)}_{text}",
    )
    if picked is None:
        return set()
    node = by_id[picked]
    step = step_of_node(derivation.root, picked)
    if step is None:
        rule = rule_words(node.rule, TEXTS[current_language()]) if node.rule else "—"
        st.caption(tr("steps.node.no_step", id=picked, op=node.op, rule=plain(rule)))
        return {picked}
    st.caption(tr("steps.node.step", id=picked, op=node.op, rule=rule_label(step)))
    st.latex(stacked(step.latex))
    return {picked, *step.ops}


def readings_panel(text: str) -> None:
    """Warnings where the text is often read another way than ours, with the other reading."""
    for reading in _readings(text):
        message = tr(
            f"steps.reading.{reading.kind}",
            fragment=plain(reading.fragment),
            suggestion=plain(reading.suggestion),
        )
        if reading.theirs:
            message += "  \n" + tr("steps.reading.other", latex=reading.theirs)
        st.info(message, icon="🔀")
