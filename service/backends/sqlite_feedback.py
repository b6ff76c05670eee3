"""Feedback history in one SQLite file: the embedded twin of the DynamoDB `feedback` table.

Rows are keyed like the DynamoDB items, `(request_id, <received_ts>#<feedback_id>)`, and
`feedback_id` is UNIQUE: `INSERT OR IGNORE` is the conditional put, one statement that SQLite
serializes across every process sharing the file, so a retried submission is a duplicate
even when two replicas receive it at the same instant.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from service.backends.protocols import FeedbackPut, FeedbackRecord
from service.backends.sqlite_connection import SqliteConnection

_T = TypeVar("_T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    request_id TEXT NOT NULL,
    sk TEXT NOT NULL,
    feedback_id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    PRIMARY KEY (request_id, sk)
) WITHOUT ROWID
"""


def _decode(text: str) -> FeedbackRecord:
    return FeedbackRecord(**json.loads(text))


class SqliteFeedbackStore:
    """`FeedbackStore` over a SQLite file in WAL mode with `synchronous=FULL`."""

    def __init__(self, path: Path | str) -> None:
        """Open (and create if needed) the store.

        Args:
            path: The SQLite file; its parent folder must exist.
        """
        self._path = Path(path)
        # Threaded, unlike the other SQLite stores: every commit fsyncs (see sqlite_connection).
        self._db = SqliteConnection(self._path, self._setup, threaded=True, name="sqlite-feedback")
        self._conn = self._db.conn

    def _setup(self, conn: sqlite3.Connection) -> None:
        # Feedback is acknowledged to the agent's client, so it must survive a power loss too;
        # it arrives at a few per second at most, and FULL costs about 0.3 ms per commit.
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(_SCHEMA)

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await self._db.run(fn)

    async def put(self, record: FeedbackRecord) -> FeedbackPut:
        """See `FeedbackStore.put`."""
        body = json.dumps(dataclasses.asdict(record), separators=(",", ":"))
        return await self._run(partial(self._put_sync, record, body))

    def _put_sync(self, record: FeedbackRecord, body: str) -> FeedbackPut:
        inserted = self._conn.execute(
            "INSERT OR IGNORE INTO feedback (request_id, sk, feedback_id, record)"
            " VALUES (?, ?, ?, ?)",
            (record.request_id, record.history_key, record.feedback_id, body),
        ).rowcount
        if inserted == 1:
            return FeedbackPut("stored", record)
        (original,) = self._conn.execute(
            "SELECT record FROM feedback WHERE feedback_id = ?", (record.feedback_id,)
        ).fetchone()
        return FeedbackPut("duplicate", _decode(original))

    async def history(self, request_id: str) -> list[FeedbackRecord]:
        """See `FeedbackStore.history`."""
        sql = "SELECT record FROM feedback WHERE request_id = ? ORDER BY sk"
        rows: list[tuple[str]] = await self._run(
            lambda: self._conn.execute(sql, (request_id,)).fetchall()
        )
        return [_decode(text) for (text,) in rows]

    async def latest(self, request_id: str) -> FeedbackRecord | None:
        """See `FeedbackStore.latest`."""
        sql = "SELECT record FROM feedback WHERE request_id = ? ORDER BY sk DESC LIMIT 1"
        row: tuple[str] | None = await self._run(
            lambda: self._conn.execute(sql, (request_id,)).fetchone()
        )
        return None if row is None else _decode(row[0])

    async def ping(self) -> None:
        """See `FeedbackStore.ping`."""
        await self._run(lambda: self._conn.execute("SELECT 1").fetchone())

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
