"""Answered requests in one SQLite file: the embedded twin of the `served_requests` table.

Feedback names either a `request_id` or a (contact, account) pair; the primary key answers
the first, the `(contact_id, account_number, served_seq)` index the second with one range
scan. Rows expire like the DynamoDB items (`expires_at`, whole epoch seconds); SQLite has no
TTL sweeper, so expired rows are deleted on open and every `purge_every` records.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from service.backends.protocols import DEFAULT_SERVED_TTL_S, ServedSummary, served_seq
from service.backends.sqlite_connection import SqliteConnection

_T = TypeVar("_T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS served_requests (
    request_id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL,
    account_number TEXT NOT NULL,
    served_seq TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS served_requests_by_contact
    ON served_requests (contact_id, account_number, served_seq);
CREATE INDEX IF NOT EXISTS served_requests_expires_at ON served_requests (expires_at);
"""


class SqliteServedLog:
    """`ServedLog` over a SQLite file in WAL mode, with a TTL and an injectable clock."""

    def __init__(
        self,
        path: Path | str,
        *,
        ttl_s: int = DEFAULT_SERVED_TTL_S,
        clock: Callable[[], float] = time.time,
        purge_every: int = 1000,
    ) -> None:
        """Open (and create if needed) the log, dropping rows already expired.

        Args:
            path: The SQLite file; its parent folder must exist.
            ttl_s: How long an answered request stays resolvable for feedback.
            clock: Epoch seconds; tests inject a fake to cross expiry without sleeping.
            purge_every: Delete expired rows after this many records (bounds the file size
                of a long-running process without a sweeper thread).
        """
        self._path = Path(path)
        self._ttl_s = ttl_s
        self._clock = clock
        self._purge_every = purge_every
        self._recorded = 0
        # Point lookups and single-row upserts take microseconds: inline (see sqlite_connection).
        self._db = SqliteConnection(self._path, self._setup, name="sqlite-served")
        self._conn = self._db.conn

    def _setup(self, conn: sqlite3.Connection) -> None:
        # Losing the last rows on power loss only makes feedback on them a 404; no fsync needed.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(_SCHEMA)
        conn.execute("DELETE FROM served_requests WHERE expires_at <= ?", (self._clock(),))

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await self._db.run(fn)

    async def record(self, served: ServedSummary) -> None:
        """See `ServedLog.record`; re-recording a request_id replaces the row."""
        now = self._clock()
        row = (
            served.request_id,
            served.contact_id,
            served.account_number,
            served_seq(served.served_at, now),
            math.ceil(now + self._ttl_s),
            json.dumps(dataclasses.asdict(served), separators=(",", ":")),
        )
        self._recorded += 1
        purge = self._recorded % self._purge_every == 0
        await self._run(partial(self._record_sync, row, now if purge else None))

    def _record_sync(self, row: tuple[str | int, ...], purge_before: float | None) -> None:
        self._conn.execute("INSERT OR REPLACE INTO served_requests VALUES (?, ?, ?, ?, ?, ?)", row)
        if purge_before is not None:
            self._conn.execute("DELETE FROM served_requests WHERE expires_at <= ?", (purge_before,))

    async def by_request_id(self, request_id: str) -> ServedSummary | None:
        """See `ServedLog.by_request_id`; expired rows are misses before deletion."""
        sql = "SELECT record FROM served_requests WHERE request_id = ? AND expires_at > ?"
        return await self._one(sql, (request_id, self._clock()))

    async def latest_for_contact(
        self, contact_id: str, account_number: str
    ) -> ServedSummary | None:
        """See `ServedLog.latest_for_contact`: newest `served_seq` first."""
        sql = (
            "SELECT record FROM served_requests"
            " WHERE contact_id = ? AND account_number = ? AND expires_at > ?"
            " ORDER BY served_seq DESC LIMIT 1"
        )
        return await self._one(sql, (contact_id, account_number, self._clock()))

    async def _one(self, sql: str, params: tuple[str | float, ...]) -> ServedSummary | None:
        row: tuple[str] | None = await self._run(lambda: self._conn.execute(sql, params).fetchone())
        return None if row is None else ServedSummary(**json.loads(row[0]))

    async def purge_expired(self) -> int:
        """Delete expired rows now; returns how many went."""
        sql = "DELETE FROM served_requests WHERE expires_at <= ?"
        return await self._run(lambda: self._conn.execute(sql, (self._clock(),)).rowcount)

    async def ping(self) -> None:
        """Raise if the file cannot be read."""
        await self._run(lambda: self._conn.execute("SELECT 1").fetchone())

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
