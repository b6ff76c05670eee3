"""`make gate` end to end on throwaway repos: promptfoo runs base and head, the eval gate decides.

Each degraded copy of the committed prompt (the eval issue's list: drops customer data, invents
amounts, truncates, slow, expensive) must fail `make gate` naming the failing check; an
unchanged tree or an equivalent rewrite must pass. 30 samples (the paired checks' min_pairs)
and one Python worker per provider keep the whole module to a few minutes.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from gate_repos import NAME, ROOT, PromptRepo

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.local_models.extractive import summarize_prompt

Runner = Callable[..., subprocess.CompletedProcess[str]]
ZERO_PRICES = {"local/lead-baseline": {"input": 0, "output": 0}}


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


def _failed(result: subprocess.CompletedProcess[str], reports: Path) -> set[str]:
    verdict = json.loads((reports / f"{NAME}.verdict.json").read_text())
    return set(verdict["failed_checks"])


def test_unchanged_prompts_pass_quickly_without_promptfoo(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    result = run_gate(prompt_repo)
    assert result.returncode == 0, result.stderr
    assert "no prompt changed under prompts/ since main" in result.stdout
    assert not (tmp_path / "reports" / f"{NAME}.json").exists()


def test_equivalent_rewrite_passes_with_base_and_head_side_by_side(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    system = str(prompt_repo.data()["system"])
    prompt_repo.change(
        system=system.replace("You write the briefing", "Your job is to write the briefing")
    )
    result = run_gate(prompt_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    reports = tmp_path / "reports"
    output = json.loads((reports / f"{NAME}.json").read_text())
    labels = {row["provider"]["label"] for row in output["results"]["results"]}
    assert labels == {"base", "head"}
    summary = (reports / "summary.md").read_text()
    assert "✅ PASS" in summary and "git main" in summary and "| head | base |" in summary
    assert "bleu_non_inferior" in summary


def test_prompt_that_drops_the_customer_data_fails(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    prompt_repo.change(
        user="Current call intent: {{ivr_intent}}. Summarize the history.", variables=["ivr_intent"]
    )
    result = run_gate(prompt_repo)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"FAIL {NAME}" in result.stdout
    assert "key_fact_recall_non_inferior" in result.stdout
    assert {"bleu_non_inferior", "key_fact_recall_non_inferior"} <= _failed(
        result, tmp_path / "reports"
    )


def test_prompt_that_truncates_fails_reference_non_inferiority(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    system = str(prompt_repo.data()["system"])
    prompt_repo.change(system=system.replace("at most 90 words", "at most 15 words"))
    result = run_gate(prompt_repo)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"FAIL {NAME}" in result.stdout
    failed = _failed(result, tmp_path / "reports")
    assert "key_fact_recall_non_inferior" in failed or "bleu_non_inferior" in failed
    assert "hallucination_rate" not in failed and "pii_leaks" not in failed


def test_expensive_model_fails_cost_per_summary(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    prices = {"local/extractive-summarizer": {"input": 30.0, "output": 60.0}, **ZERO_PRICES}
    prompt_repo.change(model_config={"prices": prices})
    result = run_gate(prompt_repo)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"FAIL {NAME}" in result.stdout
    assert "cost_per_summary" in result.stdout
    assert _failed(result, tmp_path / "reports") == {"cost_per_summary"}


def test_model_that_invents_amounts_fails_hallucination_rate(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path, aws_env: dict[str, str]
) -> None:
    with EmulatorServer(answer=_inventor) as server:
        _emulated(prompt_repo, server)
        result = run_gate(prompt_repo, env=aws_env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"FAIL {NAME}" in result.stdout
    assert "hallucination_rate" in result.stdout
    assert "hallucination_rate" in _failed(result, tmp_path / "reports")


def test_slow_model_fails_latency(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path, aws_env: dict[str, str]
) -> None:
    gate = yaml.safe_load((ROOT / "eval" / "gate.yaml").read_text())
    for check in gate["absolute"]:
        if check["metric"] == "latency_p95_ms":
            check["threshold"] = 300  # scaled down with the emulator's 400 ms, to keep CI quick
    gate_path = tmp_path / "gate.yaml"
    gate_path.write_text(yaml.safe_dump(gate))
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=400))})
    with EmulatorServer(plan) as server:
        _emulated(prompt_repo, server)
        result = run_gate(prompt_repo, "--gate-config", str(gate_path), env=aws_env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"FAIL {NAME}" in result.stdout
    failed = _failed(result, tmp_path / "reports")
    assert "latency_p95" in failed and "hallucination_rate" not in failed
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
