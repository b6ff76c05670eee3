"""A durable local queue for blob writes that happen after the response has been sent.

`enqueue` commits the document to a SQLite file before it returns, so a processed record or a
feedback event survives a blob-store outage and a process restart. A background `run` loop
delivers it with exponential backoff. Delivery is at least once; keys are deterministic and
`BlobStore.put_json` is idempotent, so a redelivery rewrites identical content.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NamedTuple

from service.backends.protocols import BlobStore, validate_blob_key

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    body TEXT NOT NULL,
    enqueued_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, id);
"""


class DrainReport(NamedTuple):
    """Outcome of one delivery round: documents written, and documents left for a retry."""

    delivered: int
    failed: int


class Outbox:
    """Durable, at-least-once queue of `(key, JSON body)` writes to a `BlobStore`.

    Use one file per process. Two processes draining one file stay correct (writes are
    idempotent) but may deliver an item twice.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        synchronous: Literal["NORMAL", "FULL"] = "NORMAL",
        clock: Callable[[], float] = time.time,
        batch_size: int = 32,
        base_backoff_s: float = 0.5,
        max_backoff_s: float = 60.0,
        poll_interval_s: float = 1.0,
    ) -> None:
        """Open (and create if needed) the queue file; items left by a previous process stay due.

        Args:
            path: The SQLite file.
            synchronous: `NORMAL` (WAL without fsync per commit: survives a process crash,
                may lose the last commits on power loss) or `FULL` (fsync per commit).
                docs/backends.md has the measured cost of each.
            clock: Epoch seconds for retry scheduling; tests inject a fake.
            batch_size: Documents delivered concurrently per round.
            base_backoff_s: First retry delay; doubles per failed attempt of an item.
            max_backoff_s: Retry delay cap, so a long outage still retries regularly.
            poll_interval_s: Longest idle wait of `run` between rounds.
        """
        self._clock = clock
        self._batch_size = batch_size
        self._base_backoff_s = base_backoff_s
        self._max_backoff_s = max_backoff_s
        self._poll_interval_s = poll_interval_s
        # enqueue runs on the caller's thread, drain bookkeeping on the event loop: one lock
        # around one connection is cheaper than a connection per thread for sub-ms statements.
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(f"PRAGMA synchronous={synchronous}")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(_SCHEMA)
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def enqueue(self, key: str, body: dict[str, Any]) -> None:
        """Persist one write; it is durable (see `synchronous`) when this returns.

        Args:
            key: Deterministic blob key; a later item with the same key supersedes this one.
            body: JSON-serializable document.

        Raises:
            ValueError: For an invalid key. TypeError: For a body JSON cannot encode.
                Both fail here, in the request, rather than poisoning the queue.
        """
        data = json.dumps(body, separators=(",", ":"))
        now = self._clock()
        with self._lock:
            self._conn.execute(
                "INSERT INTO outbox (key, body, enqueued_at, next_attempt_at) VALUES (?, ?, ?, ?)",
                (validate_blob_key(key), data, now, now),
            )
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def pending_count(self) -> int:
        """Items not yet delivered, due or waiting for a retry."""
        with self._lock:
            (count,) = self._conn.execute("SELECT count(*) FROM outbox").fetchone()
        return int(count)

    async def drain_once(self, blob_store: BlobStore) -> DrainReport:
        """Deliver one batch of due items concurrently; failures are rescheduled with backoff.

        Args:
            blob_store: Destination of the documents.

        Returns:
            How many documents were delivered and how many failed this round.
        """
        with self._lock:
            rows: list[tuple[int, str, str, int]] = self._conn.execute(
                "SELECT id, key, body, attempts FROM outbox WHERE next_attempt_at <= ?"
                " ORDER BY id LIMIT ?",
                (self._clock(), self._batch_size),
            ).fetchall()
        if not rows:
            return DrainReport(delivered=0, failed=0)
        # Only the newest item per key is written; older ones of that key go with it.
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
        if retry:
            # Error types only: keys and bodies may identify a customer.
            kinds = sorted({type(r).__name__ for r in results if isinstance(r, BaseException)})
            logger.warning("outbox delivery failed, retrying later: %s", ", ".join(kinds))
        failed = sum(isinstance(r, BaseException) for r in results)
        return DrainReport(delivered=len(keys) - failed, failed=failed)

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
            shutdown_timeout_s: Bound on the final attempt; what is left stays in the file
                for the next process.
        """
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        stopping = asyncio.ensure_future(stop_event.wait())
        try:
            while not stop_event.is_set():
                self._wake.clear()
                timeout = self._poll_interval_s
                try:
                    report = await self.drain_once(blob_store)
                    if report.delivered == self._batch_size:
                        continue  # A full batch went through: more is probably due right now.
                    due_in = self._next_due_in()
                    timeout = timeout if due_in is None else min(due_in, timeout)
                except sqlite3.Error:  # A full or locked disk: wait a poll interval, not spin.
                    logger.exception("outbox bookkeeping failed")
                woken = asyncio.ensure_future(self._wake.wait())
                await asyncio.wait(
                    {stopping, woken}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                woken.cancel()
            await asyncio.wait_for(self.drain_once(blob_store), timeout=shutdown_timeout_s)
        except TimeoutError:
            logger.warning("outbox: %d item(s) left for the next process", self.pending_count())
        finally:
            stopping.cancel()
            self._loop = self._wake = None

    def close(self) -> None:
        """Close the queue file; undelivered items stay in it."""
        with self._lock:
            self._conn.close()
