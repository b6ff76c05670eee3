"""A better model gets promoted, end to end: briefings written blind by independent authors,
served by an OpenAI-compatible stub, beat the production pair through `oci promote`, even
with a few percent of calls failing over to the shipped fallback; the same briefings with
a slip in a third of them are refused for the slipped kinds; a candidate refused only on
findings a reviewer then marks false alarms is promoted after review, and the override is
audited on the version and the MLflow run.

One registry and one eval cache for the module (the tests run in order): production moves
to the briefings pair in the first test, and the others are judged against it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mlflow.tracking import MlflowClient
from typer.testing import CliRunner

from eval.cli import app
from eval.dataset.loader import load_golden
from eval.emulator.answer_book import AnswerBook, read_answers
from eval.emulator.faults import FaultPlan, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.samples import golden_samples
from service.prompt_source import load_prompt_dir
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.protocol import PRODUCTION

# A whole promotion (two evals of 200 samples and the meta-evaluation) takes minutes, about
# 200 s on an idle two-core machine and more beside other tests: the bound only catches a
# hang, never a slow machine.
pytestmark = pytest.mark.timeout(1800)

ROOT = Path(__file__).resolve().parents[2]
BRIEFINGS = ROOT / "datasets" / "briefings"
NAME = "omni-summary"
MODEL = "openai/blind-briefings"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("promotion")
    prompts = root / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    tracking = f"sqlite:///{root / 'mlflow.db'}"
    with pytest.MonkeyPatch.context() as patch:
        for key, value in {
            "OCI_STATE_DIR": str(root / "var"),
            "OCI_REPORTS_DIR": str(root / "reports"),
            "OCI_PROMPTS_DIR": str(prompts),
            "OCI_DATASETS_DIR": str(root / "datasets"),
            "OCI_MLFLOW_ARTIFACTS_DIR": str(root / "artifacts"),
            "MLFLOW_TRACKING_URI": tracking,
            "OCI_META_EVAL": "auto",
            "OCI_META_EVAL_PER_FAMILY": "1",
            "OPENAI_API_KEY": "stub",  # a credential from the environment, as for OpenAI
        }.items():
            patch.setenv(key, value)
        # The datasets as shipped, with a reviews folder of this module's own.
        (root / "datasets").mkdir()
        for part in ("golden", "dev", "briefings"):
            (root / "datasets" / part).symlink_to(ROOT / "datasets" / part)
        assert CliRunner().invoke(app, ["registry", "bootstrap"]).exit_code == 0
        yield {"root": root, "prompts": prompts, "tracking": tracking}


def _book(texts: dict[str, str]) -> AnswerBook:
    samples, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    template = load_prompt_dir(ROOT / "prompts" / NAME).pair.template
    return AnswerBook.for_samples(samples, template, texts)


def _briefings() -> dict[str, str]:
    return read_answers(BRIEFINGS / "golden-v2.jsonl")


def _slips(*, every_third: bool = False, family: str = "", most: int = 200) -> dict[str, str]:
    chosen: dict[str, str] = {}
    lines = (BRIEFINGS / "golden-v2-slips.jsonl").read_text().splitlines()
    for record in map(json.loads, lines):
        number = int(record["sample_id"].split("-")[1])
        if (every_third and number % 3 == 0) or (family and record["family"] == family):
            chosen.setdefault(record["sample_id"], record["text"])
    return dict(list(chosen.items())[:most])


def _register(env: dict[str, Any], label: str, emulator: EmulatorServer) -> str:
    """A version that is production's prompt with the stub as its primary model."""
    data = yaml.safe_load((env["prompts"] / NAME / "prompt.yaml").read_text())
    data["model_config"].update(
        primary=MODEL,
        api_base=f"{emulator.base_url}/v1",
        fallbacks=["local/lead-baseline"],
        prices={
            MODEL: {"input": 0.06, "output": 0.24},
            "local/lead-baseline": {"input": 0.0, "output": 0.0},
        },
    )
    data["changelog"] = label
    directory = env["root"] / label
    directory.mkdir()
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data))
    registry = MlflowPromptRegistry(env["tracking"])
    return registry.register(load_prompt_dir(directory), git_commit="test", author="t").version


def _production(env: dict[str, Any]) -> str | None:
    return MlflowPromptRegistry(env["tracking"]).alias_version(NAME, PRODUCTION)


def test_blind_briefings_with_a_few_fallbacks_are_promoted(env: dict[str, Any]) -> None:
    # 3 % of the stub's answers are HTTP 500s: those samples get the shipped fallback.
    plan = FaultPlan(models={"*": ModelFaults(error_rate=0.03)})
    with EmulatorServer(plan, seed=1, answer=_book(_briefings())) as stub:
        version = _register(env, "briefings", stub)
        result = CliRunner().invoke(app, ["promote", "--version", version])
        fallbacks = stub.stats()["models"].get("blind-briefings", {})
    assert result.exit_code == 0, result.output
    assert _production(env) == version
    assert fallbacks.get("internal_error", 0) > 0, fallbacks  # some calls did fail over
    assert "GATE PASS" in result.output and "promoted" in result.output
    env["briefings"] = version


def test_the_same_briefings_with_a_slip_in_a_third_are_refused(env: dict[str, Any]) -> None:
    texts = {**_briefings(), **_slips(every_third=True)}
    with EmulatorServer(answer=_book(texts)) as stub:
        version = _register(env, "slipped", stub)
        result = CliRunner().invoke(app, ["promote", "--version", version])
    assert result.exit_code == 1, result.output
    assert _production(env) == env["briefings"]
    failed = {line.split()[1] for line in result.output.splitlines() if line.startswith("✗ ")}
    # The slips of a third of the samples: wrong facts, flipped statuses, obeyed instructions.
    assert {"unsupported_fact", "status_contradiction", "instruction_violation"} <= failed
    assert "findings behind the failed claim checks" in result.output


def test_a_refusal_on_findings_reviewed_as_false_alarms_is_lifted_and_audited(
    env: dict[str, Any],
) -> None:
    # Five briefings cut off mid-sentence: enough to fail the truncation check (its margin is
    # 3 %), few enough that no other check moves.
    texts = {**_briefings(), **_slips(family="truncation", most=5)}
    runner = CliRunner()
    with EmulatorServer(answer=_book(texts)) as stub:
        version = _register(env, "promises", stub)
        refused = runner.invoke(app, ["promote", "--version", version])
        assert refused.exit_code == 1, refused.output
        failed = {line.split()[1] for line in refused.output.splitlines() if line.startswith("✗ ")}
        assert failed == {"truncation"}, refused.output
        listed = runner.invoke(app, ["findings", "list", "--version", version, "--decisive"])
        assert listed.exit_code == 0, listed.output
        ids = [line.split()[0] for line in listed.output.splitlines() if line.startswith("  ")]
        ids = [i for i in ids if len(i) == 12]
        assert ids, listed.output
        # A reviewer decides these were no slips (the point here is the mechanism).
        reviewed = runner.invoke(
            app,
            [
                "findings",
                "review",
                *ids,
                "--version",
                version,
                "--verdict",
                "false_alarm",
                "--reason",
                "the briefing ends where the records do",
                "--reviewer",
                "qa-lead",
            ],
        )
        assert reviewed.exit_code == 0, reviewed.output
        promoted = runner.invoke(app, ["promote", "--version", version])
    assert promoted.exit_code == 0, promoted.output
    assert _production(env) == version
    tags = MlflowPromptRegistry(env["tracking"]).version_tags(NAME, version)
    overridden = json.loads(tags["oci.findings_overridden"])
    assert {item["id"] for item in overridden} >= set(ids)
    assert {item["reviewer"] for item in overridden} == {"qa-lead"}
    run = MlflowClient(env["tracking"]).get_run(tags["oci.eval_run_id"])
    assert run.data.tags["oci.findings_overridden"] == str(len(overridden))
    stored = (env["root"] / "datasets" / "findings" / "reviews.jsonl").read_text().splitlines()
    assert len(stored) == len(ids)
