"""The code the lecture pages show is the code that ran: every snippet in both languages, the
pages' code beside its output, and the pages' downloads run as files.

The independent value here is Python itself: the code a page shows is run again, as a student
would paste it, and must print what the page showed beside it.
"""

import ast
import contextlib
import importlib
import io
import json
import pkgutil
import re
import subprocess
import sys

import pytest

from diffexplain.teach import lessons
from diffexplain.teach.lessons import notebook
from diffexplain.teach.lessons.snippet import SEPARATOR, Snippet, comments, in_language, literal
from diffexplain.ui.lectures import LECTURES
from tests.app import ROOT, app_at

CJK = re.compile(r"[\u4e00-\u9fff]")
NOTES_PAGES = [page.path for page in LECTURES if page.part == "notes"]


def _snippets():
    for info in pkgutil.iter_modules(lessons.__path__):
        module = importlib.import_module(f"{lessons.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Snippet):
                yield f"{info.name}.{name}", value


SNIPPETS = dict(_snippets())


def _example_params(snippet):
    return {name: 1.0 for name in snippet.names()}


def test_the_lessons_have_snippets():
    assert len(SNIPPETS) >= 2


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_every_comment_is_written_in_both_languages(name):
    snippet = SNIPPETS[name]
    for comment in comments(snippet.code("en", **_example_params(snippet))):
        assert not CJK.search(comment), f"{name}: Chinese in the English code: {comment}"
    for raw in comments(snippet.template.replace("$", "_")):
        english, _, chinese = raw[1:].partition(SEPARATOR)
        assert english.strip() and chinese.strip(), f"{name}: one language only: {raw}"
        assert CJK.search(chinese), f"{name}: no Chinese after {SEPARATOR}: {raw}"


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_both_languages_show_the_same_program(name):
    snippet = SNIPPETS[name]
    params = _example_params(snippet)
    english, chinese = snippet.code("en", **params), snippet.code("zh", **params)
    assert ast.dump(ast.parse(english)) == ast.dump(ast.parse(chinese))
    assert SEPARATOR not in english + chinese


def test_comment_sides_and_literals():
    assert in_language("a = 1  # one ‖ 一\n# two ‖ 二\n", "zh") == "a = 1  # 一\n# 二\n"
    assert in_language("s = '‖'  # keep\n", "zh") == "s = '‖'  # keep\n"  # strings untouched
    assert literal((1, 2.5, True)) == "[1, 2.5, True]"
    with pytest.raises(TypeError):
        literal("__import__('os')")
    with pytest.raises(ValueError):
        literal(float("nan"))


def test_a_snippet_that_raises_returns_the_error_and_what_it_printed_before():
    ran = Snippet("print(1)\nraise KeyError('k')\n").run()
    assert ran.printed == "1\n"
    assert str(ran.raised) == "KeyError: 'k'"


def _printed_by(code: str) -> str:
    """What `code` prints, then the error it ends with as the page words it."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        try:
            exec(compile(code, "<shown>", "exec"), {"__name__": "__shown__"})
        except Exception as error:
            print(f"{type(error).__name__}: {str(error).strip()}")
    return output.getvalue()


def _console(text: str) -> str:
    """An output block as printed: "" for the nothing-printed placeholder, else its lines."""
    return "" if text.startswith(("(nothing", "（没有")) else text.rstrip("\n") + "\n"


def _shown_pairs(at):
    """(code, output) for each snippet a page showed: a Python block that starts with imports,
    then the plain block beside it."""
    blocks = list(at.code)
    return [
        (code.value.rstrip("\n") + "\n", _console(output.value))
        for code, output in zip(blocks, blocks[1:], strict=False)
        if code.language == "python"
        and code.value.startswith("import ")
        and output.language in (None, "", "plaintext")
    ]


def _ran_pages():
    """The notes' pages that show snippets (all of them, once converted)."""
    return [path for path in NOTES_PAGES if "show_snippet(" in (ROOT / path).read_text()]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", _ran_pages())
def test_the_code_a_page_shows_prints_what_the_page_shows_beside_it(path, language):
    at = app_at(path, language).run()
    assert not at.exception
    pairs = _shown_pairs(at)
    assert pairs, f"{path}: no snippet shown"
    for code, output in pairs:
        assert bool(CJK.search("".join(comments(code)))) == (language == "zh") or not comments(code)
        printed = _printed_by(code)
        assert printed == output, f"{path}: the output shown is not what the shown code prints"


@pytest.mark.parametrize("path", _ran_pages())
def test_the_pages_script_and_notebook_run_and_print_what_the_page_showed(
    path, tmp_path, monkeypatch
):
    """The cells the page hands its download buttons: every snippet it showed, in order; the
    script they make runs in a fresh Python and prints what the page showed beside them."""
    from diffexplain.ui import lectures

    handed = []
    real = lectures.downloads
    monkeypatch.setattr(
        lectures, "downloads", lambda page, cells: (handed.extend(cells), real(page, cells))
    )
    at = app_at(path, "zh").run()
    assert not at.exception
    pairs = _shown_pairs(at)
    assert [(cell.code, cell.printed) for cell in handed] == pairs
    script = tmp_path / "page.py"
    script.write_text(notebook.as_script("page", handed, "note"))
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=True
    )
    assert ran.stdout == "".join(output for _, output in pairs)
    document = json.loads(notebook.as_notebook("page", handed, "note"))
    code_cells = [cell for cell in document["cells"] if cell["cell_type"] == "code"]
    assert ["".join(cell["source"]) + "\n" for cell in code_cells] == [c for c, _ in pairs]
    together = "".join("".join(cell["source"]) + "\n" for cell in code_cells)
    assert _printed_by(together) == ran.stdout


def _shown_functions():
    """Every lesson function a page shows as code: `show_source(...)`'s arguments, quiz
    questions, and the lessons behind `show_snippet(..., lesson=...)`."""
    pages = sorted((ROOT / "pages").glob("*.py"))
    found = set()
    for page in pages:
        tree = ast.parse(page.read_text())
        modules = {
            alias.asname or alias.name: f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            for alias in node.names
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            candidates = []
            if node.func.id == "show_source":
                candidates = node.args
            elif node.func.id == "quiz" and len(node.args) > 1:
                candidates = getattr(node.args[1], "elts", [])
            elif node.func.id == "show_snippet":
                candidates = [k.value for k in node.keywords if k.arg == "lesson"]
            for argument in candidates:
                if isinstance(argument, ast.Attribute) and isinstance(argument.value, ast.Name):
                    module = modules.get(argument.value.id)
                    if module:
                        found.add((module, argument.attr))
    return sorted(found)


SHOWN_FUNCTIONS = _shown_functions()


def test_pages_show_lesson_functions():
    assert len(SHOWN_FUNCTIONS) >= 20


@pytest.mark.parametrize(("module", "name"), SHOWN_FUNCTIONS)
def test_a_shown_lesson_function_reads_in_both_languages(module, name):
    """Point 7 of the lecture walkthrough: no English comment on a Chinese page."""
    from diffexplain.teach.lessons.snippet import shown_source

    function = getattr(importlib.import_module(module), name)
    chinese = shown_source(function, "zh")
    english = shown_source(function, "en")
    assert ast.dump(ast.parse(chinese)) == ast.dump(ast.parse(english))
    for comment in comments(chinese):  # math alone ("# 2y", "# v = 2.0") reads in both
        wordy = re.search(r"[A-Za-z]{3,}", comment)
        assert CJK.search(comment) or not wordy, (
            f"{module}.{name}: English on a Chinese page: {comment}"
        )
    for comment in comments(english):
        assert not CJK.search(comment), f"{module}.{name}: Chinese in English: {comment}"
    assert '"""' not in chinese  # the docstring is the developer's, not the student's
