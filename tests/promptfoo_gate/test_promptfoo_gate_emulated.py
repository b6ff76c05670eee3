"""`make gate` end to end with a model behind the Converse emulator: one that answers slowly
and invents amounts must fail both the latency check and `unsupported_fact`.

A module apart from `test_promptfoo_gate_make.py` so that the two run side by side on the
suite's two processes; the same 30 samples and one Python worker per provider.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gate_repos import NAME, PromptRepo
from oci_testing.gate_configs import with_latency_p95_threshold

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.local_models.extractive import summarize_prompt

Runner = Callable[..., subprocess.CompletedProcess[str]]


def _failed(reports: Path) -> set[str]:
    verdict = json.loads((reports / f"{NAME}.verdict.json").read_text())
    return set(verdict["failed_checks"])


def _inventor(system: str, user: str) -> str:
    """A model that states an amount no interaction mentions."""
    return summarize_prompt(system, user) + " A $987.65 goodwill credit was promised."


def _emulated(repo: PromptRepo, server: EmulatorServer) -> None:
    repo.change(
        model_config={
            "primary": "bedrock/converse/us.amazon.nova-lite-v1:0",
            "fallbacks": [],
            "api_base": server.base_url,
            "aws_region_name": "us-east-1",
            "prices": {},
        }
    )


@pytest.fixture
def aws_env() -> Iterator[dict[str, str]]:
    yield {"AWS_ACCESS_KEY_ID": "emulator", "AWS_SECRET_ACCESS_KEY": "emulator"}


def test_slow_model_that_invents_amounts_fails_latency_and_unsupported_fact(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path, aws_env: dict[str, str]
) -> None:
    # Both faults in one model, so that one promptfoo run shows each reaching the verdict by
    # name; each alone, with nothing else failing, is in tests/eval_pipeline/.
    gate_path = with_latency_p95_threshold(tmp_path, 300)  # the emulator answers in 400 ms
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=400))})
    with EmulatorServer(plan, answer=_inventor) as server:
        _emulated(prompt_repo, server)
        result = run_gate(prompt_repo, "--gate-config", str(gate_path), env=aws_env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"FAIL {NAME}" in result.stdout
    assert "unsupported_fact" in result.stdout
    failed = _failed(tmp_path / "reports")
    assert {"latency_p95", "unsupported_fact"} <= failed
    assert "pii_leaks" not in failed and "cost_per_summary" not in failed
    output = json.loads((tmp_path / "reports" / f"{NAME}.json").read_text())
    head_rows = [r for r in output["results"]["results"] if r["provider"]["label"] == "head"]
    latency = [
        c
        for r in head_rows
        for c in r["gradingResult"]["componentResults"]
        if c.get("assertion", {}).get("type") == "latency"
    ]
    # Per-row evidence in the viewer (rows with nothing in the window make no model call).
    assert sum(not c["pass"] for c in latency) > len(latency) / 2
