"""The outbox file's schema and its migrations (`PRAGMA user_version` counts them).

Version 1 is the original queue: one row per document, delivered as one object each.
Version 2 adds delivery in batches: `folder` marks a row that is delivered as a row of a
`{"rows": [...]}` object of its key's folder, `batch_key` is the object it was claimed for
(set before the object is written, so a retry rewrites the same object), `digest` identifies
its body, and `outbox_delivered` remembers what each batched key last delivered, so a
re-enqueue of an identical document (a client's retry) does not add a second row.
A file written by an older version is migrated in place when it is opened; its queued rows
have no `folder` and are delivered as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Literal

_VERSION_1 = """
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


def _create_queue(conn: sqlite3.Connection) -> None:
    """Version 1, which a file from before `user_version` was used already has."""
    for statement in _VERSION_1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _add_row_batches(conn: sqlite3.Connection) -> None:
    """Version 2: batched delivery (see the module docstring)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(outbox)")}
    for column in ("folder", "digest", "batch_key"):
        if column not in columns:
            conn.execute(f"ALTER TABLE outbox ADD COLUMN {column} TEXT")
    # Partial indexes: an enqueue pays for one of the first two, a claim for the last two.
    conn.execute("CREATE INDEX IF NOT EXISTS outbox_single ON outbox (id) WHERE folder IS NULL")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS outbox_unclaimed ON outbox (id)"
        " WHERE folder IS NOT NULL AND batch_key IS NULL"
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS outbox_batch ON outbox (batch_key, id)"
        " WHERE batch_key IS NOT NULL"
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS outbox_claimed_key ON outbox (key) WHERE batch_key IS NOT NULL"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS outbox_delivered (key TEXT PRIMARY KEY,"
        " digest TEXT NOT NULL, delivered_at REAL NOT NULL) WITHOUT ROWID"
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS outbox_delivered_at ON outbox_delivered (delivered_at)"
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_queue, _add_row_batches)
"""Migration `i` brings a file from `user_version` i to i + 1. Append, never edit."""


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations a file lacks, each in its own write transaction.

    `BEGIN IMMEDIATE` takes the write lock before the version is read, so two processes
    opening one old file migrate it once.
    """
    for version, migration in enumerate(MIGRATIONS):
        conn.execute("BEGIN IMMEDIATE")
        try:
            (current,) = conn.execute("PRAGMA user_version").fetchone()
            if current <= version:
                migration(conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def open_queue(path: Path | str, synchronous: Literal["NORMAL", "FULL"]) -> sqlite3.Connection:
    """A WAL connection to the queue file, created or migrated to the current version."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA busy_timeout=5000")
    migrate(conn)
    return conn
