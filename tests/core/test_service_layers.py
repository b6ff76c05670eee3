"""The service's import direction: the HTTP edge depends on the core, never the reverse.

`service.api` is a leaf: no core module imports it (only `service/main.py`, the process entry
that builds the app, may). `service` never imports `eval`: the eval suite calls the service.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"
ENTRY_POINTS = {"service/main.py"}


def imported_modules(source: str, relative: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `source` (the file at `relative`, "/"-separated),
    relative imports resolved to absolute names."""
    tree = ast.parse(source, filename=relative)
    package = relative.removesuffix(".py").split("/")[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parent = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*parent, node.module] if node.module else parent)
            found.append((node.lineno, base))
            # `from service import api` imports the package too.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(sources: dict[str, str]) -> list[str]:
    """Each import that breaks the direction, as `path:line imports module (rule)`."""
    problems = []
    for relative, source in sorted(sources.items()):
        in_api = relative.startswith("service/api/")
        for line, module in imported_modules(source, relative):
            if _within(module, "eval"):
                problems.append(f"{relative}:{line} imports {module} (service never imports eval)")
            if _within(module, "service.api") and not in_api and relative not in ENTRY_POINTS:
                problems.append(f"{relative}:{line} imports {module} (core imports the API)")
    return problems


def test_service_core_imports_neither_its_api_layer_nor_eval() -> None:
    sources = {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in SERVICE.rglob("*.py")
    }
    assert "service/insights.py" in sources and "service/api/app.py" in sources
    assert violations(sources) == []


def test_the_scan_finds_relative_package_and_lazy_imports() -> None:
    sources = {
        "service/feedback.py": "from .api import schemas\n",
        "service/backends/x.py": "from .. import api\n",
        "service/registry/y.py": "def f():\n    import eval.gate\n",
        "service/main.py": "from service.api.app import create_app\n",
        "service/api/app.py": "from service.api.deps import Caller\n",
    }
    found = violations(sources)
    assert [problem.split(" ")[0] for problem in found] == [
        "service/backends/x.py:1",
        "service/feedback.py:1",
        "service/feedback.py:1",
        "service/registry/y.py:2",
    ]
