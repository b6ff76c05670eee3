"""Interaction history in one SQLite file: the embedded twin of the DynamoDB UCDP table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from service.backends.protocols import (
    InteractionQueryResult,
    format_ts,
    interaction_seq,
    mask_account_number,
    window_bounds,
)
from service.backends.sqlite_connection import SqliteConnection
from service.models import Interaction, SummaryOptions

_T = TypeVar("_T")

# The primary key doubles as the (account_number, ts) index; WITHOUT ROWID clusters each
# account's history by time, so a window query is one contiguous index range.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS interactions (
    account_number TEXT NOT NULL,
    ts TEXT NOT NULL,
    channel TEXT NOT NULL,
    seq TEXT NOT NULL,
    intent TEXT NOT NULL,
    notes TEXT NOT NULL,
    outcome TEXT NOT NULL,
    sentiment TEXT,
    PRIMARY KEY (account_number, ts, channel, seq)
) WITHOUT ROWID
"""
_COLUMNS = "ts, channel, intent, notes, outcome, sentiment"


class SqliteInteractionStore:
    """`InteractionStore` over a single SQLite file in WAL mode.

    Queries are index range scans of tens of microseconds, run inline on the caller's
    thread (see `sqlite_connection`).
    """

    def __init__(self, path: Path | str) -> None:
        """Open (and create if needed) the database.

        Args:
            path: The SQLite file; its parent folder must exist.
        """
        self._path = Path(path)
        self._db = SqliteConnection(self._path, self._setup, name="sqlite-interactions")
        self._conn = self._db.conn

    def _setup(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            "PRAGMA synchronous=NORMAL"
        )  # Seeded history, re-loadable: no fsync per commit.
        conn.execute(_SCHEMA)

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await self._db.run(fn)

    async def query(self, account_number: str, options: SummaryOptions) -> InteractionQueryResult:
        """See `InteractionStore.query`."""
        start, end = window_bounds(options)
        sql = f"SELECT {_COLUMNS} FROM interactions WHERE account_number = ? AND ts BETWEEN ? AND ?"
        params: list[str | int] = [account_number, start, end]
        channels = sorted(set(options.channel_filter or ()))
        if channels:
            sql += f" AND channel IN ({', '.join('?' * len(channels))})"
            params.extend(channels)
        # Tie order (channel, seq descending) matches DynamoDB's descending sort key.
        sql += " ORDER BY ts DESC, channel DESC, seq DESC LIMIT ?"
        params.append(options.max_interactions)
        rows = await self._run(partial(self._fetch, sql, params))
        fields = ("timestamp", "channel", "intent", "notes", "outcome", "sentiment")
        interactions = tuple(
            Interaction.model_validate(dict(zip(fields, row, strict=True))) for row in rows
        )
        description = (
            f"sqlite interactions WHERE account_number = '{mask_account_number(account_number)}'"
            f" AND ts BETWEEN '{start}' AND '{end}'"
            + (f" AND channel IN ({', '.join(channels)})" if channels else "")
            + f" ORDER BY ts DESC LIMIT {options.max_interactions}"
        )
        return InteractionQueryResult(interactions, description, items_read=len(rows))

    def _fetch(self, sql: str, params: list[str | int]) -> list[tuple[str, ...]]:
        return self._conn.execute(sql, params).fetchall()

    async def put_many(self, account_number: str, interactions: Sequence[Interaction]) -> None:
        """See `InteractionStore.put_many`."""
        rows = [
            (
                account_number,
                format_ts(item.timestamp),
                item.channel,
                interaction_seq(item),
                item.intent,
                item.notes,
                item.outcome,
                item.sentiment,
            )
            for item in interactions
        ]
        await self._run(partial(self._write, rows))

    def _write(self, rows: Sequence[Sequence[str | None]]) -> None:
        with self._conn:  # One transaction for the batch.
            self._conn.execute("BEGIN")
            self._conn.executemany(
                "INSERT OR REPLACE INTO interactions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
            )

    async def ping(self) -> None:
        """See `InteractionStore.ping`."""
        await self._run(lambda: self._conn.execute("SELECT 1").fetchone())

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
