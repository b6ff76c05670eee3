"""Fixtures: a synthetic blob store (two weeks) and the warehouse loaded from it.

The store has one object per document, the layout before the service batched its writes;
`test_batched_layout.py` loads the same documents in the batched and mixed layouts.
Helpers the tests import live in `oci_testing.warehouse_store`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from oci_testing.warehouse_store import write_two_weeks

from eval.warehouse.etl import WarehousePaths, run_etl


@pytest.fixture(scope="session")
def blob_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_two_weeks(tmp_path_factory.mktemp("blobs"), "documents")


@pytest.fixture(scope="session")
def warehouse(blob_root: Path, tmp_path_factory: pytest.TempPathFactory) -> WarehousePaths:
    paths = WarehousePaths.under(tmp_path_factory.mktemp("warehouse"))
    run_etl(paths, blob_root=blob_root)
    return paths
