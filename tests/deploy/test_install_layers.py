"""The bare install is the service: every module `service` imports comes with it, and none
of what only the harness (`[eval]`) installs is needed.

Checked on the source, lazy imports inside functions included; the slim virtual
environment of test_slim_install.py then imports and serves with that install alone.
"""

from __future__ import annotations

from pathlib import Path

from install_layers import (
    PROJECT,
    distributions_of,
    imported_top_levels,
    requirement_closure,
    third_party_imports,
)

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_the_service_imports_comes_with_the_bare_install() -> None:
    service_install = requirement_closure(PROJECT)
    importers = third_party_imports(ROOT / "service")
    assert {"fastapi", "litellm", "boto3", "mlflow"} <= set(importers)  # the scan reads them
    unprovided = {
        module: sorted(files)
        for module, files in importers.items()
        if not distributions_of(module) & service_install
    }
    assert unprovided == {}, f"imported by service, not in its install: {unprovided}"


def test_the_harness_packages_are_outside_the_bare_install() -> None:
    service_install = requirement_closure(PROJECT)
    harness_only = requirement_closure(PROJECT, ["eval"]) - service_install
    expected = {"ragas", "langchain-community", "instructor", "matplotlib", "duckdb", "pandas"}
    assert expected | {"mlflow", "typer", "sacrebleu"} <= harness_only
    # The service talks to the registry with MLflow's client alone.
    assert "mlflow-skinny" in service_install
    assert "mlflow" not in service_install


def test_the_import_scan_skips_type_checking_blocks_and_finds_lazy_imports() -> None:
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "import json, boto3.session\n"
        "if TYPE_CHECKING:\n"
        "    from mypy_boto3_s3 import S3Client\n"
        "else:\n"
        "    import yaml\n"
        "def later():\n"
        "    import litellm\n"
        "    from . import sibling\n"
    )
    assert imported_top_levels(source) == {
        "__future__",
        "typing",
        "json",
        "boto3",
        "yaml",
        "litellm",
    }
