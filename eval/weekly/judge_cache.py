"""A judge cache whose writes wait until the judge is done, then go to a background thread.

The eval cache commits every answer on its own (SQLite in WAL mode, one transaction per put:
500 puts take ~0.12 s alone). Written directly, or by a thread while the judge runs (whose
puts then hold the cache's lock when the judge's next `get` comes), they made 500 local
judge calls ~0.2 s slower (1.17-1.37 s against 0.98-1.02 s, runs alternated). So answers
are kept in memory until `write_behind` starts one writer thread, once the judge is done,
which then overlaps the rest of the report (the writes release the GIL while on disk).
Leaving the context waits for every write: when the report returns, the cache holds
exactly what direct puts would have left in it.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from eval.scorers.deps import JudgeCache


class DeferredWrites:
    """`JudgeCache` over another one, its puts written later; use as a context manager."""

    def __init__(self, cache: JudgeCache) -> None:
        """Wrap `cache`; nothing is written to it before `write_behind`."""
        self._cache = cache
        self._pending: dict[str, dict[str, Any]] = {}
        self._writer: threading.Thread | None = None
        self._error: BaseException | None = None

    def __enter__(self) -> DeferredWrites:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.write_behind()  # an answer stays valid even if the report failed later
        if self._writer is not None:
            self._writer.join()
        if self._error is not None and error is None:
            raise self._error

    def get(self, key: str) -> dict[str, Any] | None:
        """The answer put in this context, else the wrapped cache's."""
        value = self._pending.get(key)
        return value if value is not None else self._cache.get(key)

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Keep `value` until `write_behind`."""
        if self._writer is not None:
            raise RuntimeError("the judge cache is being written: no more answers")
        self._pending[key] = value

    def write_behind(self) -> None:
        """Start writing the kept answers, in put order, from a thread (once)."""
        if self._writer is None:
            self._writer = threading.Thread(target=self._write, name="judge-cache-writer")
            self._writer.start()

    def _write(self) -> None:
        try:
            for key, value in self._pending.items():
                self._cache.put(key, value)
        except BaseException as exc:  # noqa: BLE001 - re-raised on exit, in the caller's thread
            self._error = exc
