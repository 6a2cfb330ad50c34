"""Widget values in the URL (`diffexplain/ui/url_state.py`): what a link may say and what is
refused, then the pages through AppTest: a link's values on the widgets, a moved widget in the
URL beside `lang`, bad values ignored, and the table checked against every page's widgets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from diffexplain.teach.lessons import assign, none_gradients, training, watch
from diffexplain.ui import state, url_state
from diffexplain.ui.lectures import LECTURES
from diffexplain.ui.url_state import FIELDS, Choice, Number, Switch, Text, query_from, values_from
from tests.app import APP, TIMEOUT, app_at

TAPE = FIELDS["gradient_tape"]


def _url_path(path: str) -> str:
    """Streamlit's URL path for a page file: its name without the leading number."""
    stem = Path(path).stem
    return stem.split("_", 1)[1] if stem[:2].isdigit() else stem


def _other(kind):
    """A valid value of `kind` that is not its default."""
    if isinstance(kind, Number):
        return kind.high if kind.high != kind.default else kind.low
    if isinstance(kind, Choice):
        return kind.options[-1] if kind.options[-1] != kind.default else kind.options[0]
    if isinstance(kind, Switch):
        return not kind.default
    return "y"


# --- parsing: what a link may say ------------------------------------------------------------


@pytest.mark.parametrize("text", ["2.5", "-5", "5", "5.0", "0", "-0.5", "3.00"])
def test_a_slider_takes_a_plain_decimal_on_its_grid_within_its_bounds(text):
    assert TAPE["tape.x"].parse(text) == float(text)


@pytest.mark.parametrize(
    "text",
    ["5.5", "-5.5", "2.3", "", " 2", "2 ", "nan", "inf", "-inf", "1e0", "2,5", "0x1", "1_0",
     "٣", "2.5.1", "+2", "10000000000", "x", "__import__('os')"],
)  # fmt: skip
def test_anything_else_for_a_slider_is_refused(text):
    assert TAPE["tape.x"].parse(text) is None


def test_a_whole_number_widget_refuses_a_fraction_and_keeps_an_int():
    at = FIELDS["watch"]["wa.x"]  # st.slider("x", -5, 5, 3): ints
    assert at.parse("-4") == -4 and isinstance(at.parse("-4"), int)
    assert at.parse("2.5") is None and at.parse("3.0") is None and at.parse("6") is None


def test_a_number_box_without_a_grid_takes_any_decimal_within_its_bounds():
    w0 = FIELDS["training_loop"]["train.w0.notes17"]
    assert w0.parse("1.23") == 1.23
    assert w0.parse("10.5") is None


def test_a_choice_is_one_of_its_options_by_name():
    where = FIELDS["control_flow"]["flow.where.x"]  # radio (-1.0, 0.0, 4.0)
    assert where.parse("4") == 4.0 and where.parse("4.0") == 4.0 and where.parse("-1") == -1.0
    assert where.parse("2") is None and where.parse("four") is None
    strict = FIELDS["control_flow"]["flow.piece.strict"]  # radio (True, False)
    assert strict.parse("false") is False and strict.parse("0") is None
    method = FIELDS["assign"]["as.method"]
    assert method.parse("assign_sub") == "assign_sub"
    assert method.parse("ASSIGN_SUB") is None and method.parse("assign_sub ") is None


def test_a_switch_is_true_or_false():
    twice = FIELDS["persistent"]["pe.twice"]
    assert twice.parse("false") is False and twice.parse("TRUE") is True
    assert all(twice.parse(text) is None for text in ("1", "yes", "", "none"))


def test_text_is_short_and_printable():
    text = Text("", 5)
    assert text.parse("x_1") == "x_1"
    assert (
        text.parse("abcdef") is None and text.parse("a\nb") is None and text.parse("\x00") is None
    )


def test_values_from_keeps_the_valid_values_and_ignores_the_rest():
    query = {"tape.x": "2.5", "tape.v0": "3.5", "lang": "zh", "wa.x": "1"}
    assert values_from(query, TAPE) == {"tape.x": 2.5}  # v0 beyond 3; wa.x another page's
    assert values_from({"tape.x": ["2.5"]}, TAPE) == {}  # not a string: ignored


def test_a_link_carries_only_what_differs_from_the_defaults():
    assert query_from({"tape.x": 3.0, "tape.v0": 1.0}, TAPE) == {}
    assert query_from({"tape.x": 2.5, "tape.v0": -3.0}, TAPE) == {"tape.x": "2.5", "tape.v0": "-3"}
    lr = FIELDS["assign"]
    assert query_from({"as.lr": 0.1 + 0.05}, lr) == {"as.lr": "0.15"}  # a slider's float noise
    assert query_from({"as.lr": 0.1}, lr) == {}


def test_a_value_off_the_table_never_reaches_a_link():
    assert query_from({"tape.x": 7.0}, TAPE) == {}  # beyond the slider: not written


@pytest.mark.parametrize("page", sorted(FIELDS))
def test_every_default_and_another_value_read_back_as_themselves(page):
    for key, kind in FIELDS[page].items():
        for value in (kind.default, _other(kind)):
            text = kind.show(value)
            assert kind.parse(text) == value, (key, value, text)
        assert not kind.is_default(_other(kind)), key


def test_the_table_names_real_pages_and_the_lessons_own_options():
    pages = {_url_path(page.path) for page in LECTURES} | {"three_ways"}
    assert set(FIELDS) <= pages
    assert FIELDS["assign"]["as.method"].options == assign.METHODS
    assert FIELDS["assign"]["as.new"].options == assign.NEW_VALUES
    assert FIELDS["watch"]["wa.kind"].options == watch.KINDS
    assert FIELDS["watch"]["wa.dtype"].options == watch.DTYPES
    assert FIELDS["training_loop"]["train.data"].options == tuple(training.DATA_SETS)
    switches = {f.name for f in dataclasses.fields(none_gradients.Setup)} - {"at"}
    assert {k for k in FIELDS["none_gradients"] if k != "none.at"} == {
        f"none.{name}" for name in switches
    }


def test_the_main_page_never_reads_a_reserved_name_as_a_variable():
    assert {"lang", "present", "section"} <= url_state.RESERVED <= state.RESERVED


# --- the pages in AppTest --------------------------------------------------------------------


def _linked(page: str, **query: str) -> AppTest:
    """The app opened from a link to `page` with `query`: a new session, nothing chosen yet."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at.switch_page(page)


def test_a_link_opens_lecture_3_in_chinese_with_its_x_and_a_move_lands_in_the_url():
    at = _linked("pages/03_gradient_tape.py", lang="zh", **{"tape.x": "2.5"}).run()
    assert not at.exception
    assert at.title[0].value.endswith("GradientTape 基础")
    assert at.get_by_key("tape.x").value == 2.5
    metrics = {metric.label: metric.value for metric in at.metric}
    assert float(metrics["dy/dx"]) == 2 * 2.5  # d(x²)/dx at the link's x
    assert float(metrics["y"]) == 2.5**2
    at.get_by_key("tape.v0").set_value(-2.0).run()
    assert at.get_by_key("tape.x").value == 2.5  # the widgets lead once the link is read
    assert dict(at.query_params) == {"lang": "zh", "tape.x": "2.5", "tape.v0": "-2"}
    at.get_by_key("tape.x").set_value(3.0).run()  # back to its default: out of the link
    assert dict(at.query_params) == {"lang": "zh", "tape.v0": "-2"}


def test_bad_values_in_a_link_are_ignored_and_leave_the_url():
    at = _linked(
        "pages/05_watch.py",
        lang="zh",
        **{"wa.x": "1e9", "wa.kind": "eval(1)", "wa.watch": "maybe", "wa.dtype": "float64"},
    ).run()
    assert not at.exception
    assert at.get_by_key("wa.x").value == 3  # the page's defaults
    assert at.get_by_key("wa.kind").value == "constant"
    assert at.get_by_key("wa.watch").value is True
    assert at.get_by_key("wa.dtype").value == "float64"  # the one good value is taken
    assert dict(at.query_params) == {"lang": "zh", "wa.dtype": "float64"}


def test_a_changed_url_in_the_same_session_sets_the_widgets_again():
    """Back or forward in the browser: the URL, not the last run, decides."""
    at = _linked("pages/14_jacobians.py", **{"jacobian.a": "-1"}).run()
    assert at.get_by_key("jacobian.a").value == -1.0
    at.query_params.clear()
    at.query_params.update({"jacobian.b": "0.5"})
    at.run()
    assert at.get_by_key("jacobian.a").value == 1.0  # absent from the URL: its default
    assert at.get_by_key("jacobian.b").value == 0.5


def test_the_presentation_parameters_survive_every_page_that_rewrites_its_url():
    kept = {"lang": "zh", "present": "1", "section": "2"}
    lecture = _linked("pages/03_gradient_tape.py", **kept).run()
    lecture.get_by_key("tape.x").set_value(1.0).run()
    assert dict(lecture.query_params) == {**kept, "tape.x": "1"}
    main = _linked("pages/00_explain.py", **kept, f="x^2").run()
    assert not main.exception
    assert {k: main.query_params[k] for k in kept} == kept and main.query_params["f"] == "x^2"
    practice = _linked("pages/practice.py", **kept, seed="7").run()
    assert not practice.exception
    assert {k: practice.query_params[k] for k in kept} == kept
    assert practice.query_params["seed"] == "7"


def test_three_ways_takes_its_function_point_and_widgets_from_a_link():
    # (not presenting: that draws one tab's widgets; test_presentation keeps present and section)
    query = {"f": "x*y + y^2", "x": "1", "y": "2", "order": "2", "lang": "zh"}
    widgets = {"ways.logistic_n": "3", "ways.fd_var": "y", "ways.fd_step": "-8"}
    at = _linked("pages/three_ways.py", **query, **widgets).run()
    assert not at.exception
    assert at.get_by_key("ways.f").value == "x*y + y^2"
    assert at.get_by_key("ways.logistic_n").value == 3
    assert at.get_by_key("ways.fd_var").value == "y"
    assert at.get_by_key("ways.fd_step").value == -8
    assert dict(at.query_params) == {**query, **widgets}
    at.get_by_key("ways.f").set_value("x*y + y^3").run()  # the page's own rewrite keeps ours
    assert not at.exception
    assert dict(at.query_params) == {**query, **widgets, "f": "x*y + y^3"}
    at.get_by_key("ways.fd_step").set_value(-5).run()
    assert "ways.fd_step" not in at.query_params and at.query_params["f"] == "x*y + y^3"


def test_three_ways_ignores_a_variable_the_function_does_not_have():
    at = _linked(
        "pages/three_ways.py", f="x*y", **{"ways.fd_var": "z", "ways.logistic_n": "11"}
    ).run()
    assert not at.exception
    assert at.get_by_key("ways.fd_var").value == "x"  # the select box's first option
    assert at.get_by_key("ways.logistic_n").value == 8


PAGES = sorted(page.path for page in LECTURES if _url_path(page.path) in FIELDS) + [
    "pages/three_ways.py"
]


@pytest.mark.parametrize("path", PAGES)
def test_the_table_matches_the_pages_widgets(path):
    """Opened plainly, a page's widgets stand at the table's defaults (so its link stays empty);
    opened from a link with every value changed, they show the link's values and the URL
    keeps them all."""
    page = _url_path(path)
    fields = FIELDS[page]
    at = app_at(path, "en").run()
    assert not at.exception
    assert not set(at.query_params) & set(fields)
    for key, kind in fields.items():
        try:
            widget = at.get_by_key(key)
        except KeyError:
            continue  # not drawn with these values (another data set's, a second variable's)
        assert kind.is_default(widget.value), (key, widget.value, kind.default)

    changed = {key: _other(kind) for key, kind in fields.items() if key != "ways.fd_var"}
    link = {key: fields[key].show(value) for key, value in changed.items()}
    at.query_params.update(link)
    at.run()
    assert not at.exception
    for key, value in changed.items():
        try:
            widget = at.get_by_key(key)
        except KeyError:
            continue
        assert widget.value == value, key
    assert {k: v for k, v in at.query_params.items() if k in fields} == link
