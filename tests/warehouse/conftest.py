"""Fixtures: a synthetic blob store (two weeks) and the warehouse loaded from it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.load import TABLES
from eval.warehouse.synthetic import write_synthetic

WEEK = "2026-W47"
MONDAY = datetime(2026, 11, 16)
PREVIOUS_MONDAY = datetime(2026, 11, 9)


@pytest.fixture(scope="session")
def blob_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("blobs")
    write_synthetic(root, n_summaries=600, n_feedback=300, week_start=MONDAY, duplicates=7)
    # The week before, for week-over-week changes.
    write_synthetic(root, n_summaries=200, n_feedback=120, week_start=PREVIOUS_MONDAY, seed=3,
                    first_index=10_000)  # fmt: skip
    return root


@pytest.fixture(scope="session")
def warehouse(blob_root: Path, tmp_path_factory: pytest.TempPathFactory) -> WarehousePaths:
    paths = WarehousePaths.under(tmp_path_factory.mktemp("warehouse"))
    run_etl(paths, blob_root=blob_root)
    return paths


def read_docs(blob_root: Path, source: str) -> list[dict[str, Any]]:
    """Every raw document of one source, straight from the files."""
    return [
        json.loads(p.read_text()) for p in sorted(blob_root.glob(f"omni-channel/{source}/*/*.json"))
    ]


def snapshot(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in a canonical order."""
    with connect(database, read_only=True) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
