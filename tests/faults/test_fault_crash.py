"""SIGKILL mid-load: nothing the service acknowledged is lost across a restart."""

from __future__ import annotations

from pathlib import Path

from oci_testing.fault_scenarios import run_sigkill

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer


def test_fault_sigkill_mid_load_loses_nothing_acknowledged(
    tmp_path: Path, emulator: EmulatorServer
) -> None:
    # A 300 ms model keeps requests in flight, so the kill lands mid-load.
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=300))})
    crash = run_sigkill(tmp_path, emulator, plan, requests=40, concurrency=8, kill_after_acks=20)
    result = crash.result
    print(result.report())
    assert crash.killed_after_acks >= 20
    # The kill really cut calls: some clients got no answer.
    assert any(o.status == 0 for o in result.outcomes)
    assert result.processed.acknowledged > 0 and result.feedback.acknowledged > 0
    assert result.processed.lossless, result.processed
    assert result.feedback.lossless, result.feedback
    # Every acknowledged summary is in the SummaryCache: the next agent gets the same text.
    originals = {o.unique_process_id: o.body for o in result.answers if o.status == 200}
    assert len(crash.transfers) == len(originals)
    for transfer in crash.transfers:
        assert transfer.status == 200 and transfer.body["cache_hit"] is True
        assert transfer.body["summary"] == originals[transfer.unique_process_id]["summary"]
