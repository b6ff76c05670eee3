"""SummaryCache in one SQLite file: same semantics as the DynamoDB table, across processes too.

Lease and entry share one row per process id, like the DynamoDB item, and every state change
is a single conditional statement, which SQLite serializes across all processes sharing the
file. That is what makes the lease a cross-process single-flight, not just an in-process one.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from service.backends.protocols import DEFAULT_SUMMARY_TTL_S, CachedEntry
from service.backends.sqlite_connection import SqliteConnection

_T = TypeVar("_T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS summary_cache (
    unique_process_id TEXT PRIMARY KEY,
    payload TEXT,
    created_at REAL,
    expires_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until REAL
);
CREATE INDEX IF NOT EXISTS summary_cache_expires_at ON summary_cache (expires_at);
"""

# Insert a lease-only row, or take over a row whose entry is absent or expired and whose lease
# is absent, expired or already ours. An expired payload is dropped so it cannot resurface.
_TRY_LEASE = """
INSERT INTO summary_cache (unique_process_id, expires_at, lease_owner, lease_until)
VALUES (:pid, :expires_at, :owner, :until)
ON CONFLICT (unique_process_id) DO UPDATE SET
    payload = NULL, created_at = NULL, expires_at = excluded.expires_at,
    lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
WHERE (summary_cache.payload IS NULL OR summary_cache.expires_at <= :now)
  AND (summary_cache.lease_until IS NULL OR summary_cache.lease_until <= :now
       OR summary_cache.lease_owner = :owner)
"""


class SqliteSummaryCache:
    """`SummaryCache` over a SQLite file in WAL mode, with an injectable clock."""

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time) -> None:
        """Open (and create if needed) the cache, dropping rows already expired.

        Args:
            path: The SQLite file; processes sharing it share entries and leases.
            clock: Epoch seconds; tests inject a fake to cross expiry without sleeping.
        """
        self._path = Path(path)
        self._clock = clock
        self._db = SqliteConnection(self._path, self._setup, name="sqlite-cache")
        self._conn = self._db.conn

    def _setup(self, conn: sqlite3.Connection) -> None:
        # A cache may lose its last writes on power loss; it cannot be corrupted by it.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(_SCHEMA)
        conn.execute("DELETE FROM summary_cache WHERE expires_at <= ?", (self._clock(),))

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await self._db.run(fn)

    async def get(self, process_id: str) -> CachedEntry | None:
        """See `SummaryCache.get`."""
        row = await self._run(partial(self._get_sync, process_id, self._clock()))
        if row is None:
            return None
        payload, created_at, expires_at = row
        return CachedEntry(process_id, json.loads(payload), created_at, expires_at)

    def _get_sync(self, process_id: str, now: float) -> tuple[str, float, int] | None:
        row: tuple[str, float, int] | None = self._conn.execute(
            "SELECT payload, created_at, expires_at FROM summary_cache"
            " WHERE unique_process_id = ? AND payload IS NOT NULL AND expires_at > ?",
            (process_id, now),
        ).fetchone()
        return row

    async def put(
        self, process_id: str, payload: dict[str, Any], *, ttl_s: int = DEFAULT_SUMMARY_TTL_S
    ) -> None:
        """See `SummaryCache.put`."""
        now = self._clock()
        body = json.dumps(payload, separators=(",", ":"))
        # Whole seconds, like the DynamoDB TTL attribute, so both backends expire alike.
        expires_at = math.ceil(now + ttl_s)
        await self._run(
            partial(
                self._conn.execute,
                "INSERT OR REPLACE INTO summary_cache"
                " (unique_process_id, payload, created_at, expires_at) VALUES (?, ?, ?, ?)",
                (process_id, body, now, expires_at),
            )
        )

    async def try_lease(self, process_id: str, owner: str, lease_s: float) -> bool:
        """See `SummaryCache.try_lease`."""
        now = self._clock()
        params = {
            "pid": process_id,
            "owner": owner,
            "now": now,
            "until": now + lease_s,
            "expires_at": math.ceil(now + lease_s),
        }
        return await self._run(partial(self._changed, _TRY_LEASE, params))

    async def release(self, process_id: str, owner: str) -> None:
        """See `SummaryCache.release`."""
        params = {"pid": process_id, "owner": owner}
        await self._run(
            partial(
                self._changed,
                "UPDATE summary_cache SET lease_owner = NULL, lease_until = NULL"
                " WHERE unique_process_id = :pid AND lease_owner = :owner",
                params,
            )
        )

    def _changed(self, sql: str, params: dict[str, Any]) -> bool:
        return self._conn.execute(sql, params).rowcount == 1

    async def purge_expired(self) -> int:
        """Delete expired rows (SQLite has no TTL sweeper); returns how many went."""
        sql = "DELETE FROM summary_cache WHERE expires_at <= ?"
        return await self._run(lambda: self._conn.execute(sql, (self._clock(),)).rowcount)

    async def ping(self) -> None:
        """See `SummaryCache.ping`."""
        await self._run(lambda: self._conn.execute("SELECT 1").fetchone())

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
