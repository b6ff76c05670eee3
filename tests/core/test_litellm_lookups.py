"""Remembered model-map lookups give litellm's own answers, fresh copies, and see changes."""

from __future__ import annotations

import importlib
from typing import Any

import litellm
import litellm.main
import litellm.utils

from service.litellm_lookups import remember_model_map_lookups

GSOP = importlib.import_module("litellm.litellm_core_utils.get_supported_openai_params")
BEDROCK_COMMON = importlib.import_module("litellm.llms.bedrock.common_utils")

CALLS = (
    ("us.amazon.nova-lite-v1:0", "bedrock"),
    ("converse/us.amazon.nova-lite-v1:0", "bedrock"),
    ("us.anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock"),
    ("gpt-4o-mini", "openai"),
    ("oci-lookups-test-unknown-model", "bedrock"),
)
KEYS = ("supports_function_calling", "supports_vision", "supports_prompt_caching")


def _original(function: Any) -> Any:
    return function.__wrapped__


def _answer(function: Any, *args: Any, **kwargs: Any) -> Any:
    """The answer or the type of the error, so failures compare too."""
    try:
        return function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - compared, not handled
        return type(error)


def test_remembered_answers_equal_litellm_s_own() -> None:
    remember_model_map_lookups()
    remember_model_map_lookups()  # idempotent: no wrapper around a wrapper
    params = GSOP.get_supported_openai_params
    supports = litellm.utils.supports_factory
    info = litellm.main.get_model_info_helper
    base = BEDROCK_COMMON.get_bedrock_base_model
    for function in (params, supports, info, base):
        assert not hasattr(_original(function), "__wrapped__")
    for model, provider in CALLS:
        for _ in range(2):  # the second answer comes from memory
            assert params(model, provider) == _original(params)(model, provider)
            assert _answer(info, model=model, custom_llm_provider=provider) == _answer(
                _original(info), model=model, custom_llm_provider=provider
            )
            assert base(f"bedrock/converse/{model}") == _original(base)(f"bedrock/converse/{model}")
            for key in KEYS:
                assert supports(model, provider, key) == _original(supports)(model, provider, key)


def test_callers_get_fresh_containers() -> None:
    remember_model_map_lookups()
    model, provider = CALLS[0]
    first = GSOP.get_supported_openai_params(model, provider)
    assert first is not None
    first.append("mutated-by-a-caller")
    assert "mutated-by-a-caller" not in GSOP.get_supported_openai_params(model, provider)
    info = litellm.main.get_model_info_helper(model=model, custom_llm_provider=provider)
    info["mode"] = "mutated-by-a-caller"  # what responses_api_bridge_check does
    again = litellm.main.get_model_info_helper(model=model, custom_llm_provider=provider)
    assert again["mode"] != "mutated-by-a-caller"


def test_a_registered_model_is_seen_at_once() -> None:
    remember_model_map_lookups()
    model = "oci-lookups-test-registered-model"
    supports = litellm.utils.supports_factory
    assert supports(model, "bedrock", "supports_function_calling") is False
    litellm.register_model(
        {
            f"bedrock/{model}": {
                "litellm_provider": "bedrock",
                "mode": "chat",
                "input_cost_per_token": 1e-6,
                "output_cost_per_token": 2e-6,
                "supports_function_calling": True,
            }
        }
    )
    assert supports(model, "bedrock", "supports_function_calling") is True
    info = litellm.main.get_model_info_helper(model=model, custom_llm_provider="bedrock")
    assert info["input_cost_per_token"] == 1e-6
