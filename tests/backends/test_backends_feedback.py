"""Contract tests of `FeedbackStore`: SQLite and DynamoDB (moto server) pass the same ones."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from service.backends.dynamodb_feedback import DynamoDBFeedbackStore
from service.backends.dynamodb_tables import create_feedback_table
from service.backends.protocols import FeedbackRecord, FeedbackStore
from service.backends.sqlite_feedback import SqliteFeedbackStore

RECORD = FeedbackRecord(
    feedback_id="fb-0001",
    idempotency_key="key-1",
    request_id="req-0001",
    unique_process_id="proc-1",
    contact_id="c-1",
    account_number="8006084209",
    feedback="helpful",
    comment=None,
    received_at="2025-12-08T14:40:00Z",
    prompt_name="omni-summary",
    prompt_version="3",
    model_used="nova-lite",
    cache_hit=False,
    generation_timestamp="2025-12-08T14:32:15Z",
    received_ts="2025-12-08T14:40:00.000000Z",
)


def feedback(n: int, ts: str, **changes: Any) -> FeedbackRecord:
    return dataclasses.replace(
        RECORD, feedback_id=f"fb-{n:04d}", idempotency_key=f"key-{n}", received_ts=ts, **changes
    )


@pytest.fixture(params=["sqlite", "dynamodb", "stack"])
def store_factory(
    request: pytest.FixtureRequest, tmp_path: Path, dynamodb_client: Any, deploy_storage: Any
) -> Iterator[Callable[[], FeedbackStore]]:
    """Builds stores sharing one file or table, as two replicas of the service would."""
    opened: list[FeedbackStore] = []
    table = f"feedback-{uuid.uuid4().hex[:10]}"
    if request.param == "dynamodb":
        create_feedback_table(dynamodb_client, table_name=table)
    elif request.param == "stack":
        table = deploy_storage().feedback_table

    def build() -> FeedbackStore:
        store: FeedbackStore
        if request.param == "sqlite":
            store = SqliteFeedbackStore(tmp_path / "feedback.sqlite")
        else:
            store = DynamoDBFeedbackStore(dynamodb_client, table_name=table)
        opened.append(store)
        return store

    yield build
    for store in opened:
        store.close()


@pytest.fixture
def store(store_factory: Callable[[], FeedbackStore]) -> FeedbackStore:
    return store_factory()


async def test_feedback_put_then_read_back(store: FeedbackStore) -> None:
    assert await store.latest(RECORD.request_id) is None
    assert await store.history(RECORD.request_id) == []
    put = await store.put(RECORD)
    assert (put.status, put.record) == ("stored", RECORD)
    assert await store.history(RECORD.request_id) == [RECORD]
    assert await store.latest(RECORD.request_id) == RECORD


async def test_feedback_comment_round_trips(store: FeedbackStore) -> None:
    with_comment = feedback(2, "2025-12-08T14:41:00.000000Z", comment="Missed the refund. ✓")
    await store.put(with_comment)
    assert await store.latest(RECORD.request_id) == with_comment


async def test_feedback_same_id_is_a_duplicate_and_writes_nothing(store: FeedbackStore) -> None:
    await store.put(RECORD)
    retry = dataclasses.replace(RECORD, received_ts="2025-12-08T14:40:30.000000Z")
    put = await store.put(retry)
    assert put.status == "duplicate"
    assert put.record == RECORD  # The original, not the retry.
    assert await store.history(RECORD.request_id) == [RECORD]


async def test_feedback_history_is_ordered_and_latest_counts(store: FeedbackStore) -> None:
    first = feedback(1, "2025-12-08T14:40:00.000001Z")
    third = feedback(3, "2025-12-08T14:40:00.000900Z", feedback="helpful")
    second = feedback(2, "2025-12-08T14:40:00.000500Z", feedback="not_helpful")
    other = feedback(4, "2025-12-08T14:45:00.000000Z", request_id="req-0002")
    for record in (first, third, second, other):
        assert (await store.put(record)).status == "stored"
    assert await store.history(RECORD.request_id) == [first, second, third]
    assert await store.latest(RECORD.request_id) == third
    assert await store.latest("req-0002") == other


async def test_feedback_concurrent_puts_of_one_id_store_once(
    store_factory: Callable[[], FeedbackStore],
) -> None:
    replicas = [store_factory() for _ in range(2)]
    attempts = [
        dataclasses.replace(RECORD, received_ts=f"2025-12-08T14:40:00.00000{i}Z") for i in range(6)
    ]
    puts = await asyncio.gather(
        *(replicas[i % 2].put(record) for i, record in enumerate(attempts)),
        return_exceptions=True,
    )
    assert not [p for p in puts if isinstance(p, BaseException)]
    stored = [p for p in puts if not isinstance(p, BaseException) and p.status == "stored"]
    assert len(stored) == 1
    assert len(await replicas[0].history(RECORD.request_id)) == 1


async def test_feedback_ping(store: FeedbackStore) -> None:
    await store.ping()
