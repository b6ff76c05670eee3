"""`oci promote`: production moves only on a passing gate, audited; a failure changes nothing."""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from eval.cli import app
from service.prompt_source import load_prompt_dir
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.protocol import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]
NAME = "omni-summary"
# The first 40 golden samples (above the paired checks' 30): the promotion mechanics are the
# same as on all 200, in a fifth of the model calls.
LIMIT = ("--limit", "40")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    tracking = f"sqlite:///{tmp_path / 'mlflow.db'}"
    for key, value in {
        "OCI_STATE_DIR": str(tmp_path / "var"),
        "OCI_REPORTS_DIR": str(tmp_path / "reports"),
        "OCI_PROMPTS_DIR": str(prompts),
        "OCI_DATASETS_DIR": str(ROOT / "datasets"),
        "OCI_MLFLOW_ARTIFACTS_DIR": str(tmp_path / "artifacts"),
        "MLFLOW_TRACKING_URI": tracking,
        # Promotion needs a current meta-evaluation: a small one, computed on demand.
        "OCI_META_EVAL": "auto",
        "OCI_META_EVAL_PER_FAMILY": "1",
    }.items():
        monkeypatch.setenv(key, value)
    return {"prompts": prompts, "state": tmp_path / "var", "tracking": tracking}


def _register_variant(env: dict[str, Any], tmp_path: Path, label: str, **changes: str) -> str:
    data = yaml.safe_load((env["prompts"] / NAME / "prompt.yaml").read_text())
    data.update(changes)
    directory = tmp_path / label
    directory.mkdir()
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data))
    registry = MlflowPromptRegistry(env["tracking"])
    return registry.register(load_prompt_dir(directory), git_commit="test", author="t").version


def _production(env: dict[str, Any]) -> str | None:
    return MlflowPromptRegistry(env["tracking"]).alias_version(NAME, PRODUCTION)


def test_promote_moves_production_on_pass_and_tags_the_evidence(
    env: dict[str, Any], tmp_path: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["registry", "bootstrap"]).exit_code == 0
    system = yaml.safe_load((env["prompts"] / NAME / "prompt.yaml").read_text())["system"]
    version = _register_variant(
        env, tmp_path, "rewrite", system=system.replace("You write", "You draft")
    )
    result = runner.invoke(app, ["promote", "--version", version, *LIMIT])
    assert result.exit_code == 0, result.output
    assert _production(env) == version
    registry = MlflowPromptRegistry(env["tracking"])
    tags = registry.version_tags(NAME, version)
    assert tags["oci.verdict"] == "PASS" and tags["oci.eval_run_id"]
    last = registry.audit_trail(NAME)[-1]
    assert (last.action, last.to_version, last.eval_run_id) == (
        "promote",
        version,
        tags["oci.eval_run_id"],
    )
    assert int(tags["oci.unvalidated_passes"]) >= 0
    assert list((env["state"] / "metaeval").glob("*.json")), "the table was computed and stored"


def test_a_pass_without_a_current_meta_eval_is_refused(
    env: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCI_META_EVAL", "stored")  # as with a paid judge nobody meta-evaluated
    runner = CliRunner()
    assert runner.invoke(app, ["registry", "bootstrap"]).exit_code == 0
    before = _production(env)
    system = yaml.safe_load((env["prompts"] / NAME / "prompt.yaml").read_text())["system"]
    version = _register_variant(
        env, tmp_path, "rewrite", system=system.replace("You write", "You draft")
    )
    result = runner.invoke(app, ["promote", "--version", version, *LIMIT])
    assert result.exit_code == 1
    assert "no current meta-evaluation" in result.output
    assert _production(env) == before


def test_failed_gate_exits_non_zero_and_changes_nothing(
    env: dict[str, Any], tmp_path: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["registry", "bootstrap"]).exit_code == 0
    before = _production(env)
    trail = len(MlflowPromptRegistry(env["tracking"]).audit_trail(NAME))
    version = _register_variant(
        env,
        tmp_path,
        "no-data",
        user="Summarize the customer for intent {{ivr_intent}}.",
        variables=["ivr_intent"],  # type: ignore[arg-type]
    )
    result = runner.invoke(app, ["promote", "--version", version, *LIMIT])
    assert result.exit_code == 1
    assert "gate FAILED" in result.output and "key_fact_recall" in result.output
    # In a CI log (not a TTY) the whole promote fits on one screen.
    assert len(result.output.splitlines()) <= 40, result.output
    report = next(line for line in result.output.splitlines() if line.startswith("report: "))
    assert Path(report.removeprefix("report: ").strip()).is_file()
    registry = MlflowPromptRegistry(env["tracking"])
    tags = registry.version_tags(NAME, version)
    assert tags["oci.verdict"] == "FAIL", "a failure is recorded on the version too"
    assert f"MLflow run: {tags['oci.eval_run_id']}" in result.output
    assert _production(env) == before
    assert len(registry.audit_trail(NAME)) == trail


def test_force_needs_a_reason_and_is_audited(env: dict[str, Any], tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["registry", "bootstrap"]).exit_code == 0
    version = _register_variant(env, tmp_path, "forced", changelog="forced change")
    refused = runner.invoke(app, ["promote", "--version", version, "--force"])
    assert refused.exit_code == 2 and "--reason" in refused.output
    forced = runner.invoke(
        app, ["promote", "--version", version, "--force", "--reason", "incident 42 hotfix"]
    )
    assert forced.exit_code == 0, forced.output
    last = MlflowPromptRegistry(env["tracking"]).audit_trail(NAME)[-1]
    assert (last.action, last.force_reason) == ("force", "incident 42 hotfix")


def test_a_second_promotion_cannot_interleave(env: dict[str, Any]) -> None:
    env["state"].mkdir(parents=True, exist_ok=True)
    with (env["state"] / "promote.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = CliRunner().invoke(app, ["promote", "--version", "1"])
    assert result.exit_code == 2
    assert "another promotion is running" in result.output
