"""MLflow (the prompt registry) down under load: the last-known-good pair keeps serving."""

from __future__ import annotations

from pathlib import Path

from oci_testing.registry_scenarios import PHASES, run_registry_outage

from eval.emulator.server import EmulatorServer


def test_fault_registry_down_keeps_serving_last_known_good_and_loses_nothing(
    tmp_path: Path, emulator: EmulatorServer
) -> None:
    # A 3 s load timeout (production 10 s) keeps the cold start with MLflow down short.
    outage = run_registry_outage(
        tmp_path, emulator, requests=10, concurrency=4, refresh_s=0.5, load_timeout_s=3.0
    )
    assert [phase.name.removeprefix("MLflow ") for phase in outage.phases] == list(PHASES)
    for phase in outage.phases:
        print(phase.report())
        assert [o.status for o in phase.answers] == [200] * 10
        assert [o.status for o in phase.outcomes if o.kind == "feedback"] == [201] * 10
        # Down, restarted while down, or back: always the version production points at.
        assert outage.served_versions(phase) == {outage.version: 10}
        assert phase.processed.lossless and phase.processed.acknowledged == 10
        assert phase.feedback.lossless and phase.feedback.stored == 10
    assert set(outage.ready_prompt.values()) == {f"omni-summary@{outage.version}"}
