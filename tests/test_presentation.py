"""Presentation mode through the router, as a lecturer uses it: `?present=1` or the sidebar's
toggle, one section at a time, the buttons and the URL's `section`, and back to the whole page.
Also the sidebar's lecture numbers, which are the numbers the pages' texts use."""

import re
from pathlib import Path

import pytest

from diffexplain.text import TEXTS
from diffexplain.ui.lectures import LECTURES, fits_beside, lecture
from diffexplain.ui.presentation import PRESENT_CSS
from tests.app import app_at

ROOT = Path(__file__).resolve().parents[1]
TAPE = "pages/03_gradient_tape.py"
TAPE_HEADERS = {  # the page's sections with a header; its first section, the intro, has none
    language: [TEXTS[language][key] for key in ("tape.basic.header", "tape.scalar.header")]
    for language in ("en", "zh")
}
SECTIONED_PAGES = sorted(  # every page that declares its sections
    str(path.relative_to(ROOT))
    for path in ROOT.glob("pages/*.py")
    if "Sections(" in path.read_text()
)


def _headers(at):
    return [header.value for header in at.header]


def _row_titles(at):
    """The quick reference's sections are rows, each led by a bold title, not a header."""
    return [
        m.value
        for m in at.main.markdown
        if m.value.startswith("**") and not re.match(r"\*\*\d+\*\* / ", m.value)
    ]


def _keys(at):
    """The keys of the buttons that can be clicked (a greyed-out one cannot)."""
    return {button.key for button in at.button if not button.disabled}


def _present_css_drawn(at) -> bool:
    return any(PRESENT_CSS in html.proto.body for html in at.get("html"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_present_in_the_url_shows_one_section_and_the_buttons_walk_through_them(language):
    at = app_at(TAPE, language, present="1").run()
    assert not at.exception
    assert at.toggle(key="present_switch").value is True
    assert _present_css_drawn(at)
    assert _headers(at) == []  # the intro alone: no section header
    assert at.markdown and not at.code  # its text, none of the later sections' code
    assert at.query_params["section"] == "1" and at.query_params["present"] == "1"
    assert "present.previous.top" not in _keys(at)  # the first section has no previous
    assert not at.get("download_button")  # the page's downloads wait for the whole page
    before, after = lecture("pages/02_assign.py"), lecture("pages/04_persistent.py")
    words = {"en": ("Previous: ", "Next: "), "zh": ("上一页：", "下一页：")}[language]
    assert [link.proto.label for link in at.get("page_link")] == [  # at the top, and below
        before.title(language),
        after.title(language),
        words[0] + before.title(language),
        words[1] + after.title(language),
    ]

    at.button(key="present.next.top").click().run()
    assert not at.exception
    assert _headers(at) == TAPE_HEADERS[language][:1]
    assert at.query_params["section"] == "2"
    assert at.slider(key="tape.x").value == 3.0  # the section's widget, under its own key

    at.button(key="present.next.bottom").click().run()  # below the section: the same step
    assert _headers(at) == TAPE_HEADERS[language][1:]
    assert at.query_params["section"] == "3"
    assert "present.next.top" not in _keys(at) and "present.next.bottom" not in _keys(at)

    at.button(key="present.previous.top").click().run()
    assert _headers(at) == TAPE_HEADERS[language][:1]
    assert at.query_params["section"] == "2"
    assert at.query_params.get("lang", "en") == language
    assert at.session_state["lang"] == language


def test_a_shared_link_opens_its_section_in_its_language():
    at = app_at(TAPE, "zh", present="1", section="3", lang="zh").run()
    assert not at.exception
    assert _headers(at) == TAPE_HEADERS["zh"][1:]
    assert at.query_params["section"] == "3" and at.query_params["lang"] == "zh"
    positions = [m.value for m in at.markdown if m.value == "**3** / 3"]
    assert positions  # "3 / 3": the third section of three


@pytest.mark.parametrize("section", ["0", "4", "two"])
def test_a_section_number_out_of_range_opens_the_first(section):
    at = app_at(TAPE, "en", present="1", section=section).run()
    assert not at.exception
    assert _headers(at) == [] and at.query_params["section"] == "1"


def test_toggling_off_shows_every_section_and_clears_the_url_but_the_language():
    at = app_at(TAPE, "zh", present="1", section="2", lang="zh").run()
    at.toggle(key="present_switch").set_value(False).run()
    assert not at.exception
    assert _headers(at) == TAPE_HEADERS["zh"]
    assert "present" not in at.query_params and "section" not in at.query_params
    assert at.query_params["lang"] == "zh"
    assert not _present_css_drawn(at)
    assert not {button.key for button in at.button if button.key.startswith("present.")}


def test_the_sidebar_toggle_turns_it_on_at_the_section_left_and_the_exit_button_off():
    at = app_at(TAPE, "en").run()
    assert _headers(at) == TAPE_HEADERS["en"] and not _present_css_drawn(at)
    assert "present" not in at.query_params
    at.toggle(key="present_switch").set_value(True).run()
    assert not at.exception
    assert _headers(at) == [] and at.query_params["present"] == "1"
    at.button(key="present.next.top").click().run()
    at.button(key="present.exit").click().run()
    assert _headers(at) == TAPE_HEADERS["en"]
    assert at.toggle(key="present_switch").value is False
    assert "present" not in at.query_params
    at.toggle(key="present_switch").set_value(True).run()  # back where the lecturer was
    assert _headers(at) == TAPE_HEADERS["en"][:1] and at.query_params["section"] == "2"


def test_a_page_without_sections_is_drawn_whole_in_the_larger_type():
    """The main page: everything, and the tape's graph below the steps rather than beside."""
    normal = app_at("pages/00_explain.py", "en").run()
    at = app_at("pages/00_explain.py", "en", present="1").run()
    assert not at.exception
    assert _present_css_drawn(at)
    assert "section" not in at.query_params
    assert not {button.key for button in at.button if button.key.startswith("present.")}
    assert sorted(h.value for h in at.subheader) == sorted(h.value for h in normal.subheader)
    graphs = at.get("graphviz_chart")
    assert graphs and not any(_inside_a_column(at, graph) for graph in graphs)
    assert all(_inside_a_column(normal, graph) for graph in normal.get("graphviz_chart"))


def test_presenting_stacks_a_snippet_above_its_output():
    """Code and what it printed side by side in columns on a screen; one above the other,
    each the page's width, on a projector."""
    normal = app_at(TAPE, "en").run()
    presenting = app_at(TAPE, "en", present="1", section="2").run()
    code_blocks = [code.value for code in normal.code]
    assert any(c.value in code_blocks for c in presenting.code)

    def in_columns(at):
        return [code for code in at.code if _inside_a_column(at, code)]

    # on a screen, a snippet whose lines fit beside its output sits in a column, one whose
    # lines would wrap there takes the width; on a projector none is in a column
    snippets = [code for code in normal.code if code.value.startswith("import ")]
    assert snippets
    assert [c.value for c in snippets if _inside_a_column(normal, c)] == [
        c.value for c in snippets if fits_beside(c.value)
    ]
    assert not in_columns(presenting)


def _inside_a_column(at, element) -> bool:
    """Whether `element` sits in an st.columns column (a tree walk: AppTest has no parents)."""

    def walk(node, in_column):
        if node is element:
            return in_column
        column = in_column or type(node).__name__ == "Column"
        for child in getattr(node, "children", {}).values():
            found = walk(child, column)
            if found is not None:
                return found
        return None

    return bool(walk(at._tree, False))


@pytest.mark.parametrize("path", SECTIONED_PAGES)
def test_every_section_of_a_page_runs_alone_as_the_buttons_walk_them(path):
    """Walk a page's sections with the next button, from the first to the last ("n / m" says
    which): each runs without the others (no name from a section not drawn), and the headers
    they show are the whole page's, in its order, each once."""
    normal = app_at(path, "en").run()
    assert not normal.exception
    headings = _row_titles if "09_summary" in path else _headers
    page_headers = headings(normal) + [tab.label for tab in normal.tabs]
    at = app_at(path, "en", present="1").run()
    seen, total = [], None
    for number in range(1, 20):
        assert not at.exception, (path, number)
        assert at.query_params["section"] == str(number)
        position = next(m.value for m in at.markdown if m.value.startswith(f"**{number}** / "))
        total = int(position.rsplit("/", 1)[1])
        seen += [header for header in headings(at) if header in page_headers]
        if number == total:
            break
        at.button(key="present.next.top").click().run()
    assert number == total >= 2
    assert "present.next.top" not in _keys(at)  # the last section: no next one
    assert seen == sorted(set(seen), key=page_headers.index)  # in the page's order, once each
    assert len(seen) >= total / 2


def test_three_ways_presents_a_tab_at_a_time_and_its_own_url_keeps_the_mode():
    query = {"f": "x*y + y^2", "x": "1", "y": "2", "order": "2", "lang": "zh"}
    at = app_at("pages/three_ways.py", "zh", present="1", section="2", **query).run()
    assert not at.exception
    assert not at.tabs and _headers(at) == [TEXTS["zh"]["ways.tab.finite"]]
    assert at.get_by_key("ways.fd_step").value == -5  # the finite differences' own widget
    at.get_by_key("ways.f").set_value("x*y + y^3").run()  # the page rewrites its URL
    assert not at.exception
    kept = {**query, "f": "x*y + y^3", "present": "1", "section": "2"}
    assert {name: at.query_params.get(name) for name in kept} == kept


def test_the_sidebar_numbers_the_notes_lectures_as_their_texts_do():
    """ "3. GradientTape basics": the number is the one the page's docstring ("Lecture 3") and
    the other pages' texts ("page 5", "第 5 页") use; the guides' pages have none."""
    notes = [page for page in LECTURES if page.part == "notes"]
    assert [page.number for page in notes] == list(range(1, len(notes) + 1))
    for page in notes:
        for language in ("en", "zh"):
            plain = page.title_zh if language == "zh" else page.title_en
            assert page.title(language) == f"{page.number}. {plain}"
        docstring = (ROOT / page.path).read_text().split("\n", 1)[0]
        match = re.match(r'"""Lecture (\d+):', docstring)
        if match:
            assert int(match.group(1)) == page.number
    for page in LECTURES:
        if page.part == "guides":
            assert page.number is None and page.title("en") == page.title_en
    referred = [int(n) for n in re.findall(r"page (\d+)", " ".join(TEXTS["en"].values()))]
    referred += [int(n) for n in re.findall(r"第 (\d+) 页", " ".join(TEXTS["zh"].values()))]
    assert referred and set(referred) <= {page.number for page in notes}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_page_title_carries_its_lecture_number(language):
    at = app_at(TAPE, language).run()
    title = {"en": "GradientTape basics", "zh": "GradientTape 基础"}[language]
    assert at.title[0].value == f"🎥 3. {title}"
