"""The package's shape: no module imports itself through others (also through imports inside
functions), and the layers import only downwards (README, "How the code is laid out")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "diffexplain"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that `path` imports anywhere in it, at the top or in a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from diffexplain import agree` imports the module agree, not the package's init
            names = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in modules
                else node.module
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("diffexplain.") or name == "diffexplain":
                found.add(name)
    found.discard(_module_name(path))
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {name: _imported(path, modules) for name, path in modules.items()}
    # a package's __init__ importing its own modules is how a package exports; not a circle
    return {
        name: {t for t in targets if not (name != "diffexplain" and t.startswith(name + "."))}
        for name, targets in graph.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert (
        "diffexplain.core.worker" in graph["diffexplain.core.explanation"]
    )  # imported in a function


def test_no_module_imports_itself_through_others():
    assert circles(import_graph()) == []


# Each layer and the layers it may import (besides itself). Entry points (the package's
# __init__, __main__) and devtools may import anything.
MAY_IMPORT = {
    "text": set(),
    "core": {"text"},
    "teach": {"core", "text"},
    "figures": {"core", "teach", "text"},
    "ui": {"core", "teach", "figures", "text"},
    "serving": set(),
}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_sits_in_a_layer():
    loose = [
        m for m in import_graph() if _layer(m) not in {*MAY_IMPORT, "devtools", "__main__", ""}
    ]
    assert loose == []


def test_layers_import_only_downwards():
    upward = [
        (module, target)
        for module, targets in import_graph().items()
        if _layer(module) in MAY_IMPORT
        for target in targets
        if _layer(target) != _layer(module) and _layer(target) not in MAY_IMPORT[_layer(module)]
    ]
    assert upward == []


def test_only_the_ui_imports_streamlit():
    users = set()
    for name, path in _modules().items():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            imported = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(i == "streamlit" or i.startswith("streamlit.") for i in imported):
                users.add(_layer(name))
    assert users <= {"ui", "devtools"}, users
