"""What a model call used and cost: token counts and USD, from litellm's response."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.model_config import ModelPrice


@dataclass(frozen=True)
class TokenUsage:
    """Tokens of one completion; `input_tokens` includes cached ones."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0


def usage_of(response: Any) -> TokenUsage:
    """Token counts from a litellm response, cache reads and writes included."""
    usage = getattr(response, "usage", None)
    if usage is None:
        return TokenUsage()
    details = getattr(usage, "prompt_tokens_details", None)
    cache_read = getattr(usage, "cache_read_input_tokens", None) or (
        getattr(details, "cached_tokens", 0) if details is not None else 0
    )
    return TokenUsage(
        input_tokens=int(usage.prompt_tokens or 0),
        output_tokens=int(usage.completion_tokens or 0),
        cache_read_tokens=int(cache_read or 0),
        cache_write_tokens=int(getattr(usage, "cache_creation_input_tokens", 0) or 0),
    )


def cost_of(
    model: str, usage: TokenUsage, declared: ModelPrice | None, computed: Any = None
) -> float:
    """USD cost: the declared price if the config has one, else litellm's price table.

    `computed` is the cost litellm already worked out for the response (its
    `response_cost` hidden parameter, from the same table and the same usage, cache tokens
    included); using it saves pricing every call twice (0.15 ms of CPU per call).
    """
    uncached = usage.input_tokens - usage.cache_read_tokens - usage.cache_write_tokens
    if declared is not None:
        read = declared.cache_read if declared.cache_read is not None else declared.input
        write = declared.cache_write if declared.cache_write is not None else declared.input
        return (
            uncached * declared.input
            + usage.cache_read_tokens * read
            + usage.cache_write_tokens * write
            + usage.output_tokens * declared.output
        ) / 1e6
    if isinstance(computed, float | int) and not isinstance(computed, bool) and computed >= 0:
        return float(computed)
    import litellm  # only for a response litellm did not price; loaded by then

    prompt_cost, completion_cost = litellm.cost_per_token(
        model=model,
        usage_object=litellm.Usage(  # type: ignore[attr-defined]
            prompt_tokens=usage.input_tokens,
            completion_tokens=usage.output_tokens,
            total_tokens=usage.input_tokens + usage.output_tokens,
            cache_read_input_tokens=usage.cache_read_tokens,
            cache_creation_input_tokens=usage.cache_write_tokens,
        ),
    )
    return float(prompt_cost + completion_cost)


def litellm_cost(response: Any) -> Any:
    """The cost litellm computed for `response` (its `response_cost` hidden parameter)."""
    hidden = getattr(response, "_hidden_params", None)
    return hidden.get("response_cost") if isinstance(hidden, dict) else None
