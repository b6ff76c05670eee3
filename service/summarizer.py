"""The one summarizer code path: the API, the eval suite and the promptfoo provider call it.

`summarize()` selects the interactions the request allows, renders the prompt pair,
calls the model gateway and returns a `Summary` that accounts for everything: text,
model, prompt version, tokens, cost, latency, fallback and the interactions it used.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from service.gateway import Completion
from service.model_config import ModelConfig
from service.model_usage import TokenUsage
from service.models import Interaction, SummaryOptions, select_interactions
from service.prompts import PromptPair, RenderedPrompt, date_range, render_prompt

NO_INTERACTIONS = "No interactions found"
NO_MODEL = "none"


class CompletionGateway(Protocol):
    """What `summarize` needs from a model gateway."""

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion: ...


@dataclass(frozen=True)
class Summary:
    """A generated summary and its full accounting."""

    text: str
    model_used: str
    prompt_name: str
    prompt_version: str
    prompt_hash: str
    usage: TokenUsage
    cost_usd: float
    latency_ms: float
    fallback_used: bool
    interactions: tuple[Interaction, ...]
    date_range: str
    model_called: bool
    hedged: bool = False  # fallbacks ran beside a slow primary (ModelConfig.hedge_after_s)

    @property
    def input_tokens(self) -> int:
        return self.usage.input_tokens

    @property
    def output_tokens(self) -> int:
        return self.usage.output_tokens

    @property
    def cache_read_tokens(self) -> int:
        return self.usage.cache_read_tokens

    @property
    def cache_write_tokens(self) -> int:
        return self.usage.cache_write_tokens


async def summarize(
    interactions: Sequence[Interaction],
    options: SummaryOptions,
    pair: PromptPair,
    gateway: CompletionGateway,
) -> Summary:
    """Summarize a customer's history with a prompt/model pair.

    Args:
        interactions: The customer's history (any order; the window is applied here too).
        options: Request options: day window, interaction limit, channels, `as_of`.
        pair: The prompt template and model config to use.
        gateway: Calls the model (with timeout, fallback and budget).

    Returns:
        The summary. With no interaction in the window the text is "No interactions found"
        and no model is called.

    Raises:
        AllModelsFailedError: Every model failed within the budget.
    """
    started = time.perf_counter()
    selected = select_interactions(list(interactions), options)
    if not selected:
        return Summary(
            text=NO_INTERACTIONS,
            model_used=NO_MODEL,
            prompt_name=pair.name,
            prompt_version=pair.version,
            prompt_hash=pair.content_hash,
            usage=TokenUsage(),
            cost_usd=0.0,
            latency_ms=(time.perf_counter() - started) * 1000,
            fallback_used=False,
            interactions=(),
            date_range="",
            model_called=False,
        )
    rendered = render_prompt(pair.template, selected, options)
    completion = await gateway.complete(rendered, pair.model)
    return Summary(
        text=completion.text.strip(),
        model_used=completion.model,
        prompt_name=pair.name,
        prompt_version=pair.version,
        prompt_hash=pair.content_hash,
        usage=completion.usage,
        cost_usd=completion.cost_usd,
        latency_ms=(time.perf_counter() - started) * 1000,
        fallback_used=completion.fallback_used,
        interactions=selected,
        date_range=date_range(selected),
        model_called=True,
        hedged=completion.hedged,
    )
