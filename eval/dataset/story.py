"""The building blocks of generated histories: a customer, a clock that only moves forward, and
the facts planted in each interaction, so truncation and filtering drop exactly the facts of the
interactions they drop.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from eval.dataset.people import Customer
from service.models import Channel, Interaction, Sentiment

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Planted(BaseModel):
    """Ground truth the generator put into the in-scope interactions, for annotators to check."""

    model_config = ConfigDict(extra="forbid")

    amounts: list[str] = []
    dates: list[str] = []
    counts: list[str] = []
    open_items: list[str] = []
    promises: list[str] = []
    final_sentiment: Sentiment | None = None
    in_scope: int = 0
    out_of_scope: int = 0
    pii: list[str] = []
    notes: list[str] = []


@dataclass
class Event:
    """An interaction and the facts it states."""

    interaction: Interaction
    facts: dict[str, list[str]] = field(default_factory=dict)


class Story:
    """Accumulates one customer's interactions in time order, with facts planted per event."""

    def __init__(self, rng: random.Random, customer: Customer, start: datetime, *, level: int):
        self.rng = rng
        self.customer = customer
        self.cursor = start
        self.level = level
        self.events: list[Event] = []

    def wait(self, min_hours: float, max_hours: float) -> datetime:
        """Move the clock forward; voice contacts happen in business hours, as they do."""
        self.cursor += timedelta(hours=self.rng.uniform(min_hours, max_hours))
        if self.cursor.hour >= 20:
            self.cursor += timedelta(days=1)
        if not 8 <= self.cursor.hour < 20:
            self.cursor = self.cursor.replace(hour=self.rng.randint(8, 19))
        self.cursor = self.cursor.replace(second=self.rng.randint(0, 59), microsecond=0)
        return self.cursor

    def add(
        self,
        channel: Channel,
        intent: str,
        notes: str,
        outcome: str,
        sentiment: Sentiment | None = None,
    ) -> None:
        """Record an interaction at the current time (strictly after the previous one)."""
        if self.events and self.cursor <= self.events[-1].interaction.timestamp:
            self.cursor = self.events[-1].interaction.timestamp + timedelta(minutes=7)
        item = Interaction(
            channel=channel,
            timestamp=self.cursor.astimezone(UTC),
            intent=intent,
            notes=self.style(notes) if channel == "agent" else notes,
            outcome=outcome,
            sentiment=sentiment,
        )
        self.events.append(Event(item))

    def plant(self, kind: str, text: str) -> None:
        """Attach a fact to the last interaction added (kinds are `Planted` list fields)."""
        self.events[-1].facts.setdefault(kind, []).append(text)

    def pick(self, *options: str) -> str:
        """One of several phrasings, so no two histories read alike."""
        return self.rng.choice(options)

    def chance(self, probability: float) -> bool:
        """True with the given probability."""
        return self.rng.random() < probability

    def money(self, low: float, high: float, *, whole: bool = False) -> float:
        """A plausible amount in [low, high]; whole-dollar amounts for fees and credits."""
        value = self.rng.uniform(low, high)
        return float(round(value)) if whole else round(value, 2)

    def usd(self, value: float) -> str:
        """Dollars as agents write them ($45, $45.00 or $38.99)."""
        if value == int(value) and self.chance(0.5):
            return f"${int(value)}"
        return f"${value:,.2f}"

    def day(self, when: datetime) -> str:
        """A calendar date in one of the formats agents actually use."""
        style = self.rng.randrange(3)
        if style == 0:
            return f"{MONTHS[when.month - 1]} {when.day}"
        if style == 1:
            return f"{when.month:02d}/{when.day:02d}"
        return f"{when.day} {MONTHS[when.month - 1]}"

    def ticket(self, prefix: str) -> str:
        """A case or ticket number."""
        return f"{prefix}-{self.rng.randint(10000, 99999)}"

    def style(self, notes: str) -> str:
        """Agent shorthand varies by agent: some abbreviate, some write in full."""
        if self.chance(0.45):
            for full, short in (
                ("customer", "cust"),
                ("Customer", "Cust"),
                ("account", "acct"),
                ("advised", "adv"),
                (" with ", " w/ "),
                ("because", "b/c"),
            ):
                notes = notes.replace(full, short)
        return notes
