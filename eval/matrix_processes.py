"""A matrix's pairs spread over worker processes, each worker running its pairs at once.

Why processes: litellm spends milliseconds of CPU on every model call (request building,
SigV4 signing, response parsing, cost) on the thread of the event loop that awaits it, so one
loop running every pair is bound to one core while the endpoint still has room. Each worker
evaluates its share of the pairs with `run_matrix` on an event loop of its own: the same
`evaluate`, scorers and judge as in one process.

Workers start with the spawn method, so they inherit no threads, locks or SQLite handles from
the parent. They rebuild the gateway, scorers and cache from a `Harness` of plain values, open
the same cache file (SQLite in WAL mode, safe across processes), load litellm, and only then
wait for their pairs: `oci matrix` starts them first thing, so that their start-up (seconds of
imports) overlaps the parent's own (registry, samples, preflight). They report progress on a
queue that the parent drains; MLflow logging and reports stay with the parent.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import queue
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

from eval.matrix import Entry, run_matrix
from eval.matrix_harness import Built, Harness
from eval.runner import RunOptions
from eval.types import DatasetInfo, EvalRun, EvalSample
from service.offline import apply_offline_defaults

# `on_steps(label, n)`: n more steps (a sample summarized, a sample scored) of that pair.
StepsCallback = Callable[[str, int], None]
# How often a worker sends its step counts: often enough for a progress bar, rarely enough
# that the sending costs its event loop nothing worth measuring.
STEP_FLUSH_S = 0.1
# How long the parent waits on the queue before looking for workers that died.
POLL_S = 0.2
# A worker's job: its pairs, the samples, their datasets, the run options.
Job = tuple[list[Entry], list[EvalSample], list[DatasetInfo], RunOptions]


class WorkerFailedError(RuntimeError):
    """A worker process raised or died; the message names its pairs."""


def default_processes(pairs: int | None = None) -> int:
    """One worker per CPU, never more than there are pairs."""
    cpus = os.cpu_count() or 1
    return max(1, cpus if pairs is None else min(pairs, cpus))


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
        WorkerFailedError: A worker raised or died; names its pairs.
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
                _run_group(groups[0], samples, datasets, harness, built, options, steps)
            )
        by_group = [local, *(collector.result() if collector else [])]
    by_hash = {
        entry.pair.content_hash: run
        for group, runs in zip(groups, by_group, strict=True)
        for entry, run in zip(group, runs, strict=True)
    }
    return [by_hash[entry.pair.content_hash] for entry in entries]


async def _run_group(
    group: Sequence[Entry],
    samples: Sequence[EvalSample],
    datasets: Sequence[DatasetInfo],
    harness: Harness,
    built: Built,
    options: RunOptions,
    steps: StepsCallback,
) -> list[EvalRun]:
    gateway, scorers, cache = built
    return await run_matrix(
        group,
        samples,
        datasets,
        gateway=gateway,
        scorers=scorers,
        judge_model=harness.judge.model,
        judge_is_baseline=harness.judge.is_baseline,
        cache=cache,
        options=options,
        on_result=lambda label, _: steps(label, 1),
    )


class _StepSender:
    """Counts steps per label and sends the counts at most every `STEP_FLUSH_S`."""

    def __init__(self, events: Queue[Any]) -> None:
        self._events = events
        self._pending: Counter[str] = Counter()
        self._sent_at = time.monotonic()

    def __call__(self, label: str, count: int) -> None:
        self._pending[label] += count
        if time.monotonic() - self._sent_at >= STEP_FLUSH_S:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._events.put(("steps", dict(self._pending)))
            self._pending.clear()
        self._sent_at = time.monotonic()


def _next_job(jobs: Queue[Job | None]) -> Job | None:
    """The parent's job for this worker; None when told to stop or when the parent died
    (a daemon worker outlives a parent that was killed outright)."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            return jobs.get(timeout=1.0)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return None


def _worker_main(index: int, harness: Harness, jobs: Queue[Job | None], events: Queue[Any]) -> None:
    """A worker's entry point: warm up, take one job, send back its runs or its traceback."""
    # A process entry point like any other: settings come from the environment it inherited,
    # with the offline defaults set before litellm is first imported.
    apply_offline_defaults()
    sender = _StepSender(events)
    try:
        with harness.build() as built:
            built[0].load()  # litellm's seconds of imports, before the pairs arrive
            job = _next_job(jobs)
            if job is None:  # more workers than pairs, or the parent is gone
                return
            group, samples, datasets, options = job
            runs = asyncio.run(
                _run_group(group, samples, datasets, harness, built, options, sender)
            )
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent, named
        sender.flush()
        events.put(("failed", index, traceback.format_exc()))
        return
    sender.flush()
    events.put(("done", index, runs))


class MatrixWorkers:
    """Worker processes started ahead of the matrix; each warms up, then runs one group
    (the calling process runs one more itself, so `count` is one less than the processes).

    Use as a context manager: on exit, a worker still running is terminated.
    """

    def __init__(self, harness: Harness, count: int) -> None:
        self.count = count
        context = multiprocessing.get_context("spawn")
        self._events: Queue[Any] = context.Queue()
        self._jobs: list[Queue[Job | None]] = [context.Queue() for _ in range(count)]
        self._workers: list[BaseProcess] = []
        for index in range(count):
            args = (index, harness, self._jobs[index], self._events)
            worker = context.Process(target=_worker_main, args=args, daemon=True)
            worker.start()
            self._workers.append(worker)

    def __enter__(self) -> MatrixWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker (an idle one is told to; a busy one is terminated)."""
        for jobs in self._jobs:
            with contextlib.suppress(ValueError, OSError):  # already closed
                jobs.put(None)
        for worker in self._workers:
            worker.join(timeout=1.0)
            if worker.is_alive():
                worker.terminate()
                worker.join()
        for channel in (*self._jobs, self._events):
            channel.close()

    def submit(
        self,
        groups: Sequence[Sequence[Entry]],
        samples: Sequence[EvalSample],
        datasets: Sequence[DatasetInfo],
        options: RunOptions,
    ) -> None:
        """Group i to worker i; a worker left without a group is told to stop."""
        if len(groups) > self.count:
            raise ValueError(f"{len(groups)} groups for {self.count} workers")
        for index, jobs in enumerate(self._jobs):
            job = (list(groups[index]), list(samples), list(datasets), options)
            jobs.put(job if index < len(groups) else None)

    def collect(
        self, groups: Sequence[Sequence[Entry]], steps: StepsCallback, stop: threading.Event
    ) -> list[list[EvalRun]] | None:
        """Each submitted group's runs, relaying progress meanwhile; None once `stop` is set.

        Raises:
            WorkerFailedError: A worker raised or died; names its pairs.
        """
        results: dict[int, list[EvalRun]] = {}
        failures: dict[int, str] = {}
        dead: set[int] = set()
        while len(results) + len(failures) < len(groups):
            if stop.is_set():
                return None
            try:
                message = self._events.get(timeout=POLL_S)
            except queue.Empty:
                # A worker that had already exited at the previous look had flushed its last
                # words to the queue before exiting: silence since means it died without any.
                for index in dead - results.keys() - failures.keys():
                    code = self._workers[index].exitcode
                    failures[index] = f"the worker process exited with code {code} and no result"
                dead = {i for i in range(len(groups)) if self._workers[i].exitcode is not None}
                continue
            if message[0] == "steps":
                for label, count in message[1].items():
                    steps(label, count)
            elif message[0] == "done":
                results[message[1]] = message[2]
            else:
                failures[message[1]] = message[2]
        if failures:
            raise _failure(groups, failures)
        return [results[index] for index in range(len(groups))]


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


def _failure(groups: Sequence[Sequence[Entry]], failures: dict[int, str]) -> WorkerFailedError:
    lines = []
    for index, detail in sorted(failures.items()):
        names = ", ".join(entry.label for entry in groups[index])
        lines.append(f"worker for pair(s) {names}: {detail.strip().splitlines()[-1]}")
    error = WorkerFailedError("; ".join(lines))
    for detail in failures.values():
        error.add_note(detail)
    return error
