"""The whole eval pipeline on real pairs: degraded candidates fail for the right reason.

Each candidate is a real prompt/model pair run through the production summarizer on the
first 40 golden samples (paired with production on the same samples), scored by the real
scorers and gated by the real gate.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path

import mlflow
import pytest
import yaml
from mlflow.tracking import MlflowClient
from oci_testing.gate_configs import with_latency_p95_threshold

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.pipeline import EvalOutcome, run_eval
from eval.runner import RunOptions
from service.local_models.extractive import summarize_prompt
from service.local_models.provider import register_local_models
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "prompts" / "omni-summary"
LIMIT = 40
# These tests check the gate's mechanics with a pair that passes it, so they run on golden/v1,
# where the committed production pair (an extractive baseline) passes; on golden/v2 it fails
# status_contradiction and judge_pass_rate (datasets/README.md).
DATASET = "golden/v1"


def _inventor(system: str, user: str) -> str:
    """A model that states an amount no interaction mentions."""
    return summarize_prompt(system, user) + " A $987.65 goodwill credit was promised."


def _echo(system: str, user: str) -> str:
    """A model that repeats the raw notes, personal data included."""
    notes = re.findall(r"^notes: (.*)$", user, flags=re.MULTILINE)
    return " ".join(notes)[:900] or "No interactions found"


@pytest.fixture(scope="module", autouse=True)
def _test_models() -> None:
    register_local_models(extra={"test-inventor": _inventor, "test-echo": _echo})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        state_dir=tmp_path / "var",
        reports_dir=tmp_path / "reports",
        datasets_dir=ROOT / "datasets",
        prompts_dir=ROOT / "prompts",
        mlflow_tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}",
        mlflow_artifacts_dir=tmp_path / "artifacts",
    )


def variant(tmp_path: Path, name: str, **changes: object) -> PromptPair:
    """The committed prompt with top-level or model_config changes, as a local pair."""
    data = yaml.safe_load((COMMITTED / "prompt.yaml").read_text())
    model_changes = changes.pop("model_config", {})
    data.update(changes)
    data["model_config"].update(model_changes)  # type: ignore[arg-type]
    directory = tmp_path / name
    directory.mkdir()
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return load_prompt_dir(directory).pair


def evaluate(settings: Settings, candidate: PromptPair, **kwargs: object) -> EvalOutcome:
    production = load_prompt_dir(COMMITTED).pair
    return asyncio.run(
        run_eval(
            settings,
            candidate,
            production,
            options=RunOptions(concurrency=16),
            limit=LIMIT,
            log_to_mlflow=False,
            dataset_version=DATASET,
            **kwargs,  # type: ignore[arg-type]
        )
    )


def failed(outcome: EvalOutcome) -> set[str]:
    return {check.name for check in outcome.verdict.failed}


def test_equivalent_rewrite_of_the_production_prompt_passes(
    settings: Settings, tmp_path: Path
) -> None:
    system = yaml.safe_load((COMMITTED / "prompt.yaml").read_text())["system"]
    rewritten = system.replace("You write the briefing", "Your job is to write the briefing")
    outcome = evaluate(settings, variant(tmp_path, "rewrite", system=rewritten))
    assert outcome.verdict.passed, failed(outcome)
    assert outcome.verdict.compared_with is not None
    paired = [c for c in outcome.verdict.checks if c.kind != "absolute"]
    assert paired and all(c.passed for c in paired)


def test_prompt_that_drops_the_customer_data_fails_quality_non_inferiority(
    settings: Settings, tmp_path: Path
) -> None:
    candidate = variant(
        tmp_path,
        "no-data",
        user="Current call intent: {{ivr_intent}}. Summarize the customer's history.",
        variables=["ivr_intent"],
    )
    names = failed(evaluate(settings, candidate))
    assert {"bleu_non_inferior", "key_fact_recall_non_inferior"} <= names


def test_model_that_invents_amounts_fails_unsupported_fact(
    settings: Settings, tmp_path: Path
) -> None:
    candidate = variant(
        tmp_path,
        "inventor",
        model_config={
            "primary": "local/test-inventor",
            "prices": {
                "local/test-inventor": {"input": 0, "output": 0},
                "local/lead-baseline": {"input": 0, "output": 0},
            },
        },
    )
    names = failed(evaluate(settings, candidate))
    assert "unsupported_fact" in names


def test_prompt_that_truncates_fails_reference_non_inferiority(
    settings: Settings, tmp_path: Path
) -> None:
    system = yaml.safe_load((COMMITTED / "prompt.yaml").read_text())["system"]
    candidate = variant(
        tmp_path, "short", system=system.replace("at most 90 words", "at most 15 words")
    )
    names = failed(evaluate(settings, candidate))
    assert "key_fact_recall_non_inferior" in names or "bleu_non_inferior" in names
    assert "unsupported_fact" not in names and "pii_leaks" not in names


def test_expensive_model_fails_cost_per_summary(settings: Settings, tmp_path: Path) -> None:
    candidate = variant(
        tmp_path,
        "expensive",
        model_config={
            "prices": {
                "local/extractive-summarizer": {"input": 30.0, "output": 60.0},
                "local/lead-baseline": {"input": 0, "output": 0},
            }
        },
    )
    assert failed(evaluate(settings, candidate)) == {"cost_per_summary"}


def test_model_that_repeats_personal_data_fails_pii_leaks(
    settings: Settings, tmp_path: Path
) -> None:
    candidate = variant(
        tmp_path,
        "echo",
        model_config={
            "primary": "local/test-echo",
            "prices": {
                "local/test-echo": {"input": 0, "output": 0},
                "local/lead-baseline": {"input": 0, "output": 0},
            },
        },
    )
    assert "pii_leaks" in failed(evaluate(settings, candidate))


@pytest.fixture
def slow_emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "emulator")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=400))})
    with EmulatorServer(plan) as server:
        yield server


def test_slow_model_through_the_emulator_fails_latency(
    settings: Settings, tmp_path: Path, slow_emulator: EmulatorServer
) -> None:
    gate_path = with_latency_p95_threshold(tmp_path, 300)  # the emulator answers in 400 ms
    candidate = variant(
        tmp_path,
        "slow",
        model_config={
            "primary": "bedrock/converse/us.amazon.nova-lite-v1:0",
            "fallbacks": [],
            "api_base": slow_emulator.base_url,
            "aws_region_name": "us-east-1",
            "prices": {},
        },
    )
    outcome = evaluate(settings, candidate, gate_path=gate_path)
    assert "latency_p95" in failed(outcome)
    assert "unsupported_fact" not in failed(outcome)


def test_eval_run_is_recorded_in_mlflow_with_dataset_digest(settings: Settings) -> None:
    production = load_prompt_dir(COMMITTED).pair
    outcome = asyncio.run(
        run_eval(
            settings,
            production,
            production,
            options=RunOptions(),
            limit=LIMIT,
            dataset_version=DATASET,
        )
    )
    assert outcome.verdict.passed and outcome.mlflow_run_id
    client = MlflowClient(tracking_uri=settings.mlflow_tracking_uri)
    run = client.get_run(outcome.mlflow_run_id)
    assert run.data.params["content_hash"] == production.content_hash
    assert run.data.params["dataset.golden/v1"].startswith("sha256:")
    assert run.data.metrics["gate_passed"] == 1.0
    assert "corpus_bleu" in run.data.metrics
    assert run.inputs.dataset_inputs[0].dataset.name == "golden/v1"
    artifacts = {a.path for a in client.list_artifacts(outcome.mlflow_run_id)}
    assert {"per_sample_results.json", "report.html", "report"} <= artifacts
    assert outcome.report.html.is_file() and "GATE" in outcome.report.markdown.read_text().upper()
    assert outcome.mlflow_run_id in outcome.report.html.read_text(encoding="utf-8")
    assert run.data.tags["mlflow.note.content"] == outcome.report.markdown.read_text()
    # A local prompt directory is no registered version: nothing to link, and it says so.
    assert run.data.tags["oci.prompt_link"].startswith("not linked")


def test_failing_registered_version_is_linked_to_its_run_and_tagged_fail(
    settings: Settings, tmp_path: Path
) -> None:
    process_store = mlflow.get_tracking_uri()
    registry = MlflowPromptRegistry(settings.mlflow_tracking_uri)
    production = registry.load_version(
        "omni-summary",
        registry.register(load_prompt_dir(COMMITTED), git_commit="test", author="test").version,
    )
    expensive = variant(
        tmp_path,
        "expensive",
        model_config={
            "prices": {
                "local/extractive-summarizer": {"input": 30.0, "output": 60.0},
                "local/lead-baseline": {"input": 0, "output": 0},
            }
        },
    )
    registered = registry.register(
        load_prompt_dir(tmp_path / "expensive"), git_commit="test", author="test"
    )
    candidate = registry.load_version("omni-summary", registered.version)
    assert candidate.content_hash == expensive.content_hash
    outcome = asyncio.run(
        run_eval(
            settings, candidate, production, options=RunOptions(), limit=10, dataset_version=DATASET
        )
    )
    assert not outcome.verdict.passed and outcome.mlflow_run_id
    client = MlflowClient(tracking_uri=settings.mlflow_tracking_uri)
    tags = client.get_run(outcome.mlflow_run_id).data.tags
    linked = json.loads(tags["mlflow.linkedPrompts"])
    assert {"name": "omni-summary", "version": registered.version} in linked
    version = client.get_prompt_version("omni-summary", registered.version)
    assert version is not None
    assert version.tags["oci.verdict"] == "FAIL"
    assert version.tags["oci.eval_run_id"] == outcome.mlflow_run_id
    assert "cost_per_summary" in version.tags["oci.checks_failed"]
    # The version's first tag says it in a few words, where the MLflow UI shows it.
    first = next(k for k in version.tags if not k.startswith(("mlflow.", "_mlflow")))
    assert first == "oci.eval" and version.tags[first].startswith("FAIL vs omni-summary@")
    assert mlflow.get_tracking_uri() == process_store  # linking left MLflow's global as it was


def test_second_run_reuses_outputs_and_reports_their_original_latency(
    settings: Settings,
) -> None:
    production = load_prompt_dir(COMMITTED).pair
    first = asyncio.run(
        run_eval(
            settings,
            production,
            None,
            options=RunOptions(),
            limit=10,
            dataset_version=DATASET,
            log_to_mlflow=False,
        )
    )
    second = asyncio.run(
        run_eval(
            settings,
            production,
            None,
            options=RunOptions(),
            limit=10,
            dataset_version=DATASET,
            log_to_mlflow=False,
        )
    )
    assert {r.latency_source for r in first.candidate.results} == {"measured"}
    assert {r.latency_source for r in second.candidate.results} == {"cached"}
    assert [r.latency_ms for r in second.candidate.results] == [
        r.latency_ms for r in first.candidate.results
    ]
    assert [r.output for r in second.candidate.results] == [
        r.output for r in first.candidate.results
    ]


def test_first_eval_names_bootstrapped_production_its_report_and_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from eval.cli import app

    tracking = f"sqlite:///{tmp_path / 'mlflow.db'}"
    for key, value in {
        "OCI_STATE_DIR": str(tmp_path / "var"),
        "OCI_REPORTS_DIR": str(tmp_path / "reports"),
        "OCI_PROMPTS_DIR": str(ROOT / "prompts"),
        "OCI_DATASETS_DIR": str(ROOT / "datasets"),
        "OCI_MLFLOW_ARTIFACTS_DIR": str(tmp_path / "artifacts"),
        "MLFLOW_TRACKING_URI": tracking,
        "OCI_META_EVAL": "off",
    }.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(app, ["eval", "--limit", "5", "--dataset", DATASET])
    assert result.exit_code in (0, 1), result.output
    lines = result.stdout.splitlines()
    assert "production set by bootstrap" in result.stdout
    assert any(
        line.startswith("Production: omni-summary@1 (") and "(bootstrapped)" in line
        for line in lines
    ), result.stdout
    report = next(line for line in lines if line.startswith("report: "))
    assert Path(report.split(maxsplit=1)[1]).is_file()
    run_id = next(line for line in lines if line.startswith("MLflow run: ")).split()[-1]
    run = MlflowClient(tracking_uri=tracking).get_run(run_id)
    assert run.data.tags["oci.prompt_link"] == "linked: prompts:/omni-summary/1"
