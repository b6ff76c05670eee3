"""The eval's limit on model calls in flight: up to the maximum while calls only wait, down
to one or two while their own CPU work would make them wait on each other."""

from __future__ import annotations

import asyncio
import time

import pytest

from eval.concurrency import AdaptiveLimit, steered


async def _run(limit: AdaptiveLimit, calls: int, *, wait_s: float, burn_s: float) -> int:
    """Make `calls` calls through `limit`; each burns `burn_s` of CPU then waits `wait_s`.
    Returns the most calls that were ever in flight together."""
    most = 0

    async def call() -> None:
        nonlocal most
        async with limit:
            most = max(most, limit.in_flight)
            assert limit.in_flight <= limit.allowed
            end = time.process_time() + burn_s
            while time.process_time() < end:
                pass
            await asyncio.sleep(wait_s)

    async with steered(limit):
        await asyncio.gather(*(call() for _ in range(calls)))
    return most


def test_calls_that_only_wait_reach_the_maximum_in_flight() -> None:
    limit = AdaptiveLimit(8)
    most = asyncio.run(_run(limit, 120, wait_s=0.1, burn_s=0.0))
    assert most == 8
    assert limit.peak == 8


def test_calls_that_keep_the_cpu_busy_stay_few_in_flight() -> None:
    # Each call is CPU work and no wait: more in flight would only queue them.
    limit = AdaptiveLimit(16, busy=0.2)
    most = asyncio.run(_run(limit, 60, wait_s=0.001, burn_s=0.01))
    assert most <= 3


def test_a_limit_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        AdaptiveLimit(0)


def test_slow_calls_may_keep_the_cpu_busier_than_fast_ones() -> None:
    limit = AdaptiveLimit(16, busy=0.35, slow_busy=0.8)
    assert limit.busy == 0.35  # nothing measured yet: as strict as for fast calls
    for _ in range(10):
        limit.observe(5.0)
    assert limit.busy == 0.35
    for _ in range(64):
        limit.observe(1200.0)
    assert limit.busy == 0.8
    middle = AdaptiveLimit(16, busy=0.35, slow_busy=0.8)
    middle.observe(260.0)
    assert 0.35 < middle.busy < 0.8
