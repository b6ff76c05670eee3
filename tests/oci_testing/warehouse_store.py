"""The warehouse tests' synthetic store and helpers to read it back.

A module rather than `tests/warehouse/conftest.py`, so that test modules can import these
names: `from conftest import ...` resolves to whichever `conftest` pytest loaded first when
several test folders are given on one command line.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from eval.warehouse.etl import connect
from eval.warehouse.load import TABLES
from eval.warehouse.synthetic import Layout, write_synthetic
from service.backends.row_batches import rows_of

WEEK = "2026-W47"
MONDAY = datetime(2026, 11, 16)
PREVIOUS_MONDAY = datetime(2026, 11, 9)


def write_two_weeks(root: Path, layout: Layout, batch_rows: int = 500) -> Path:
    """The test store: a week with redelivered duplicates, and the week before it."""
    write_synthetic(
        root,
        n_summaries=600,
        n_feedback=300,
        week_start=MONDAY,
        duplicates=7,
        layout=layout,
        batch_rows=batch_rows,
    )
    # The week before, for week-over-week changes.
    write_synthetic(
        root,
        n_summaries=200,
        n_feedback=120,
        week_start=PREVIOUS_MONDAY,
        seed=3,
        first_index=10_000,
        layout=layout,
        batch_rows=batch_rows,
    )
    return root


def read_docs(blob_root: Path, source: str) -> list[dict[str, Any]]:
    """Every raw document of one source, straight from the files (batches unnested)."""
    paths = sorted(blob_root.glob(f"omni-channel/{source}/*/*.json"))
    return [row for path in paths for row in rows_of(json.loads(path.read_text()))]


def snapshot(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in a canonical order."""
    with connect(database, read_only=True) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
