"""The request log: rows batched per day partition, queued durably, delivered once each."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.backends.local_blobs import LocalBlobStore
from service.backends.outbox import Outbox
from service.domain import InsightsQuery
from service.observability import EventLog, build_event_log
from service.request_records import REQUESTS_PREFIX, RequestRecorder

DAY_ONE = datetime(2026, 11, 16, 23, 59, 59, tzinfo=UTC)
DAY_TWO = datetime(2026, 11, 17, 0, 0, 1, tzinfo=UTC)


def request(index: int) -> InsightsQuery:
    return InsightsQuery(
        unique_process_id=f"proc-{index}",
        account_number="4000123412341234",
        contact_id=f"c-{index}",
    )


def delivered_rows(outbox: Outbox, blobs: LocalBlobStore) -> dict[str, list[dict[str, object]]]:
    """Drain the outbox, then return the rows of every request-log object by key."""

    async def go() -> dict[str, list[dict[str, object]]]:
        while outbox.pending_count():
            await outbox.drain_once(blobs)
        keys = await blobs.list_keys(REQUESTS_PREFIX)
        return {key: (await blobs.get_json(key) or {})["rows"] for key in keys}

    return asyncio.run(go())


def recorder(outbox: Outbox, events: EventLog, max_batch_rows: int = 500) -> RequestRecorder:
    return RequestRecorder(
        outbox=outbox, events=events, clock=lambda: DAY_ONE, max_batch_rows=max_batch_rows
    )


def test_failed_requests_are_logged_per_day_without_account_numbers(tmp_path: Path) -> None:
    outbox, blobs = Outbox(tmp_path / "outbox.sqlite"), LocalBlobStore(tmp_path / "blobs")
    log = recorder(outbox, build_event_log("test-request-log"))
    log.failed(request(1), "req-1", DAY_ONE)
    log.failed(request(2), "req-2", DAY_TWO)
    assert outbox.pending_count() == 0  # buffered until flushed
    assert log.flush() == 2 and log.batches_queued == 2
    objects = delivered_rows(outbox, blobs)
    days = sorted(key.split("/")[2] for key in objects)
    assert days == ["dt=2026-11-16", "dt=2026-11-17"]
    rows = [row for batch in objects.values() for row in batch]
    assert {row["outcome"] for row in rows} == {"error"}
    assert all("4000123412341234" not in str(row) for row in rows)


@settings(max_examples=25, deadline=None)
@given(count=st.integers(min_value=0, max_value=60), batch=st.integers(min_value=1, max_value=25))
def test_every_row_is_delivered_exactly_once_whatever_the_batching(
    tmp_path_factory: pytest.TempPathFactory, count: int, batch: int
) -> None:
    folder = tmp_path_factory.mktemp("requests")
    outbox, blobs = Outbox(folder / "outbox.sqlite"), LocalBlobStore(folder / "blobs")
    log = recorder(outbox, build_event_log("test-request-log"), max_batch_rows=batch)
    for index in range(count):
        log.failed(request(index), f"req-{index}", DAY_ONE)
    log.flush()
    objects = delivered_rows(outbox, blobs)
    ids = [row["request_id"] for rows in objects.values() for row in rows]
    assert sorted(ids) == sorted(f"req-{index}" for index in range(count))
    assert all(len(rows) <= batch for rows in objects.values())
    outbox.close()


def test_disabled_request_log_writes_nothing(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    log = RequestRecorder(
        outbox=outbox,
        events=build_event_log("test-request-log"),
        clock=lambda: DAY_ONE,
        log_requests=False,
    )
    log.failed(request(1), "req-1", DAY_ONE)
    assert log.flush() == 0 and outbox.pending_count() == 0
