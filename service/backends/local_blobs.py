"""JSON documents in a local folder: the embedded twin of `S3BlobStore`."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from service.backends.protocols import validate_blob_key, validate_blob_prefix

_T = TypeVar("_T")
_TMP_PREFIX = ".tmp-"


def encode_json(body: dict[str, Any]) -> bytes:
    """Canonical bytes (sorted keys, compact), so re-putting a document rewrites identical bytes."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class LocalBlobStore:
    """`BlobStore` over a folder; a key `a/b/c.json` is the file `<root>/a/b/c.json`."""

    def __init__(
        self, root: Path | str, *, fsync: bool = True, executor: Executor | None = None
    ) -> None:
        """Wire the store; the root folder is created on first write.

        Args:
            root: Folder that plays the bucket.
            fsync: Flush each document to disk before it becomes visible; writes come from
                the outbox, off the request path, so durability is worth the milliseconds.
            executor: Where blocking file I/O runs; None uses the event loop's default.
        """
        self._root = Path(root)
        self._fsync = fsync
        self._executor = executor

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def put_json(self, key: str, body: dict[str, Any]) -> None:
        """See `BlobStore.put_json`; readers see the old or the new file, never a partial one."""
        path = self._root / validate_blob_key(key)
        await self._run(partial(self._write, path, encode_json(body)))

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The temporary file sits in the target folder so os.replace stays a same-volume rename.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if self._fsync:
                    handle.flush()
                    os.fsync(handle.fileno())
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    async def get_json(self, key: str) -> dict[str, Any] | None:
        """See `BlobStore.get_json`."""
        path = self._root / validate_blob_key(key)
        data = await self._run(partial(_read_or_none, path))
        if data is None:
            return None
        body: dict[str, Any] = json.loads(data)
        return body

    async def list_keys(self, prefix: str) -> list[str]:
        """See `BlobStore.list_keys`; the prefix need not end at a folder boundary."""
        return await self._run(partial(self._list, validate_blob_prefix(prefix)))

    def _list(self, prefix: str) -> list[str]:
        # Walk only below the deepest folder the prefix names, then match it as a string.
        base = self._root / prefix.rsplit("/", 1)[0] if "/" in prefix else self._root
        if not base.is_dir():
            return []
        keys = []
        for folder, _, files in os.walk(base):
            for name in files:
                if name.startswith(_TMP_PREFIX):
                    continue
                key = Path(folder, name).relative_to(self._root).as_posix()
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)

    async def ping(self) -> None:
        """See `BlobStore.ping`: the root must exist (or be creatable) and be writable."""

        def check() -> None:
            self._root.mkdir(parents=True, exist_ok=True)
            if not os.access(self._root, os.W_OK):
                raise PermissionError(f"blob root not writable: {self._root}")

        await self._run(check)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
