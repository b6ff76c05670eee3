"""The model gateway: one async call that survives a slow or throttled model.

Policy, per request: try the primary, then each fallback. A throttled model is retried
with exponential backoff and full jitter (up to `max_retries_on_throttle`); a timeout or
server error moves straight to the next model, because retrying a model that just spent
its 5 s would blow the budget. Every attempt is capped by what is left of the total
budget; the last model in the chain gets all of it (`ModelConfig.timeout_for`). When
nothing answers, `AllModelsFailedError` lists every attempt.

Why a loop over `litellm.acompletion` rather than litellm's Router: the Router's retry,
cooldown and fallback state is shared and implicit; here the whole policy is visible,
bounded by one deadline, and reports exactly which model answered.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from service.model_config import ModelConfig
from service.model_usage import TokenUsage, cost_of, litellm_cost, usage_of
from service.prompts import RenderedPrompt

# "abandoned": cancelled because the other side of a hedge answered first.
AttemptOutcome = Literal["ok", "throttled", "timeout", "server_error", "client_error", "abandoned"]
Sleep = Callable[[float], Awaitable[None]]


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
    hedged: bool = False  # the fallbacks were started beside a slow primary


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


def load_litellm() -> ModuleType:
    """litellm with the embedded local models registered as its providers (idempotent).

    Imported on first use, not with this module: it is seconds of start-up, and an eval
    whose every output is cached never calls a model. The service loads it while starting
    (`ModelGateway.load`), before it reports ready.
    """
    import litellm

    from service.local_models.provider import register_local_models

    register_local_models()
    module: ModuleType = litellm
    return module


def default_aws_region() -> str:
    """The region litellm would pick for a Bedrock model configured without one.

    The same order as litellm (`AWS_REGION_NAME`, `AWS_REGION`, then boto3's own chain:
    `AWS_DEFAULT_REGION` and the profile's config file, else us-west-2). Why resolve it here:
    litellm builds a fresh `boto3.Session()` on every call that names no region to read it,
    about 10 ms of CPU per call, most of a Converse call's client-side cost.
    """
    for name in ("AWS_REGION_NAME", "AWS_REGION"):
        if os.environ.get(name):
            return os.environ[name]
    import boto3  # litellm's Bedrock provider needs it: present wherever Bedrock is called

    return boto3.Session().region_name or "us-west-2"


def classify(error: BaseException) -> AttemptOutcome:
    """Map a provider exception onto the gateway's retry policy."""
    import litellm  # a provider error came from litellm: it is loaded

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
        self._litellm: ModuleType | None = None
        self._aws_region: str | None = None  # resolved on the first Bedrock call without one
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._clock = clock

    def load(self) -> None:
        """Load the model clients now rather than on the first call (a service at start-up)."""
        if self._litellm is None:
            self._litellm = load_litellm()

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion:
        """Answer the prompt with the first model that succeeds within the budget.

        With `config.hedge_after_s` set, a primary still unanswered after that long is not
        waited for alone: the fallbacks start beside it and the first answer wins (the other
        call is cancelled). A primary that fails before then falls back as usual.

        Raises:
            AllModelsFailedError: No model answered within the total budget.
        """
        self.load()  # before the clock starts: loading is no part of any call's budget
        started = self._clock()
        run = _Run(started, started + config.total_budget_s, build_messages(rendered), config)
        everyone = tuple(range(len(config.models)))
        if config.hedge_after_s is None or len(everyone) < 2:
            return await self._chain(run, everyone)
        primary = asyncio.ensure_future(self._chain(run, everyone[:1]))
        timer = asyncio.ensure_future(self._sleep(config.hedge_after_s))
        try:
            await asyncio.wait({primary, timer}, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:  # cancelled ourselves: the primary call goes too
            primary.cancel()
            raise
        finally:
            timer.cancel()
        if primary.done():
            if primary.exception() is None:
                return primary.result()
            return await self._chain(run, everyone[1:])
        run.hedged = True
        fallbacks = asyncio.ensure_future(self._chain(run, everyone[1:]))
        try:
            return await _first_success(primary, fallbacks)
        except AllModelsFailedError as failure:
            # Either side's error holds the attempts made before it was raised; when both
            # fail at once the one raised last may not be the one that saw every attempt.
            raise AllModelsFailedError(tuple(run.attempts), failure.reason) from None

    async def _chain(self, run: _Run, positions: tuple[int, ...]) -> Completion:
        """Try the models at `positions` in order, retrying throttles, within the run's budget."""
        config = run.config
        for position in positions:
            model = config.models[position]
            for retry in range(config.max_retries_on_throttle + 1):
                remaining = run.deadline - self._clock()
                if remaining <= 0:
                    raise AllModelsFailedError(tuple(run.attempts), "time budget exhausted")
                attempt_started = self._clock()
                cap = config.timeout_for(position)
                limit_s = remaining if cap is None else min(cap, remaining)
                try:
                    # `asyncio.timeout`, not `wait_for`: in Python 3.11 `wait_for` runs the
                    # call in a task of its own, two more trips through the loop's ready
                    # queue per call (one to start it, one to resume here).
                    async with asyncio.timeout(limit_s):
                        response = await self._call(model, run.messages, config, limit_s)
                except asyncio.CancelledError:
                    # The other side of a hedge answered first; this call is abandoned.
                    elapsed = (self._clock() - attempt_started) * 1000
                    run.attempts.append(Attempt(model, "abandoned", elapsed))
                    raise
                except Exception as error:  # noqa: BLE001 - every failure is classified and recorded
                    outcome = classify(error)
                    elapsed = (self._clock() - attempt_started) * 1000
                    run.attempts.append(Attempt(model, outcome, elapsed, _brief(error)))
                    if outcome == "throttled" and retry < config.max_retries_on_throttle:
                        ceiling = min(config.backoff_max_s, config.backoff_base_s * 2**retry)
                        pause = min(
                            self._rng.uniform(0, ceiling), max(0.0, run.deadline - self._clock())
                        )
                        await self._sleep(pause)
                        continue
                    break
                usage = usage_of(response)
                run.attempts.append(Attempt(model, "ok", (self._clock() - attempt_started) * 1000))
                return Completion(
                    text=_text_of(response),
                    model=model,
                    usage=usage,
                    cost_usd=cost_of(
                        model, usage, config.prices.get(model), litellm_cost(response)
                    ),
                    latency_ms=(self._clock() - run.started) * 1000,
                    fallback_used=position > 0,
                    attempts=tuple(run.attempts),
                    hedged=run.hedged,
                )
        raise AllModelsFailedError(tuple(run.attempts), "every model failed")

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
        elif model.startswith("bedrock/") and "arn:" not in model:
            # An ARN names its own region, which litellm reads from it.
            if self._aws_region is None:
                self._aws_region = default_aws_region()
            kwargs["aws_region_name"] = self._aws_region
        assert self._litellm is not None  # loaded by `complete`
        return await self._litellm.acompletion(**kwargs)


@dataclass
class _Run:
    """One `complete` call's shared state; both sides of a hedge append to `attempts`."""

    started: float
    deadline: float
    messages: list[dict[str, Any]]
    config: ModelConfig
    attempts: list[Attempt] = field(default_factory=list)
    hedged: bool = False


async def _first_success(*racers: asyncio.Future[Completion]) -> Completion:
    """The first completion among `racers`; the rest are cancelled. Raises the last failure."""
    for racer in racers:
        # A loser may still end with an error after the winner returned; it is expected.
        racer.add_done_callback(_observe)
    pending = set(racers)
    failure: BaseException | None = None
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for racer in done:
                error = racer.exception()
                if error is None:
                    return racer.result()
                failure = error
    finally:
        for racer in pending:
            racer.cancel()
    if failure is None:  # unreachable: the loop ends only when every racer failed
        raise RuntimeError("no racer ran")
    raise failure


def _observe(racer: asyncio.Future[Completion]) -> None:
    if not racer.cancelled():
        racer.exception()


def _text_of(response: Any) -> str:
    content = response.choices[0].message.content
    return content if isinstance(content, str) else ""


def _brief(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text[:300]}"
