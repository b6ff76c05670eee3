"""Outbox: durable, at-least-once delivery that never duplicates a key's document.

Single-document objects here; batched delivery in `test_backends_outbox_batches.py`.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from service.backends.local_blobs import LocalBlobStore
from service.backends.outbox import Outbox
from service.backends.protocols import BlobStore
from service.backends.s3_blobs import S3BlobStore


class FlakyBlobStore:
    """A test `BlobStore` that is down for its first `failures` writes, then delegates.

    It also counts successful writes per key, to prove that retries never duplicate.
    """

    def __init__(self, inner: BlobStore, *, failures: int) -> None:
        self.inner = inner
        self.failures = failures
        self.writes: Counter[str] = Counter()
        self._progress = asyncio.Condition()

    async def put_json(self, key: str, body: dict[str, Any]) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("blob store down")
        await self.inner.put_json(key, body)
        async with self._progress:
            self.writes[key] += 1
            self._progress.notify_all()

    async def wait_for_writes(self, count: int) -> None:
        async with self._progress:
            await self._progress.wait_for(lambda: self.writes.total() >= count)

    async def get_json(self, key: str) -> dict[str, Any] | None:
        return await self.inner.get_json(key)

    async def list_keys(self, prefix: str) -> list[str]:
        return await self.inner.list_keys(prefix)

    async def ping(self) -> None:
        await self.inner.ping()


def key(i: int) -> str:
    return f"omni-channel/processed/dt=2025-12-08/req-{i}.json"


@pytest.fixture
def outbox(tmp_path: Path, clock: Any) -> Any:
    box = Outbox(tmp_path / "outbox.sqlite", clock=clock, base_backoff_s=1.0, max_backoff_s=8.0)
    yield box
    box.close()


async def test_outbox_delivers_and_empties(outbox: Outbox, tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "bucket")
    outbox.enqueue(key(1), {"n": 1})
    assert outbox.pending_count() == 1
    assert await outbox.drain_once(store) == (1, 0, 1)
    assert outbox.pending_count() == 0
    assert await store.get_json(key(1)) == {"n": 1}


async def test_outbox_retries_with_backoff_then_delivers_once(
    outbox: Outbox, tmp_path: Path, clock: Any
) -> None:
    store = FlakyBlobStore(LocalBlobStore(tmp_path / "bucket"), failures=6)
    for i in range(3):
        outbox.enqueue(key(i), {"n": i})
    assert await outbox.drain_once(store) == (0, 3, 0)
    assert await outbox.drain_once(store) == (0, 0, 0)  # Backing off: nothing is due yet.
    clock.advance(1.0)  # First retry delay is at most base_backoff_s.
    assert await outbox.drain_once(store) == (0, 3, 0)
    assert outbox.pending_count() == 3
    clock.advance(2.0)
    assert await outbox.drain_once(store) == (3, 0, 3)
    assert outbox.pending_count() == 0
    assert store.writes == {key(i): 1 for i in range(3)}


async def test_outbox_newest_item_per_key_wins(outbox: Outbox, tmp_path: Path) -> None:
    store = FlakyBlobStore(LocalBlobStore(tmp_path / "bucket"), failures=0)
    outbox.enqueue(key(1), {"v": 1})
    outbox.enqueue(key(1), {"v": 2})
    assert await outbox.drain_once(store) == (1, 0, 1)
    assert await store.get_json(key(1)) == {"v": 2}
    assert store.writes == {key(1): 1}
    assert outbox.pending_count() == 0


async def test_outbox_survives_reopen(tmp_path: Path, clock: Any) -> None:
    path = tmp_path / "outbox.sqlite"
    first = Outbox(path, clock=clock)
    first.enqueue(key(1), {"n": 1})
    first.close()  # The process ends before delivery.
    second = Outbox(path, clock=clock)
    assert second.pending_count() == 1
    store = LocalBlobStore(tmp_path / "bucket")
    assert await second.drain_once(store) == (1, 0, 1)
    assert await store.get_json(key(1)) == {"n": 1}
    second.close()


async def test_outbox_refuses_bad_items_at_enqueue(outbox: Outbox) -> None:
    with pytest.raises(ValueError, match="invalid blob key"):
        outbox.enqueue("../escape.json", {})
    with pytest.raises(TypeError):
        outbox.enqueue(key(1), {"when": object()})
    assert outbox.pending_count() == 0


async def test_outbox_rides_out_real_s3_outage(
    outbox: Outbox, s3_client: Any, unreachable_s3_client: Any, clock: Any
) -> None:
    s3_client.create_bucket(Bucket="outbox-target")
    outbox.enqueue(key(1), {"n": 1})
    down = S3BlobStore(unreachable_s3_client, bucket="outbox-target")
    assert await outbox.drain_once(down) == (0, 1, 0)
    clock.advance(60)
    up = S3BlobStore(s3_client, bucket="outbox-target")
    assert await outbox.drain_once(up) == (1, 0, 1)
    assert await up.get_json(key(1)) == {"n": 1}


async def test_outbox_run_drains_in_background_and_stops(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox.sqlite", base_backoff_s=0.01, poll_interval_s=0.05)
    store = FlakyBlobStore(LocalBlobStore(tmp_path / "bucket"), failures=2)
    stop = asyncio.Event()
    runner = asyncio.create_task(box.run(store, stop))
    for i in range(40):  # More than one batch.
        box.enqueue(key(i), {"n": i})
    await asyncio.wait_for(store.wait_for_writes(40), timeout=10)
    stop.set()
    await asyncio.wait_for(runner, timeout=5)
    assert box.pending_count() == 0
    assert store.writes == {key(i): 1 for i in range(40)}
    box.close()
