"""The code a student would type, shown in the page's language and run exactly as shown.

A `Snippet` is a short Python program in the notes' style (`import tensorflow as tf`, a few
lines, `print(...)`): the page shows it, the lesson runs it and reads its variables, and the
page's downloads (`teach/downloads.py`) are made of it. One text, so what a student reads is
what ran. Two things vary:

- **parameters**: `$name` placeholders take the page's widget values, written as Python
  literals (numbers, booleans, tuples of them — nothing else, so no visitor text reaches
  `exec`);
- **comments**: `# English ‖ 中文` shows the side of the page's language; a comment without
  "‖" is the same in both.

>>> demo = Snippet('''
... x = $at  # the point ‖ 求导点
... print(x * x)
... ''')
>>> print(demo.code("zh", at=3.0), end="")
x = 3.0  # 求导点
print(x * x)
>>> demo.run(at=3.0).printed
'9.0\\n'
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import math
import string
import textwrap
import tokenize
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from diffexplain.teach.lessons.outcome import Raised

SEPARATOR = "‖"
"""Between a comment's English and Chinese sides."""

Literal = bool | int | float | tuple


@dataclass(frozen=True)
class Ran:
    """What running a snippet did: what it printed, what it raised, and its variables
    (tensors included: a lesson reads them and returns plain Python, never these)."""

    printed: str
    raised: Raised | None
    variables: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.variables[name]


@dataclass(frozen=True)
class Snippet:
    """A program in the notes' style with `$name` parameters and two-language comments."""

    template: str

    def code(self, language: str = "en", **params: Literal) -> str:
        """The program as a student reads it: parameters filled in, comments in `language`."""
        source = string.Template(_clean(self.template)).substitute(
            {name: literal(value) for name, value in params.items()}
        )
        return in_language(source, language)

    def run(self, **params: Literal) -> Ran:
        """Run the program (with English comments; comments never run) in a fresh namespace,
        capturing what it prints; an exception it raises is returned, not raised."""
        source = self.code("en", **params)
        variables: dict[str, Any] = {"__name__": "__snippet__"}
        output = io.StringIO()
        raised = None
        with contextlib.redirect_stdout(output):
            try:
                exec(compile(source, "<snippet>", "exec"), variables)  # our own text only
            except Exception as error:  # shown on the page as the console would show it
                raised = Raised(type(error).__name__, str(error).strip())
        return Ran(output.getvalue(), raised, variables)

    def names(self) -> tuple[str, ...]:
        """The parameters the template takes, in order of appearance."""
        found = string.Template(self.template).get_identifiers()
        return tuple(dict.fromkeys(found))


def _clean(template: str) -> str:
    return textwrap.dedent(template).strip("\n") + "\n"


def literal(value: Literal) -> str:
    """A widget value as the Python literal a student would type; anything but numbers,
    booleans and tuples of them is refused, so text never becomes code.

    >>> literal(3.0), literal(-2), literal(True), literal((1.0, 2.5))
    ('3.0', '-2', 'True', '[1.0, 2.5]')
    """
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    raise TypeError(f"a snippet parameter must be a number, a boolean or a tuple: {value!r}")


def in_language(source: str, language: str) -> str:
    """Every `# English ‖ 中文` comment in `source` reduced to the side of `language`.

    >>> in_language("y = x  # copy ‖ 复制\\n", "zh")
    'y = x  # 复制\\n'
    """
    side = 1 if language == "zh" else 0
    lines = source.splitlines(keepends=True)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or SEPARATOR not in token.string:
            continue
        row, column = token.start
        text = token.string[1:].split(SEPARATOR)[side].strip()
        line = lines[row - 1]
        ending = line[len(line.rstrip("\r\n")) :]
        lines[row - 1] = line[:column] + f"# {text}" + ending
    return "".join(lines)


@cache
def shown_source(function: Callable, language: str = "en") -> str:
    """A lesson function's source as a page shows it: its docstring left out (the page's own
    text explains, in the page's language) and its `# English ‖ 中文` comments in `language`.

    Cached per function and language (a few dozen short strings, the same for every visitor).
    """
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    definition = tree.body[0]
    lines = source.splitlines(keepends=True)
    if ast.get_docstring(definition, clean=False) is not None:
        docstring = definition.body[0]
        lines[docstring.lineno - 1 : docstring.end_lineno] = []
    return in_language("".join(lines), language)


def display_width(line: str) -> int:
    """Monospace columns `line` takes: a Chinese character takes two.

    >>> display_width("y = x"), display_width("# 磁带")
    (5, 6)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def comments(source: str) -> list[str]:
    """The comments of `source`, in order (a test checks each has both languages)."""
    return [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
