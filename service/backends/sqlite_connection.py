"""The one SQLite connection of an embedded store, and where its statements run.

Inline (the default): on the caller's thread, which in the service is the event loop's.
The statements of the cache, the served log and the interaction store are point lookups,
short index range scans and single-row writes in WAL mode without an fsync per commit
(5–100 µs), cheaper than a hand-off to a thread (about 30 µs of CPU alone). Under load the
hand-offs were much worse than their CPU: each one needs the GIL back from the busy event
loop, and a one-thread queue of them turns into a GIL convoy. Measured with
`bench/service_overhead.py` (200 clients, 2 workers), moving these stores from a dedicated
thread to inline took the service's own overhead from p50 150 ms / p99 > 500 ms to
p50 1 ms / p99 21 ms. The price: a write that finds another process holding the write lock
waits on the loop (bounded by `busy_timeout`; transactions here last microseconds).

Threaded: for a store whose commits fsync (the feedback store, `synchronous=FULL`), so the
loop never waits on the disk. Either way one lock serializes use of the connection, so a
store shared by several threads (tests do this) stays correct.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")


class SqliteConnection:
    """A WAL-mode connection with a busy timeout, run inline or on one dedicated thread."""

    def __init__(
        self,
        path: Path | str,
        setup: Callable[[sqlite3.Connection], None],
        *,
        threaded: bool = False,
        name: str = "sqlite",
    ) -> None:
        """Open (and create if needed) the file, then let `setup` add pragmas and schema.

        Args:
            path: The SQLite file; its parent folder must exist.
            setup: Runs once on the new connection (synchronous mode, tables, purges).
            threaded: Run statements on a dedicated thread instead of the caller's.
            name: Thread name prefix when threaded.
        """
        self._lock = threading.Lock()
        self._executor = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=name) if threaded else None
        )
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA busy_timeout=5000")  # Other processes may hold the write lock.
        setup(self.conn)

    def _locked(self, fn: Callable[[], _T]) -> _T:
        with self._lock:
            return fn()

    async def run(self, fn: Callable[[], _T]) -> _T:
        """Run `fn` (statements on `conn`) under the connection's lock."""
        if self._executor is None:
            return self._locked(fn)
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._locked, fn)

    def close(self) -> None:
        """Close the connection (and stop the thread when threaded)."""
        with self._lock:
            self.conn.close()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
