"""JSON documents in S3 under a bucket and key prefix: the production `BlobStore`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from service.backends.local_blobs import encode_json
from service.backends.protocols import validate_blob_key, validate_blob_prefix

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client

_T = TypeVar("_T")


class S3BlobStore:
    """`BlobStore` over S3; a key `k` is the object `<prefix><k>` in `bucket`.

    PutObject is atomic and last-writer-wins, and callers build deterministic keys, so
    retried writes (the outbox delivers at least once) overwrite with identical bytes.
    """

    def __init__(
        self,
        client: S3Client,
        *,
        bucket: str,
        prefix: str = "",
        executor: Executor | None = None,
    ) -> None:
        """Wire the store; no network I/O happens here.

        Args:
            client: boto3 S3 client (thread-safe).
            bucket: Target bucket.
            prefix: Prepended to every key, e.g. `"staging/"`; empty for the bucket root.
            executor: Where blocking boto3 calls run; None uses the event loop's default.
        """
        if prefix and not prefix.endswith("/"):
            raise ValueError(f"S3 prefix must end with '/': {prefix!r}")
        self._client = client
        self._bucket = bucket
        self._prefix = prefix
        self._executor = executor

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def put_json(self, key: str, body: dict[str, Any]) -> None:
        """See `BlobStore.put_json`."""
        await self._run(
            partial(
                self._client.put_object,
                Bucket=self._bucket,
                Key=self._prefix + validate_blob_key(key),
                Body=encode_json(body),
                ContentType="application/json",
            )
        )

    async def get_json(self, key: str) -> dict[str, Any] | None:
        """See `BlobStore.get_json`."""

        object_key = self._prefix + validate_blob_key(key)

        def fetch() -> bytes | None:
            try:
                response = self._client.get_object(Bucket=self._bucket, Key=object_key)
            except self._client.exceptions.NoSuchKey:
                return None
            return response["Body"].read()

        data = await self._run(fetch)
        if data is None:
            return None
        body: dict[str, Any] = json.loads(data)
        return body

    async def list_keys(self, prefix: str) -> list[str]:
        """See `BlobStore.list_keys`."""
        full_prefix = self._prefix + validate_blob_prefix(prefix)

        def collect() -> list[str]:
            keys: list[str] = []
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self._bucket, Prefix=full_prefix
            )
            for page in pages:
                keys.extend(obj["Key"][len(self._prefix) :] for obj in page.get("Contents", []))
            return sorted(keys)

        return await self._run(collect)

    async def ping(self) -> None:
        """See `BlobStore.ping`: HeadBucket checks reachability and permissions."""
        await self._run(partial(self._client.head_bucket, Bucket=self._bucket))
