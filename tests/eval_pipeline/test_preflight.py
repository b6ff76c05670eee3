"""An evaluation refuses to start, with one message, when a model cannot be priced or called."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from eval.pipeline import run_eval
from eval.preflight import PreflightError, problems
from eval.runner import RunOptions
from service.model_config import ModelConfig, ModelPrice
from service.prompt_source import load_prompt_dir
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PRICES = {"openai/gpt-4o-mini": {"input_cost_per_token": 1e-7, "output_cost_per_token": 1e-7}}


def config(model: str, **extra: object) -> ModelConfig:
    return ModelConfig(primary=model, **extra)  # type: ignore[arg-type]


def test_preflight_names_the_missing_key_and_the_keyless_server_hint() -> None:
    found = problems(
        [("candidate x@1", config("openai/gpt-4o-mini", api_base="http://127.0.0.1:9/v1"))],
        prices=PRICES,
        missing_keys=lambda model, base: ["OPENAI_API_KEY"],
    )
    assert len(found) == 1
    assert "OPENAI_API_KEY" in found[0] and "candidate x@1" in found[0] and "/v1" in found[0]


def test_preflight_names_an_unpriced_model_and_skips_local_ones() -> None:
    found = problems(
        [
            ("candidate", config("openai/my-finetune")),
            ("production", config("local/extractive-summarizer")),
        ],
        prices=PRICES,
        missing_keys=lambda model, base: [],
    )
    assert found == [
        "candidate: no price for 'openai/my-finetune': declare "
        "model_config.prices['openai/my-finetune'] (input/output USD per million tokens)"
    ]
    declared = config(
        "openai/my-finetune", prices={"openai/my-finetune": ModelPrice(input=1.0, output=2.0)}
    )
    assert problems([("candidate", declared)], prices=PRICES, missing_keys=lambda m, b: []) == []


def test_preflight_checks_bedrock_through_the_aws_credential_chain() -> None:
    model = config("bedrock/converse/us.amazon.nova-lite-v1:0")
    prices = {"us.amazon.nova-lite-v1:0": {"input_cost_per_token": 6e-8}}
    assert (
        "AWS credentials"
        in problems([("candidate", model)], prices=prices, bedrock_credentials=lambda: False)[0]
    )
    assert problems([("candidate", model)], prices=prices, bedrock_credentials=lambda: True) == []


def test_eval_without_an_api_key_fails_once_before_any_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    data = yaml.safe_load((ROOT / "prompts" / "omni-summary" / "prompt.yaml").read_text())
    data["model_config"] = {"primary": "openai/gpt-4o-mini", "api_base": "http://127.0.0.1:9/v1"}
    directory = tmp_path / "omni-summary"
    directory.mkdir()
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data))
    candidate = load_prompt_dir(directory).pair
    settings = Settings(
        state_dir=tmp_path / "var",
        reports_dir=tmp_path / "reports",
        datasets_dir=ROOT / "datasets",
        prompts_dir=ROOT / "prompts",
    )
    with pytest.raises(PreflightError, match="OPENAI_API_KEY"):
        asyncio.run(run_eval(settings, candidate, None, options=RunOptions(), log_to_mlflow=False))
    assert not (tmp_path / "var" / "eval-cache.sqlite").exists()  # no sample was attempted
