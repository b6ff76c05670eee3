"""The eval cache: model outputs and judge answers, in one SQLite file (git-ignored).

Outputs are keyed by prompt content hash (which covers the model config) + sample content +
trial; judge answers by judge config + rubric + scorer version + sample + trial + output.
Re-running an unchanged pair therefore costs nothing, and any change misses the cache.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, key)
)
"""


def cache_key(*parts: str | int) -> str:
    """sha256 over the parts, unambiguously joined."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()


class EvalCache:
    """A small key-value store with namespaces: `output`, `judge`, `score`."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # Matrix workers write the same file from several processes (WAL: readers never
        # wait; a writer waits for another's one-row commit, well within the timeout).
        self._conn = sqlite3.connect(
            path, timeout=30.0, check_same_thread=False, isolation_level=None
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        # A cache may lose its last answers to a power cut (they are asked again), never to
        # a crash of this process; so commits need not wait for the disk (SQLite's advice
        # for WAL). Waiting made each judge answer written cost a disk flush.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(_SCHEMA)

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put(self, kind: str, key: str, value: dict[str, Any]) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)",
                (kind, key, json.dumps(value, ensure_ascii=False)),
            )

    def judge_view(self) -> JudgeCacheView:
        """The judge namespace, in the shape the judge scorer expects."""
        return JudgeCacheView(self)

    def close(self) -> None:
        self._conn.close()


class JudgeCacheView:
    """`JudgeCache` protocol over the `judge` namespace."""

    def __init__(self, cache: EvalCache) -> None:
        self._cache = cache

    def get(self, key: str) -> dict[str, Any] | None:
        return self._cache.get("judge", key)

    def put(self, key: str, value: dict[str, Any]) -> None:
        self._cache.put("judge", key, value)
