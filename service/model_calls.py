"""`summarize()` as the service calls it: with the seed's BEDROCK_* events and model metrics.

Kept apart from the request orchestration in `insights.py`, so the one summarizer code path
stays `service.summarizer.summarize` and this module only observes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.gateway import AllModelsFailedError
from service.injection import find_injections
from service.models import Interaction, SummaryOptions, select_interactions
from service.observability import EventLog, ServiceMetrics
from service.prompts import PromptPair
from service.summarizer import CompletionGateway, Summary, summarize


class DependencyUnavailableError(Exception):
    """A store or every model is unavailable; the client may retry after `retry_after_s`."""

    def __init__(self, what: str, retry_after_s: float) -> None:
        super().__init__(f"{what} unavailable")
        self.what = what
        self.retry_after_s = retry_after_s


async def summarize_observed(
    interactions: Sequence[Interaction],
    options: SummaryOptions,
    pair: PromptPair,
    gateway: CompletionGateway,
    *,
    events: EventLog,
    metrics: ServiceMetrics,
    request_id: str,
) -> Summary:
    """Summarize, logging the invocation events and recording model latency, cost, fallbacks.

    Raises:
        DependencyUnavailableError: Every model failed; throttling suggests a shorter retry.
    """
    # Positions as rendered: the same selection and order (oldest first) as the prompt.
    flags = find_injections(select_interactions(list(interactions), options), options.ivr_intent)
    if flags:
        # The text stays fenced in the user suffix; the log names only where and what.
        events.event("PROMPT_INJECTION_SUSPECTED", request_id, flags=[flag.label for flag in flags])
    if interactions:
        events.event(
            "BEDROCK_INVOKE_START",
            request_id,
            model=pair.model.primary,
            prompt=pair.name,
            prompt_version=pair.version,
        )
    try:
        summary = await summarize(interactions, options, pair, gateway)
    except AllModelsFailedError as error:
        timeouts = [a.model for a in error.attempts if a.outcome == "timeout"]
        if timeouts:
            events.event("BEDROCK_INVOKE_TIMEOUT", request_id, models=timeouts)
        events.event(
            "BEDROCK_INVOKE_FAILED",
            request_id,
            attempts=[f"{a.model}:{a.outcome}" for a in error.attempts],
        )
        raise DependencyUnavailableError(
            "summary model", 2.0 if error.throttled else 5.0
        ) from error
    if not summary.model_called:
        return summary
    if summary.hedged:
        # Both calls may be billed; only the winner's cost is known and recorded.
        events.event("BEDROCK_HEDGED", request_id, model=summary.model_used)
        metrics.hedges.labels(summary.model_used).inc()
    if summary.fallback_used:
        events.event("BEDROCK_FALLBACK", request_id, model=summary.model_used)
        metrics.fallbacks.labels(summary.model_used).inc()
    events.event(
        "BEDROCK_INVOKE_SUCCESS",
        request_id,
        model=summary.model_used,
        latency_ms=round(summary.latency_ms, 1),
        input_tokens=summary.input_tokens,
        output_tokens=summary.output_tokens,
        cache_read_tokens=summary.cache_read_tokens,
        cost_usd=summary.cost_usd,
    )
    metrics.model_latency.labels(summary.model_used).observe(summary.latency_ms / 1000)
    metrics.model_cost.labels(summary.model_used).inc(summary.cost_usd)
    return summary
