"""List a local blob store and hand its changed partitions to the loader (`staged`).

A partition is changed when its listing signature (directory mtime and object count)
differs from the one loaded into the warehouse: every write is a rename into the folder,
which bumps its mtime. A folder whose mtime equals the loaded one and was listed well after
that mtime is not even listed again.

A changed partition of up to `_IN_PLACE` objects (batches of 500 rows, what the service
writes, or a few single documents) is not copied: its objects are handed over as they lie,
and DuckDB reads them whole (`readers.objects_reader`). More objects than that are single
documents from a store written before batching, where a file's open and read cost more than
its parsing (DuckDB's glob reader spends ~0.4 ms a file, `read_text` ~25 µs): those are cut
into chunks of names (`eval.warehouse.parts`), and one worker process per core reads a chunk
(syscall-bound, so processes, not threads) and writes it as one part, the documents joined,
straight into the staging folder. Chunks are submitted while later partitions are still being
listed, and `completed` hands each part to the loader as soon as it is written, so DuckDB
parses while the workers read on. S3 is staged by `eval.warehouse.store_staging`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from eval.warehouse.parts import cut, read_part
from eval.warehouse.schema import Signatures, needs_load
from eval.warehouse.staged import (
    PREFIX,
    SOURCES,
    StagedPartition,
    clear,
    cpu_count,
    part_name,
)
from eval.warehouse.store_staging import stage_blob_store

__all__ = ["SOURCES", "FolderStager", "read_part", "stage_blob_store"]

# A partition of at most this many objects (batches of 500 rows, as the service writes them,
# or a few single documents) is read in place by DuckDB (`readers.objects_reader`), about
# 25 µs a file; more objects than this are single documents from before batching, which
# worker processes read faster, a few syscalls a file, into staged parts.
_IN_PLACE = 20_000
_INLINE_BYTES = 4 << 20  # a partition this small is staged in this process, no pool needed
_INLINE_COUNT = 2_000  # the same, for a partition cut by count (bytes not measured)
_AHEAD = 8  # parts staged ahead of the loader (~190 MB of page cache in flight)
_SETTLED_NS = 2_000_000_000
LISTED = "listed.json"  # source -> partition -> when its folder was last listed (ns)


class FolderStager:
    """Lists a local blob store and stages its changed partitions through a worker pool.

    Use as a context manager: on exit the pool stops and the staged parts are deleted.
    """

    def __init__(self, staging: Path, *, workers: int | None = None) -> None:
        """Stage under `staging` with `workers` processes (default: one per usable core)."""
        self._staging = staging
        self._workers = cpu_count() if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        # Partitions in submission order, each with its chunk futures (filled by `_fill`).
        self._queue: list[tuple[StagedPartition, int, list[Future[int]]]] = []
        # Chunks not submitted: (partition index, folder, names, their sizes, part)
        self._backlog: deque[tuple[int, str, list[str], list[int] | None, str]] = deque()
        self._ahead = 0  # parts submitted and not yet handed to the consumer
        self._sources: set[str] = set()
        self._by_count = False  # a partition of single documents (too many to size) staged
        self._listed: Signatures = {}  # source -> partition -> when it was listed (ns)

    def __enter__(self) -> FolderStager:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        for source in self._sources:  # scratch: the warehouse now holds what was staged
            shutil.rmtree(self._staging / source, ignore_errors=True)

    def scan(
        self, blob_root: Path, sources: Iterable[str], loaded: Signatures | None
    ) -> Signatures:
        """Signatures of every partition of `sources`; changed ones are submitted for staging.

        Partitions are submitted in the order of `sources`, and `completed` yields them so.
        """
        listed_file = self._staging / LISTED
        try:
            listed: Signatures = {} if loaded is None else json.loads(listed_file.read_text())
        except (FileNotFoundError, ValueError):
            listed = {}
        present: Signatures = {}
        for source in sources:
            self._sources.add(source)
            out = clear(self._staging, source)
            present[source] = self._list_source(blob_root, source, out, loaded, listed)
        self._listed = listed
        return present

    def save_listing(self) -> None:
        """Remember when each folder was listed; call once what was listed is loaded.

        A listing time lets a later run skip a settled folder whose loaded signature it
        matches, so it must not outlive a load that failed.
        """
        self._staging.mkdir(parents=True, exist_ok=True)
        (self._staging / LISTED).write_text(json.dumps(self._listed, sort_keys=True))

    def _list_source(
        self, blob_root: Path, source: str, out: Path, loaded: Signatures | None, listed: Signatures
    ) -> dict[str, str]:
        base = blob_root / PREFIX / source
        found = os.listdir(base) if base.is_dir() else []  # noqa: PTH208 - names, not Paths
        signatures: dict[str, str] = {}
        times = listed.setdefault(source, {})
        for gone in set(times) - set(found):
            del times[gone]
        for partition in sorted(p for p in found if p.startswith("dt=")):
            folder = base / partition
            mtime, now = folder.stat().st_mtime_ns, time.time_ns()
            known = (loaded or {}).get(source, {}).get(partition, "")
            # Unchanged mtime, and the last listing ran well after that mtime: any write since
            # would carry a later mtime (even on a coarse clock), so the listing is skipped.
            settled = int(times.get(partition, "0")) - mtime > _SETTLED_NS
            if known.split(":")[0] == str(mtime) and settled:
                signatures[partition] = known
                continue
            # Directory order, not sorted: sorting a million names costs a third of listing
            # them, and no result depends on it (dedup ties are copies of one record).
            names = [n for n in os.listdir(folder) if n.endswith(".json")]  # noqa: PTH208
            times[partition] = str(now)
            signatures[partition] = f"{mtime}:{len(names)}"
            if needs_load(loaded, source, partition, signatures[partition]):
                self._submit(source, partition, signatures[partition], folder, out, names)
        return signatures

    def _submit(
        self, source: str, partition: str, signature: str, folder: Path, out: Path, names: list[str]
    ) -> None:
        if len(names) <= _IN_PLACE:
            # Read where they lie: DuckDB parses whole files in parallel, no copy needed.
            objects = tuple(folder / name for name in names)
            self._queue.append(
                (StagedPartition(source, partition, signature, objects, True), 0, [])
            )
            return
        target = out / partition
        target.mkdir()
        chunks, size = cut(folder, names)
        parts = tuple(target / part_name(index) for index in range(len(chunks)))
        staged = StagedPartition(source, partition, signature, parts)
        small = size <= _INLINE_BYTES if size >= 0 else len(names) <= _INLINE_COUNT
        self._by_count = self._by_count or size < 0
        if small or self._workers < 2:
            for (chunk, sizes), part in zip(chunks, parts, strict=True):
                read_part(str(folder), chunk, str(part), sizes)
            self._queue.append((staged, 0, []))
            return
        for (chunk, sizes), part in zip(chunks, parts, strict=True):
            self._backlog.append((len(self._queue), str(folder), chunk, sizes, str(part)))
        self._queue.append((staged, len(chunks), []))
        self._fill()

    def _fill(self) -> None:
        """Submit chunks, in order, until `_AHEAD` are ahead of the consumer.

        The bound keeps the staged parts in flight few: the loader deletes parts as soon as
        DuckDB has parsed them, so the workers keep writing into the same, recently freed
        page-cache pages instead of touching fresh memory (which, on a VM that returns free
        memory to its host, costs more than the copy: ~3 s of CPU for 1.4 GB measured here).
        """
        while self._backlog and self._ahead < _AHEAD:
            if self._pool is None:
                # spawn, not fork: a forked child inherits whatever locks another thread of
                # this process holds. A worker imports only `eval.warehouse.parts` (tens of ms).
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(self._workers, mp_context=context)
            index, folder, chunk, sizes, part = self._backlog.popleft()
            future = self._pool.submit(read_part, folder, chunk, part, sizes)
            self._queue[index][2].append(future)
            self._ahead += 1

    @property
    def many_small_objects(self) -> bool:
        """Whether a partition of single documents, too many to size, is being staged.

        Reading those is syscall-bound work for every core; batch objects read at memory
        speed and leave the cores to the loader.
        """
        return self._by_count

    @property
    def submitted(self) -> int:
        """Partitions staged (or being staged) so far."""
        return len(self._queue)

    def completed(self) -> Iterator[StagedPartition]:
        """Staged pieces in submission order: one per part as soon as it is written.

        A partition staged in this process (or empty) comes as one piece with all its parts.
        The consumer must be done with a piece (its parts may be deleted) before asking for
        the next one: that is when staging moves ahead.
        """
        for staged, chunks, futures in self._queue:
            if not chunks:
                yield staged
                continue
            for index, part in enumerate(staged.parts):
                if len(futures) <= index:  # not submitted: nothing is in flight, so it will be
                    self._fill()
                futures[index].result()
                yield replace(staged, parts=(part,))
                self._ahead -= 1
                self._fill()
