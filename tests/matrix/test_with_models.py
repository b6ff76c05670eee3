"""A pair the matrix builds from `--models` is a valid pair as written: it can be saved,
registered and loaded again (a pair chosen from the matrix is promoted from it)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from eval.matrix.pairs import with_models
from eval.promptfoo.gate_run import write_pair
from service.model_config import ModelConfig, ModelPrice
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[2]
MODELS = ("bedrock/converse/us.amazon.nova-lite-v1:0", "openai/gpt-4o-mini")


def test_each_pair_keeps_only_its_own_model_price_and_loads_back(tmp_path: Path) -> None:
    base = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    priced = base.model.model_copy(
        update={"prices": {**base.model.prices, MODELS[1]: ModelPrice(input=0.1, output=0.4)}}
    )
    assert set(priced.prices) - set(MODELS)  # the base prices its own local models too
    entries = with_models(replace(base, model=priced), MODELS, "http://127.0.0.1:9/")
    for entry, model in zip(entries, MODELS, strict=True):
        config = ModelConfig.model_validate(entry.pair.model.model_dump(mode="json"))
        assert config.primary == model and not config.fallbacks
        assert set(config.prices) <= {model}
        loaded = load_prompt_dir(write_pair(entry.pair, tmp_path / entry.label)).pair
        assert loaded.model.primary == model
    assert set(entries[1].pair.model.prices) == {MODELS[1]}  # a declared price is kept
