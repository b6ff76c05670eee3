"""ETL: deduplication, idempotence, incremental staging, and the BlobStore (S3) path."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from oci_testing.warehouse_store import read_docs, snapshot

from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.staging import stage_blob_store
from service.backends.local_blobs import LocalBlobStore


def test_etl_dedups_on_contact_and_generation_time(
    blob_root: Path, warehouse: WarehousePaths
) -> None:
    docs = read_docs(blob_root, "processed")
    distinct = {(d["contact_id"], d["generated_at"]) for d in docs}
    assert len(docs) > len(distinct)  # redelivered duplicates are in the source
    with connect(warehouse.database, read_only=True) as conn:
        (rows,) = conn.execute("SELECT count(*) FROM omni_summaries").fetchone() or (0,)
        (keys,) = conn.execute(
            "SELECT count(DISTINCT (contact_id, generation_timestamp)) FROM omni_summaries"
        ).fetchone() or (0,)
    assert rows == keys == len(distinct)


def test_etl_twice_gives_the_same_warehouse(blob_root: Path, tmp_path: Path) -> None:
    paths = WarehousePaths.under(tmp_path)
    first = run_etl(paths, blob_root=blob_root)
    before = snapshot(paths.database)
    second = run_etl(paths, blob_root=blob_root)
    assert second.restaged_partitions == 0  # nothing changed: staging is reused
    assert snapshot(paths.database) == before
    assert first.rows == second.rows
    assert run_etl(paths, blob_root=blob_root, full=True).rows == first.rows
    assert snapshot(paths.database) == before


def test_etl_restages_only_the_changed_partition(blob_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "blobs"
    shutil.copytree(blob_root, root)
    paths = WarehousePaths.under(tmp_path / "wh")
    run_etl(paths, blob_root=root)
    doc = read_docs(root, "processed")[0]
    folder = root / f"omni-channel/processed/dt={doc['generated_at'][:10]}"
    new = {**doc, "contact_id": "contact-new", "request_id": "req-new"}
    asyncio.run(
        LocalBlobStore(root).put_json(
            f"omni-channel/processed/dt={doc['generated_at'][:10]}/new.json", new
        )
    )
    report = run_etl(paths, blob_root=root)
    assert report.restaged_partitions == 1 and folder.is_dir()
    with connect(paths.database, read_only=True) as conn:
        found = conn.execute("SELECT count(*) FROM omni_summaries WHERE contact_id = 'contact-new'")
        assert (found.fetchone() or (0,))[0] == 1


def test_blob_store_staging_matches_folder_staging(
    blob_root: Path, warehouse: WarehousePaths, tmp_path: Path
) -> None:
    # The S3 path goes through the BlobStore protocol; a LocalBlobStore stands in for S3 here.
    store = LocalBlobStore(blob_root)
    staging = tmp_path / "staging"
    for source in ("processed", "feedback", "requests"):
        report = asyncio.run(stage_blob_store(store, staging, source))
        assert report.objects == len(list(blob_root.glob(f"omni-channel/{source}/*/*.json")))
    paths = WarehousePaths(tmp_path / "s3.duckdb", staging)
    from eval.warehouse.load import load_warehouse

    with connect(paths.database) as conn:
        load_warehouse(
            conn,
            processed=sorted((staging / "processed").glob("dt=*")),
            feedback=sorted((staging / "feedback").glob("dt=*")),
            requests=sorted((staging / "requests").glob("dt=*")),
        )
    assert snapshot(paths.database) == snapshot(warehouse.database)


def test_etl_on_an_empty_store_builds_empty_tables(tmp_path: Path) -> None:
    report = run_etl(WarehousePaths.under(tmp_path), blob_root=tmp_path / "nothing")
    assert set(report.rows.values()) == {0}


def test_partial_reload_equals_a_full_rebuild(blob_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "blobs"
    shutil.copytree(blob_root, root)
    paths = WarehousePaths.under(tmp_path / "wh")
    run_etl(paths, blob_root=root)
    store = LocalBlobStore(root)
    doc = read_docs(root, "processed")[0]
    new = {**doc, "contact_id": "contact-new", "request_id": "req-new"}
    asyncio.run(store.put_json(f"omni-channel/processed/dt={doc['generated_at'][:10]}/n.json", new))
    # A late vote, days after its summary's partition: the summary row's vote must change.
    vote = read_docs(root, "feedback")[0]
    late = {
        **vote,
        "feedback_id": "fb-late",
        "received_at": "2026-11-29T09:00:00Z",
        "feedback": "not_helpful" if vote["feedback"] == "helpful" else "helpful",
    }
    asyncio.run(store.put_json("omni-channel/feedback/dt=2026-11-29/fb-late.json", late))
    # A vanished request-log partition: its rows must go.
    gone = sorted((root / "omni-channel/requests").iterdir())[0]
    shutil.rmtree(gone)
    report = run_etl(paths, blob_root=root)
    assert report.restaged_partitions == 2
    assert report.reloaded_partitions == 3  # the two re-staged ones and the vanished one
    fresh = WarehousePaths.under(tmp_path / "fresh")
    assert run_etl(fresh, blob_root=root).rows == report.rows
    assert snapshot(paths.database) == snapshot(fresh.database)
    with connect(paths.database, read_only=True) as conn:
        found = conn.execute(
            "SELECT helpful_feedback FROM omni_summaries WHERE unique_process_id = ?"
            " AND strftime(generation_timestamp, '%Y-%m-%dT%H:%M:%SZ') = ?",
            [vote["unique_process_id"], vote["generation_timestamp"]],
        ).fetchone()
    assert found is not None and found[0] == (late["feedback"] == "helpful")
    assert run_etl(paths, blob_root=root).reloaded_partitions == 0


def test_a_changed_event_partition_is_replaced_not_duplicated(
    blob_root: Path, tmp_path: Path
) -> None:
    # DuckDB's hive partitioning once named the rows' partition `2026-11-18` instead of
    # `dt=2026-11-18`, so a changed feedback partition kept its old rows next to the new ones.
    root = tmp_path / "blobs"
    shutil.copytree(blob_root, root)
    paths = WarehousePaths.under(tmp_path / "wh")
    run_etl(paths, blob_root=root)
    vote = read_docs(root, "feedback")[0]
    extra = {**vote, "feedback_id": "fb-extra"}
    key = f"omni-channel/feedback/dt={vote['received_at'][:10]}/fb-extra.json"
    asyncio.run(LocalBlobStore(root).put_json(key, extra))
    report = run_etl(paths, blob_root=root)
    assert report.restaged_partitions == 1
    fresh = WarehousePaths.under(tmp_path / "fresh")
    run_etl(fresh, blob_root=root)
    assert snapshot(paths.database) == snapshot(fresh.database)
