"""The local models, registered with litellm through the same hook any custom provider uses.

`local/extractive-summarizer` and `local/lead-baseline` are deterministic baselines, not
LLMs; they let a fresh checkout run end to end without credentials. The eval harness adds
its local judge through `register_local_models(extra=...)`.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Mapping
from typing import Any

import litellm
from litellm import CustomLLM, ModelResponse
from litellm.utils import custom_llm_setup

from service.local_models.extractive import lead_baseline, summarize_prompt

PROVIDER = "local"
LocalModelFn = Callable[[str, str], str]
BUILTIN_MODELS: dict[str, LocalModelFn] = {
    "extractive-summarizer": summarize_prompt,
    "lead-baseline": lead_baseline,
}


def approx_tokens(text: str) -> int:
    """A deterministic token estimate (about four characters a token, as for English)."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


def message_text(content: Any) -> str:
    """Plain text of an OpenAI-style message content (a string or a list of blocks)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(block.get("text", "")) for block in content if isinstance(block, dict))
    return ""


class LocalModelHandler(CustomLLM):  # type: ignore[misc]
    """Routes `local/<name>` to a Python function of (system text, user text)."""

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[str, LocalModelFn] = dict(BUILTIN_MODELS)

    def _answer(self, model: str, messages: list[dict[str, Any]]) -> tuple[str, int, int]:
        try:
            fn = self.models[model]
        except KeyError as exc:
            raise litellm.BadRequestError(
                message=f"unknown local model '{model}'; known: {sorted(self.models)}",
                model=f"{PROVIDER}/{model}",
                llm_provider=PROVIDER,
            ) from exc
        system = "\n".join(message_text(m["content"]) for m in messages if m["role"] == "system")
        user = "\n".join(message_text(m["content"]) for m in messages if m["role"] == "user")
        text = fn(system, user)
        return text, approx_tokens(system) + approx_tokens(user), approx_tokens(text)

    def completion(self, *args: Any, **kwargs: Any) -> ModelResponse:
        model: str = kwargs["model"]
        response: ModelResponse = kwargs["model_response"]
        text, prompt_tokens, completion_tokens = self._answer(model, kwargs["messages"])
        return _fill(response, model, text, prompt_tokens, completion_tokens)

    async def acompletion(self, *args: Any, **kwargs: Any) -> ModelResponse:  # type: ignore[override]
        # The baselines are CPU-cheap (well under a millisecond); no thread hop needed.
        await asyncio.sleep(0)
        return self.completion(*args, **kwargs)


def _fill(
    response: ModelResponse, model: str, text: str, prompt_tokens: int, completion_tokens: int
) -> ModelResponse:
    response.choices[0].message.content = text  # type: ignore[union-attr]
    response.model = f"{PROVIDER}/{model}"
    response.usage = litellm.Usage(  # type: ignore[attr-defined]
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        total_tokens=prompt_tokens + completion_tokens,
    )
    return response


def register_local_models(extra: Mapping[str, LocalModelFn] | None = None) -> LocalModelHandler:
    """Register the `local` provider with litellm (idempotent) and return its handler.

    The local models are free; they are priced at zero so cost figures stay honest.
    """
    handler = next(
        (
            item["custom_handler"]
            for item in litellm.custom_provider_map
            if item["provider"] == PROVIDER
            and isinstance(item["custom_handler"], LocalModelHandler)
        ),
        None,
    )
    if handler is None:
        handler = LocalModelHandler()
        litellm.custom_provider_map.append({"provider": PROVIDER, "custom_handler": handler})
        custom_llm_setup()
    handler.models.update(extra or {})
    litellm.register_model(
        {
            f"{PROVIDER}/{name}": {
                "input_cost_per_token": 0.0,
                "output_cost_per_token": 0.0,
                "litellm_provider": PROVIDER,
                "mode": "chat",
            }
            for name in handler.models
            if f"{PROVIDER}/{name}" not in litellm.model_cost
        }
    )
    return handler
