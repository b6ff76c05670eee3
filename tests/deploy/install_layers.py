"""What each install holds: the requirement closures of the bare install and of `[eval]`,
and the third-party modules a package's source imports (lazy imports included)."""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "omni-channel-insights"


def requirement_closure(name: str, extras: Iterable[str] = ()) -> set[str]:
    """Canonical names of `name` and every distribution it requires, with `extras`, as
    installed in this environment (markers evaluated for this interpreter)."""
    found: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [(name, frozenset(extras))]
    while pending:
        current, wanted = pending.pop()
        key = (canonicalize_name(current), wanted)
        if key in seen:
            continue
        seen.add(key)
        found.add(key[0])
        environments = [{"extra": extra} for extra in sorted(wanted)] or [{"extra": ""}]
        for line in metadata.distribution(current).requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(marker.evaluate(env) for env in environments):
                pending.append((requirement.name, frozenset(requirement.extras)))
    return found


def _type_checking_only(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name | ast.Attribute)
        and ast.unparse(node.test).endswith("TYPE_CHECKING")
    )


def imported_top_levels(source: str) -> set[str]:
    """Top-level names of the absolute imports in `source`, wherever they are (functions
    included), except those under `if TYPE_CHECKING:`, which never run."""
    names: set[str] = set()
    pending: list[ast.AST] = [ast.parse(source)]
    while pending:
        node = pending.pop()
        if _type_checking_only(node):
            assert isinstance(node, ast.If)
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
        pending.extend(ast.iter_child_nodes(node))
    return names


def third_party_imports(package_dir: Path) -> dict[str, set[str]]:
    """Third-party top-level module -> the files under `package_dir` that import it."""
    own = package_dir.name
    importers: dict[str, set[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        for name in imported_top_levels(path.read_text(encoding="utf-8")):
            if name in sys.stdlib_module_names or name in {own, "__future__"}:
                continue
            importers.setdefault(name, set()).add(path.relative_to(package_dir.parent).as_posix())
    return importers


@functools.cache
def _packages_distributions() -> Mapping[str, list[str]]:
    # Reads every installed distribution's file list: once per process is enough.
    return metadata.packages_distributions()


def distributions_of(module: str) -> set[str]:
    """Canonical names of the installed distributions that provide top-level `module`."""
    providers = _packages_distributions().get(module, [])
    return {canonicalize_name(name) for name in providers}
