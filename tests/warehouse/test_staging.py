"""Staging: the worker-pool path, the BlobStore path through `run_etl`, scratch cleanup,
NDJSON framing, and both shapes of the request log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import snapshot

from eval.warehouse import staging
from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.staged import ndjson
from service.backends.local_blobs import LocalBlobStore


def _parts(paths: WarehousePaths) -> list[Path]:
    return sorted(paths.staging.rglob("*.ndjson"))


def test_worker_pool_staging_gives_the_same_warehouse(
    blob_root: Path, warehouse: WarehousePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny chunks, a short lookahead and reads shorter than a document: every partition goes
    # through the worker processes in several parts, and every document takes several reads.
    monkeypatch.setattr(staging, "_INLINE", 0)
    monkeypatch.setattr(staging, "_CHUNK", 37)
    monkeypatch.setattr(staging, "_AHEAD", 3)
    monkeypatch.setattr(staging, "_READ_SIZE", 97)
    paths = WarehousePaths.under(tmp_path)
    report = run_etl(paths, blob_root=blob_root)
    assert report.restaged_partitions == report.reloaded_partitions > 0
    assert snapshot(paths.database) == snapshot(warehouse.database)
    assert _parts(paths) == []  # staging is scratch: nothing is left once loaded


def test_run_etl_through_a_blob_store_equals_the_folder_etl(
    blob_root: Path, warehouse: WarehousePaths, tmp_path: Path
) -> None:
    # The S3 path (listed and downloaded through the protocol); a LocalBlobStore stands in.
    paths = WarehousePaths.under(tmp_path)
    first = run_etl(paths, blob_store=LocalBlobStore(blob_root))
    assert (
        first.documents
        == run_etl(WarehousePaths.under(tmp_path / "f"), blob_root=blob_root).documents
    )
    assert snapshot(paths.database) == snapshot(warehouse.database)
    again = run_etl(paths, blob_store=LocalBlobStore(blob_root))
    assert (again.restaged_partitions, again.reloaded_partitions) == (0, 0)
    assert _parts(paths) == []


def test_ndjson_keeps_compact_documents_and_reframes_the_others() -> None:
    compact = [b'{"a":1}', b'{"b":"x\\ny"}']
    assert ndjson(compact) == b'{"a":1}\n{"b":"x\\ny"}\n'
    pretty = [b'{"a":1}', b'{\n  "b": 2\n}\n', b'{"c":3}\r\n']
    assert ndjson(pretty) == b'{"a":1}\n{"b":2}\n{"c":3}\n'
    assert ndjson([]) == b""


def test_request_log_batches_and_single_rows_load_alike(tmp_path: Path) -> None:
    def row(request_id: str, cache_hit: bool) -> dict[str, object]:
        return {"request_id": request_id, "unique_process_id": "p-1", "contact_id": "c-1",
                "received_at": "2026-11-17T10:00:00Z", "outcome": "generated",
                "cache_hit": cache_hit, "latency_ms": 12, "prompt_version": "1",
                "model_used": "m", "generated_at": "2026-11-17T09:59:59Z"}  # fmt: skip

    folder = tmp_path / "blobs/omni-channel/requests/dt=2026-11-17"
    folder.mkdir(parents=True)
    # The service's batches (one a redelivery overlapping the other) and a single-row document.
    batch = {"rows": [row("r-1", False), row("r-2", True)]}
    (folder / "w1-00000001.json").write_text(json.dumps(batch))
    (folder / "w1-00000002.json").write_text(json.dumps({"rows": [row("r-2", True)]}))
    (folder / "r-3.json").write_text(json.dumps(row("r-3", False)))
    paths = WarehousePaths.under(tmp_path / "wh")
    run_etl(paths, blob_root=tmp_path / "blobs")
    with connect(paths.database, read_only=True) as conn:
        rows = conn.execute(
            "SELECT request_id, cache_hit, latency_ms FROM omni_requests ORDER BY request_id"
        ).fetchall()
    assert rows == [("r-1", False, 12.0), ("r-2", True, 12.0), ("r-3", False, 12.0)]


def test_a_failed_load_leaves_the_previous_warehouse(blob_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "blobs"
    shutil.copytree(blob_root, root)
    paths = WarehousePaths.under(tmp_path / "wh")
    run_etl(paths, blob_root=root)
    before = snapshot(paths.database)
    # A corrupt document in a new partition: DuckDB fails mid-load, inside the transaction.
    corrupt = root / "omni-channel/processed/dt=2026-11-30/broken.json"
    corrupt.parent.mkdir()
    corrupt.write_text('{"request_id": "req-broken", ')
    with pytest.raises(duckdb.Error):
        run_etl(paths, blob_root=root)
    assert snapshot(paths.database) == before
    assert _parts(paths) == []
    corrupt.unlink()
    report = run_etl(paths, blob_root=root)
    assert report.reloaded_partitions == 1  # the now empty new partition
    assert snapshot(paths.database) == before


def test_duckdb_stores_the_interactions_json_with_zstd(warehouse: WarehousePaths) -> None:
    # A DuckDB-only hint on top of the portable tables.sql (see eval.warehouse.schema).
    with connect(warehouse.database, read_only=True) as conn:
        methods = conn.execute(
            "SELECT DISTINCT compression FROM pragma_storage_info('omni_summary_context')"
            " WHERE column_name = 'interactions' AND segment_type = 'VARCHAR'"
        ).fetchall()
    assert methods == [("ZSTD",)]
