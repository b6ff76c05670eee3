"""First-run bootstrap and the `oci registry` commands, on a fresh sqlite store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eval.registry_cli import move_production, registry_app
from service.registry.bootstrap import BOOTSTRAP_TAG, bootstrap
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.protocol import PRODUCTION

COMMITTED = Path(__file__).resolve().parents[2] / "prompts" / "omni-summary" / "prompt.yaml"


@pytest.fixture
def prompts_dir(tmp_path: Path) -> Path:
    target = tmp_path / "prompts" / "omni-summary"
    target.mkdir(parents=True)
    shutil.copy(COMMITTED, target / "prompt.yaml")
    return tmp_path / "prompts"


@pytest.fixture
def fresh_uri(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mlflow' / 'mlflow.db'}"


def test_bootstrap_registers_and_sets_production_once(prompts_dir: Path, fresh_uri: str) -> None:
    (Path(fresh_uri.removeprefix("sqlite:///")).parent).mkdir()
    registry = MlflowPromptRegistry(fresh_uri)

    first = bootstrap(registry, prompts_dir, git_commit="abc", author="ci@example.com")
    version = registry.alias_version("omni-summary", PRODUCTION)
    assert first.production_set == ("omni-summary",)
    assert [r.created for r in first.registered] == [True]
    assert version == first.registered[0].version
    assert registry.version_tags("omni-summary", version)[BOOTSTRAP_TAG] == "true"
    [entry] = registry.audit_trail("omni-summary")
    assert (entry.action, entry.to_version, entry.who) == ("bootstrap", version, "ci@example.com")

    data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    data["changelog"] = "Shorter."
    data["system"] += " Be brief."
    (prompts_dir / "omni-summary" / "prompt.yaml").write_text(yaml.safe_dump(data))
    second = bootstrap(registry, prompts_dir, git_commit="def", author="ci@example.com")
    assert second.production_set == ()
    assert second.registered[0].created
    assert registry.alias_version("omni-summary", PRODUCTION) == version  # never moved


def test_cli_register_is_idempotent_and_aliases_show_the_trail(
    prompts_dir: Path, fresh_uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCI_PROMPTS_DIR", str(prompts_dir))
    monkeypatch.chdir(prompts_dir.parent)
    runner = CliRunner()
    common = ["--tracking-uri", fresh_uri, "--who", "ds@example.com"]

    first = runner.invoke(registry_app, ["register", "--all", *common])
    again = runner.invoke(registry_app, ["register", "--prompt", "omni-summary", *common])
    assert first.exit_code == 0, first.output
    assert "registered new version 1" in first.output
    assert "unchanged, existing version 1" in again.output

    data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    data["system"] += " v2"
    (prompts_dir / "omni-summary" / "prompt.yaml").write_text(yaml.safe_dump(data))
    assert "new version 2" in runner.invoke(registry_app, ["register", "--all", *common]).output
    registry = MlflowPromptRegistry(fresh_uri)
    move_production(registry, "omni-summary", "1", who="ds", force_reason="first")
    move_production(registry, "omni-summary", "2", who="ds", eval_run_id="run-42")

    canary = ["canary", "set", "--prompt", "omni-summary", "--version", "1"]
    bad = runner.invoke(registry_app, [*canary, "--weight", "30", *common])
    rolled = runner.invoke(
        registry_app, ["rollback", "--prompt", "omni-summary", "--reason", "spike", *common]
    )
    shown = runner.invoke(
        registry_app, ["aliases", "show", "--prompt", "omni-summary", "--tracking-uri", fresh_uri]
    )

    assert bad.exit_code == 2
    assert rolled.exit_code == 0, rolled.output
    assert "production 2 -> 1" in rolled.output
    assert "production=1" in shown.output
    assert "run-42" in shown.output
    assert "rollback" in shown.output


def test_cli_register_reports_file_and_field(
    prompts_dir: Path, fresh_uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    data["model_config"]["fallbacks"] = ["ollama/unpriced-model"]
    data["model_config"]["prices"].pop("local/lead-baseline")
    (prompts_dir / "omni-summary" / "prompt.yaml").write_text(yaml.safe_dump(data))
    monkeypatch.setenv("OCI_PROMPTS_DIR", str(prompts_dir))

    result = CliRunner().invoke(registry_app, ["register", "--all", "--tracking-uri", fresh_uri])

    assert result.exit_code == 2
    flat = " ".join(result.output.split())
    assert "prompt.yaml" in flat
    assert "model_config.fallbacks[0]" in flat
