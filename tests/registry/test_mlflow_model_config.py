"""A pair's model config as MLflow stores it: every key one the MLflow UI labels (MLflow's
`PromptModelConfig` fields, the rest named under `extra_params`), nothing shown as
`[object Object]`, and back to the very config that was registered (its content hash)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mlflow.entities.model_registry.prompt_version import PromptModelConfig

from service.model_config import ModelConfig, ModelPrice
from service.prompt_source import load_prompt_dir
from service.registry.mlflow_model_config import EXTRA, from_mlflow, to_mlflow

COMMITTED = load_prompt_dir(Path(__file__).resolve().parents[2] / "prompts" / "omni-summary")
LABELLED = set(PromptModelConfig.model_fields) - {EXTRA}
BEDROCK = ModelConfig(
    primary="bedrock/converse/us.amazon.nova-lite-v1:0",
    fallbacks=("bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",),
    hedge_after_s=3.0,
    api_base="http://127.0.0.1:8765",
    aws_region_name="us-east-1",
    prices={"bedrock/converse/us.amazon.nova-lite-v1:0": ModelPrice(input=0.06, output=0.24)},
)


@pytest.mark.parametrize("config", [COMMITTED.pair.model, BEDROCK], ids=["committed", "bedrock"])
def test_every_stored_key_is_one_the_mlflow_ui_labels(config: ModelConfig) -> None:
    stored = to_mlflow(config)
    assert set(stored) - {EXTRA} <= LABELLED
    assert stored["model_name"] == config.primary
    assert stored["provider"] == config.primary.split("/")[0]
    # A nested value at the top level is what the UI showed as "[object Object]".
    assert not any(isinstance(value, dict | list) for k, value in stored.items() if k != EXTRA)
    assert stored[EXTRA]["fallbacks"] == list(config.fallbacks)
    assert all(None not in price.values() for price in stored[EXTRA]["prices"].values())
    assert ModelConfig.model_validate(from_mlflow(stored)) == config
    # MLflow keeps it as given: its own normalisation (PromptModelConfig) changes nothing.
    assert PromptModelConfig.from_dict(stored).to_dict() == stored


@given(
    temperature=st.floats(0, 2),
    max_tokens=st.integers(1, 8192),
    hedge=st.one_of(st.none(), st.floats(0.1, 7.0)),
    fallbacks=st.lists(st.sampled_from(["local/lead-baseline", "openai/gpt-4o-mini"]), max_size=2),
)
def test_the_stored_form_loads_back_to_the_same_config(
    temperature: float, max_tokens: int, hedge: float | None, fallbacks: list[str]
) -> None:
    config = ModelConfig(
        primary="ollama/llama3.2",
        fallbacks=tuple(dict.fromkeys(fallbacks)),
        temperature=temperature,
        max_tokens=max_tokens,
        hedge_after_s=hedge,
    )
    assert ModelConfig.model_validate(from_mlflow(to_mlflow(config))) == config


def test_the_earlier_flat_form_still_loads() -> None:
    config = COMMITTED.pair.model
    flat = {"model_name": config.primary, **config.canonical()}
    assert ModelConfig.model_validate(from_mlflow(flat)) == config
