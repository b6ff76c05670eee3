"""Staging: the worker-pool path, the BlobStore path through `run_etl`, scratch cleanup,
JSON-array framing with batches spliced in, and both shapes of the request log."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from oci_testing.warehouse_store import snapshot

from eval.warehouse import parts, staging
from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.readers import reader
from eval.warehouse.staged import json_array, part_format, part_pieces
from service.backends.local_blobs import LocalBlobStore


def _parts(paths: WarehousePaths) -> list[Path]:
    return sorted(paths.staging.rglob("part-*.json"))


def test_worker_pool_staging_gives_the_same_warehouse(
    blob_root: Path, warehouse: WarehousePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny chunks cut by count (sizes unknown), a short lookahead and reads shorter than a
    # document: every partition goes through the worker processes in several parts, and
    # every document takes several reads.
    monkeypatch.setattr(staging, "_IN_PLACE", 0)
    monkeypatch.setattr(staging, "_INLINE_COUNT", 0)
    monkeypatch.setattr(parts, "_SIZED", 0)
    monkeypatch.setattr(parts, "_CHUNK", 37)
    monkeypatch.setattr(staging, "_AHEAD", 3)
    monkeypatch.setattr(parts, "_READ_SIZE", 97)
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
        first.objects == run_etl(WarehousePaths.under(tmp_path / "f"), blob_root=blob_root).objects
    )
    assert snapshot(paths.database) == snapshot(warehouse.database)
    again = run_etl(paths, blob_store=LocalBlobStore(blob_root))
    assert (again.restaged_partitions, again.reloaded_partitions) == (0, 0)
    assert _parts(paths) == []


def test_json_array_splices_batches_and_keeps_documents() -> None:
    compact = [b'{"a":1}', b'{"b":"x\\ny"}']
    assert json_array(compact) == b'[{"a":1},{"b":"x\\ny"}]'
    pretty = [b'{"a":1}', b'{\n  "b": 2\n}\n', b'{"c":3}\r\n']
    assert json.loads(json_array(pretty)) == [{"a": 1}, {"b": 2}, {"c": 3}]
    # Canonical batches are spliced as bytes; others are parsed; empty ones vanish.
    batches = [
        b'{"rows":[{"a":1},{"b":"]}"}]}',
        b'{"c":3}',
        b'{"rows":[]}',
        b'{\n "rows": [ {"d": 4} ]\n}',
    ]
    assert json_array(batches) == b'[{"a":1},{"b":"]}"},{"c":3},{"d":4}]'
    assert json_array([]) == b"[]"


def test_request_log_batches_and_single_rows_load_alike(tmp_path: Path) -> None:
    def row(request_id: str, cache_hit: bool) -> dict[str, object]:
        return {
            "request_id": request_id,
            "unique_process_id": "p-1",
            "contact_id": "c-1",
            "received_at": "2026-11-17T10:00:00Z",
            "outcome": "generated",
            "cache_hit": cache_hit,
            "latency_ms": 12,
            "prompt_version": "1",
            "model_used": "m",
            "generated_at": "2026-11-17T09:59:59Z",
        }

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


def test_a_part_is_read_whole_whatever_the_sizes_known(tmp_path: Path) -> None:
    # Exact sizes, a stale (smaller) size, unknown sizes with reads shorter than an object.
    folder = tmp_path / "dt=2026-11-17"
    folder.mkdir()
    docs = {
        "a.json": b'{"rows":[{"n":1},{"n":2}]}',
        "b.json": b'{"n":3,"pad":"' + b"x" * 300 + b'"}',
    }
    for name, data in docs.items():
        (folder / name).write_bytes(data)
    exact = [len(data) for data in docs.values()]
    for sizes in (exact, [size - 10 for size in exact], None):
        target = tmp_path / "part.json"
        assert parts.read_part(str(folder), list(docs), str(target), sizes) == 2
        assert [row.get("n") for row in json.loads(target.read_bytes())] == [1, 2, 3]


def test_write_pieces_writes_every_buffer_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts, "_IOV_MAX", 3)  # several writev calls
    pieces = [b"[", memoryview(b'xx{"a":1}yy')[2:-2], b",", b"", b'{"b":2}', b"]"]
    target = tmp_path / "out.json"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        parts.write_pieces(fd, pieces)
    finally:
        os.close(fd)
    assert target.read_bytes() == b'[{"a":1},{"b":2}]'


def test_single_documents_are_staged_as_ndjson_and_batches_as_an_array(tmp_path: Path) -> None:
    singles = [b'{"request_id":"r-1"}', b'{"request_id":"r-2"}']
    assert part_pieces(singles) == [b'{"request_id":"r-1"}\n{"request_id":"r-2"}\n']
    with_batch = [b'{"request_id":"r-3"}', b'{"rows":[{"request_id":"r-4"}]}']
    assert b"".join(part_pieces(with_batch)) == b'[{"request_id":"r-3"},{"request_id":"r-4"}]'
    spanning = [b'{\n  "request_id": "r-5"\n}']  # NDJSON cannot hold it; an array can
    assert b"".join(part_pieces(spanning)).startswith(b"[")
    # One statement reads parts of both formats.
    folder = tmp_path / "dt=2026-11-17"
    folder.mkdir()
    for index, docs in enumerate((singles, with_batch, spanning)):
        (folder / f"part-{index:05d}.json").write_bytes(b"".join(part_pieces(docs)))
    files = sorted(folder.iterdir())
    assert [part_format(path) for path in files] == ["newline_delimited", "array", "array"]
    found = duckdb.sql(f"SELECT request_id FROM {reader(files, {'request_id': 'VARCHAR'})}")
    assert sorted(row[0] for row in found.fetchall()) == ["r-1", "r-2", "r-3", "r-4", "r-5"]
