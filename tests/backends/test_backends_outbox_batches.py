"""Outbox batching: every batched document is delivered exactly once, as a row of one object.

`ScriptedBlobStore` is a test backend (passed in, like any `BlobStore`) that fails the calls
a test chooses, either before writing (the store is down) or after (the object is written
but the answer is lost, as when a process dies between the PUT and its bookkeeping).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service.backends.local_blobs import encode_json
from service.backends.outbox import Outbox
from service.backends.row_batches import is_batch_key, rows_of, stored_rows


class FakeClock:
    """Epoch seconds that only move when the test advances them (one per Hypothesis example)."""

    def __init__(self) -> None:
        self.now = 1_765_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


FOLDERS = ("omni-channel/processed/dt=2025-12-08", "omni-channel/feedback/dt=2025-12-09")


@dataclass
class ScriptedBlobStore:
    """A `BlobStore` whose `put_json` calls number `down` fail unwritten, `lost` fail written."""

    down: set[int] = field(default_factory=set)
    lost: set[int] = field(default_factory=set)
    objects: dict[str, bytes] = field(default_factory=dict)
    attempts: dict[str, list[bytes]] = field(default_factory=lambda: defaultdict(list))
    written: list[str] = field(default_factory=list)  # keys in the order they first landed
    calls: int = 0

    async def put_json(self, key: str, body: dict[str, Any]) -> None:
        call, data = self.calls, encode_json(body)
        self.calls += 1
        self.attempts[key].append(data)
        if call in self.down:
            raise ConnectionError("blob store down")
        if key not in self.objects:
            self.written.append(key)
        self.objects[key] = data
        if call in self.lost:
            raise TimeoutError("answer lost after the write")

    async def get_json(self, key: str) -> dict[str, Any] | None:
        data = self.objects.get(key)
        return None if data is None else dict(json.loads(data))

    async def list_keys(self, prefix: str) -> list[str]:
        return sorted(key for key in self.objects if key.startswith(prefix))

    async def ping(self) -> None:
        return None


def doc_key(folder: int, key: int) -> str:
    return f"{FOLDERS[folder]}/doc-{key}.json"


def opened(path: Path, clock: FakeClock, rows: int, objects: int = 2) -> Outbox:
    return Outbox(
        path,
        clock=clock,
        rows_per_object=rows,
        objects_per_round=objects,
        base_backoff_s=1.0,
        max_backoff_s=4.0,
    )


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("enqueue"), st.integers(0, 1), st.integers(0, 5)),
        st.tuples(st.just("drain"), st.booleans(), st.just(0)),
        st.tuples(st.just("advance"), st.sampled_from([0.5, 1.0, 5.0]), st.just(0)),
        st.tuples(st.just("restart"), st.just(0), st.just(0)),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=OPS,
    rows=st.integers(1, 4),
    down=st.sets(st.integers(0, 30), max_size=12),
    lost=st.sets(st.integers(0, 30), max_size=6),
)
@example(  # a newer document of a key must not overtake the older one's failing batch
    ops=[("enqueue", 0, 1), ("drain", True, 0), ("enqueue", 0, 1), ("drain", True, 0)],
    rows=2,
    down={0},
    lost=set(),
)
def test_every_batched_document_lands_once_whatever_fails(
    ops: list[tuple[str, Any, int]], rows: int, down: set[int], lost: set[int]
) -> None:
    store, clock = ScriptedBlobStore(down, lost - down), FakeClock()
    enqueued: list[tuple[str, dict[str, Any]]] = []

    async def scenario(path: Path) -> Outbox:
        box = opened(path, clock, rows)
        for op, a, b in ops:
            if op == "enqueue":
                enqueued.append((doc_key(a, b), {"key": doc_key(a, b), "seq": len(enqueued)}))
                box.enqueue(*enqueued[-1], batched=True)
            elif op == "drain":
                await box.drain_once(store, flush=a)
            elif op == "advance":
                clock.advance(a)
            else:  # a restart: claims and queued rows stay in the file
                box.close()
                box = opened(path, clock, rows)
        store.down.clear()  # the store recovers; everything still queued goes out
        store.lost.clear()
        for _ in range(50):
            clock.advance(5.0)
            await box.drain(store)
        return box

    with tempfile.TemporaryDirectory() as folder:
        box = asyncio.run(scenario(Path(folder) / "outbox.sqlite"))
        assert box.pending_count() == 0
        box.close()
    # Every attempt at an object, failed or not, carried the same rows under the same key.
    assert all(len(set(tries)) == 1 for tries in store.attempts.values())
    assert all(is_batch_key(key) for key in store.objects)
    landed: dict[int, str] = {}  # seq -> the object holding it
    for key, data in store.objects.items():
        batch = rows_of(json.loads(data))
        assert 1 <= len(batch) <= rows
        assert len({row["key"] for row in batch}) == len(batch)  # one row per document key
        for row in batch:
            assert row["key"].startswith(key.rsplit("/", 1)[0] + "/")
            assert row["seq"] not in landed  # exactly one object holds a document
            landed[row["seq"]] = key
    order = {key: index for index, key in enumerate(store.written)}
    for key in {k for k, _ in enqueued}:
        seqs = [seq for seq, (k, _) in enumerate(enqueued) if k == key]
        assert seqs[-1] in landed  # the newest document of every key is delivered
        # Older documents of a key are superseded (same batch) or land first, never after.
        delivered = [seq for seq in seqs if seq in landed]
        assert sorted(delivered, key=lambda s: order[landed[s]]) == delivered


async def test_a_failed_put_is_retried_with_the_same_key_and_rows(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ScriptedBlobStore(down={0}, lost={1})
    box = opened(tmp_path / "outbox.sqlite", clock, rows=10)
    for i in range(3):
        box.enqueue(doc_key(0, i), {"n": i}, batched=True)
    box.enqueue(doc_key(0, 1), {"n": 10}, batched=True)  # supersedes n=1 in the same batch
    assert await box.drain_once(store) == (0, 0, 0)  # waiting for company (batch_delay_s)
    assert await box.drain_once(store, flush=True) == (0, 3, 0)  # down
    clock.advance(1.0)
    assert await box.drain_once(store) == (0, 3, 0)  # written, but the answer was lost
    clock.advance(2.0)
    assert await box.drain_once(store) == (3, 0, 1)
    [tries] = store.attempts.values()
    assert len(tries) == 3 and len(set(tries)) == 1
    assert rows_of(json.loads(tries[0])) == [{"n": 0}, {"n": 10}, {"n": 2}]
    assert box.pending_count() == 0
    box.close()


async def test_a_claimed_batch_is_delivered_once_after_a_restart(tmp_path: Path) -> None:
    clock, path = FakeClock(), tmp_path / "outbox.sqlite"
    first = opened(path, clock, rows=2)
    for i in range(3):
        first.enqueue(doc_key(1, i), {"n": i}, batched=True)
    store = ScriptedBlobStore(down={0})
    # Two batches claimed; the first write fails, which ends the round before the second.
    assert await first.drain_once(store, flush=True) == (0, 2, 0)
    first.close()  # the process dies with both claims in the file
    second = opened(path, clock, rows=2)
    second.enqueue(doc_key(1, 9), {"n": 9}, batched=True)
    clock.advance(5.0)
    assert await second.drain(store) == (4, 0, 3)
    # Both claims went out under the first process's keys (one of them on a second attempt);
    # the new document got a batch of the second process.
    assert sorted(len(tries) for tries in store.attempts.values()) == [1, 1, 2]
    writers = sorted(key.rsplit("/", 1)[1].split("-")[1] for key in store.objects)
    assert len(store.objects) == 3 and len(set(writers)) == 2
    assert sorted(row["n"] for row in await stored_rows(store, "omni-channel/")) == [0, 1, 2, 9]
    second.close()


async def test_a_redelivered_identical_document_is_not_written_again(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ScriptedBlobStore()
    box = opened(tmp_path / "outbox.sqlite", clock, rows=10)
    box.enqueue(doc_key(1, 1), {"vote": "helpful"}, batched=True)
    await box.drain(store)
    box.enqueue(doc_key(1, 1), {"vote": "helpful"}, batched=True)  # a client's retry
    assert await box.drain(store) == (0, 0, 0) and box.pending_count() == 0
    box.enqueue(doc_key(1, 1), {"vote": "not_helpful"}, batched=True)  # different: a new row
    assert await box.drain(store) == (1, 0, 1)
    rows = await stored_rows(store, "omni-channel/")
    assert rows == [{"vote": "helpful"}, {"vote": "not_helpful"}]
    box.close()


async def test_a_document_waits_for_the_claimed_batch_of_its_key(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ScriptedBlobStore(down={0})
    box = opened(tmp_path / "outbox.sqlite", clock, rows=10)
    box.enqueue(doc_key(0, 1), {"n": 1}, batched=True)
    assert await box.drain_once(store, flush=True) == (0, 1, 0)  # claimed, backing off
    box.enqueue(doc_key(0, 1), {"n": 1}, batched=True)  # the same document again
    box.enqueue(doc_key(0, 2), {"n": 2}, batched=True)
    assert await box.drain_once(store, flush=True) == (1, 0, 1)  # n=2 only; n=1 waits
    clock.advance(1.0)
    await box.drain(store)
    assert box.pending_count() == 0
    assert sorted(r["n"] for r in await stored_rows(store, "omni-channel/")) == [1, 2]
    box.close()


async def test_an_outbox_file_of_the_previous_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL,"
        " body TEXT NOT NULL, enqueued_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
        " next_attempt_at REAL NOT NULL, last_error TEXT);"
        " CREATE INDEX outbox_due ON outbox (next_attempt_at, id);"
    )
    old.execute(
        "INSERT INTO outbox (key, body, enqueued_at, next_attempt_at) VALUES (?, ?, 0, 0)",
        (doc_key(0, 1), '{"old": true}'),
    )
    old.commit()
    old.close()
    clock, store = FakeClock(), ScriptedBlobStore()
    box = opened(path, clock, rows=10)
    box.enqueue(doc_key(0, 2), {"new": True}, batched=True)
    assert await box.drain(store) == (2, 0, 2)
    # The old row goes out as it was queued: one object under its own key.
    assert await store.get_json(doc_key(0, 1)) == {"old": True}
    assert await stored_rows(store, "omni-channel/") == [{"old": True}, {"new": True}]
    box.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone() == (2,)
    check.close()
    again = opened(path, clock, rows=10)  # reopening a current file changes nothing
    assert again.pending_count() == 0
    again.close()


async def test_run_delivers_batches_in_the_background_and_flushes_on_stop(
    tmp_path: Path,
) -> None:
    box = Outbox(
        tmp_path / "outbox.sqlite",
        rows_per_object=7,
        batch_delay_s=0.05,
        base_backoff_s=0.01,
        poll_interval_s=0.05,
    )
    store = ScriptedBlobStore(down={0, 2})
    stop = asyncio.Event()
    runner = asyncio.create_task(box.run(store, stop))
    for i in range(40):
        box.enqueue(doc_key(i % 2, i), {"n": i}, batched=True)
    for _ in range(200):
        if len(await stored_rows(store, "omni-channel/")) == 40:
            break
        await asyncio.sleep(0.02)
    box.enqueue(doc_key(0, 99), {"n": 99}, batched=True)  # still waiting for company at stop
    stop.set()
    await asyncio.wait_for(runner, timeout=5)
    assert box.pending_count() == 0
    rows = await stored_rows(store, "omni-channel/")
    assert sorted(row["n"] for row in rows) == [*range(40), 99]
    assert len(store.objects) < 41
    box.close()
