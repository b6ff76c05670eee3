"""The golden-set record: one customer history, the request it is evaluated with, and the
hand-written answer key (reference summaries and key facts).

The interaction model is `service.models.Interaction` and the option bounds are those of
`service.models.SummaryOptions`, so a sample that validates here is a request the service accepts.
"""

from __future__ import annotations

import re
from typing import Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from service.models import (
    CHANNELS,
    Channel,
    Interaction,
    SummaryOptions,
    UtcDatetime,
    select_interactions,
)

Scenario = Literal[
    "billing_dispute",
    "outage",
    "move_transfer",
    "payment_arrangement",
    "device_return",
    "fraud",
    "cancellation_threat",
    "tech_troubleshooting",
    "repeat_contact",
    "escalation_pending",
    "sparse_history",
    "empty_history",
    "over_max_interactions",
    "outside_window",
    "filter_empty",
    "non_ascii",
    "pii_in_notes",
]
SCENARIOS: tuple[Scenario, ...] = Scenario.__args__  # type: ignore[attr-defined]
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
FactKind = Literal[
    "amount", "date", "status", "promise", "sentiment", "intent", "channel", "count", "other"
]
# v2 key facts are one of these (no catch-all), so recall can be broken down by every kind.
V2_FACT_KINDS = ("amount", "date", "status", "promise", "sentiment", "count", "channel", "intent")
RecordKind = Literal[
    "ivr_dtmf", "call_transcript", "chat", "email_thread", "sms", "wrapup", "routine"
]

REFERENCE_MIN_WORDS = 30
REFERENCE_MAX_WORDS = 120
# A "no history" reference ("No interactions found in the last 90 days.") cannot reach 30 words
# without padding, so the minimum is waived for samples whose request selects nothing.
EMPTY_REFERENCE_MIN_WORDS = 5
MIN_KEY_FACTS = 3
MAX_KEY_FACTS = 8

_SPACES = re.compile(r"\s+")


def word_count(text: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens."""
    return len(text.split())


def normalize(text: str) -> str:
    """Lowercase and collapse whitespace, so line breaks and double spaces never hide a match."""
    return _SPACES.sub(" ", text.lower()).strip()


class SampleOptions(BaseModel):
    """The request options a sample is evaluated with; `as_of` is fixed so the window is too."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_history_days: int = 90
    max_interactions: int = 10
    channel_filter: tuple[Channel, ...] | None = None
    as_of: UtcDatetime

    @model_validator(mode="after")
    def _within_service_bounds(self) -> SampleOptions:
        # The bounds live in SummaryOptions; delegating keeps one source of truth.
        try:
            self.to_summary_options("misc")
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ValueError(f"{where}: {first['msg']}") from None
        return self

    def to_summary_options(self, ivr_intent: str) -> SummaryOptions:
        """The `SummaryOptions` the service would receive for this sample."""
        return SummaryOptions(
            ivr_intent=ivr_intent,
            max_history_days=self.max_history_days,
            max_interactions=self.max_interactions,
            channel_filter=self.channel_filter,
            as_of=self.as_of,
        )


class KeyFact(BaseModel):
    """One atomic fact a good summary must state, with the phrasings that count as stating it.

    Attributes:
        fact: The fact in plain words, for humans ("$45 late fee still disputed").
        kind: What sort of fact it is, so recall can be broken down by kind.
        match: Lowercase alternatives; the fact is stated when any of them occurs in a text.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str = Field(min_length=3, max_length=300)
    kind: FactKind
    match: tuple[str, ...] = Field(min_length=1, max_length=12)
    # Indices into the sample's `interactions` the fact comes from (v2). Written only when set,
    # so v1 files keep their bytes.
    evidence: tuple[int, ...] = Field(default=(), exclude_if=lambda value: not value)

    @field_validator("match")
    @classmethod
    def _lowercase_alternatives(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for alternative in value:
            if not alternative.strip():
                raise ValueError("match alternatives must not be blank")
            if alternative != normalize(alternative):
                raise ValueError(
                    f"match alternative {alternative!r} must be lowercase with single spaces"
                )
        return value

    def is_stated_in(self, text: str) -> bool:
        """Whether any `match` alternative occurs in `text` (case- and whitespace-insensitive)."""
        haystack = normalize(text)
        return any(alternative in haystack for alternative in self.match)


class SampleTags(BaseModel):
    """Scenario labels; `traits` holds secondary properties such as `pii` or `non_ascii`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scenario: Scenario
    difficulty: Difficulty
    channel_mix: tuple[Channel, ...]
    topic: str = Field(min_length=1, max_length=60)
    traits: tuple[str, ...] = ()
    # Which answer-key rules apply (datasets/README.md); v2 adds the metadata below. All are
    # written only when set, so v1 lines keep their bytes. The kind of each record
    # (aligned with `interactions`), the style of injected text in customer-authored content,
    # the PII formats and the languages present in the history.
    rules: Literal["v1", "v2"] = Field(default="v1", exclude_if=lambda value: value == "v1")
    record_kinds: tuple[RecordKind, ...] = Field(default=(), exclude_if=lambda value: not value)
    injection: str | None = Field(default=None, exclude_if=lambda value: value is None)
    pii_kinds: tuple[str, ...] = Field(default=(), exclude_if=lambda value: not value)
    languages: tuple[str, ...] = Field(default=(), exclude_if=lambda value: not value)


class HistorySample(BaseModel):
    """A sample before annotation: what the generator produces (`histories.jsonl`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    account_number: str = Field(pattern=r"^[0-9]{6,20}$")
    contact_id: str = Field(min_length=1, max_length=64)
    ivr_intent: str = Field(min_length=1, max_length=200)
    options: SampleOptions
    interactions: tuple[Interaction, ...]
    tags: SampleTags

    @model_validator(mode="after")
    def _consistent(self) -> HistorySample:
        as_of = self.options.as_of
        for index, item in enumerate(self.interactions):
            if item.timestamp > as_of:
                raise ValueError(f"interactions.{index}.timestamp: is after options.as_of")
        mix = tuple(sorted({item.channel for item in self.interactions}, key=_channel_rank))
        if self.tags.channel_mix != mix:
            raise ValueError(f"tags.channel_mix: must be {list(mix)}, the channels in interactions")
        kinds = self.tags.record_kinds
        if kinds and len(kinds) != len(self.interactions):
            raise ValueError(
                f"tags.record_kinds: has {len(kinds)} entries"
                f" for {len(self.interactions)} interactions"
            )
        return self

    @property
    def is_v2(self) -> bool:
        """Whether the stricter v2 answer-key rules apply to this sample."""
        return self.tags.rules == "v2"

    def summary_options(self) -> SummaryOptions:
        """The request options, as the service models them."""
        return self.options.to_summary_options(self.ivr_intent)

    def in_scope(self) -> tuple[Interaction, ...]:
        """The interactions a summary may use, selected exactly as the service selects them."""
        return select_interactions(self.interactions, self.summary_options())


class GoldenSample(HistorySample):
    """An annotated sample (`samples.jsonl`): the history plus its answer key."""

    references: tuple[str, ...] = Field(min_length=1, max_length=3)
    key_facts: tuple[KeyFact, ...] = Field(min_length=MIN_KEY_FACTS, max_length=MAX_KEY_FACTS)

    @field_validator("references")
    @classmethod
    def _bounded_length(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # The lower bound depends on the history (see EMPTY_REFERENCE_MIN_WORDS); checked below.
        for index, reference in enumerate(value):
            if word_count(reference) > REFERENCE_MAX_WORDS:
                raise ValueError(
                    f"reference {index} has {word_count(reference)} words,"
                    f" above {REFERENCE_MAX_WORDS}"
                )
        return value

    @model_validator(mode="after")
    def _long_enough(self) -> GoldenSample:
        minimum = EMPTY_REFERENCE_MIN_WORDS if not self.in_scope() else REFERENCE_MIN_WORDS
        for index, reference in enumerate(self.references):
            if word_count(reference) < minimum:
                raise ValueError(
                    f"references.{index}: has {word_count(reference)} words, below {minimum}"
                )
        return self


class Annotation(BaseModel):
    """One line of an annotator's `annotations/part-N.jsonl`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    references: tuple[str, ...]
    key_facts: tuple[KeyFact, ...]


# Field order of a written sample; build and generator both write in this order.
SAMPLE_FIELDS: tuple[str, ...] = (
    "id",
    "account_number",
    "contact_id",
    "ivr_intent",
    "options",
    "interactions",
    "references",
    "key_facts",
    "tags",
)


def _channel_rank(channel: Channel) -> int:
    return CHANNELS.index(channel)
