"""Contract tests of `ServedLog`: SQLite and DynamoDB (moto server) pass the same ones."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.backends.dynamodb_served_log import DynamoDBServedLog
from service.backends.dynamodb_tables import (
    SERVED_BY_CONTACT_INDEX,
    SERVED_REQUESTS_TTL_ATTRIBUTE,
    create_served_requests_table,
)
from service.backends.protocols import ServedLog, ServedSummary
from service.backends.sqlite_served_log import SqliteServedLog

TTL_S = 3600

SERVED = ServedSummary(
    request_id="req-0001",
    unique_process_id="proc-1",
    contact_id="c-1",
    account_number="8006084209",
    prompt_name="omni-summary",
    prompt_version="3",
    model_used="nova-lite",
    cache_hit=False,
    generated_at="2025-12-08T14:32:15Z",
    served_at="2025-12-08T14:32:15Z",
    latency_ms=1847,
)


def served(request_id: str, served_at: str, **changes: Any) -> ServedSummary:
    return dataclasses.replace(SERVED, request_id=request_id, served_at=served_at, **changes)


@pytest.fixture(params=["sqlite", "dynamodb", "stack"])
def served_log(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    dynamodb_client: Any,
    clock: Any,
    deploy_storage: Any,
) -> Iterator[ServedLog]:
    log: ServedLog
    if request.param == "sqlite":
        log = SqliteServedLog(tmp_path / "served.sqlite", ttl_s=TTL_S, clock=clock)
    elif request.param == "stack":
        table = deploy_storage().served_requests_table
        log = DynamoDBServedLog(dynamodb_client, table_name=table, ttl_s=TTL_S, clock=clock)
    else:
        table = f"served_requests-{uuid.uuid4().hex[:10]}"
        create_served_requests_table(dynamodb_client, table_name=table)
        log = DynamoDBServedLog(dynamodb_client, table_name=table, ttl_s=TTL_S, clock=clock)
    yield log
    log.close()


async def test_served_log_finds_a_request_by_id(served_log: ServedLog) -> None:
    assert await served_log.by_request_id("req-0001") is None
    await served_log.record(SERVED)
    assert await served_log.by_request_id("req-0001") == SERVED
    assert await served_log.by_request_id("req-0002") is None


async def test_served_log_record_is_idempotent(served_log: ServedLog) -> None:
    await served_log.record(SERVED)
    await served_log.record(SERVED)
    assert await served_log.by_request_id(SERVED.request_id) == SERVED
    assert await served_log.latest_for_contact("c-1", SERVED.account_number) == SERVED


async def test_served_log_latest_for_contact_is_the_newest(served_log: ServedLog) -> None:
    older = served("req-a", "2025-12-08T14:00:00Z")
    newest = served("req-b", "2025-12-08T14:05:00Z", cache_hit=True)
    middle = served("req-c", "2025-12-08T14:02:00Z")
    for item in (older, newest, middle):
        await served_log.record(item)
    assert await served_log.latest_for_contact("c-1", SERVED.account_number) == newest


async def test_served_log_same_second_answers_are_ordered_by_recording(
    served_log: ServedLog, clock: Any
) -> None:
    # An agent transfer can answer one contact twice within a second (served_at's unit).
    first = served("req-first", "2025-12-08T14:00:00Z")
    second = served("req-second", "2025-12-08T14:00:00Z", cache_hit=True)
    await served_log.record(first)
    clock.advance(0.001)
    await served_log.record(second)
    assert await served_log.latest_for_contact("c-1", SERVED.account_number) == second


async def test_served_log_contact_and_account_must_both_match(served_log: ServedLog) -> None:
    await served_log.record(SERVED)
    await served_log.record(served("req-other", "2025-12-08T15:00:00Z", contact_id="c-2"))
    await served_log.record(served("req-acct", "2025-12-08T16:00:00Z", account_number="5550001111"))
    assert await served_log.latest_for_contact("c-1", SERVED.account_number) == SERVED
    assert await served_log.latest_for_contact("c-1", "0000000000") is None
    assert await served_log.latest_for_contact("c-9", SERVED.account_number) is None


async def test_served_log_entries_expire_after_the_ttl(served_log: ServedLog, clock: Any) -> None:
    await served_log.record(SERVED)
    clock.advance(TTL_S - 1)
    assert await served_log.by_request_id(SERVED.request_id) == SERVED
    clock.advance(1)
    assert await served_log.by_request_id(SERVED.request_id) is None
    assert await served_log.latest_for_contact("c-1", SERVED.account_number) is None


async def test_sqlite_served_log_purges_expired_rows(tmp_path: Path, clock: Any) -> None:
    log = SqliteServedLog(tmp_path / "served.sqlite", ttl_s=TTL_S, clock=clock, purge_every=2)
    await log.record(SERVED)
    clock.advance(TTL_S)
    await log.record(served("req-2", "2025-12-08T15:00:00Z"))  # 2nd record: purges req-0001.
    assert await log.purge_expired() == 0
    clock.advance(TTL_S)
    assert await log.purge_expired() == 1  # Explicit purge: req-2.
    await log.record(served("req-3", "2025-12-08T16:00:00Z"))
    log.close()
    clock.advance(TTL_S)  # Reopening deletes what expired meanwhile.
    reopened = SqliteServedLog(tmp_path / "served.sqlite", ttl_s=TTL_S, clock=clock)
    assert await reopened.purge_expired() == 0
    reopened.close()


def test_served_requests_table_has_gsi_and_ttl(dynamodb_client: Any) -> None:
    table = f"served_requests-{uuid.uuid4().hex[:10]}"
    create_served_requests_table(dynamodb_client, table_name=table)
    create_served_requests_table(dynamodb_client, table_name=table)  # Idempotent.
    described = dynamodb_client.describe_table(TableName=table)["Table"]
    assert [i["IndexName"] for i in described["GlobalSecondaryIndexes"]] == [
        SERVED_BY_CONTACT_INDEX
    ]
    ttl = dynamodb_client.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert ttl["TimeToLiveStatus"] == "ENABLED"
    assert ttl["AttributeName"] == SERVED_REQUESTS_TTL_ATTRIBUTE
