"""The batched layout (`{"rows": [...]}` objects, what the outbox writes now) and a store mixing
it with one object per document load into exactly the warehouse the old layout gives."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from oci_testing.warehouse_store import read_docs, snapshot, write_two_weeks

from eval.warehouse import parts, staging
from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.synthetic import Layout
from service.backends.local_blobs import LocalBlobStore
from service.backends.row_batches import batch_key, batch_object


@pytest.fixture(scope="module", params=["batches", "mixed"])
def layout_root(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    layout: Layout = request.param
    # 37 rows a batch: several batches per partition, and partial ones at the end.
    return write_two_weeks(tmp_path_factory.mktemp(layout), layout, batch_rows=37)


def test_layouts_hold_the_same_documents(blob_root: Path, layout_root: Path) -> None:
    for source in ("processed", "feedback", "requests"):
        ours, old = read_docs(layout_root, source), read_docs(blob_root, source)
        assert sorted(map(repr, ours)) == sorted(map(repr, old))
    objects = list(layout_root.glob("omni-channel/processed/*/*.json"))
    assert len(objects) < len(read_docs(layout_root, "processed"))


def test_batched_and_mixed_layouts_load_the_same_warehouse(
    layout_root: Path, warehouse: WarehousePaths, tmp_path: Path
) -> None:
    paths = WarehousePaths.under(tmp_path)
    report = run_etl(paths, blob_root=layout_root)
    assert snapshot(paths.database) == snapshot(warehouse.database)
    objects = report.objects["processed"]
    assert objects == len(list(layout_root.glob("omni-channel/processed/*/*.json")))


def test_worker_pool_staging_of_batches_gives_the_same_warehouse(
    layout_root: Path,
    warehouse: WarehousePaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Parts of a few objects each, cut by bytes (each object read at its known size), and a
    # short lookahead.
    monkeypatch.setattr(staging, "_IN_PLACE", 0)
    monkeypatch.setattr(staging, "_INLINE_BYTES", 0)
    monkeypatch.setattr(parts, "_PART_BYTES", 20_000)
    monkeypatch.setattr(staging, "_AHEAD", 3)
    paths = WarehousePaths.under(tmp_path)
    run_etl(paths, blob_root=layout_root)
    assert snapshot(paths.database) == snapshot(warehouse.database)


def test_blob_store_staging_of_batches_gives_the_same_warehouse(
    layout_root: Path, warehouse: WarehousePaths, tmp_path: Path
) -> None:
    paths = WarehousePaths.under(tmp_path)
    run_etl(paths, blob_store=LocalBlobStore(layout_root))
    assert snapshot(paths.database) == snapshot(warehouse.database)


def test_a_new_batch_restages_only_its_partition(layout_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "blobs"
    shutil.copytree(layout_root, root)
    paths = WarehousePaths.under(tmp_path / "wh")
    run_etl(paths, blob_root=root)
    doc = read_docs(root, "processed")[0]
    folder = f"omni-channel/processed/dt={doc['generated_at'][:10]}"
    new = [{**doc, "contact_id": f"contact-new-{i}", "request_id": f"req-new-{i}"} for i in (1, 2)]
    # A redelivered batch (same key, same rows) and a new one: two new rows in all.
    asyncio.run(LocalBlobStore(root).put_json(batch_key(folder, "late", 1), batch_object(new)))
    asyncio.run(LocalBlobStore(root).put_json(batch_key(folder, "late", 1), batch_object(new)))
    report = run_etl(paths, blob_root=root)
    assert report.restaged_partitions == 1
    fresh = WarehousePaths.under(tmp_path / "fresh")
    run_etl(fresh, blob_root=root)
    assert snapshot(paths.database) == snapshot(fresh.database)
    with connect(paths.database, read_only=True) as conn:
        found = conn.execute(
            "SELECT count(*) FROM omni_summaries WHERE contact_id LIKE 'contact-new-%'"
        ).fetchone()
    assert found == (2,)


def test_a_pretty_printed_batch_loads_like_a_compact_one(blob_root: Path, tmp_path: Path) -> None:
    doc = read_docs(blob_root, "feedback")[0]
    for name, text in (
        ("compact", json.dumps(batch_object([doc]), separators=(",", ":"))),
        ("pretty", json.dumps(batch_object([doc]), indent=2)),
    ):
        folder = tmp_path / name / f"omni-channel/feedback/dt={doc['received_at'][:10]}"
        folder.mkdir(parents=True)
        (folder / "rows-x-000000000001.json").write_text(text)
        run_etl(WarehousePaths.under(tmp_path / f"wh-{name}"), blob_root=tmp_path / name)
    compact = snapshot(tmp_path / "wh-compact/omni.duckdb")
    assert compact == snapshot(tmp_path / "wh-pretty/omni.duckdb")
    assert len(compact["omni_feedback"]) == 1


def test_objects_read_in_place_are_left_as_they_lie(layout_root: Path, tmp_path: Path) -> None:
    # Batch partitions are read where they lie: nothing is copied into staging, and the
    # loader's clean-up of parsed parts never touches the store.
    before = {path: path.read_bytes() for path in layout_root.rglob("*.json")}
    paths = WarehousePaths.under(tmp_path)
    report = run_etl(paths, blob_root=layout_root)
    assert report.reloaded_partitions > 0
    assert {path: path.read_bytes() for path in layout_root.rglob("*.json")} == before
    assert list(paths.staging.rglob("part-*.json")) == []


def test_a_partition_mixing_batches_and_documents_is_read_whole_in_place(
    blob_root: Path, tmp_path: Path
) -> None:
    # One folder holding a compact batch, a pretty-printed one, an empty one and a single
    # document: read in place, it loads what the blob-store path (staged parts) loads.
    docs = read_docs(blob_root, "feedback")[:4]
    folder = tmp_path / "mixed" / f"omni-channel/feedback/dt={docs[0]['received_at'][:10]}"
    folder.mkdir(parents=True)
    (folder / "rows-a-000000000001.json").write_text(
        json.dumps(batch_object(docs[:2]), separators=(",", ":"))
    )
    (folder / "rows-a-000000000002.json").write_text(json.dumps(batch_object([docs[2]]), indent=2))
    (folder / "rows-a-000000000003.json").write_text(json.dumps(batch_object([])))
    (folder / "single.json").write_text(json.dumps(docs[3]))
    in_place = WarehousePaths.under(tmp_path / "in-place")
    run_etl(in_place, blob_root=tmp_path / "mixed")
    staged = WarehousePaths.under(tmp_path / "staged")
    run_etl(staged, blob_store=LocalBlobStore(tmp_path / "mixed"))
    loaded = snapshot(in_place.database)
    assert loaded == snapshot(staged.database)
    assert len(loaded["omni_feedback"]) == len({doc["feedback_id"] for doc in docs})
