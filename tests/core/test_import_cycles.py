"""No module of `service` or `eval` imports, however late, a module that imports it back."""

from __future__ import annotations

from pathlib import Path

from oci_testing.import_graph import cycles, graph


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_a_late_import_back_through_a_package_init_is_a_cycle(tmp_path: Path) -> None:
    files = {
        "service/__init__.py": "from service.user import use\n",
        "service/user.py": "from eval.tool import tool\n\ndef use():\n    return tool()\n",
        "eval/__init__.py": "",
        # Late, inside a function: importing service.user runs service/__init__.py too.
        "eval/tool.py": "def tool():\n    from service.user import use\n    return use\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert cycles(graph(tmp_path)) == [["eval.tool", "service", "service.user"]]
