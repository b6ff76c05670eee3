"""How many model calls the eval keeps in flight: as many as help, never so many that they
wait on each other.

A model call costs the client CPU too (building the request, signing it, parsing the answer:
a few milliseconds with litellm). Calls in flight on one event loop take turns for that CPU,
so with a fast endpoint and a fixed 16 in flight each call waits for the others' turns, and
the eval would report the harness's queue as the model's latency (a 5 ms endpoint measured at
40-150 ms). `AdaptiveLimit` keeps this process's own CPU use below a share of one core: it
raises the number of calls in flight while the CPU is mostly idle (a slow endpoint: every
call is waiting on the network, so up to the configured maximum run at once) and lowers it
while the process is busy (a fast endpoint: one or two at a time, which is as fast anyway).
The share allowed grows with the calls' latency: a wait of a few milliseconds for the CPU is
most of a 5 ms call but 1 % of a one-second one, so slow calls may keep the CPU busier (up to
`most` in flight) before fewer are let in. Other processes' load does not count: it is this
process's CPU time that is measured.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from types import TracebackType


class AdaptiveLimit:
    """An async context manager admitting at most `allowed` holders, `allowed` steered
    between 1 and `most` by `steer()` (run it as a task while calls are made)."""

    def __init__(
        self, most: int, *, busy: float = 0.35, slow_busy: float = 0.8, tick_s: float = 0.02
    ) -> None:
        """
        Args:
            most: The most calls in flight (the user's `--concurrency`).
            busy: The share of one core this process may use before fewer calls run, while
                calls are fast (20 ms or less).
            slow_busy: The share allowed while calls are slow (half a second or more); in
                between, the share grows with the calls' median latency.
            tick_s: How often the share is measured and the limit moved by one.
        """
        if most < 1:
            raise ValueError(f"most must be at least 1, got {most}")
        self.most = most
        self.fast_busy = busy
        self.slow_busy = slow_busy
        self.tick_s = tick_s
        self.allowed = 1
        self.in_flight = 0
        self.peak = 1
        self._latencies: list[float] = []
        self._changed = asyncio.Condition()

    def observe(self, latency_ms: float) -> None:
        """A call's latency, measured: how much queueing for the CPU would distort it."""
        self._latencies.append(latency_ms)

    @property
    def busy(self) -> float:
        """The share of one core allowed now (see the module docstring)."""
        if not self._latencies:
            return self.fast_busy
        recent = sorted(self._latencies[-64:])
        median = recent[len(recent) // 2]
        slowness = min(max((median - 20.0) / 480.0, 0.0), 1.0)
        return self.fast_busy + (self.slow_busy - self.fast_busy) * slowness

    async def __aenter__(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self.in_flight < self.allowed)
            self.in_flight += 1

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        async with self._changed:
            self.in_flight -= 1
            self._changed.notify_all()

    async def steer(self) -> None:
        """Measure this process's CPU share every tick and move `allowed` by one: down while
        it is over `busy`, up while it is well under and every allowed call is in flight."""
        share = 0.0
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            await asyncio.sleep(self.tick_s)
            now = (time.process_time() - cpu) / max(time.perf_counter() - wall, 1e-6)
            share = 0.7 * share + 0.3 * now
            busy = self.busy
            async with self._changed:
                if share > busy and self.allowed > 1:
                    self.allowed -= 1
                elif share < 0.6 * busy and self.in_flight >= self.allowed < self.most:
                    self.allowed += 1
                    self.peak = max(self.peak, self.allowed)
                self._changed.notify_all()


@contextlib.asynccontextmanager
async def steered(limit: AdaptiveLimit) -> AsyncIterator[AdaptiveLimit]:
    """`limit`, steered for as long as the block runs."""
    task = asyncio.create_task(limit.steer())
    try:
        yield limit
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
