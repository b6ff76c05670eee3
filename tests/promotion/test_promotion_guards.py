"""Promotion guards: a canary needs a passing eval against today's production (or an audited
reason); a rollback says what it did with a running canary; promoting the canary ends it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eval.promotion import (
    eval_evidence,
    move_production,
    record_eval,
    rollback,
    set_canary,
)
from eval.registry_cli import registry_app
from service.prompt_source import load_prompt_dir
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.protocol import PRODUCTION, AliasMoveError

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "prompts" / "omni-summary" / "prompt.yaml"


@pytest.fixture(scope="module")
def tracking_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    # One store for the module (its migrations take seconds); each test uses its own prompt.
    return f"sqlite:///{tmp_path_factory.mktemp('mlflow') / 'mlflow.db'}"


@pytest.fixture
def versions(tracking_uri: str, tmp_path: Path) -> tuple[MlflowPromptRegistry, str, list[str]]:
    """A fresh prompt with three versions; version 1 is production."""
    registry = MlflowPromptRegistry(tracking_uri)
    name = f"t-{uuid.uuid4().hex[:10]}"
    found = []
    for note in ("", " v2", " v3"):
        data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
        data["name"], data["system"] = name, data["system"] + note
        directory = tmp_path / f"v{len(found) + 1}"
        directory.mkdir()
        (directory / "prompt.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        source = load_prompt_dir(directory)
        found.append(registry.register(source, git_commit="t", author="t").version)
    move_production(registry, name, found[0], who="ds", force_reason="test setup")
    return registry, name, found


def test_a_canary_needs_a_passing_eval_against_current_production(
    versions: tuple[MlflowPromptRegistry, str, list[str]],
) -> None:
    registry, name, (v1, v2, _) = versions
    with pytest.raises(AliasMoveError, match="never evaluated"):
        set_canary(registry, name, v2, 10, who="ds")
    record_eval(registry, name, v2, passed=False, run_id="run-fail", against=v1)
    with pytest.raises(AliasMoveError, match="failed its latest eval"):
        set_canary(registry, name, v2, 10, who="ds")
    record_eval(registry, name, v2, passed=True, run_id="run-old", against="0")
    with pytest.raises(AliasMoveError, match=f"production is now {v1}"):
        set_canary(registry, name, v2, 10, who="ds")
    assert registry.canary(name).version is None, "every refusal changed nothing"

    record_eval(registry, name, v2, passed=True, run_id="run-ok", against=v1)
    entry = set_canary(registry, name, v2, 10, who="ds")
    assert (entry.to_version, entry.eval_run_id, entry.weight) == (v2, "run-ok", 10)
    assert registry.canary(name).version == v2
    assert registry.audit_trail(name)[-1].eval_run_id == "run-ok"


def test_a_forced_canary_is_audited_with_its_reason(
    versions: tuple[MlflowPromptRegistry, str, list[str]],
) -> None:
    registry, name, (_, v2, _) = versions
    assert eval_evidence(registry, name, v2) is None
    set_canary(registry, name, v2, 25, who="oncall", force_reason="hotfix 7")
    last = registry.audit_trail(name)[-1]
    assert (last.action, last.to_version, last.force_reason, last.who) == (
        "canary",
        v2,
        "hotfix 7",
        "oncall",
    )


def test_rollback_clears_a_running_canary_unless_told_to_keep_it(
    versions: tuple[MlflowPromptRegistry, str, list[str]],
) -> None:
    registry, name, (v1, v2, v3) = versions
    move_production(registry, name, v2, who="ds", eval_run_id="run-2")
    set_canary(registry, name, v3, 10, who="ds", force_reason="test setup")
    kept = rollback(registry, name, who="oncall", reason="spike", keep_canary=True)
    assert (kept.canary_state, kept.canary_version) == ("kept", v3)
    assert registry.canary(name).version == v3

    move_production(registry, name, v2, who="ds", eval_run_id="run-2b")
    cleared = rollback(registry, name, who="oncall", reason="spike again")
    assert (cleared.canary_state, cleared.canary_version) == ("cleared", v3)
    assert registry.alias_version(name, PRODUCTION) == v1
    assert registry.canary(name).version is None
    assert cleared.canary is not None and cleared.canary.force_reason == "rollback: spike again"

    move_production(registry, name, v2, who="ds", eval_run_id="run-2c")
    nothing = rollback(registry, name, who="oncall", reason="once more")
    assert (nothing.canary_state, nothing.canary) == ("none", None)


def test_promoting_the_canary_version_ends_the_canary(
    versions: tuple[MlflowPromptRegistry, str, list[str]],
) -> None:
    registry, name, (_, v2, _) = versions
    set_canary(registry, name, v2, 50, who="ds", force_reason="test setup")
    move_production(registry, name, v2, who="ds", eval_run_id="run-2")
    assert registry.canary(name).version is None
    assert registry.audit_trail(name)[-1].action == "canary"


def test_cli_canary_and_rollback_say_what_they_did(
    versions: tuple[MlflowPromptRegistry, str, list[str]], tracking_uri: str
) -> None:
    registry, name, (v1, v2, v3) = versions
    runner = CliRunner()
    common = ["--prompt", name, "--tracking-uri", tracking_uri, "--who", "ds@example.com"]
    canary = ["canary", "set", "--version", v3, "--weight", "10", *common]

    refused = runner.invoke(registry_app, canary)
    no_reason = runner.invoke(registry_app, [*canary, "--force"])
    assert (refused.exit_code, no_reason.exit_code) == (2, 2)
    assert "oci eval --version" in " ".join(refused.output.split())
    assert "--reason" in no_reason.output

    move_production(registry, name, v2, who="ds", eval_run_id="run-2")
    forced = runner.invoke(registry_app, [*canary, "--force", "--reason", "incident 9"])
    assert forced.exit_code == 0, forced.output
    assert "forced: incident 9" in forced.output
    rolled = runner.invoke(registry_app, ["rollback", "--reason", "spike", *common])
    assert rolled.exit_code == 0, rolled.output
    assert f"production {v2} -> {v1}" in rolled.output
    assert f"canary {v3} cleared" in rolled.output
