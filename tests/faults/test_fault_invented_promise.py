"""A model that invents a promise on some requests (seed 003's validation agent, end to end).

The Converse emulator answers with the baseline summary of the very prompt, plus a promise no
record makes on about half of the accounts; on a quarter it keeps inventing even when asked
again with the stricter instruction. Through the real service process: no agent ever reads
the invented promise unflagged, the failed check is logged as an event (without PII), and
every processed record says what the check did.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from oci_testing.fault_scenarios import run_model_fault, stored_documents
from oci_testing.service_process import pii_of

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.claims.guard import STRICTER_INSTRUCTION
from service.local_models.extractive import summarize_prompt
from service.records import PROCESSED_PREFIX

INVENTED = "The agent promised a loyalty discount on the next bill."


def _bucket(user: str) -> int:
    return int(hashlib.sha256(user.encode()).hexdigest(), 16) % 4


def _inventor(system: str, user: str) -> str:
    """Baseline summary; buckets 0-1 invent a promise, bucket 0 even when told not to."""
    summary = summarize_prompt(system, user)
    bucket = _bucket(user)
    retried = STRICTER_INSTRUCTION.strip() in system
    if bucket == 0 or (bucket == 1 and not retried):
        return f"{summary} {INVENTED}"
    return summary


def test_fault_invented_promise_never_reaches_an_agent_unflagged(tmp_path: Path) -> None:
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=10))})
    with EmulatorServer(answer=_inventor) as emulator:
        result = run_model_fault(
            "invented-promise",
            tmp_path,
            emulator,
            plan,
            requests=24,
            concurrency=4,
            accounts=24,
        )
    print(result.report())
    answers = result.answers
    assert [o.status for o in answers] == [200] * 24
    outcomes = [o.body["summary_check"] for o in answers]
    # Both paths happened: a clean second draft, and a redaction of a draft still inventing.
    assert "regenerated" in outcomes and "redacted" in outcomes, outcomes
    for answer in answers:
        summary = answer.body["summary"]
        assert "loyalty discount" not in summary, summary
        if answer.body["summary_check"] in ("redacted", "withheld"):
            assert answer.body["flags"], answer.body  # the desktop is told it was cut

    logs = "\n".join(p.read_text(errors="replace") for p in result_logs(tmp_path))
    failed = [json.loads(line) for line in logs.splitlines() if "SUMMARY_CHECK_FAILED" in line]
    assert len(failed) == outcomes.count("regenerated") + outcomes.count("redacted")
    assert all("promise" in event.get("categories", []) for event in failed), failed
    for index in range(24):
        for value in pii_of(index).values():
            assert value not in logs

    records = stored_documents(tmp_path / "blobs", PROCESSED_PREFIX)
    by_request = {record["request_id"]: record for record in records}
    assert result.processed.lossless
    for answer in answers:
        record = by_request[answer.body["request_id"]]
        assert record["summary_check"] == answer.body["summary_check"]
        assert record["flags"] == answer.body["flags"]
        assert "loyalty discount" not in json.dumps(record)


def result_logs(state_dir: Path) -> list[Path]:
    return sorted(state_dir.glob("service-*.log"))
