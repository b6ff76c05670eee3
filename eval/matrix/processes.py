"""A matrix's pairs spread over processes, each process running its share at once.

Why processes: litellm spends milliseconds of CPU on every model call (request building,
SigV4 signing, response parsing, cost) on the thread of the event loop that awaits it, so one
loop running every pair is bound to one core while the endpoint still has room. This process
runs one share of the pairs on its loop and worker processes (`eval.matrix.workers`) the
others, each with `run_matrix`: the same `evaluate`, scorers, judge and cache file. MLflow
logging and reports stay with this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Sequence

from eval.matrix.harness import Harness
from eval.matrix.pairs import Entry
from eval.matrix.workers import MatrixWorkers, StepsCallback, run_group
from eval.runner import RunOptions
from eval.types import DatasetInfo, EvalRun, EvalSample


def default_processes(pairs: int | None = None) -> int:
    """One process per CPU but one (the calling process included), never more than there are
    pairs: 1, this process alone, on a 2-core machine.

    Why one CPU is left: a worker's start-up costs seconds of CPU (litellm's and ragas'
    imports), and the rest of a matrix run (the emulator, a local judge, MLflow) needs a core
    too; on 2 cores, spreading 4 pairs × 200 samples over 2 processes took longer than one
    process (docs/performance.md).
    """
    spare = max(1, (os.cpu_count() or 1) - 1)
    return spare if pairs is None else max(1, min(pairs, spare))


def run_pairs(
    entries: Sequence[Entry],
    samples: Sequence[EvalSample],
    datasets: Sequence[DatasetInfo],
    *,
    harness: Harness,
    options: RunOptions,
    processes: int = 0,
    workers: MatrixWorkers | None = None,
    on_steps: StepsCallback | None = None,
) -> list[EvalRun]:
    """Every pair's run, in the entries' order, on `processes` processes (0:
    `default_processes`; 1: this one alone, on one event loop): this process's loop runs one
    share of the pairs, `workers` (started now when not given) the others.

    Two labels for the same prompt and model are one pair: evaluated once, reported twice,
    and both labels' progress advances. `on_steps` is called from one thread at a time, not
    always the calling one.

    Raises:
        PairFailedError: A pair's evaluation raised in this process; names the pair.
        workers.WorkerFailedError: A worker raised or died; names its pairs.
    """
    unique = list({entry.pair.content_hash: entry for entry in entries}.values())
    labels: dict[str, list[str]] = {}
    for entry in entries:
        labels.setdefault(entry.pair.content_hash, []).append(entry.label)
    hash_of = {entry.label: entry.pair.content_hash for entry in unique}
    lock = threading.Lock()  # this process's loop and the worker collector both report

    def steps(label: str, count: int) -> None:
        if on_steps is not None:
            with lock:
                for alias in labels[hash_of[label]]:
                    on_steps(alias, count)

    count = workers.count + 1 if workers else processes or default_processes(len(unique))
    count = min(count, len(unique))
    groups = [unique[start::count] for start in range(count)]
    with contextlib.ExitStack() as stack:
        if count > 1 and workers is None:
            workers = stack.enter_context(MatrixWorkers(harness, count - 1))
        collector = None
        if count > 1 and workers is not None:
            workers.submit(groups[1:], samples, datasets, options)
            collector = _Collector(workers, groups[1:], steps)
            stack.callback(collector.stop)
        with harness.build() as built:
            local = asyncio.run(
                run_group(groups[0], samples, datasets, harness, built, options, steps)
            )
        by_group = [local, *(collector.result() if collector else [])]
    by_hash = {
        entry.pair.content_hash: run
        for group, runs in zip(groups, by_group, strict=True)
        for entry, run in zip(group, runs, strict=True)
    }
    return [by_hash[entry.pair.content_hash] for entry in entries]


class _Collector:
    """Collects the workers' runs on a thread while this process's loop runs its own pairs."""

    def __init__(
        self, workers: MatrixWorkers, groups: Sequence[Sequence[Entry]], steps: StepsCallback
    ) -> None:
        self._stop = threading.Event()
        self._runs: list[list[EvalRun]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._collect, args=(workers, groups, steps), name="matrix-workers"
        )
        self._thread.start()

    def _collect(
        self, workers: MatrixWorkers, groups: Sequence[Sequence[Entry]], steps: StepsCallback
    ) -> None:
        try:
            self._runs = workers.collect(groups, steps, self._stop)
        except BaseException as error:  # noqa: BLE001 - re-raised by `result`
            self._error = error

    def result(self) -> list[list[EvalRun]]:
        """The workers' runs, once every one has answered. Raises what collecting raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._runs is None:
            raise RuntimeError("collection was stopped before the workers answered")
        return self._runs

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
