"""A durable local queue for blob writes that happen after the response has been sent.

`enqueue` commits the document to a SQLite file before it returns, so a processed record or a
feedback event survives a blob-store outage and a process restart. A background `run` loop
delivers it with exponential backoff. Delivery is at least once; keys are deterministic and
`BlobStore.put_json` is idempotent, so a redelivery rewrites identical content.

Documents queued with `batched=True` (processed records, feedback events) are delivered as rows
of one `{"rows": [...]}` object per folder (`service.backends.row_batches`): one PUT per few
hundred documents instead of one each. A batch is claimed durably (its rows get the object's
key in one transaction) before the object is written, so a retry, in this process or the next,
rewrites the same object with the same rows, and a document is a row of exactly one object.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NamedTuple

from service.backends.outbox_batches import (
    Batch,
    claim_batches,
    due_batches,
    forget_delivered,
    settle_batches,
)
from service.backends.outbox_schema import open_queue
from service.backends.protocols import BlobStore, validate_blob_key

logger = logging.getLogger(__name__)

_PRUNE_EVERY_S = 60.0


class DrainReport(NamedTuple):
    """One delivery round: documents written, documents left for a retry, objects written."""

    delivered: int
    failed: int
    objects: int


_NOTHING = DrainReport(0, 0, 0)


def _plus(a: DrainReport, b: DrainReport) -> DrainReport:
    return DrainReport(a.delivered + b.delivered, a.failed + b.failed, a.objects + b.objects)


class Outbox:
    """Durable, at-least-once queue of `(key, JSON body)` writes to a `BlobStore`.

    Use one file per process. Two processes draining one file stay correct (writes are
    idempotent, claims are transactions) but may deliver an object twice.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        synchronous: Literal["NORMAL", "FULL"] = "NORMAL",
        clock: Callable[[], float] = time.time,
        batch_size: int = 32,
        rows_per_object: int = 500,
        batch_delay_s: float = 1.0,
        objects_per_round: int = 8,
        dedup_window_s: float = 86_400.0,
        base_backoff_s: float = 0.5,
        max_backoff_s: float = 60.0,
        poll_interval_s: float = 1.0,
    ) -> None:
        """Open (create or migrate) the queue file; items left by a previous process stay due.

        Args:
            path: The SQLite file.
            synchronous: `NORMAL` (WAL without fsync per commit: survives a process crash,
                may lose the last commits on power loss) or `FULL` (fsync per commit).
                docs/backends.md has the measured cost of each.
            clock: Epoch seconds for retry scheduling; tests inject a fake.
            batch_size: Single-document objects delivered concurrently per round.
            rows_per_object: Most documents in one batch object.
            batch_delay_s: How long a batched document may wait for others of its folder.
            objects_per_round: Batch objects claimed and written (one after the other) per
                round.
            dedup_window_s: How long a batched key's delivered digest is remembered, so that
                re-enqueuing the identical document (a client's retry) writes nothing.
            base_backoff_s: First retry delay; doubles per failed attempt of an item.
            max_backoff_s: Retry delay cap, so a long outage still retries regularly.
            poll_interval_s: Longest idle wait of `run` between rounds.
        """
        self._clock = clock
        self._batch_size = batch_size
        self._rows_per_object = rows_per_object
        self._batch_delay_s = batch_delay_s
        self._objects_per_round = objects_per_round
        self._dedup_window_s = dedup_window_s
        self._base_backoff_s = base_backoff_s
        self._max_backoff_s = max_backoff_s
        self._poll_interval_s = poll_interval_s
        # Batch keys must not collide with those of other replicas, or of this file's earlier
        # processes: a random writer id per instance, plus the batch's first row id.
        self._writer = uuid.uuid4().hex[:12]
        self._pruned_at = float("-inf")
        # enqueue runs on the caller's thread, drain bookkeeping on the event loop: one lock
        # around one connection is cheaper than a connection per thread for sub-ms statements.
        self._lock = threading.Lock()
        self._conn = open_queue(path, synchronous)
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def enqueue(self, key: str, body: dict[str, Any], *, batched: bool = False) -> None:
        """Persist one write; it is durable (see `synchronous`) when this returns.

        Args:
            key: Deterministic blob key; a later item with the same key supersedes this one
                (for a batched key: if both land in the same batch).
            body: JSON-serializable document.
            batched: Deliver it as a row of a batch object in the key's folder rather than
                as the object `key`. The key still identifies the document in the queue.

        Raises:
            ValueError: For an invalid key. TypeError: For a body JSON cannot encode.
                Both fail here, in the request, rather than poisoning the queue.
        """
        data = json.dumps(body, separators=(",", ":"))
        validate_blob_key(key)
        now = self._clock()
        if batched:
            digest = hashlib.blake2b(data.encode(), digest_size=16).hexdigest()
            # Due once it has waited for company; `run` wakes up for it then, not now.
            with self._lock:
                self._conn.execute(
                    "INSERT INTO outbox (key, body, enqueued_at, next_attempt_at, folder, digest)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (key, data, now, now + self._batch_delay_s, key.rpartition("/")[0], digest),
                )
            return
        with self._lock:
            self._conn.execute(
                "INSERT INTO outbox (key, body, enqueued_at, next_attempt_at) VALUES (?, ?, ?, ?)",
                (key, data, now, now),
            )
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def pending_count(self) -> int:
        """Documents not yet delivered, due, waiting for company or for a retry."""
        with self._lock:
            (count,) = self._conn.execute("SELECT count(*) FROM outbox").fetchone()
        return int(count)

    async def drain_once(self, blob_store: BlobStore, *, flush: bool = False) -> DrainReport:
        """Deliver one round of due items concurrently; failures are rescheduled with backoff.

        Args:
            blob_store: Destination of the documents.
            flush: Claim batched documents that are still waiting for company too.

        Returns:
            Documents delivered and failed this round, and objects written.
        """
        now = self._clock()
        with self._lock:
            singles: list[tuple[int, str, str, int]] = self._conn.execute(
                "SELECT id, key, body, attempts FROM outbox WHERE folder IS NULL"
                " AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                (now, self._batch_size),
            ).fetchall()
            claim_batches(
                self._conn,
                now=now,
                writer=self._writer,
                rows_per_object=self._rows_per_object,
                max_objects=self._objects_per_round,
                flush=flush,
            )
            batches = due_batches(self._conn, now=now, limit=self._objects_per_round)
        reports = await asyncio.gather(
            self._deliver_singles(blob_store, singles), self._deliver_batches(blob_store, batches)
        )
        if now - self._pruned_at >= _PRUNE_EVERY_S:
            self._pruned_at = now
            with self._lock:
                forget_delivered(self._conn, before=now - self._dedup_window_s)
        return _plus(*reports)

    async def drain(self, blob_store: BlobStore) -> DrainReport:
        """Deliver everything queued, batches still waiting for company included.

        Round after round, until the queue is empty, a round fails, or a round changes
        nothing (what is left backs off from an earlier failure). Returns the rounds' sum.
        """
        total, pending = _NOTHING, self.pending_count()
        while pending:
            report = await self.drain_once(blob_store, flush=True)
            total, left = _plus(total, report), self.pending_count()
            if report.failed or left == pending:
                break
            pending = left
        return total

    async def _deliver_singles(
        self, blob_store: BlobStore, rows: list[tuple[int, str, str, int]]
    ) -> DrainReport:
        """One object per key; only the newest item per key is written."""
        if not rows:
            return _NOTHING
        newest: dict[str, tuple[int, str, int]] = {}
        ids_by_key: dict[str, list[int]] = {}
        for row_id, key, body, attempts in rows:
            newest[key] = (row_id, body, attempts)
            ids_by_key.setdefault(key, []).append(row_id)
        keys = list(newest)
        results = await asyncio.gather(
            *(blob_store.put_json(key, json.loads(newest[key][1])) for key in keys),
            return_exceptions=True,
        )
        done: list[tuple[int]] = []
        retry: list[tuple[float, str, int]] = []
        now = self._clock()
        for key, result in zip(keys, results, strict=True):
            if isinstance(result, BaseException):
                # Older items of the key wait too, so they never overtake the newest one.
                next_at = now + self._backoff(newest[key][2] + 1)
                retry.extend((next_at, repr(result)[:500], row_id) for row_id in ids_by_key[key])
            else:
                done.extend((row_id,) for row_id in ids_by_key[key])
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany("DELETE FROM outbox WHERE id = ?", done)
            self._conn.executemany(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                " WHERE id = ?",
                retry,
            )
        _log_failures(results)
        failed = sum(isinstance(r, BaseException) for r in results)
        return DrainReport(len(keys) - failed, failed, len(keys) - failed)

    async def _deliver_batches(self, blob_store: BlobStore, batches: list[Batch]) -> DrainReport:
        """One object per claimed batch, rewritten under its claimed key on every attempt.

        One at a time, each parsed just before its write: a 500-row object takes ~13 ms of
        the event loop to parse and encode (measured, 1.2 KB rows), and objects written
        concurrently would add those up into one stall. The first failure ends the round:
        the store is likely down, and the batches left over stay due for the next round.
        """
        outcomes: list[tuple[Batch, tuple[float, str] | None]] = []
        failure: BaseException | None = None
        for batch in batches:
            try:
                await blob_store.put_json(batch.key, batch.document())
            except Exception as error:  # noqa: BLE001 - any failure of the store is retried
                failure = error
                retry_at = self._clock() + self._backoff(batch.attempts + 1)
                outcomes.append((batch, (retry_at, repr(error)[:500])))
                break
            outcomes.append((batch, None))
        if not outcomes:
            return _NOTHING
        with self._lock:
            settle_batches(self._conn, outcomes, now=self._clock())
        _log_failures([failure])
        done = [len(batch.keys) for batch, retry in outcomes if retry is None]
        return DrainReport(sum(done), len(outcomes[-1][0].keys) if failure else 0, len(done))

    def _backoff(self, attempts: int) -> float:
        delay = min(self._max_backoff_s, self._base_backoff_s * 2.0 ** (attempts - 1))
        # Jitter spreads the retries of many replicas after a shared outage.
        return delay * (0.5 + random.random() / 2)

    def _next_due_in(self) -> float | None:
        with self._lock:
            (due,) = self._conn.execute("SELECT min(next_attempt_at) FROM outbox").fetchone()
        return None if due is None else max(0.0, float(due) - self._clock())

    async def run(
        self, blob_store: BlobStore, stop_event: asyncio.Event, *, shutdown_timeout_s: float = 5.0
    ) -> None:
        """Deliver until `stop_event` is set, then make one last bounded attempt.

        Args:
            blob_store: Destination of the documents.
            stop_event: Set by the application on shutdown.
            shutdown_timeout_s: Bound on the final attempt, which also delivers batches still
                waiting for company; what is left stays in the file for the next process.
        """
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        stopping = asyncio.ensure_future(stop_event.wait())
        try:
            while not stop_event.is_set():
                self._wake.clear()
                timeout = self._poll_interval_s
                try:
                    await self.drain_once(blob_store)
                    due_in = self._next_due_in()  # 0 while more is due: straight on
                    timeout = timeout if due_in is None else min(due_in, timeout)
                except sqlite3.Error:  # A full or locked disk: wait a poll interval, not spin.
                    logger.exception("outbox bookkeeping failed")
                woken = asyncio.ensure_future(self._wake.wait())
                await asyncio.wait(
                    {stopping, woken}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                woken.cancel()
            await asyncio.wait_for(self.drain(blob_store), timeout=shutdown_timeout_s)
        except TimeoutError:
            logger.warning("outbox: %d item(s) left for the next process", self.pending_count())
        finally:
            stopping.cancel()
            self._loop = self._wake = None

    def close(self) -> None:
        """Close the queue file; undelivered items stay in it."""
        with self._lock:
            self._conn.close()


def _log_failures(results: list[Any]) -> None:
    kinds = sorted({type(r).__name__ for r in results if isinstance(r, BaseException)})
    if kinds:  # Error types only: keys and bodies may identify a customer.
        logger.warning("outbox delivery failed, retrying later: %s", ", ".join(kinds))
