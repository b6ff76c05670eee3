"""The litellm start-up tuning changes cost, never answers."""

from __future__ import annotations

import json
from importlib import resources

import litellm.utils
from litellm.llms.bedrock.chat.converse_transformation import AmazonConverseConfig

from service.litellm_tuning import tune_litellm

# Model strings as litellm sees them inside a Converse call, Anthropic and not.
MODELS = (
    "converse/us.amazon.nova-lite-v1:0",
    "us.amazon.nova-pro-v1:0",
    "converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "converse/meta.llama3-1-8b-instruct-v1:0",
)


def test_memoised_price_map_is_the_file_and_parsed_once() -> None:
    before = {model: AmazonConverseConfig._supports_sampling_params(model) for model in MODELS}
    assert tune_litellm() is True
    assert tune_litellm() is True  # idempotent: no second wrapper
    loader = litellm.utils.get_bundled_model_cost_map
    first, second = loader(), loader()
    assert first is second  # parsed once, then shared
    shipped = resources.files("litellm").joinpath("model_prices_and_context_window_backup.json")
    assert first == json.loads(shipped.read_text())
    after = {model: AmazonConverseConfig._supports_sampling_params(model) for model in MODELS}
    assert after == before
