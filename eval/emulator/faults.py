"""Fault plan for the Converse emulator: what can go wrong, how often, and how slowly.

A `FaultPlan` maps a model id (or ``"*"`` for every model) to `ModelFaults`. For each request the
emulator calls `sample_decision` with that model's seeded `random.Random`, so a given seed and plan
give the same outcome sequence on every run.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

# z-score of the 99th percentile of a standard normal; turns (median, p99) into a lognormal sigma.
_Z_P99 = 2.3263478740408408

Rate = Annotated[float, Field(ge=0.0, le=1.0)]


class Outcome(StrEnum):
    """What the emulator does with one request."""

    OK = "ok"
    THROTTLED = "throttled"
    MODEL_TIMEOUT = "model_timeout"
    INTERNAL_ERROR = "internal_error"
    UNAVAILABLE = "unavailable"
    HANG = "hang"
    INVALID = "invalid"


@dataclass(frozen=True)
class WireError:
    """An error exactly as Bedrock Runtime puts it on the wire (restJson1 protocol)."""

    status: int
    error_type: str
    message: str

    @property
    def header(self) -> str:
        """Value of ``x-amzn-ErrorType``; SDKs keep the part before the colon as the error code."""
        return f"{self.error_type}:http://internal.amazon.com/coral/com.amazon.bedrock/"


# Status codes come from botocore's bedrock-runtime service model; messages are the ones Bedrock
# sends. The throttling text must not say "tokens": litellm maps "too many tokens" to a
# context-window error before it looks at the status code.
WIRE_ERRORS: dict[Outcome, WireError] = {
    Outcome.THROTTLED: WireError(
        429, "ThrottlingException", "Too many requests, please wait before trying again."
    ),
    Outcome.MODEL_TIMEOUT: WireError(
        408,
        "ModelTimeoutException",
        "Model has timed out in processing the request. Try your request again.",
    ),
    Outcome.INTERNAL_ERROR: WireError(
        500,
        "InternalServerException",
        "The system encountered an unexpected error during processing. Try your request again.",
    ),
    Outcome.UNAVAILABLE: WireError(
        503, "ServiceUnavailableException", "Bedrock is unable to process your request."
    ),
}


class FixedLatency(BaseModel):
    """Every successful answer takes exactly `ms` milliseconds (plus real processing time)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["fixed"] = "fixed"
    ms: float = Field(default=0.0, ge=0.0)


class LognormalLatency(BaseModel):
    """Latency drawn from a lognormal with the given median and 99th percentile."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["lognormal"] = "lognormal"
    median_ms: float = Field(gt=0.0)
    p99_ms: float = Field(gt=0.0)

    @model_validator(mode="after")
    def _p99_not_below_median(self) -> Self:
        if self.p99_ms < self.median_ms:
            raise ValueError("p99_ms must be >= median_ms")
        return self


Latency = Annotated[FixedLatency | LognormalLatency, Field(discriminator="kind")]


class ModelFaults(BaseModel):
    """Fault rates and latency for one model id. Rates are probabilities and must sum to <= 1."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    latency: Latency = FixedLatency()
    throttle_rate: Rate = 0.0
    timeout_rate: Rate = 0.0
    error_rate: Rate = 0.0
    unavailable_rate: Rate = 0.0
    hang_rate: Rate = 0.0
    hang_s: float = Field(default=60.0, ge=0.0)

    @model_validator(mode="after")
    def _rates_fit(self) -> Self:
        if sum(rate for _, rate in self.rates()) > 1.0 + 1e-9:
            raise ValueError("fault rates must sum to at most 1")
        return self

    def rates(self) -> tuple[tuple[Outcome, float], ...]:
        """The fault outcomes with their probabilities, in the fixed order used for sampling."""
        return (
            (Outcome.THROTTLED, self.throttle_rate),
            (Outcome.MODEL_TIMEOUT, self.timeout_rate),
            (Outcome.INTERNAL_ERROR, self.error_rate),
            (Outcome.UNAVAILABLE, self.unavailable_rate),
            (Outcome.HANG, self.hang_rate),
        )


class FaultPlan(BaseModel):
    """Faults per model id, plus the emulated prompt-cache TTL.

    Example (JSON, as accepted by ``PUT /_emulator/plan``)::

        {"models": {"*": {"latency": {"kind": "lognormal", "median_ms": 800, "p99_ms": 4000},
                          "throttle_rate": 0.02}},
         "cache_ttl_s": 300}
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    models: dict[str, ModelFaults] = Field(default_factory=dict)
    cache_ttl_s: float = Field(default=300.0, ge=0.0)

    def faults_for(self, model_id: str) -> ModelFaults:
        """The entry for `model_id`, else the ``"*"`` entry, else no faults and no latency."""
        if model_id in self.models:
            return self.models[model_id]
        return self.models.get("*", ModelFaults())


@dataclass(frozen=True)
class Decision:
    """The sampled fate of one request: its outcome and how long to sleep before answering."""

    outcome: Outcome
    delay_s: float


def sample_latency_s(latency: FixedLatency | LognormalLatency, z: float) -> float:
    """Latency in seconds for a standard-normal draw `z` (ignored by fixed latency)."""
    if isinstance(latency, FixedLatency):
        return latency.ms / 1000.0
    sigma = math.log(latency.p99_ms / latency.median_ms) / _Z_P99
    return latency.median_ms * math.exp(sigma * z) / 1000.0


def sample_decision(faults: ModelFaults, rng: random.Random) -> Decision:
    """Draw one request's outcome and delay.

    Exactly two numbers are drawn per request whatever the outcome, so the outcome sequence for a
    seed does not depend on the latency settings. Error outcomes answer at once (Bedrock rejects
    throttled requests before any model work); a hang sleeps `hang_s` and then answers normally.
    """
    u = rng.random()
    z = rng.normalvariate(0.0, 1.0)
    threshold = 0.0
    for outcome, rate in faults.rates():
        threshold += rate
        if u < threshold:
            delay = faults.hang_s if outcome is Outcome.HANG else 0.0
            return Decision(outcome, delay)
    return Decision(Outcome.OK, sample_latency_s(faults.latency, z))
