"""The emulator's model zoo: per Bedrock model id, a latency distribution and a behaviour
profile applied to the base summary of the very request (`zoo.yaml`).

Profiles are data, seeded and deterministic: one request to one model id always gets the
same answer and the same latency. They exist so that a model matrix, the gate and the
meta-evaluation have realistic trade-offs to find offline; reports made from them say the
models are emulated.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

DEFAULT_ZOO = Path(__file__).with_name("zoo.yaml")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
_AMOUNT = re.compile(r"\$(\d+)(\.\d{2})?")
FILLER = (
    "The agent should review the history above before responding.",
    "Further details are available in the interaction records.",
    "The customer may need additional assistance.",
)


class Latency(BaseModel):
    """Lognormal time to first token plus a cost per output token."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    median_ms: float = Field(gt=0)
    sigma: float = Field(ge=0, le=2)
    per_token_ms: float = Field(ge=0)


class Behaviour(BaseModel):
    """How far the model's answers depart from the base summary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    word_budget: int = Field(ge=10)
    omit_secondary: float = Field(ge=0, le=1)
    wrong_detail_rate: float = Field(ge=0, le=1)
    verbosity: float = Field(ge=0, le=1)


class Profile(BaseModel):
    """One emulated model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    latency: Latency
    behaviour: Behaviour


class Zoo(BaseModel):
    """Every emulated model id and its profile."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    models: dict[str, Profile]

    def rng(self, model_id: str, request: str) -> random.Random:
        """The generator for one (model, request): same inputs, same draws."""
        digest = hashlib.sha256(f"{model_id}\n{request}".encode()).hexdigest()
        return random.Random(int(digest[:16], 16))

    def shape(self, model_id: str, text: str, request: str) -> str:
        """The base summary as this model would write it (unchanged for unknown ids)."""
        profile = self.models.get(model_id)
        if profile is None:
            return text
        rng, how = self.rng(model_id, request), profile.behaviour
        sentences = _SENTENCE.split(text.strip())
        kept = sentences[:2] + [s for s in sentences[2:] if rng.random() >= how.omit_secondary]
        shaped: list[str] = []
        for sentence in kept:
            if sum(len(s.split()) for s in shaped) + len(sentence.split()) > how.word_budget:
                break
            shaped.append(sentence)
        answer = " ".join(shaped or sentences[:1])
        if rng.random() < how.wrong_detail_rate:
            answer = _AMOUNT.sub(lambda m: f"${int(m.group(1)) + 10}{m.group(2) or ''}", answer, 1)
        if rng.random() < how.verbosity:
            answer = f"{answer} {rng.choice(FILLER)}"
        return answer

    def latency_s(self, model_id: str, request: str, output_tokens: int) -> float:
        """Seconds this model takes to answer `request` with `output_tokens` tokens."""
        profile = self.models.get(model_id)
        if profile is None:
            return 0.0
        rng = self.rng(model_id, "latency\n" + request)
        lat = profile.latency
        first = lat.median_ms * math.exp(rng.gauss(0.0, lat.sigma))
        return (first + lat.per_token_ms * output_tokens) / 1000


def load_zoo(path: Path = DEFAULT_ZOO) -> Zoo:
    """Read and validate a zoo file."""
    return Zoo.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
