"""The facts of a v2 case and the records that state them, as plain data.

`CaseBuilder` (eval.dataset.case) fills them in; the reference writers read only `CaseFacts`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from eval.dataset.schema import RecordKind
from eval.dataset.topics import Topic
from service.models import Channel, Sentiment

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Record length by size class: filler turns of transcripts and chats, e-mail quote depth.
SIZES = {"short": (2, 0), "medium": (12, 1), "long": (30, 2), "xl": (52, 3)}


@dataclass
class Record:
    """One interaction before it becomes a `service.models.Interaction`."""

    channel: Channel
    kind: RecordKind
    when: datetime
    intent: str
    notes: str
    outcome: str
    sentiment: Sentiment | None
    marks: set[str] = field(default_factory=set)


@dataclass
class CaseFacts:
    """What happened, as the reference writers see it (never the records' wording)."""

    topic: Topic
    amount: str | None
    ticket: str
    first: datetime
    promise_due: datetime
    promise_missed: bool
    resolved: bool
    escalated: bool
    sentiments: list[Sentiment]
    foreign: tuple[str, str] | None = None
    contradiction: str | None = None  # "stale_sms" or "amount_corrected"
    contacts: int = 0
    channels: tuple[Channel, ...] = ()  # of each agent contact, in time order


@dataclass
class Hazards:
    """What to plant besides the case: injection style, PII formats, a foreign message."""

    injection: str | None = None
    pii: list[str] = field(default_factory=list)
    foreign: bool = False
    duplicate: bool = False
    contradiction: bool = False


def day(when: datetime, style: int = 0) -> str:
    """A date as records write it: `Oct 9`, `10/09` or `9 Oct`."""
    return (
        f"{MONTHS[when.month - 1]} {when.day}",
        f"{when.month:02d}/{when.day:02d}",
        f"{when.day} {MONTHS[when.month - 1]}",
    )[style % 3]


class Timeline:
    """Records of one customer in time order, on a clock that only moves forward."""

    def __init__(self, rng: random.Random, start: datetime, intent: str):
        self.rng = rng
        self.cursor = start
        self.intent = intent
        self.records: list[Record] = []

    def add(
        self,
        channel: Channel,
        kind: RecordKind,
        notes: str,
        outcome: str,
        sentiment: Sentiment | None,
        marks: set[str],
    ) -> None:
        """Record an interaction at the clock's time, strictly after the previous one."""
        if self.records and self.cursor <= self.records[-1].when:
            self.cursor = self.records[-1].when + timedelta(minutes=4)
        self.records.append(
            Record(
                channel,
                kind,
                self.cursor,
                self.intent,
                notes,
                outcome,
                sentiment,
                set(marks),
            )
        )

    def wait(self, low_hours: float, high_hours: float) -> None:
        """Move the clock forward; contacts happen in opening hours."""
        self.cursor += timedelta(hours=self.rng.uniform(low_hours, high_hours))
        if not 8 <= self.cursor.hour < 20:
            self.cursor = self.cursor.replace(hour=self.rng.randint(8, 19))
        self.cursor = self.cursor.replace(second=self.rng.randint(0, 59), microsecond=0)

    def clock(self) -> int:
        """Seconds into the day of the record about to be added (for times in its text)."""
        after = (
            max(self.cursor, self.records[-1].when + timedelta(minutes=4))
            if self.records
            else self.cursor
        )
        return after.hour * 3600 + after.minute * 60 + after.second
