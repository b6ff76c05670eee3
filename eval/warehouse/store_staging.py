"""Stage the changed partitions of any `BlobStore` (S3 in production) as JSON-array parts.

DuckDB's httpfs extension cannot be installed offline, and downloading through the protocol
keeps one code path for moto and S3. Keys are deterministic and documents immutable once
written, so a partition's signature is a digest of its sorted key list (and its key count);
partitions whose signature differs from the loaded one are downloaded with bounded
concurrency, batch objects unnested (`row_batches.rows_of`, both shapes), and written in
the layout of `eval.warehouse.staged`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path

from eval.warehouse.schema import Signatures, needs_load
from eval.warehouse.staged import (
    PREFIX,
    StagedPartition,
    StageReport,
    clear,
    part_name,
    part_pieces,
)
from service.backends.protocols import BlobStore
from service.backends.row_batches import rows_of

_FETCH_CONCURRENCY = 64
_PART = 20_000  # documents per part


async def stage_blob_store(
    store: BlobStore, staging: Path, source: str, *, loaded: Signatures | None = None
) -> StageReport:
    """Stage one source of `store`: every partition whose signature differs from `loaded`.

    Args:
        store: Any `BlobStore`.
        staging: Staging root; `<staging>/<source>/` is emptied and rewritten.
        source: One of `eval.warehouse.staged.SOURCES`.
        loaded: Signatures the warehouse holds; None stages every partition.
    """
    out = clear(staging, source)
    by_partition: dict[str, list[str]] = {}
    for key in await store.list_keys(f"{PREFIX}/{source}/dt="):
        parts = key.split("/")
        if len(parts) == 4 and key.endswith(".json"):
            by_partition.setdefault(parts[2], []).append(key)
    limit = asyncio.Semaphore(_FETCH_CONCURRENCY)

    async def fetch(key: str) -> list[bytes]:
        async with limit:
            body = await store.get_json(key)
        if body is None:  # deleted between the listing and the download
            return []
        return [
            json.dumps(row, separators=(",", ":"), ensure_ascii=False).encode()
            for row in rows_of(body)
        ]

    signatures: dict[str, str] = {}
    staged: list[StagedPartition] = []
    for partition, keys in sorted(by_partition.items()):
        keys.sort()
        digest = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]
        signatures[partition] = f"{digest}:{len(keys)}"
        if not needs_load(loaded, source, partition, signatures[partition]):
            continue
        fetched = await asyncio.gather(*(fetch(key) for key in keys))
        docs = [doc for rows in fetched for doc in rows]
        target = out / partition
        target.mkdir()
        files = []
        for index, start in enumerate(range(0, len(docs), _PART)):
            files.append(target / part_name(index))
            files[-1].write_bytes(b"".join(part_pieces(docs[start : start + _PART])))
        staged.append(StagedPartition(source, partition, signatures[partition], tuple(files)))
    return StageReport(source, signatures, tuple(staged))
