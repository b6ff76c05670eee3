"""Domain and wire models shared by the service, the eval suite and the stores.

`Interaction` is one row of the customer's interaction history (the seed's UCDP table).
`SummaryOptions` are the request options that decide which interactions a summary may use.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Channel = Literal["ivr", "agent", "chat", "email", "sms"]
CHANNELS: tuple[Channel, ...] = ("ivr", "agent", "chat", "email", "sms")
Sentiment = Literal["positive", "neutral", "negative", "frustrated", "angry", "satisfied"]

MAX_NOTES_CHARS = 8_000


def _as_utc(value: datetime) -> datetime:
    """Naive timestamps are ambiguous across channels; refuse them rather than guess."""
    if value.tzinfo is None:
        raise ValueError("timestamp must carry a timezone (for example 2025-12-07T10:15:00Z)")
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


class Interaction(BaseModel):
    """One customer contact on one channel."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: Channel
    timestamp: UtcDatetime
    intent: str = Field(min_length=1, max_length=200)
    notes: str = Field(default="", max_length=MAX_NOTES_CHARS)
    outcome: str = Field(default="", max_length=200)
    sentiment: Sentiment | None = None


class SummaryOptions(BaseModel):
    """Which slice of the history a summary covers, as of a point in time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ivr_intent: str = Field(default="misc", min_length=1, max_length=200)
    max_history_days: int = Field(default=90, ge=1, le=3650)
    max_interactions: int = Field(default=10, ge=1, le=200)
    channel_filter: tuple[Channel, ...] | None = None
    as_of: UtcDatetime = Field(default_factory=lambda: datetime.now(UTC))


def select_interactions(
    interactions: list[Interaction] | tuple[Interaction, ...], options: SummaryOptions
) -> tuple[Interaction, ...]:
    """The interactions a summary may use: inside the day window, on allowed channels,
    the newest `max_interactions` of them, returned oldest first.

    Stores push the same window down into their queries; applying it again here keeps
    the eval suite (which passes whole golden histories) and the service identical.
    """
    window_start = options.as_of.timestamp() - options.max_history_days * 86_400
    allowed = set(options.channel_filter) if options.channel_filter else None
    kept = [
        item
        for item in interactions
        if window_start <= item.timestamp.timestamp() <= options.as_of.timestamp()
        and (allowed is None or item.channel in allowed)
    ]
    kept.sort(key=lambda item: item.timestamp, reverse=True)
    return tuple(reversed(kept[: options.max_interactions]))
