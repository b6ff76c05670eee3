"""Sticky canary assignment, rollout stages, and register-time price validation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from service.prompt_source import PromptSourceError
from service.registry.canary import (
    ROLLOUT_STAGES,
    CanaryWeightError,
    bucket,
    in_canary,
    validate_weight,
)
from service.registry.validation import price_candidates, validate_prompt_dir

COMMITTED = Path(__file__).resolve().parents[2] / "prompts" / "omni-summary" / "prompt.yaml"
ACCOUNTS = [f"ACC{n:08d}" for n in range(10_000)]
PRICES = {"us.amazon.nova-lite-v1:0": {"input_cost_per_token": 6e-8}}


@pytest.mark.parametrize("weight", ROLLOUT_STAGES)
def test_canary_split_is_within_1_5_points_of_the_weight(weight: int) -> None:
    share = 100 * sum(in_canary(a, weight, "omni-summary") for a in ACCOUNTS) / len(ACCOUNTS)
    assert abs(share - weight) <= 1.5


def test_canary_assignment_is_sticky_and_only_grows_with_the_weight() -> None:
    at = {w: {a for a in ACCOUNTS if in_canary(a, w, "omni-summary")} for w in ROLLOUT_STAGES}
    again = {a for a in ACCOUNTS if in_canary(a, 10, "omni-summary")}
    assert again == at[10]
    assert at[10] <= at[25] <= at[50] <= at[100] == set(ACCOUNTS)
    assert not any(in_canary(a, 0, "omni-summary") for a in ACCOUNTS)


def test_canary_bucket_depends_on_the_salt() -> None:
    moved = sum(bucket(a, "omni-summary") != bucket(a, "other-prompt") for a in ACCOUNTS[:200])
    assert moved > 150  # independent prompts get independent canary populations


@pytest.mark.parametrize("weight", [-10, 5, 20, 75, 101])
def test_canary_weight_outside_the_stages_is_rejected(weight: int) -> None:
    with pytest.raises(CanaryWeightError):
        validate_weight(weight)


def test_price_candidates_strip_provider_prefixes() -> None:
    assert price_candidates("bedrock/converse/us.amazon.nova-lite-v1:0") == [
        "bedrock/converse/us.amazon.nova-lite-v1:0",
        "converse/us.amazon.nova-lite-v1:0",
        "us.amazon.nova-lite-v1:0",
    ]


def _write(tmp_path: Path, edit: dict[str, object]) -> Path:
    data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    data["model_config"].update(edit)
    directory = tmp_path / "p"
    directory.mkdir()
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return directory


def test_validation_rejects_an_unpriced_fallback_naming_file_and_field(tmp_path: Path) -> None:
    directory = _write(tmp_path, {"fallbacks": ["ollama/my-private-model"], "prices": {}})
    with pytest.raises(PromptSourceError) as caught:
        validate_prompt_dir(directory, {"local/extractive-summarizer": {}, **PRICES})
    assert caught.value.path == directory / "prompt.yaml"
    # The primary is priced by neither litellm nor config either, so it is reported first.
    assert caught.value.field == "model_config.primary"
    assert caught.value.line > 0


def test_validation_accepts_litellm_priced_and_declared_models(tmp_path: Path) -> None:
    directory = _write(
        tmp_path,
        {
            "primary": "bedrock/converse/us.amazon.nova-lite-v1:0",
            "fallbacks": ["local/lead-baseline"],
            "prices": {"local/lead-baseline": {"input": 0.0, "output": 0.0}},
        },
    )
    source = validate_prompt_dir(directory, PRICES)
    assert source.pair.model.primary == "bedrock/converse/us.amazon.nova-lite-v1:0"


def test_validation_with_litellm_prices_reports_the_unpriced_fallback(tmp_path: Path) -> None:
    directory = _write(
        tmp_path,
        {
            "primary": "bedrock/converse/us.amazon.nova-lite-v1:0",
            "fallbacks": ["ollama/my-private-model"],
            "prices": {},
        },
    )
    with pytest.raises(PromptSourceError) as caught:
        validate_prompt_dir(directory)  # litellm's bundled price map
    assert caught.value.field == "model_config.fallbacks[0]"
    assert "ollama/my-private-model" in str(caught.value)


def test_validation_still_rejects_undeclared_variables(tmp_path: Path) -> None:
    data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    data["user"] += "\n{{account_secret}}"
    directory = tmp_path / "p"
    directory.mkdir()
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(PromptSourceError, match="account_secret"):
        validate_prompt_dir(directory, PRICES)


def test_committed_prompts_pass_validation(repo_root: Path) -> None:
    assert validate_prompt_dir(repo_root / "prompts" / "omni-summary").pair.name == "omni-summary"
