"""Contract tests of `SummaryCache`: SQLite and DynamoDB (moto server) pass the same ones."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from service.backends.dynamodb_tables import (
    SUMMARY_CACHE_TTL_ATTRIBUTE,
    create_summary_cache_table,
)
from service.backends.protocols import DEFAULT_SUMMARY_TTL_S, SummaryCache
from service.backends.sqlite_cache import SqliteSummaryCache

PAYLOAD: dict[str, Any] = {
    "summary": "Customer called 3 times about a $45 charge.",
    "latency_ms": 1847.5,
    "interactions": [{"channel": "ivr", "timestamp": "2025-12-07T10:15:00Z"}],
    "cache_hit": False,
}


async def test_cache_miss_then_hit(summary_cache: SummaryCache, clock: Any) -> None:
    assert await summary_cache.get("pid-1") is None
    await summary_cache.put("pid-1", PAYLOAD)
    entry = await summary_cache.get("pid-1")
    assert entry is not None
    assert entry.payload == PAYLOAD
    assert entry.process_id == "pid-1"
    assert entry.created_at == pytest.approx(clock.now)
    assert entry.expires_at == int(clock.now) + DEFAULT_SUMMARY_TTL_S


async def test_cache_expired_entry_is_a_miss(summary_cache: SummaryCache, clock: Any) -> None:
    await summary_cache.put("pid-1", PAYLOAD, ttl_s=10)
    clock.advance(9.5)
    assert await summary_cache.get("pid-1") is not None
    clock.advance(0.5)
    assert await summary_cache.get("pid-1") is None


async def test_cache_put_overwrites(summary_cache: SummaryCache) -> None:
    await summary_cache.put("pid-1", PAYLOAD)
    await summary_cache.put("pid-1", {"summary": "newer"})
    entry = await summary_cache.get("pid-1")
    assert entry is not None and entry.payload == {"summary": "newer"}


async def test_lease_is_exclusive_until_it_expires(cache_factory: Any, clock: Any) -> None:
    replica_a, replica_b = cache_factory(), cache_factory()
    assert await replica_a.try_lease("pid-1", "a", 5.0)
    assert not await replica_b.try_lease("pid-1", "b", 5.0)
    assert await replica_a.try_lease("pid-1", "a", 5.0)  # Re-entrant: renews.
    clock.advance(5.0)
    assert await replica_b.try_lease("pid-1", "b", 5.0)
    assert not await replica_a.try_lease("pid-1", "a", 5.0)
    assert await replica_a.get("pid-1") is None  # A lease alone is not an entry.


async def test_lease_concurrent_owners_one_wins(cache_factory: Any) -> None:
    replicas = [cache_factory() for _ in range(2)]
    wins = await asyncio.gather(
        *(replicas[i % 2].try_lease("pid-1", f"owner-{i}", 5.0) for i in range(10))
    )
    assert sum(wins) == 1


async def test_lease_release_only_by_owner(summary_cache: SummaryCache) -> None:
    assert await summary_cache.try_lease("pid-1", "a", 30.0)
    await summary_cache.release("pid-1", "b")
    assert not await summary_cache.try_lease("pid-1", "b", 30.0)
    await summary_cache.release("pid-1", "a")
    assert await summary_cache.try_lease("pid-1", "b", 30.0)
    await summary_cache.release("unknown-pid", "a")  # Nothing to release: no error.


async def test_lease_refused_while_entry_is_live(summary_cache: SummaryCache, clock: Any) -> None:
    assert await summary_cache.try_lease("pid-1", "a", 30.0)
    await summary_cache.put("pid-1", PAYLOAD, ttl_s=60)  # The put ends the lease ...
    await summary_cache.release("pid-1", "a")  # ... so the owner's release is a no-op.
    # A replica that missed the cache before the put must re-read, not regenerate.
    assert not await summary_cache.try_lease("pid-1", "b", 30.0)
    clock.advance(60)
    assert await summary_cache.try_lease("pid-1", "b", 30.0)
    assert await summary_cache.get("pid-1") is None  # The expired payload cannot resurface.


async def test_cache_ping(summary_cache: SummaryCache) -> None:
    await summary_cache.ping()


_OTHER_PROCESS = """
import asyncio, sys
from service.backends.sqlite_cache import SqliteSummaryCache
cache = SqliteSummaryCache(sys.argv[1], clock=lambda: float(sys.argv[2]))
won = asyncio.run(cache.try_lease("pid-1", "other-process", 30.0))
entry = asyncio.run(cache.get("pid-2"))
print(won, entry.payload["summary"] if entry else None)
"""


def test_sqlite_cache_lease_holds_across_processes(tmp_path: Path, clock: Any) -> None:
    path = tmp_path / "shared.sqlite"
    cache = SqliteSummaryCache(path, clock=clock)
    assert asyncio.run(cache.try_lease("pid-1", "this-process", 30.0))
    asyncio.run(cache.put("pid-2", PAYLOAD))
    other = subprocess.run(
        [sys.executable, "-c", _OTHER_PROCESS, str(path), str(clock.now)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert other.stdout.strip().split(maxsplit=1) == ["False", PAYLOAD["summary"]]
    cache.close()


def test_summary_cache_table_has_ttl_and_creation_is_idempotent(dynamodb_client: Any) -> None:
    table = f"summary_cache-{uuid.uuid4().hex[:10]}"
    create_summary_cache_table(dynamodb_client, table_name=table)
    create_summary_cache_table(dynamodb_client, table_name=table)  # Second call: no error.
    ttl = dynamodb_client.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert ttl["TimeToLiveStatus"] == "ENABLED"
    assert ttl["AttributeName"] == SUMMARY_CACHE_TTL_ATTRIBUTE
