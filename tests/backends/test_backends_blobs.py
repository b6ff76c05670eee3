"""Contract tests of `BlobStore`: local folder and S3 (moto server) pass the same ones."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from service.backends.local_blobs import LocalBlobStore
from service.backends.protocols import BlobStore

KEY = "omni-channel/processed/dt=2025-12-08/abc-123-xyz.json"
BODY = {"contact_id": "abc-123-xyz", "summary": "Billing dispute.", "latency_ms": 1847}


async def test_blob_round_trip_and_missing(blob_store: BlobStore) -> None:
    assert await blob_store.get_json(KEY) is None
    await blob_store.put_json(KEY, BODY)
    assert await blob_store.get_json(KEY) == BODY


async def test_blob_put_is_idempotent(blob_store: BlobStore) -> None:
    await blob_store.put_json(KEY, BODY)
    await blob_store.put_json(KEY, dict(reversed(BODY.items())))  # Same content, other order.
    assert await blob_store.list_keys("omni-channel/") == [KEY]
    assert await blob_store.get_json(KEY) == BODY
    await blob_store.put_json(KEY, {"summary": "corrected"})  # Last writer wins.
    assert await blob_store.get_json(KEY) == {"summary": "corrected"}


async def test_blob_list_keys_is_a_sorted_string_prefix(blob_store: BlobStore) -> None:
    keys = [
        "omni-channel/processed/dt=2025-12-09/b.json",
        "omni-channel/processed/dt=2025-12-08/a.json",
        "omni-channel/processed/dt=2025-11-30/c.json",
        "omni-channel/feedback/dt=2025-12-08/f.json",
    ]
    for key in keys:
        await blob_store.put_json(key, {"k": key})
    assert await blob_store.list_keys("omni-channel/processed/dt=2025-12") == sorted(keys[:2])
    assert await blob_store.list_keys("omni-channel/feedback/") == [keys[3]]
    assert await blob_store.list_keys("omni-channel/") == sorted(keys)
    assert await blob_store.list_keys("nothing/here/") == []


@pytest.mark.parametrize("key", ["", "/abs.json", "a/../b.json", "a//b.json", "a\\b.json", "a/"])
async def test_blob_rejects_unsafe_keys(blob_store: BlobStore, key: str) -> None:
    with pytest.raises(ValueError, match="invalid blob key"):
        await blob_store.put_json(key, BODY)


@pytest.mark.parametrize("prefix", ["../", "/", "a/../", "a//"])
async def test_blob_list_rejects_unsafe_prefixes(blob_store: BlobStore, prefix: str) -> None:
    with pytest.raises(ValueError, match="invalid blob key"):
        await blob_store.list_keys(prefix)


async def test_blob_ping(blob_store: BlobStore) -> None:
    await blob_store.ping()


def test_local_blob_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    for _ in range(3):
        asyncio.run(store.put_json(KEY, BODY))
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["abc-123-xyz.json"]
