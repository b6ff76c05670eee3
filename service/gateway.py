"""The model gateway: one async call that survives a slow or throttled model.

Policy, per request: try the primary, then each fallback. A throttled model is retried
with exponential backoff and full jitter (up to `max_retries_on_throttle`); a timeout or
server error moves straight to the next model, because retrying a model that just spent
its 5 s would blow the budget. Every attempt is capped by what is left of the total
budget. When nothing answers, `AllModelsFailedError` lists every attempt.

Why a loop over `litellm.acompletion` rather than litellm's Router: the Router's retry,
cooldown and fallback state is shared and implicit; here the whole policy is visible,
bounded by one deadline, and reports exactly which model answered.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import litellm

from service.json_repair import repair_json_object
from service.litellm_tuning import tune_litellm
from service.local_models.provider import register_local_models
from service.model_config import ModelConfig, ModelPrice
from service.prompts import RenderedPrompt

AttemptOutcome = Literal["ok", "throttled", "timeout", "server_error", "client_error"]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class TokenUsage:
    """Tokens of one completion; `input_tokens` includes cached ones."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0


@dataclass(frozen=True)
class Attempt:
    """One call to one model and how it ended."""

    model: str
    outcome: AttemptOutcome
    latency_ms: float
    error: str = ""


@dataclass(frozen=True)
class Completion:
    """A model answer with everything needed to account for it."""

    text: str
    model: str
    usage: TokenUsage
    cost_usd: float
    latency_ms: float
    fallback_used: bool
    attempts: tuple[Attempt, ...] = field(default=())


class AllModelsFailedError(RuntimeError):
    """Every configured model failed or the time budget ran out."""

    def __init__(self, attempts: tuple[Attempt, ...], reason: str) -> None:
        summary = ", ".join(f"{a.model}: {a.outcome}" for a in attempts) or "no attempt made"
        super().__init__(f"all models failed ({reason}): {summary}")
        self.attempts = attempts
        self.reason = reason

    @property
    def throttled(self) -> bool:
        """True when throttling (not an outage) is what stopped us: worth a client retry."""
        return any(a.outcome == "throttled" for a in self.attempts)


def classify(error: BaseException) -> AttemptOutcome:
    """Map a provider exception onto the gateway's retry policy."""
    if isinstance(error, litellm.RateLimitError):
        return "throttled"
    if isinstance(error, asyncio.TimeoutError | litellm.Timeout):
        return "timeout"
    if isinstance(
        error,
        litellm.InternalServerError
        | litellm.ServiceUnavailableError
        | litellm.APIConnectionError
        | litellm.BadGatewayError,
    ):
        return "server_error"
    return "client_error"


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


def cost_of(model: str, usage: TokenUsage, declared: ModelPrice | None) -> float:
    """USD cost: the declared price if the config has one, else litellm's price table."""
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


def build_messages(rendered: RenderedPrompt) -> list[dict[str, Any]]:
    """System prefix marked cacheable (Bedrock `cachePoint`), then the customer data."""
    return [
        {
            "role": "system",
            "content": [
                {"type": "text", "text": rendered.system, "cache_control": {"type": "ephemeral"}}
            ],
        },
        {"role": "user", "content": rendered.user},
    ]


class ModelGateway:
    """Calls models through litellm with timeout, fallback, backoff and a total budget."""

    def __init__(
        self,
        *,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        register_local_models()
        tune_litellm()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._clock = clock

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion:
        """Answer the prompt with the first model that succeeds within the budget.

        Raises:
            AllModelsFailedError: No model answered within the total budget.
        """
        started = self._clock()
        deadline = started + config.total_budget_s
        attempts: list[Attempt] = []
        messages = build_messages(rendered)
        for position, model in enumerate(config.models):
            for retry in range(config.max_retries_on_throttle + 1):
                remaining = deadline - self._clock()
                if remaining <= 0:
                    raise AllModelsFailedError(tuple(attempts), "time budget exhausted")
                attempt_started = self._clock()
                try:
                    response = await asyncio.wait_for(
                        self._call(
                            model, messages, config, min(config.timeout_for(position), remaining)
                        ),
                        timeout=min(config.timeout_for(position), remaining),
                    )
                except Exception as error:  # noqa: BLE001 - every failure is classified and recorded
                    outcome = classify(error)
                    attempts.append(
                        Attempt(
                            model, outcome, (self._clock() - attempt_started) * 1000, _brief(error)
                        )
                    )
                    if outcome == "throttled" and retry < config.max_retries_on_throttle:
                        ceiling = min(config.backoff_max_s, config.backoff_base_s * 2**retry)
                        pause = min(
                            self._rng.uniform(0, ceiling), max(0.0, deadline - self._clock())
                        )
                        await self._sleep(pause)
                        continue
                    break
                usage = usage_of(response)
                attempts.append(Attempt(model, "ok", (self._clock() - attempt_started) * 1000))
                return Completion(
                    text=_text_of(response),
                    model=model,
                    usage=usage,
                    cost_usd=cost_of(model, usage, config.prices.get(model)),
                    latency_ms=(self._clock() - started) * 1000,
                    fallback_used=position > 0,
                    attempts=tuple(attempts),
                )
        raise AllModelsFailedError(tuple(attempts), "every model failed")

    async def complete_json(
        self, rendered: RenderedPrompt, config: ModelConfig
    ) -> tuple[dict[str, Any], Completion]:
        """Like `complete`, parsing the answer as a JSON object (repairing common faults).

        Raises:
            UnparseableOutputError: The answer is not a JSON object even after repair.
        """
        completion = await self.complete(rendered, config)
        return repair_json_object(completion.text), completion

    async def _call(
        self, model: str, messages: list[dict[str, Any]], config: ModelConfig, limit_s: float
    ) -> Any:
        kwargs: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "temperature": config.temperature,
            "max_tokens": config.max_tokens,
            "timeout": limit_s,
            "num_retries": 0,
        }
        if config.api_base:
            kwargs["api_base"] = config.api_base
        if config.aws_region_name:
            kwargs["aws_region_name"] = config.aws_region_name
        return await litellm.acompletion(**kwargs)


def _text_of(response: Any) -> str:
    content = response.choices[0].message.content
    return content if isinstance(content, str) else ""


def _brief(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text[:300]}"
