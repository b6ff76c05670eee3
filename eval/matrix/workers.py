"""Matrix worker processes: started ahead of the matrix, each warms up and runs one share.

Workers start with the spawn method, so they inherit no threads, locks or SQLite handles from
the parent. Each rebuilds the gateway, scorers and cache from a `Harness` of plain values,
opens the same cache file (SQLite in WAL mode, safe across processes) and loads litellm, and
only then waits for its pairs, so that its start-up (seconds of imports) overlaps whatever
the parent does meanwhile. Progress and results come back on one queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import queue
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

from eval.matrix.harness import Built, Harness
from eval.matrix.pairs import Entry, run_matrix
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


async def run_group(
    group: Sequence[Entry],
    samples: Sequence[EvalSample],
    datasets: Sequence[DatasetInfo],
    harness: Harness,
    built: Built,
    options: RunOptions,
    steps: StepsCallback,
) -> list[EvalRun]:
    """`run_matrix` on `group` with the built harness, progress to `steps`."""
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
            runs = asyncio.run(run_group(group, samples, datasets, harness, built, options, sender))
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


def _failure(groups: Sequence[Sequence[Entry]], failures: dict[int, str]) -> WorkerFailedError:
    lines = []
    for index, detail in sorted(failures.items()):
        names = ", ".join(entry.label for entry in groups[index])
        lines.append(f"worker for pair(s) {names}: {detail.strip().splitlines()[-1]}")
    error = WorkerFailedError("; ".join(lines))
    for detail in failures.values():
        error.add_note(detail)
    return error
