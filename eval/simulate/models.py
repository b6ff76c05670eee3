"""Simulated production models: the local baselines behind real latency and real faults.

`sim/primary` and `sim/fallback` are registered with litellm as a custom provider (the same
hook as any provider). Each call awaits a lognormal latency, then answers with the local
extractive summarizer (primary) or the lead baseline (fallback). A fraction of primary calls
hang past the gateway's 5 s timeout, so the gateway really times out and really fails over;
a smaller fraction of fallback calls are throttled, so some requests really end in a 503.
Prices are declared per model (seed 000's Nova Lite / Claude Haiku list prices).
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Any

import litellm
from litellm import CustomLLM, ModelResponse
from litellm.utils import custom_llm_setup

from service.local_models.extractive import lead_baseline, summarize_prompt
from service.local_models.provider import approx_tokens, message_text
from service.model_config import ModelConfig, ModelPrice

PROVIDER = "sim"
PRIMARY = f"{PROVIDER}/primary"
FALLBACK = f"{PROVIDER}/fallback"


@dataclass(frozen=True)
class Behaviour:
    """Latency (lognormal median and spread, seconds) and fault rates of one simulated model."""

    median_s: float
    sigma: float
    hang_rate: float = 0.0
    throttle_rate: float = 0.0


class SimulatedModels(CustomLLM):  # type: ignore[misc]
    """The `sim/*` models; `latency_scale` shrinks every wait (tests use 0.01)."""

    def __init__(self, *, seed: int, latency_scale: float, timeout_s: float) -> None:
        super().__init__()
        self.rng = random.Random(seed)
        self.latency_scale = latency_scale
        self.timeout_s = timeout_s
        self.behaviour = {
            "primary": Behaviour(median_s=1.1, sigma=0.45, hang_rate=0.04),
            "fallback": Behaviour(median_s=1.6, sigma=0.35, throttle_rate=0.03),
        }

    async def acompletion(self, *args: Any, **kwargs: Any) -> ModelResponse:  # type: ignore[override]
        name = str(kwargs["model"]).removeprefix(f"{PROVIDER}/")
        behaviour = self.behaviour[name]
        if self.rng.random() < behaviour.hang_rate:
            # Longer than the gateway's timeout: the gateway cancels this wait itself.
            await asyncio.sleep(self.timeout_s * 2)
        await asyncio.sleep(
            self.rng.lognormvariate(0, behaviour.sigma) * behaviour.median_s * self.latency_scale
        )
        if self.rng.random() < behaviour.throttle_rate:
            raise litellm.RateLimitError(
                message="simulated throttling", model=kwargs["model"], llm_provider=PROVIDER
            )
        messages = kwargs["messages"]
        system = "\n".join(message_text(m["content"]) for m in messages if m["role"] == "system")
        user = "\n".join(message_text(m["content"]) for m in messages if m["role"] == "user")
        text = (summarize_prompt if name == "primary" else lead_baseline)(system, user)
        response: ModelResponse = kwargs["model_response"]
        response.choices[0].message.content = text  # type: ignore[union-attr]
        response.model = str(kwargs["model"])
        prompt_tokens = approx_tokens(system) + approx_tokens(user)
        response.usage = litellm.Usage(  # type: ignore[attr-defined]
            prompt_tokens=prompt_tokens,
            completion_tokens=approx_tokens(text),
            total_tokens=prompt_tokens + approx_tokens(text),
        )
        return response


def gateway_timeout(latency_scale: float) -> float:
    """The primary's 5 s timeout, scaled, but never below the event loop's own overhead."""
    return max(5.0 * latency_scale, 1.0)


def register_simulated_models(*, seed: int, latency_scale: float) -> SimulatedModels:
    """Register (or re-seed) the `sim` provider with litellm."""
    handler = SimulatedModels(
        seed=seed, latency_scale=latency_scale, timeout_s=gateway_timeout(latency_scale)
    )
    litellm.custom_provider_map[:] = [
        item for item in litellm.custom_provider_map if item["provider"] != PROVIDER
    ]
    litellm.custom_provider_map.append({"provider": PROVIDER, "custom_handler": handler})
    custom_llm_setup()
    return handler


def simulated_model_config(latency_scale: float) -> ModelConfig:
    """Primary with a 5 s timeout and 7.5 s budget (scaled), fallback, declared prices."""
    return ModelConfig(
        primary=PRIMARY,
        fallbacks=(FALLBACK,),
        max_tokens=300,
        timeout_s=gateway_timeout(latency_scale),
        total_budget_s=gateway_timeout(latency_scale) * 1.5,  # production: 5 s + 2.5 s
        max_retries_on_throttle=0,
        prices={
            PRIMARY: ModelPrice(input=0.06, output=0.24),
            FALLBACK: ModelPrice(input=1.0, output=5.0),
        },
    )
