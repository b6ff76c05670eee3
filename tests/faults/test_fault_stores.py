"""Store outages on DynamoDB + S3 (moto), each behind a proxy that really refuses connections
(or, for a slow store, holds every answer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oci_testing.store_scenarios import (
    AwsStack,
    aws_stack,
    run_dynamodb_outage,
    run_dynamodb_slow,
    run_s3_outage,
)

from eval.emulator.server import EmulatorServer


@pytest.fixture
def stack() -> Iterator[AwsStack]:
    with aws_stack(accounts=20) as running:
        yield running


def test_fault_interaction_store_down_answers_503_then_recovers(
    tmp_path: Path, stack: AwsStack, emulator: EmulatorServer
) -> None:
    outage = run_dynamodb_outage(tmp_path, stack, emulator, requests=12, concurrency=4)
    for phase in (outage.before, outage.during, outage.after):
        print(phase.report())
    assert [o.status for o in outage.before.answers] == [200] * 12
    during = outage.during.answers
    assert [o.status for o in during] == [503] * 12  # never a 500, never a hang
    assert all("interaction store" in o.body["detail"] for o in during)
    assert all(int(o.headers["retry-after"]) >= 1 for o in during)
    assert outage.ready_during["ready"] is False
    assert outage.ready_during["checks"]["interactions"].startswith("unavailable")
    assert [o.status for o in outage.after.answers] == [200] * 12
    for phase in (outage.before, outage.after):
        assert phase.processed.lossless and phase.processed.acknowledged == 12
        assert phase.feedback.lossless and phase.feedback.acknowledged == 12
    assert outage.during.processed.stored == 0


def test_fault_s3_down_queues_records_and_feedback_then_delivers_all(
    tmp_path: Path, stack: AwsStack, emulator: EmulatorServer
) -> None:
    result = run_s3_outage(tmp_path, stack, emulator, requests=20, concurrency=5, outage_s=4)
    print(result.report())
    assert [o.status for o in result.answers] == [200] * 20
    ratings = [o for o in result.outcomes if o.kind == "feedback"]
    # 201, or 200 "already recorded" when moto's in-process DynamoDB failed a
    # TransactWriteItems it had applied (see the slow-store test below) and the SDK's retry
    # found the rating stored; the reconciliation below checks each is stored exactly once.
    assert len(ratings) == 20 and all(o.status in (200, 201) for o in ratings)
    # During the outage nothing reached S3, and every record and every vote waited in the
    # outbox (next to the request log's batches, which it also carries).
    assert result.measured["pending_processed"] == 20
    assert result.measured["pending_feedback"] == 20
    assert result.measured["pending_during"] >= 40
    assert result.measured["stored_during"] == 0
    assert result.processed.lossless and result.processed.acknowledged == 20
    assert result.processed.stored == 20
    assert result.feedback.lossless and result.feedback.stored == 20


def test_fault_interaction_store_slow_answers_every_call_and_loses_nothing(
    tmp_path: Path, stack: AwsStack, emulator: EmulatorServer
) -> None:
    # 200 ms per DynamoDB call: ten times a slow DynamoDB day, still under the 2 s read timeout.
    slow = run_dynamodb_slow(tmp_path, stack, emulator, requests=12, concurrency=4, delay_s=0.2)
    for phase in (slow.before, slow.slow, slow.after):
        print(phase.report())
        # Slow is not down: every summary and every rating is answered, none is lost.
        assert [o.status for o in phase.answers] == [200] * 12
        ratings = [o for o in phase.outcomes if o.kind == "feedback"]
        # 201, or 200 "already recorded": moto's in-process DynamoDB can fail a
        # TransactWriteItems it applied (a race in its deepcopy), and the SDK's retry then
        # finds the rating stored. The reconciliation below checks it is there once.
        assert len(ratings) == 12 and all(o.acknowledged for o in ratings)
        assert phase.processed.lossless and phase.processed.acknowledged == 12
        assert phase.feedback.lossless and phase.feedback.stored == 12
    # The fault really happened: at least the interaction query of each summary, and the
    # served-log lookup of each rating, waited on the proxy.
    assert slow.delayed_calls >= 24
