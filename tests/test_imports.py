"""Importing the package, or its parser, loads none of the heavy libraries: they load when used."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pyarrow", "pydantic", "frictionless", "pandas", "polars", "ahocorasick")


def test_imports_are_cheap():
    code = (
        "import sys, caucasus_data, caucasus_data.parse.quotes, caucasus_data.parse.pubdate, "
        "caucasus_data.pipeline.resolve; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def _module_graph() -> dict[str, set[str]]:
    """Each module of the package -> the package's modules it imports anywhere in it (lazy imports too)."""
    import ast

    from conftest import REPO

    root = REPO / "src"
    files = {".".join(p.relative_to(root).with_suffix("").parts): p for p in root.rglob("*.py")}
    files = {name.removesuffix(".__init__"): path for name, path in files.items()}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(max(node.level - 1, 0)):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.level and node.module else node.module or base
                names = [f"{target}.{alias.name}" for alias in node.names]
                edges |= {n for n in names if n in files} or ({target} & set(files))
            elif isinstance(node, ast.Import):
                edges |= {alias.name for alias in node.names if alias.name in files}
        graph[name] = edges - {name}
    return graph


def test_no_module_imports_itself_through_others():
    """Data flows one way: the modules form no import circle (an __init__ importing its own modules is not one)."""
    graph = _module_graph()

    def reaches(start: str, goal: str) -> bool:
        seen, stack = set(), [start]
        while stack:
            here = stack.pop()
            if here == goal:
                return True
            if here not in seen:
                seen.add(here)
                stack.extend(graph.get(here, ()))
        return False

    assert len(graph) > 50
    circles = sorted(
        (a, b)
        for a, targets in graph.items()
        for b in targets
        if not b.startswith(a + ".") and not a.startswith(b + ".") and reaches(b, a)
    )
    assert circles == []
