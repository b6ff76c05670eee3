"""The batch object format: many documents of one folder as one blob, `{"rows": [...]}`.

Processed records and feedback events are delivered by the outbox as batches (one object per
partition folder and up to a few hundred documents, `<folder>/rows-<writer>-<first id>.json`),
and request-log rows are buffered into the same shape by `service.request_records`. Objects
written before batching hold one document each, so every reader goes through `rows_of`, which
accepts both shapes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from service.backends.protocols import BlobStore

ROWS = "rows"
_BATCH_NAME = re.compile(r"rows-[0-9a-z]+-\d+\.json")


def batch_key(folder: str, writer: str, first_id: int) -> str:
    """`<folder>/rows-<writer>-<first id>.json`: unique per writer and batch.

    `writer` is random per outbox instance (replicas share a bucket) and `first_id` is the
    first queue row of the batch, never reused within one queue file. No per-document key
    takes this form: a processed record's name ends in `-<8 hex>.json`, a feedback event's is
    `fb-<hex>.json`.
    """
    name = f"rows-{writer}-{first_id:012d}.json"
    return f"{folder}/{name}" if folder else name


def is_batch_key(key: str) -> bool:
    """Whether `key` names a batch object written by the outbox."""
    return _BATCH_NAME.fullmatch(key.rsplit("/", 1)[-1]) is not None


def batch_object(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The object stored for a batch of documents, in delivery order."""
    return {ROWS: rows}


def rows_of(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The documents one stored object holds: the rows of a batch, or the object itself.

    No document of any stream has a top-level `rows` list, so the shapes cannot be confused.
    """
    rows = document.get(ROWS)
    if isinstance(rows, list):
        return [dict(row) for row in rows]
    return [dict(document)]


async def stored_objects(store: BlobStore, prefix: str) -> dict[str, list[dict[str, Any]]]:
    """The documents of every object stored under `prefix`, by object key, in key order.

    For tests, tools and small stores: it reads every object (the warehouse ETL stages
    partitions in bulk instead).
    """
    objects: dict[str, list[dict[str, Any]]] = {}
    for key in await store.list_keys(prefix):
        document = await store.get_json(key)
        if document is not None:  # deleted between the listing and the read
            objects[key] = rows_of(document)
    return objects


async def stored_rows(store: BlobStore, prefix: str) -> list[dict[str, Any]]:
    """Every document stored under `prefix`, batches unnested, in key order."""
    return [row for rows in (await stored_objects(store, prefix)).values() for row in rows]
