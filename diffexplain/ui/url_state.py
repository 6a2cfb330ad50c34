"""Every page's inputs in its URL: a copied link opens the same page with the same widgets.

`FIELDS` is the one table: for each page (by its URL path, as Streamlit names it:
`gradient_tape` for `pages/03_gradient_tape.py`), the widget keys a link may carry, each with
its kind (a number within bounds, one of a widget's options, a switch, a short text) and the
page's default. The key is the query parameter's name: `/gradient_tape?lang=zh&tape.x=2.5`.

The router calls `restore(page)` before a page draws and `save(page)` after it ran:

- `restore`: when the URL's parameters for the page differ from what the last run left there (a
  session's first run of the page, a shared link, another page in between, back/forward), every
  widget in the table takes the URL's value; one the URL lacks, or gives an invalid value, is
  left to its default. Otherwise (the visitor moved a widget; the URL still holds what the last
  run wrote) the widgets lead and nothing is touched.
- `save`: the URL gets the values that differ from the defaults (short links) and loses the
  others; every parameter the table does not own for the page is kept (`lang`, `present`,
  `section`, the main page's and *Three ways*' own `f`, `order` and point).

Writing `st.query_params` reruns nothing, so there is no loop. A value from the URL is checked
against the table before a widget sees it, and becomes a widget's value, nothing more.

Not shared: a widget inside an `st.fragment` reruns without the router, so its change reaches
the URL on the page's next full run (the lecture quizzes' "show the answer" expanders are left
out on purpose: an answer a student opened is their own step). Buttons and the training page's
trained run are actions, not state.

Shared across sessions: nothing but the table (`FIELDS`), read-only (`MappingProxyType`) and
made of frozen dataclasses.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import streamlit as st

from diffexplain.teach.lessons import assign, none_gradients, training, watch

RESERVED = frozenset({"lang", "present", "section"})
"""Query parameters every page keeps when it rewrites its URL: the language, and the
presentation mode's."""

LAST_RUN_KEY = "url_state.last_run"
"""Session state: (page, its parameters in the URL) as the last run left them."""

_WHOLE = re.compile(r"-?[0-9]{1,9}")
_DECIMAL = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,12})?")
"""A plain decimal, nothing float() also takes ("nan", "1e400", "1_0", " 2")."""


def number_text(value: float) -> str:
    """A number as the URL shows it: 2.5, 3 (for 3.0), 0.15 (for 0.15000000000000002).

    >>> number_text(3.0), number_text(-0.5), number_text(0.1 + 0.05), number_text(100)
    ('3', '-0.5', '0.15', '100')
    """
    if isinstance(value, int):
        return str(value)
    text = f"{value:.12f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Number:
    """A slider's or a number box's value: within [low, high]; a whole number when the bounds
    and the default are ints (the widget would refuse a float); on the step's grid when `step`
    is given (a slider shows no other value, and the lessons' caches stay small)."""

    default: float
    low: float
    high: float
    step: float | None = None

    @property
    def whole(self) -> bool:
        return all(isinstance(v, int) for v in (self.default, self.low, self.high))

    def parse(self, text: str) -> float | None:
        if not (_WHOLE if self.whole else _DECIMAL).fullmatch(text):
            return None
        value = int(text) if self.whole else float(text)
        if not self.low <= value <= self.high:
            return None
        if self.step is not None:
            steps = (value - self.low) / self.step
            if abs(steps - round(steps)) > 1e-6:
                return None
        return value

    def show(self, value: Any) -> str:
        return number_text(value)

    def is_default(self, value: Any) -> bool:
        return _is_number(value) and math.isclose(value, self.default, abs_tol=1e-12)


@dataclass(frozen=True)
class Choice:
    """One of a radio's, select box's or select slider's options, named in the URL as
    `show` writes it (a number as `number_text` does, True as "true")."""

    options: tuple
    default: Any

    def parse(self, text: str) -> Any:
        for option in self.options:
            if self.show(option) == text:
                return option
        if _DECIMAL.fullmatch(text):  # "1.0" for the option 1.0, written "1"
            return next(
                (o for o in self.options if _is_number(o) and o == float(text)),
                None,
            )
        return None

    def show(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return number_text(value) if _is_number(value) else str(value)

    def is_default(self, value: Any) -> bool:
        return value == self.default and type(value) is type(self.default)


@dataclass(frozen=True)
class Switch:
    """A toggle or checkbox: "true" or "false" in the URL."""

    default: bool

    def parse(self, text: str) -> bool | None:
        return {"true": True, "false": False}.get(text.lower())

    def show(self, value: Any) -> str:
        return "true" if value else "false"

    def is_default(self, value: Any) -> bool:
        return value is self.default


@dataclass(frozen=True)
class Text:
    """A text box or a select box whose options are made on the page (the variables of the
    visitor's function): printable text of at most `max_length` characters. A select box shows
    its first option for a value it does not offer."""

    default: str
    max_length: int

    def parse(self, text: str) -> str | None:
        return text if len(text) <= self.max_length and text.isprintable() else None

    def show(self, value: Any) -> str:
        return str(value)

    def is_default(self, value: Any) -> bool:
        return value == self.default


Kind = Number | Choice | Switch | Text


# --- the table -------------------------------------------------------------------------------
# Each page's keys and defaults as its widgets have them (tests/test_url_state.py checks them
# against the pages: a default that differs would put the page's default in every link).

_TRAINING_DEFAULTS = {  # pages/08_training_loop.py's DEFAULTS
    "notes17": {"update": "assign_sub", "lr": 0.01, "start": "random", "w": 0.0, "b": 0.0},
    "notes3": {"update": "optimizer", "lr": 0.1, "start": "value", "w": 2.0, "b": 1.0},
}
_LEARNING_RATES = (0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25)
_EPOCHS = (1, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
_ASSIGN_OPERANDS = {  # pages/02_assign.py's NOTES_EXAMPLES, the operand of each method
    "assign": (4.0, 5.0, 6.0),
    "assign_add": (10.0, 10.0, 10.0),
    "assign_sub": (1.0, 2.0, 3.0),
}
_OPERAND_LIMIT = 1e6  # the boxes have no bounds; a link stays readable
_NONE_SWITCHES = tuple(  # the Setup's on/off fields, each a toggle on the page
    field.name for field in dataclasses.fields(none_gradients.Setup) if field.name != "at"
)


def _training_fields() -> dict[str, Kind]:
    fields: dict[str, Kind] = {"train.data": Choice(tuple(training.DATA_SETS), "notes17")}
    for name, default in _TRAINING_DEFAULTS.items():
        fields |= {
            f"train.update.{name}": Choice(training.UPDATES, default["update"]),
            f"train.lr.{name}": Choice(_LEARNING_RATES, default["lr"]),
            f"train.epochs.{name}": Choice(_EPOCHS, 100),
            f"train.start.{name}": Choice(("random", "value"), default["start"]),
            f"train.seed.{name}": Number(0, 0, 10_000),
            f"train.w0.{name}": Number(default["w"], -10.0, 10.0),
            f"train.b0.{name}": Number(default["b"], -10.0, 10.0),
        }
    return fields | {
        "train.keras.seed": Number(0, 0, 10_000),
        "train.keras.epochs": Choice((5, 10, 20, 30), 20),
        "train.keras.batch": Choice((16, 32, 64, 128), 32),
        "train.keras.lr": Choice((0.01, 0.03, 0.1, 0.3), 0.1),
    }


_TABLE: dict[str, dict[str, Kind]] = {
    "constant_and_variable": {
        "cv.values": Choice(("[1.0, 2.0, 3.0]", "[1, 2, 3]"), "[1.0, 2.0, 3.0]"),
        "cv.corner": Number(100, -100, 100, 1),
        "cv.inputs": Number(3, 1, 8),
        "cv.outputs": Number(2, 1, 8),
    },
    "assign": {
        "as.method": Choice(assign.METHODS, "assign"),
        **{
            f"as.operand.{method}.{i}": Number(value, -_OPERAND_LIMIT, _OPERAND_LIMIT)
            for method, operand in _ASSIGN_OPERANDS.items()
            for i, value in enumerate(operand)
        },
        "as.m2": Choice(assign.METHODS, "assign"),
        "as.variable": Choice(("ints", "floats"), "floats"),
        "as.new": Choice(assign.NEW_VALUES, assign.NEW_VALUES[0]),
        "as.u": Number(1.0, -3.0, 3.0, 0.5),
        "as.w": Number(5.0, -5.0, 10.0, 0.5),
        "as.lr": Number(0.1, 0.0, 1.0, 0.05),
    },
    "gradient_tape": {
        "tape.x": Number(3.0, -5.0, 5.0, 0.5),
        "tape.v0": Number(1.0, -3.0, 3.0, 0.5),
    },
    "persistent": {
        "pe.twice": Switch(True),
        "pe.x": Number(3.0, -5.0, 5.0, 0.5),
        "pe.px": Number(4.0, -5.0, 5.0, 0.5),
        "pe.py": Number(3.0, -5.0, 5.0, 0.5),
        "pe.partials": Switch(True),
        "pe.one": Switch(False),
        "pe.alias": Switch(False),
    },
    "watch": {
        "wa.kind": Choice(watch.KINDS, watch.KINDS[0]),
        "wa.dtype": Choice(watch.DTYPES, watch.DTYPES[0]),
        "wa.watch": Switch(True),
        "wa.accessed": Switch(True),
        "wa.x": Number(3, -5, 5, 1),
    },
    "none_gradients": {
        **{f"none.{name}": Switch(False) for name in _NONE_SWITCHES},
        "none.at": Number(3, 1, 5, 1),
    },
    "higher_order": {
        "ho.x": Number(3.0, -5.0, 5.0, 0.5),
        "ho.inside": Switch(True),
    },
    "training_loop": _training_fields(),
    "controlling_the_tape": {
        "control.x1": Number(10.0, -5.0, 10.0, 0.5),
        "control.accessed": Switch(False),
        "control.x": Number(3.0, -3.0, 3.0, 0.5),
        "control.targets.x": Number(2.0, 0.5, 4.0, 0.5),
        "control.unconnected": Choice(("none", "zero"), "none"),
    },
    "control_flow": {
        "flow.x": Number(1.0, -2.0, 2.0, 0.5),
        "flow.cond": Switch(False),
        "flow.loop.x": Number(2.0, 1.5, 12.0, 0.5),
        "flow.piece.x": Choice((0.5, 0.9, 1.0, 1.1, 1.5), 1.0),
        "flow.piece.strict": Choice((True, False), True),
        "flow.where.x": Choice((-1.0, 0.0, 4.0), 0.0),
    },
    "custom_gradients": {
        "custom.x": Choice((0.0, 10.0, 50.0, 88.0, 89.0, 100.0), 100.0),
        "custom.scale": Choice((0.25, 0.5, 1.0, 2.0, 10.0), 1.0),
        "custom.second.x": Choice((0.0, 2.0, 30.0, 100.0), 100.0),
        "custom.stable": Switch(False),
    },
    "jacobians": {
        "jacobian.delta": Number(0.0, -2.0, 2.0, 0.5),
        "jacobian.a": Number(1.0, -2.0, 2.0, 0.5),
        "jacobian.b": Number(2.0, -2.0, 2.0, 0.5),
        "jacobian.hx": Number(1.0, -2.0, 2.0, 0.5),
        "jacobian.hy": Number(2.0, -2.0, 2.0, 0.5),
    },
    "errors": {
        "errors.round.x": Number(1.2, -2.0, 2.0, 0.1),
        "errors.delta": Number(0.5, -2.0, 2.0, 0.25),
        "errors.state.x0": Number(3.0, -3.0, 3.0, 0.5),
    },
    # its function, order and point travel as the main page's `f`, `order` and variables
    "three_ways": {
        "ways.logistic_n": Number(8, 1, 10, 1),  # swell.LOGISTIC_DEFAULT, swell.LOGISTIC_MAX
        "ways.fd_var": Text("", 32),
        "ways.fd_step": Choice(tuple(range(-16, 1)), -5),
    },
}
FIELDS: Mapping[str, Mapping[str, Kind]] = MappingProxyType(
    {page: MappingProxyType(fields) for page, fields in _TABLE.items()}
)
"""Per page URL path: widget key → its kind, read-only (every session reads it). Pages without
shareable widgets are absent."""

OWNED = frozenset(key for fields in FIELDS.values() for key in fields)
"""Every key in the table: `replace_query` keeps them as it keeps `RESERVED`."""


# --- reading and writing ---------------------------------------------------------------------


def values_from(query: Mapping[str, str], fields: Mapping[str, Kind]) -> dict[str, Any]:
    """The valid values `query` gives for `fields`; a missing or invalid one is left out.

    >>> values_from({"tape.x": "2.5", "tape.v0": "9", "lang": "zh"}, FIELDS["gradient_tape"])
    {'tape.x': 2.5}
    """
    values = {}
    for key, kind in fields.items():
        text = query.get(key)
        value = kind.parse(text) if isinstance(text, str) else None
        if value is not None:
            values[key] = value
    return values


def query_from(values: Mapping[str, Any], fields: Mapping[str, Kind]) -> dict[str, str]:
    """The parameters for `values`: those that differ from their defaults and read back as the
    same value (a link never carries what `values_from` would refuse).

    >>> query_from({"tape.x": 2.5, "tape.v0": 1.0}, FIELDS["gradient_tape"])
    {'tape.x': '2.5'}
    """
    query = {}
    for key, kind in fields.items():
        if key not in values or kind.is_default(values[key]):
            continue
        text = kind.show(values[key])
        if kind.parse(text) is not None:
            query[key] = text
    return query


def replace_query(wanted: Mapping[str, str]) -> None:
    """Make the URL `wanted`, keeping the reserved parameters and the table's that it holds
    (a page that owns a few parameters must not drop the language or another part's)."""
    query = st.query_params
    kept = {k: query[k] for k in query if (k in RESERVED or k in OWNED) and k not in wanted}
    full = {**wanted, **kept}
    if query.to_dict() != full:
        query.from_dict(full)


def _owned_in_url(fields: Mapping[str, Kind]) -> tuple[tuple[str, str], ...]:
    query = st.query_params
    return tuple(sorted((key, query[key]) for key in fields if key in query))


def restore(page: str) -> None:
    """Before `page` draws: when its parameters in the URL are not what the last run left, set
    its widgets from them (an absent or invalid one: the widget's default)."""
    fields = FIELDS.get(page, {})
    in_url = _owned_in_url(fields)
    if st.session_state.get(LAST_RUN_KEY) == (page, in_url):
        return
    st.session_state[LAST_RUN_KEY] = (page, in_url)
    values = values_from(dict(in_url), fields)
    for key in fields:
        if key in values:
            st.session_state[key] = values[key]
        elif key in st.session_state:
            del st.session_state[key]  # the widget draws its default


def save(page: str) -> None:
    """After `page` ran: its widgets' values that differ from the defaults go in the URL."""
    fields = FIELDS.get(page, {})
    wanted = query_from({k: st.session_state[k] for k in fields if k in st.session_state}, fields)
    query = st.query_params
    others = {k: query[k] for k in query if k not in fields}
    if dict(_owned_in_url(fields)) != wanted:
        query.from_dict({**others, **wanted})
    st.session_state[LAST_RUN_KEY] = (page, tuple(sorted(wanted.items())))
