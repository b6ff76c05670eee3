"""The ETL command: stage the blob store's changed partitions, then reload them into DuckDB.

The source is either a local blob-store folder (the embedded default, read directly) or any
`BlobStore` (S3 in production: listed and downloaded through the protocol into staging).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eval.warehouse.load import Staged, load_partitions, table_counts
from service.backends.protocols import BlobStore
from service.settings import Settings

WAREHOUSE_FILE = "omni.duckdb"


@dataclass(frozen=True)
class WarehousePaths:
    """Where the warehouse and its staging live."""

    database: Path
    staging: Path

    @classmethod
    def under(cls, folder: Path) -> WarehousePaths:
        """`<folder>/omni.duckdb` and `<folder>/staging/`."""
        return cls(folder / WAREHOUSE_FILE, folder / "staging")

    @classmethod
    def from_settings(cls, settings: Settings) -> WarehousePaths:
        """The default: `<state_dir>/warehouse/`."""
        return cls.under(settings.state_dir / "warehouse")


@dataclass(frozen=True)
class EtlReport:
    """Row counts and timings of one ETL run."""

    rows: dict[str, int]
    documents: dict[str, int]
    restaged_partitions: int
    reloaded_partitions: int
    stage_s: float
    load_s: float


def _staged(staging: Path, sources: tuple[str, ...], manifest: str) -> Staged:
    """source -> partition -> (signature, staged file), from the staging manifests."""
    staged: dict[str, dict[str, tuple[str, Path]]] = {}
    for source in sources:
        entries = json.loads((staging / source / manifest).read_text())
        staged[source] = {
            dt: (str(sig), staging / source / f"{dt}.ndjson") for dt, sig in entries.items()
        }
    return staged


def connect(database: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file (created on first use unless read-only)."""
    database.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(database), read_only=read_only)


def run_etl(
    paths: WarehousePaths,
    *,
    blob_root: Path | None = None,
    blob_store: BlobStore | None = None,
    full: bool = False,
) -> EtlReport:
    """Stage every source and reload the changed partitions into the warehouse.

    Args:
        paths: Warehouse file and staging folder.
        blob_root: Root folder of a local blob store (the embedded default).
        blob_store: Any other `BlobStore` (S3); used when `blob_root` is None.
        full: Re-stage every partition and rebuild every table instead of only changed ones.

    Raises:
        ValueError: Neither a folder nor a store was given.
    """
    from eval.warehouse.staging import (
        MANIFEST,
        SOURCES,
        StageReport,
        stage_blob_store,
        stage_folder,
    )

    started = time.perf_counter()
    reports: list[StageReport] = []
    for source in SOURCES:
        if blob_root is not None:
            reports.append(stage_folder(blob_root, paths.staging, source, full=full))
        elif blob_store is not None:
            reports.append(
                asyncio.run(stage_blob_store(blob_store, paths.staging, source, full=full))
            )
        else:
            raise ValueError("run_etl needs blob_root or blob_store")
    staged = time.perf_counter()
    with connect(paths.database) as conn:
        # Only partitions whose staging signature differs from the loaded one are reloaded.
        reloaded = load_partitions(conn, _staged(paths.staging, SOURCES, MANIFEST), full=full)
        rows = table_counts(conn)
    return EtlReport(
        rows=rows,
        documents={report.source: report.documents for report in reports},
        restaged_partitions=sum(report.restaged for report in reports),
        reloaded_partitions=reloaded,
        stage_s=staged - started,
        load_s=time.perf_counter() - staged,
    )
