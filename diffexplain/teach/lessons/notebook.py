"""A lecture page's code as files a student takes home: a `.py` script and a notebook.

Both are made of the snippets the page showed, in the page's language, in its order, with the
values its widgets had; each runs as is and prints what the page showed (a test runs both).
The notebook also carries those outputs, so it reads like the page before it is run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One snippet as the page showed it: the section it sits in, its code, what it printed."""

    heading: str
    code: str
    printed: str


def as_script(title: str, cells: list[Cell], note: str) -> str:
    """A Python script: each cell's code under a comment with its section, in page order.

    >>> print(as_script("Tape", [Cell("Basics", "print(6.0)\\n", "6.0\\n")], "run me"), end="")
    # Tape
    # run me
    <BLANKLINE>
    # --- Basics ---
    print(6.0)
    """
    parts = [f"# {title}\n# {note}\n"]
    parts += [f"\n# --- {cell.heading} ---\n{cell.code}" for cell in cells]
    return "".join(parts)


def as_notebook(title: str, cells: list[Cell], note: str) -> str:
    """A Jupyter notebook (nbformat 4): a title, then a heading and a code cell with its
    output per snippet."""
    import nbformat
    from nbformat import v4

    notebook = v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.cells.append(v4.new_markdown_cell(f"# {title}\n\n{note}"))
    for cell in cells:
        notebook.cells.append(v4.new_markdown_cell(f"## {cell.heading}"))
        outputs = (
            [v4.new_output("stream", name="stdout", text=cell.printed)] if cell.printed else []
        )
        notebook.cells.append(v4.new_code_cell(cell.code.rstrip("\n"), outputs=outputs))
    nbformat.validate(notebook)
    return nbformat.writes(notebook)
