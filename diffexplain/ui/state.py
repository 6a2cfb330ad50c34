"""The main page's inputs: defaults, examples, and the URL that shares them.

A copied URL such as `/?f=x%5E3&x=3&order=2` opens exactly that example. The URL holds the
function text, one parameter per variable (its value), `order` and `dtype`; bad values fall
back to defaults with a note, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from diffexplain.core.explanation import DTYPE_NAMES, Request
from diffexplain.core.names import derivative_latex_name, derivative_name
from diffexplain.core.parse import MAX_ORDER, ParsedFunction
from diffexplain.ui import url_state
from diffexplain.ui.language import tr
from diffexplain.ui.persist import POINT_PREFIX

DEFAULT_FUNCTION = "sin(x)*exp(x)"
DEFAULT_POINT_TEXT = "1"
RESERVED = frozenset({"f", "order", "dtype", "preset"}) | url_state.RESERVED
"""Query parameter names that are not variables; a variable with one of these names is not
stored in the URL."""


@dataclass(frozen=True)
class Preset:
    """An example of the Examples box; its label is the text `preset.<key>`, in either language."""

    key: str
    function: str
    point: dict[str, str]
    order: int
    dtype: str = "float64"


PRESETS = (
    Preset("square", "x^2", {"x": "3"}, 1),
    Preset("cube", "x^3", {"x": "3"}, 2),
    Preset("persistent", "x^2 + y^2", {"x": "4", "y": "3"}, 1),
    Preset("sin_exp", "sin(x)*exp(x)", {"x": "1"}, 3),
    Preset("two_variables", "x*y + y^2", {"x": "1", "y": "2"}, 2),
    Preset("vector", "[x*y, sin(x)]", {"x": "1", "y": "2"}, 1),
    Preset("neuron", "sigmoid(w*x + b)", {"b": "0", "w": "0.5", "x": "2"}, 1),
    Preset("x_to_the_x", "x^x", {"x": "2"}, 3),
    Preset("corner", "abs(x)", {"x": "0"}, 2),
    Preset("infinite_slope", "sqrt(x)", {"x": "0"}, 1),
    Preset("pole", "1/x", {"x": "0"}, 1),
    Preset("not_real", "log(x)", {"x": "-1"}, 1),
    Preset("tanh", "tanh(x)", {"x": "0.5"}, 4),
    Preset("float32_point", "sin(x)", {"x": "12345.6"}, 1, "float32"),
    Preset("by_definition", "x^2 sin(1/x)", {"x": "0"}, 1),
    Preset("smooth_corners", "relu(x) + log(1 + exp(-abs(x)))", {"x": "0"}, 2),
)
PRESET_KEYS = tuple(p.key for p in PRESETS)


def point_key(name: str) -> str:
    return f"{POINT_PREFIX}{name}"


def ensure_point(name: str) -> None:
    """Give a variable's input box its first value: from the URL, or 1."""
    key = point_key(name)
    if key not in st.session_state:
        from_url = st.query_params.get(name) if name not in RESERVED else None
        st.session_state[key] = from_url or DEFAULT_POINT_TEXT


def point_inputs(variables: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """One input box per variable, in a row, each first filled by `ensure_point`: the point as
    (name, text) pairs."""
    columns = st.columns(max(len(variables), 1) + 3)
    for name in variables:
        ensure_point(name)
    return tuple(
        (name, column.text_input(f"{name} =", key=point_key(name)))
        for name, column in zip(variables, columns, strict=False)
    )


def apply_preset() -> None:
    """Fill the inputs from the chosen example (a widget callback)."""
    preset = next((p for p in PRESETS if p.key == st.session_state.get("preset")), None)
    if preset is None:
        return
    st.session_state["f"] = preset.function
    st.session_state["order"] = preset.order
    st.session_state["dtype"] = preset.dtype
    for name, value in preset.point.items():
        st.session_state[point_key(name)] = value


def forget_edited_preset() -> None:
    """Empty the Examples box once the inputs no longer match the example it names, so it never
    labels a function the visitor has since changed ("x² at 3" above x^5)."""
    preset = next((p for p in PRESETS if p.key == st.session_state.get("preset")), None)
    if preset is None:
        return
    state = st.session_state
    unchanged = (
        state.get("f") == preset.function
        and state.get("order") == preset.order
        and state.get("dtype") == preset.dtype
        and all(state.get(point_key(name)) == value for name, value in preset.point.items())
    )
    if not unchanged:
        state["preset"] = None


def load_from_url() -> None:
    """On a session's first run, take the inputs from the URL; note what could not be used."""
    if st.session_state.get("url_loaded"):
        return
    st.session_state["url_loaded"] = True
    params = st.query_params
    notes = []
    st.session_state.setdefault("f", params.get("f") or DEFAULT_FUNCTION)
    order = params.get("order")
    if order is not None and not (order.isdigit() and 1 <= int(order) <= MAX_ORDER):
        notes.append(tr("main.url.order", value=repr(order), max=MAX_ORDER))
        order = None
    st.session_state.setdefault("order", int(order) if order else 2)
    dtype = params.get("dtype")
    if dtype is not None and dtype not in DTYPE_NAMES:
        notes.append(tr("main.url.dtype", value=repr(dtype)))
        dtype = None
    st.session_state.setdefault("dtype", dtype or "float64")
    st.session_state["url_notes"] = notes


def url_notes() -> list[str]:
    return st.session_state.get("url_notes", [])


def save_to_url(text: str, point: tuple[tuple[str, str], ...], order: int, dtype: str) -> None:
    """Keep the URL equal to what is on screen, so copying it shares the example."""
    wanted = {"f": text, "order": str(order), "dtype": dtype}
    wanted.update({name: value for name, value in point if name not in RESERVED})
    url_state.replace_query(wanted)


def function_latex(parsed: ParsedFunction) -> str:
    import sympy

    from diffexplain.core.symbolic import to_latex

    arguments = ", ".join(sympy.latex(s) for s in parsed.symbols)
    return (
        f"f({arguments}) = {to_latex(parsed.expr)}" if arguments else f"f = {to_latex(parsed.expr)}"
    )


def derivative_names(request: Request) -> list[str]:
    from diffexplain.core.symbolic import partials

    variables = request.parsed.variables
    return [derivative_name(wrt, variables) for wrt in partials(variables, request.order)]


def derivative_latex(request: Request, wrt: tuple[str, ...], latex: str) -> str:
    return f"{derivative_latex_name(wrt, request.parsed.variables)} = {latex}"
