"""Model-map lookups litellm repeats on every call, remembered per model-map generation.

Found with cProfile over 1,000 Bedrock Converse calls through `ModelGateway` to the
emulator (100 concurrent, litellm 1.106). Per call, litellm asked again:
- `get_supported_openai_params` (which request parameters the model takes): 0.6 ms;
- `supports_factory` (capability flags, three per call): 0.45 ms;
- `get_model_info_helper` from `responses_api_bridge_check` (two per call): 0.3 ms;
- `get_bedrock_base_model` (a string transformation, 22 per call): 0.4 ms.
Each reads only its arguments and litellm's model map, which changes only through
`register_model`, and litellm counts those changes (`get_model_cost_mutation_generation`).
Keyed by arguments and generation, a remembered answer is the answer litellm would give.
Answers that callers may modify (lists, dicts) are handed out as copies.
Measured with a scratch script timing process CPU over 1,000 gateway calls (100
concurrent), runs alternated on a shared machine: a first patch with these four, 6.45-6.93
→ 5.80-6.02 ms per call; this module, three runs each, 6.61-8.04 → 5.61-6.74 ms. (The
per-lookup figures above are cProfile's, which adds its own overhead.)
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

import litellm.main
import litellm.utils

_MARK = "_oci_remembered"
_MAX_REMEMBERED = 1024


def model_map_generation() -> int:
    """litellm's count of model-map changes (0 on a release that does not count them)."""
    generation: Callable[[], int] | None = getattr(
        litellm.utils, "get_model_cost_mutation_generation", None
    )
    return generation() if generation is not None else 0


def remember_model_map_lookups() -> None:
    """Apply the four memoisations above; idempotent, each skipped if litellm renamed it."""
    _remember_supported_params()
    _remember_capabilities()
    _remember_model_info_in_main()
    _remember_bedrock_base_model()


def _is_remembered(function: Any) -> bool:
    return callable(function) and getattr(function, _MARK, False)


def _remember_supported_params() -> None:
    module = importlib.import_module("litellm.litellm_core_utils.get_supported_openai_params")
    original = getattr(module, "get_supported_openai_params", None)
    if original is None or _is_remembered(original):
        return

    @functools.lru_cache(maxsize=_MAX_REMEMBERED)
    def by_generation(
        model: str, provider: str | None, request_type: str, base_model: str | None, _: int
    ) -> tuple[Any, ...] | None:
        answer = original(model, provider, request_type, base_model)  # type: ignore[arg-type]
        return None if answer is None else tuple(answer)

    @functools.wraps(original)
    def remembered(
        model: str,
        custom_llm_provider: str | None = None,
        request_type: str = "chat_completion",
        base_model: str | None = None,
    ) -> list[Any] | None:
        key = (model, custom_llm_provider, request_type, base_model, model_map_generation())
        answer = by_generation(*key)
        return None if answer is None else list(answer)

    setattr(remembered, _MARK, True)
    module.get_supported_openai_params = remembered  # type: ignore[attr-defined]
    # litellm.utils resolves it lazily through a module __getattr__; set it there too.
    litellm.utils.get_supported_openai_params = remembered  # type: ignore[attr-defined]


def _remember_capabilities() -> None:
    original = getattr(litellm.utils, "supports_factory", None)
    if original is None or _is_remembered(original):
        return

    @functools.lru_cache(maxsize=_MAX_REMEMBERED)
    def by_generation(model: str, provider: str | None, key: str, _: int) -> bool:
        return bool(original(model, provider, key))

    @functools.wraps(original)
    def remembered(model: str, custom_llm_provider: str | None, key: str) -> bool:
        return by_generation(model, custom_llm_provider, key, model_map_generation())

    setattr(remembered, _MARK, True)
    litellm.utils.supports_factory = remembered


def _remember_model_info_in_main() -> None:
    original = getattr(litellm.main, "get_model_info_helper", None)
    if original is None or _is_remembered(original):
        return

    @functools.lru_cache(maxsize=_MAX_REMEMBERED)
    def by_generation(model: str, provider: str | None, _: int) -> Any:
        return original(model=model, custom_llm_provider=provider)

    @functools.wraps(original)
    def remembered(model: str, custom_llm_provider: str | None = None, **rest: Any) -> Any:
        if rest:  # api_base / api_key lookups may reach a server: not remembered
            return original(model=model, custom_llm_provider=custom_llm_provider, **rest)
        # A fresh dict per caller: responses_api_bridge_check writes "mode" into it. A
        # lookup that raises (a model the map does not know) is asked again next time.
        return dict(by_generation(model, custom_llm_provider, model_map_generation()))

    setattr(remembered, _MARK, True)
    litellm.main.get_model_info_helper = remembered


def _remember_bedrock_base_model() -> None:
    module = importlib.import_module("litellm.llms.bedrock.common_utils")
    original = getattr(module, "get_bedrock_base_model", None)
    if original is None or _is_remembered(original):
        return
    # A pure string transformation (prefixes, region, ARN and throughput suffix stripped).
    remembered = functools.lru_cache(maxsize=_MAX_REMEMBERED)(original)
    setattr(remembered, _MARK, True)
    module.get_bedrock_base_model = remembered  # type: ignore[attr-defined]
