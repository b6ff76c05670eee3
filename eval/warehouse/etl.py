"""The ETL command: stage the blob store's changed partitions and reload them into DuckDB.

The source is either a local blob-store folder (the embedded default, read directly) or any
`BlobStore` (S3 in production: listed and downloaded through the protocol into staging).
Staging is scratch space, emptied after every run; the warehouse's `etl_partitions` table
is what says which partitions, at which listing signature, are loaded.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eval.warehouse.load import ORDER, load_staged
from eval.warehouse.schema import Signatures, loaded_partitions, table_counts
from eval.warehouse.staged import SOURCES, StagedPartition, object_count
from eval.warehouse.staging import FolderStager
from eval.warehouse.store_staging import stage_blob_store
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
    """Row counts and timings of one ETL run.

    Staging and loading overlap (DuckDB parses what is staged while the rest is read):
    `stage_s` is the time until the last partition was staged, `load_s` the rest (the
    deduplicating inserts and the commit). `objects` counts the stored objects per source
    (a batch of rows is one); `rows` the tables' rows.
    """

    rows: dict[str, int]
    objects: dict[str, int]
    restaged_partitions: int
    reloaded_partitions: int
    stage_s: float
    load_s: float


def connect(database: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file (created on first use unless read-only)."""
    database.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(database), read_only=read_only)


def _timed(items: Iterable[StagedPartition], marks: list[float]) -> Iterator[StagedPartition]:
    """`items`, noting when the last one was handed over (staging is over by then)."""
    yield from items
    marks.append(time.perf_counter())


def _from_folder(
    conn: duckdb.DuckDBPyConnection,
    staging: Path,
    blob_root: Path,
    loaded: Signatures | None,
    marks: list[float],
) -> tuple[Signatures, int, int]:
    """Stage and load a local blob store, overlapped; (present, restaged, reloaded)."""
    with FolderStager(staging) as stager:
        present = stager.scan(blob_root, ORDER, loaded)
        marks.append(time.perf_counter())
        # Worker processes (one per core) reading a million single documents are bound by
        # syscalls and need the cores: one DuckDB thread parses beside them, two parts a
        # statement. Otherwise (batches read in place, or staged in this process) DuckDB
        # gets every thread and eight parts a statement.
        busy = stager.many_small_objects
        reloaded = load_staged(
            conn,
            present,
            loaded,
            _timed(stager.completed(), marks),
            consume=True,
            parse_threads=1 if busy else None,
            parts_per_parse=2 if busy else 8,
        )
        stager.save_listing()
        return present, stager.submitted, reloaded


def _from_store(
    conn: duckdb.DuckDBPyConnection,
    staging: Path,
    store: BlobStore,
    loaded: Signatures | None,
    marks: list[float],
) -> tuple[Signatures, int, int]:
    """Download a store's changed partitions, then load them; (present, restaged, reloaded)."""
    try:
        reports = [
            asyncio.run(stage_blob_store(store, staging, source, loaded=loaded)) for source in ORDER
        ]
        marks.append(time.perf_counter())
        present = {report.source: report.signatures for report in reports}
        downloaded = [item for report in reports for item in report.staged]
        reloaded = load_staged(conn, present, loaded, downloaded, consume=True)
        return present, len(downloaded), reloaded
    finally:
        for source in ORDER:
            shutil.rmtree(staging / source, ignore_errors=True)


def run_etl(
    paths: WarehousePaths,
    *,
    blob_root: Path | None = None,
    blob_store: BlobStore | None = None,
    full: bool = False,
) -> EtlReport:
    """Stage every source's changed partitions and reload them into the warehouse.

    For a local folder, staging and loading overlap: DuckDB parses each staged part as soon
    as a worker process has written it, while the workers read on.

    Args:
        paths: Warehouse file and staging folder.
        blob_root: Root folder of a local blob store (the embedded default).
        blob_store: Any other `BlobStore` (S3); used when `blob_root` is None.
        full: Re-stage every partition and rebuild every table instead of only changed ones.

    Raises:
        ValueError: Neither a folder nor a store was given.
    """
    started = time.perf_counter()
    marks: list[float] = []
    with connect(paths.database) as conn:
        # What the warehouse holds decides what is staged: only partitions whose listing
        # signature differs from the loaded one are read and reloaded.
        loaded = None if full else loaded_partitions(conn)
        if blob_root is not None:
            present, restaged, reloaded = _from_folder(
                conn, paths.staging, blob_root, loaded, marks
            )
        elif blob_store is not None:
            present, restaged, reloaded = _from_store(
                conn, paths.staging, blob_store, loaded, marks
            )
        else:
            raise ValueError("run_etl needs blob_root or blob_store")
        rows = table_counts(conn)
    staged_at = marks[-1]
    return EtlReport(
        rows=rows,
        objects={
            source: sum(object_count(sig) for sig in present.get(source, {}).values())
            for source in SOURCES
        },
        restaged_partitions=restaged,
        reloaded_partitions=reloaded,
        stage_s=staged_at - started,
        load_s=time.perf_counter() - staged_at,
    )
