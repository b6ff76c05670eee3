"""Claiming batched outbox rows into objects, and loading the claimed objects that are due.

A claim is one write transaction: rows of one folder, in queue order, get the key of the
object they will be written to (`batch_key`). From then on the object's content is fixed:
every attempt, by this process or by the next one after a crash, writes the same rows under
the same key, and the rows are deleted only once that write succeeded. So a document ends
up as a row of exactly one object, however the writes fail.

Rules, per folder:
- All queued rows of one key go into the same batch; the newest of them is the row written.
- A row whose key is already claimed by an undelivered batch waits for that batch (its
  `next_attempt_at` follows the batch's), so an older document never overtakes a newer one.
- A key whose newest row is identical (same digest) to what the key last delivered is
  dropped: re-enqueuing a delivered document, as a client's retry does, writes nothing.
- A batch is claimed when it is full, when its oldest row has waited `batch_delay_s`
  (`next_attempt_at` was set to that moment at enqueue), or on a flush.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from service.backends.row_batches import batch_key, batch_object

# Unclaimed batched rows in queue order, with the digest their key last delivered and, if
# another row of the key is claimed and undelivered, when that batch is due next.
_CANDIDATES = (
    "SELECT o.id, o.key, o.folder, o.digest, o.next_attempt_at, d.digest,"
    " (SELECT max(c.next_attempt_at) FROM outbox c WHERE c.key = o.key"
    " AND c.batch_key IS NOT NULL)"
    " FROM outbox o LEFT JOIN outbox_delivered d ON d.key = o.key"
    " WHERE o.folder IS NOT NULL AND o.batch_key IS NULL ORDER BY o.id LIMIT ?"
)


@dataclass(frozen=True)
class Batch:
    """A claimed object: its key, and the newest row per document key, in queue order."""

    key: str
    keys: tuple[str, ...]
    bodies: tuple[str, ...]
    digests: tuple[str, ...]
    attempts: int

    def document(self) -> dict[str, Any]:
        """The object written for the batch: the same rows, in the same order, every time."""
        return batch_object([json.loads(body) for body in self.bodies])


@dataclass
class _Group:
    """The unclaimed rows of one document key."""

    ids: list[int]
    digest: str
    oldest_due: float
    delivered: str | None


def claim_batches(
    conn: sqlite3.Connection,
    *,
    now: float,
    writer: str,
    rows_per_object: int,
    max_objects: int,
    flush: bool,
) -> int:
    """Claim up to `max_objects` new batches (see the module docstring); returns how many."""
    conn.execute("BEGIN IMMEDIATE")  # the write lock first: two processes never claim a row twice
    try:
        claimed = _claim(conn, now, writer, rows_per_object, max_objects, flush)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return claimed


def _claim(
    conn: sqlite3.Connection,
    now: float,
    writer: str,
    rows_per_object: int,
    max_objects: int,
    flush: bool,
) -> int:
    folders: dict[str, dict[str, _Group]] = {}
    waiting: list[tuple[float, int]] = []
    for row_id, key, folder, digest, due, delivered, claimed_due in conn.execute(
        _CANDIDATES, (max_objects * rows_per_object,)
    ):
        if claimed_due is not None:
            waiting.append((claimed_due, row_id))
            continue
        group = folders.setdefault(folder, {}).get(key)
        if group is None:
            folders[folder][key] = _Group([row_id], digest, due, delivered)
        else:  # a newer row of the key supersedes the older ones
            group.ids.append(row_id)
            group.digest = digest
    dropped: list[tuple[int]] = []
    chunks: list[tuple[str, list[_Group]]] = []
    for folder, groups in folders.items():
        fresh = []
        for group in groups.values():
            if group.delivered == group.digest:
                dropped.extend((row_id,) for row_id in group.ids)
            else:
                fresh.append(group)
        for start in range(0, len(fresh), rows_per_object):
            chunk = fresh[start : start + rows_per_object]
            if flush or len(chunk) == rows_per_object or chunk[0].oldest_due <= now:
                chunks.append((folder, chunk))
    chunks.sort(key=lambda item: item[1][0].ids[0])  # oldest first
    claims: list[tuple[str, float, int]] = []
    for folder, chunk in chunks[:max_objects]:
        key = batch_key(folder, writer, chunk[0].ids[0])
        claims.extend((key, now, row_id) for group in chunk for row_id in group.ids)
    conn.executemany("UPDATE outbox SET next_attempt_at = ? WHERE id = ?", waiting)
    conn.executemany("DELETE FROM outbox WHERE id = ?", dropped)
    conn.executemany("UPDATE outbox SET batch_key = ?, next_attempt_at = ? WHERE id = ?", claims)
    return min(len(chunks), max_objects)


def due_batches(conn: sqlite3.Connection, *, now: float, limit: int) -> list[Batch]:
    """Up to `limit` claimed batches due now (new ones and retries), oldest first."""
    keys = conn.execute(
        "SELECT batch_key FROM outbox WHERE batch_key IS NOT NULL GROUP BY batch_key"
        " HAVING max(next_attempt_at) <= ? ORDER BY min(id) LIMIT ?",
        (now, limit),
    ).fetchall()
    batches = []
    for (key,) in keys:
        newest: dict[str, tuple[str, str]] = {}
        attempts = 0
        for row_key, body, digest, tries in conn.execute(
            "SELECT key, body, digest, attempts FROM outbox WHERE batch_key = ? ORDER BY id",
            (key,),
        ):
            newest[row_key] = (body, digest)  # keeps the key's first position, newest body
            attempts = max(attempts, tries)
        batches.append(
            Batch(
                key,
                tuple(newest),
                tuple(body for body, _ in newest.values()),
                tuple(digest for _, digest in newest.values()),
                attempts,
            )
        )
    return batches


def settle_batches(
    conn: sqlite3.Connection, outcomes: list[tuple[Batch, tuple[float, str] | None]], *, now: float
) -> None:
    """Delete the delivered batches' rows; reschedule the failed ones (`(retry at, error)`).

    A delivered batch also records what each of its keys delivered, so that an identical
    re-enqueue is dropped rather than sent again.
    """
    with conn:
        conn.execute("BEGIN")
        for batch, retry in outcomes:
            if retry is not None:
                conn.execute(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                    " last_error = ? WHERE batch_key = ?",
                    (*retry, batch.key),
                )
                continue
            conn.execute("DELETE FROM outbox WHERE batch_key = ?", (batch.key,))
            conn.executemany(
                "INSERT OR REPLACE INTO outbox_delivered VALUES (?, ?, ?)",
                [(key, digest, now) for key, digest in zip(batch.keys, batch.digests, strict=True)],
            )


def forget_delivered(conn: sqlite3.Connection, *, before: float) -> None:
    """Forget what keys delivered before `before` (the end of the dedup window)."""
    conn.execute("DELETE FROM outbox_delivered WHERE delivered_at < ?", (before,))
