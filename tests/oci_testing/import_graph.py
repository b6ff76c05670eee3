"""The import graph of the project's packages, read from the source (every import statement,
late and TYPE_CHECKING ones included): what the cycle and public-face tests walk."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("service", "eval")


@dataclass(frozen=True)
class Import:
    """One imported name: the module that imports it, the module it resolves to, the line."""

    importer: str
    imported: str
    name: str
    line: int


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the packages by dotted name (a package by its own name)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(root: Path = ROOT) -> Iterator[Import]:
    """Every name each module imports from the packages, resolved to a module."""
    known = modules(root)
    for module, path in known.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if (target := _resolve(alias.name, known)) is not None:
                        yield Import(module, target, alias.name, node.lineno)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package
                    for _ in range(node.level - 1):
                        anchor = anchor.rpartition(".")[0]
                    base = f"{anchor}.{base}" if base else anchor
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    target = full if full in known else _resolve(base, known)
                    if target is not None:
                        yield Import(module, target, alias.name, node.lineno)


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the modules its import statements run.

    Importing a module of another package runs that package's `__init__` too, so the edge
    goes to the package as well (a module's own packages are already running).
    """
    edges: dict[str, set[str]] = {module: set() for module in modules(root)}
    for found in imports(root):
        targets = {found.imported}
        parts = found.imported.split(".")
        for size in range(1, len(parts)):
            ancestor = ".".join(parts[:size])
            inside = found.importer == ancestor or found.importer.startswith(ancestor + ".")
            if ancestor in edges and not inside:
                targets.add(ancestor)
        edges[found.importer] |= targets - {found.importer}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found
