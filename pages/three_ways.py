"""Three ways to differentiate one function: symbolic (how big), numeric (how accurate),
automatic in forward and reverse mode (how costly).

The main page links here with its query parameters (`/three_ways?f=...&x=...&order=...`).
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from diffexplain.ui.language import current_language, tr
from diffexplain.ui.presentation import Sections
from diffexplain.ui.router import through_the_router

through_the_router()  # a deep link that is a fresh server's first visit

st.title(tr("ways.title"))
st.markdown(tr("ways.intro"))

from diffexplain.core.names import derivative_name  # noqa: E402
from diffexplain.core.parse import MAX_ORDER, InputError  # noqa: E402
from diffexplain.core.worker import BudgetExceeded, run_bounded  # noqa: E402
from diffexplain.teach import finite, modes, swell  # noqa: E402
from diffexplain.ui import engine, state, url_state  # noqa: E402
from diffexplain.ui.charts import vega_spec  # noqa: E402
from diffexplain.ui.display import format_number, plain, show_input_error  # noqa: E402

# (no docstrings under constants here: Streamlit's magic would print them on the page)
SYMPY_SECONDS = 30.0  # for the sizes SymPy measures (cse of each partial, lₙ up to n = 10)

DEFAULT_ORDER = 3
PREFIX = "ways."
PATH = "pages/three_ways.py"


# --- cached computations: plain inputs in, picklable data out --------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def symbolic_sizes(text: str, order: int):
    parsed = engine.parsed(text)
    try:
        return run_bounded(
            swell.symbolic_sizes, parsed.expr, parsed.symbols, order, seconds=SYMPY_SECONDS
        )
    except BudgetExceeded:
        return None


@st.cache_data(max_entries=4, show_spinner=False)
def logistic_sizes():
    return run_bounded(swell.logistic_sizes, swell.LOGISTIC_MAX, seconds=SYMPY_SECONDS)


@st.cache_data(max_entries=16, show_spinner=False)
def logistic_forms(iterations: int):
    return run_bounded(swell.logistic_forms, iterations, seconds=SYMPY_SECONDS)


@st.cache_data(max_entries=4, show_spinner=False)
def logistic_tapes():
    return tuple(
        (swell.logistic_formula_tape_ops(n), swell.logistic_program_tape_ops(n))
        for n in range(1, swell.LOGISTIC_MAX + 1)
    )


@st.cache_data(max_entries=64, show_spinner=False)
def differences(text: str, point: tuple, variable: str, dtype: str, exact: float, steps: tuple):
    parsed = engine.parsed(text)
    symbol = next(s for s in parsed.symbols if s.name == variable)
    return finite.difference_errors(parsed.expr, symbol, dict(point), steps, dtype, exact)


@st.cache_data(max_entries=64, show_spinner=False)
def mode_comparison(text: str, point: tuple):
    checked = engine.request(text, point, 1, "float64")
    parsed = checked.parsed
    return modes.compare_modes(parsed.expr, parsed.symbols, checked.point, "float64")


def subscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


@st.cache_data(max_entries=64, show_spinner=False)
def swell_chart_for(steps: tuple, series: dict, labels: dict, xlabel: str, ylabel: str):
    from diffexplain.figures.plots_ways import swell_chart

    return vega_spec(swell_chart(steps, series, labels, xlabel, ylabel))


@st.cache_data(max_entries=64, show_spinner=False)
def difference_chart_for(
    text: str, point: tuple, variable: str, exact: float, step: float, labels: dict
):
    from diffexplain.figures.plots_ways import difference_error_chart

    sweeps = [
        differences(text, point, variable, dtype, exact, finite.STEPS)
        for dtype in ("float32", "float64")
    ]
    return vega_spec(difference_error_chart(sweeps, step, labels))


# --- inputs: the main page's query parameters, then this page's own boxes --------------------


def first_value(key: str, value) -> None:
    if PREFIX + key not in st.session_state:
        st.session_state[PREFIX + key] = value


def follow_main_page() -> None:
    # the sidebar link carries no query parameters: take the main page's function and point
    # whenever the function there changed since this page last took it
    main_function = st.session_state.get("f")
    if main_function and main_function != st.session_state.get(PREFIX + "followed"):
        st.session_state[PREFIX + "followed"] = main_function
        st.session_state[PREFIX + "f"] = main_function
        for key in [k for k in st.session_state if str(k).startswith("at_")]:
            st.session_state[PREFIX + key] = st.session_state[key]


url = st.query_params
follow_main_page()
url_order = url.get("order", "")
first_value("f", url.get("f") or state.DEFAULT_FUNCTION)
url_order_ok = url_order.isdigit() and 1 <= int(url_order) <= MAX_ORDER
first_value("order", int(url_order) if url_order_ok else DEFAULT_ORDER)

engine.start_sympy_workers()
top = st.columns([5, 1.3], vertical_alignment="bottom")
text = top[0].text_input(tr("ways.function"), key=PREFIX + "f", help=tr("ways.function.help"))
order = int(
    top[1].number_input(tr("ways.order"), min_value=1, max_value=MAX_ORDER, key=PREFIX + "order")
)

try:
    parsed = engine.parsed(text)
except InputError as error:
    show_input_error(error, text)
    st.stop()
variables = parsed.variables or ("x",)
columns = st.columns(max(len(variables), 1) + 2)
for name in variables:
    first_value("at_" + name, (url.get(name) if name not in state.RESERVED else None) or "1")
point = tuple(
    (name, column.text_input(f"{name} =", key=PREFIX + "at_" + name))
    for name, column in zip(variables, columns, strict=False)
)

url_state.replace_query(
    {"f": text, "order": str(order), **{n: v for n, v in point if n not in state.RESERVED}}
)
main_page = {"f": text, **dict(point), "order": order}
if current_language() != "en":
    main_page["lang"] = current_language()
st.markdown(f"[{tr('ways.to_main')}](/?{urlencode(main_page)})")

try:
    with st.spinner(tr("ways.loading")):
        engine.load_tensorflow()
        explanation = engine.explanation(text, point, order, "float64")
except InputError as error:
    show_input_error(error, text)
    st.stop()
exact_first = {row.wrt[0]: row.symbolic for row in explanation.derivatives if row.order == 1}

sections = Sections(PATH, ("ways.tab.swell", "ways.tab.finite", "ways.tab.modes"))

# --- 1. expression swell ---------------------------------------------------------------------


def expression_swell() -> None:
    st.markdown(tr("ways.swell.intro"))
    st.subheader(tr("ways.swell.yours", order=order))
    with st.spinner(tr("ways.swell.measuring")):
        sizes = symbolic_sizes(text, order)
    swell_rows = explanation.swell
    recorded_tapes = len(explanation.graph.backward_ops) if explanation.graph is not None else 0
    taped = [  # the graph holds the tapes that fit in time (budget.MAX_GRAPH_OPS)
        swell.tape_ops(explanation.graph, k) if k <= recorded_tapes else None
        for k in range(1, order + 1)
    ]
    labels = {
        key: tr("ways.series." + key)
        for key in ("raw", "simplified", "cse", "tape", "tape_compute", "program")
    }
    if sizes is None:
        st.info(tr("ways.swell.timeout"))
    series = {
        "raw": [row["symbolic_ops"] for row in swell_rows],
        "simplified": [row["symbolic_ops_simplified"] for row in swell_rows],
        **({"cse": [s.cse for s in sizes]} if sizes else {}),
        "tape": [t.all if t else None for t in taped],
        "tape_compute": [t.compute if t else None for t in taped],
    }
    orders = list(range(1, order + 1))
    st.dataframe(
        [
            {
                tr("ways.col.order"): k,
                **{labels[key]: values[k - 1] for key, values in series.items()},
            }
            for k in orders
        ],
        hide_index=True,
        width="stretch",
    )
    ops_axis = tr("ways.axis.ops")
    st.vega_lite_chart(
        spec=swell_chart_for(tuple(orders), series, labels, tr("ways.axis.order"), ops_axis),
        width="stretch",
    )
    st.caption(tr("ways.swell.caption"))
    formula, taped_ops = series["raw"][-1], series["tape"][-1]
    if taped_ops is not None:  # at the highest order: which is larger, and why
        swollen = formula > taped_ops
        words = "ways.swell.formula_larger" if swollen else "ways.swell.tape_larger"
        st.info(tr(words, order=order, formula=formula, tape=taped_ops), icon="⚖️")

    st.subheader(tr("ways.logistic.header"))
    st.markdown(tr("ways.logistic.intro"))
    iterations = st.slider(
        tr("ways.logistic.slider"),
        1,
        swell.LOGISTIC_MAX,
        swell.LOGISTIC_DEFAULT,
        key=PREFIX + "logistic_n",
    )
    with st.spinner(tr("ways.swell.measuring")):
        logistic = logistic_sizes()[:iterations]
        tapes = logistic_tapes()[:iterations]
        forms = logistic_forms(iterations)
    current = logistic[-1]
    if forms.value:
        st.latex(rf"l_{{{iterations}}} = {forms.value}")
    else:
        st.markdown(tr("ways.logistic.value_ops", n=subscript(iterations), ops=current.value_ops))
    for key, ops, latex in (
        ("ways.logistic.raw", current.raw, forms.raw),
        ("ways.logistic.expanded", current.expanded, forms.expanded),
    ):
        st.markdown(f"**{tr(key, ops=ops)}**")
        if latex:
            st.latex(rf"l_{{{iterations}}}' = {latex}")
        else:
            st.caption(tr("ways.logistic.too_long"))
    steps = list(range(1, iterations + 1))
    logistic_series = {
        "raw": [s.raw for s in logistic],
        "simplified": [s.expanded for s in logistic],
        "cse": [s.cse for s in logistic],
        "tape": [formula.all for formula, _ in tapes],
        "tape_compute": [formula.compute for formula, _ in tapes],
        "program": [program.compute for _, program in tapes],
    }
    logistic_labels = {**labels, "simplified": tr("ways.series.expanded")}
    # A row per count and a column per n: seven columns of long names did not fit a projector,
    # and the one cut off was the loop program's, the point of the table.
    st.dataframe(
        [
            {"": logistic_labels[key], **{f"n = {n}": values[n - 1] for n in steps}}
            for key, values in logistic_series.items()
        ],
        hide_index=True,
        width="stretch",
    )
    st.vega_lite_chart(
        spec=swell_chart_for(
            tuple(steps), logistic_series, logistic_labels, tr("ways.axis.iterations"), ops_axis
        ),
        width="stretch",
    )
    st.caption(tr("ways.logistic.caption"))
    everything = {  # the crossovers over every n the slider offers, not just those shown
        "raw": [s.raw for s in logistic_sizes()],
        "expanded": [s.expanded for s in logistic_sizes()],
        "tape": [formula.all for formula, _ in logistic_tapes()],
    }
    st.info(
        tr(
            "ways.logistic.crossover",
            raw=swell.first_larger(everything["raw"], everything["tape"]),
            expanded=swell.first_larger(everything["expanded"], everything["tape"]),
        ),
        icon="🎈",
    )
    if swell.logistic_text_fits(iterations):

        def use_logistic() -> None:
            st.session_state[PREFIX + "f"] = swell.logistic_text(iterations)
            st.session_state[PREFIX + "order"] = 1
            st.session_state[PREFIX + "at_x"] = "0.3"

        st.button(
            tr("ways.logistic.use", n=subscript(iterations)),
            on_click=use_logistic,
            key=PREFIX + "use",
        )
    else:
        st.caption(tr("ways.logistic.no_text", n=iterations))


# --- 2. finite differences -------------------------------------------------------------------


def finite_differences() -> None:
    from diffexplain.figures.plots_ways import error_floor

    st.markdown(tr("ways.finite.intro"))
    variable = variables[0]
    if len(variables) > 1:
        variable = st.selectbox(tr("ways.finite.variable"), variables, key=PREFIX + "fd_var")
    exact = exact_first[variable]
    exponent = st.select_slider(
        tr("ways.finite.step"),
        options=list(range(-16, 1)),
        value=-5,
        format_func=lambda e: f"1e{e:+03d}",
        key=PREFIX + "fd_step",
    )
    step = 10.0**exponent
    numbers = dict(explanation.point)
    if not (exact == exact and abs(exact) != float("inf")):
        st.info(tr("ways.finite.no_exact", name=variable))
    else:
        at_step = [
            differences(text, tuple(numbers.items()), variable, dtype, exact, (step,))
            for dtype in ("float32", "float64")
        ]
        st.markdown(
            tr(
                "ways.finite.exact",
                name=plain(derivative_name((variable,), variables)),
                value=format_number(exact, "float64"),
            )
        )
        st.dataframe(
            [
                {
                    "dtype": result.dtype,
                    tr("ways.col.forward"): format_number(float(result.forward[0]), result.dtype),
                    tr("ways.col.forward_error"): f"{float(result.forward_error[0]):.1e}",
                    tr("ways.col.central"): format_number(float(result.central[0]), result.dtype),
                    tr("ways.col.central_error"): f"{float(result.central_error[0]):.1e}",
                    tr("ways.col.autodiff"): format_number(result.autodiff, result.dtype),
                    tr("ways.col.autodiff_error"): f"{result.autodiff_error:.1e}",
                }
                for result in at_step
            ],
            hide_index=True,
            width="stretch",
        )
        sweeps = [
            differences(text, tuple(numbers.items()), variable, dtype, exact, finite.STEPS)
            for dtype in ("float32", "float64")
        ]
        finite_labels = {
            "forward": tr("ways.finite.legend.forward"),
            "central": tr("ways.finite.legend.central"),
            "autodiff": tr("ways.finite.legend.autodiff"),
            "step": tr("ways.finite.axis.step"),
            "error": tr("ways.finite.axis.error"),
            "chosen": tr("ways.finite.legend.chosen"),
        }
        at_point = tuple(numbers.items())
        st.vega_lite_chart(
            spec=difference_chart_for(text, at_point, variable, exact, step, finite_labels),
            width="stretch",
        )
        st.caption(tr("ways.finite.zero", floor=f"{error_floor(sweeps):.0e}"))
        best = {r.dtype: r.best_steps for r in sweeps}
        st.markdown(
            tr(
                "ways.finite.explain",
                f32_forward=f"{best['float32']['forward']:.1e}",
                f32_central=f"{best['float32']['central']:.1e}",
                f64_forward=f"{best['float64']['forward']:.1e}",
                f64_central=f"{best['float64']['central']:.1e}",
            )
        )


# --- 3. forward mode and reverse mode --------------------------------------------------------


def forward_and_reverse() -> None:
    st.markdown(tr("ways.modes.intro"))
    comparison = mode_comparison(text, point)
    count = len(comparison.variables)
    st.dataframe(
        [
            {
                tr("ways.col.variable"): name,
                tr("ways.col.forward_mode"): format_number(forward or 0.0, "float64"),
                tr("ways.col.reverse_mode"): format_number(reverse or 0.0, "float64"),
                tr("ways.col.exact"): format_number(exact_first.get(name, 0.0), "float64"),
                tr("ways.col.difference"): f"{abs((forward or 0.0) - (reverse or 0.0)):.1e}",
            }
            for name, forward, reverse in zip(
                comparison.variables, comparison.forward, comparison.reverse, strict=True
            )
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(tr("ways.modes.none"))
    st.dataframe(
        [
            {
                tr("ways.col.mode"): label,
                tr("ways.col.passes"): ops.passes,
                tr("ways.col.ops_all"): ops.all,
                tr("ways.col.ops_compute"): ops.compute,
                tr("ways.col.ops_per_pass"): f"{ops.compute / ops.passes:g}",
            }
            for label, ops in (
                (tr("ways.modes.forward"), comparison.forward_ops),
                (tr("ways.modes.reverse"), comparison.reverse_ops),
            )
        ],
        hide_index=True,
        width="stretch",
    )
    st.markdown(tr("ways.modes.rule", n=count, m=1))
    st.caption(tr("ways.modes.caption"))


sections.tabs(  # tabs; while presenting, one section at a time
    {
        "ways.tab.swell": expression_swell,
        "ways.tab.finite": finite_differences,
        "ways.tab.modes": forward_and_reverse,
    }
)
