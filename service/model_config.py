"""The model half of a prompt/model pair: which models, in which order, with which limits.

A `ModelConfig` travels with the prompt version in the registry (MLflow's `model_config`),
so what is evaluated is exactly what production serves.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ModelPrice(BaseModel):
    """Declared price in USD per million tokens, for models litellm has no price for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cache_read: float | None = Field(default=None, ge=0)
    cache_write: float | None = Field(default=None, ge=0)

    def as_litellm_entry(self, provider: str) -> dict[str, Any]:
        """The entry `litellm.register_model` expects (prices per token)."""
        entry: dict[str, Any] = {
            "input_cost_per_token": self.input / 1e6,
            "output_cost_per_token": self.output / 1e6,
            "litellm_provider": provider,
            "mode": "chat",
        }
        if self.cache_read is not None:
            entry["cache_read_input_token_cost"] = self.cache_read / 1e6
        if self.cache_write is not None:
            entry["cache_creation_input_token_cost"] = self.cache_write / 1e6
        return entry


class ModelConfig(BaseModel):
    """Primary model, fallbacks and the limits the gateway enforces.

    Model names are litellm model strings (`bedrock/converse/us.amazon.nova-lite-v1:0`,
    `openai/gpt-4o-mini`, `ollama/llama3.2`, `local/extractive-summarizer`), so moving to
    another provider is a change of this config only.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    primary: str = Field(min_length=1)
    fallbacks: tuple[str, ...] = ()
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int = Field(default=400, ge=1, le=8192)
    timeout_s: float = Field(default=5.0, gt=0, le=120)
    fallback_timeout_s: float | None = Field(default=None, gt=0, le=120)
    total_budget_s: float = Field(default=7.5, gt=0, le=300)
    # Start the fallbacks beside a primary still silent after this long; the first answer
    # wins. Off by default: a hedge may bill both calls (docs/performance.md, fault runs).
    hedge_after_s: float | None = Field(default=None, gt=0, le=120)
    max_retries_on_throttle: int = Field(default=2, ge=0, le=10)
    backoff_base_s: float = Field(default=0.1, ge=0, le=10)
    backoff_max_s: float = Field(default=1.0, ge=0, le=60)
    api_base: str | None = None
    aws_region_name: str | None = None
    prices: dict[str, ModelPrice] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _prices_name_configured_models(self) -> ModelConfig:
        unknown = set(self.prices) - set(self.models)
        if unknown:
            raise ValueError(f"prices given for models not in primary/fallbacks: {sorted(unknown)}")
        return self

    @model_validator(mode="after")
    def _hedge_inside_the_budget(self) -> ModelConfig:
        if self.hedge_after_s is not None and self.hedge_after_s >= self.total_budget_s:
            raise ValueError(
                f"hedge_after_s ({self.hedge_after_s}) must be below total_budget_s"
                f" ({self.total_budget_s})"
            )
        return self

    def canonical(self) -> dict[str, Any]:
        """The config as stored and hashed; options left unset are omitted, so
        adding an option does not change the hash (or the identity) of existing pairs."""
        dumped = self.model_dump(mode="json")
        if dumped.get("hedge_after_s") is None:
            dumped.pop("hedge_after_s", None)
        return dumped

    @property
    def models(self) -> tuple[str, ...]:
        """Every model in the order they are tried."""
        return (self.primary, *self.fallbacks)

    def timeout_for(self, position: int) -> float | None:
        """Per-attempt timeout, or None for "whatever is left of the total budget".

        The primary's is the seed's 5 s. A fallback gets `fallback_timeout_s` when set.
        Unset, fallbacks before the last get `timeout_s` (leaving time for the ones after)
        and the last model is bounded by the budget alone: a 5 s cap there failed requests
        the budget still had time for (a throttled primary leaves about 7 s; the fault runs'
        model latency has p99 4 s and a longer tail: `bench/fault_runs.py`, 2 of 500
        answered 503 at 100 % throttling with the cap).
        """
        if position == 0:
            return self.timeout_s
        if self.fallback_timeout_s is not None:
            return self.fallback_timeout_s
        return None if position == len(self.fallbacks) else self.timeout_s
