"""What the in-scope records already say: the amounts, dates, ids and words a perturbation
must avoid, so that its change is wrong rather than accidentally supported."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from service.claims import AMOUNT, due_dates, mentioned_dates, parse_amount
from service.models import Interaction

CUSTOMER_CHANNELS = ("email", "chat", "sms")


def record_text(interactions: Iterable[Interaction]) -> str:
    """Notes, intents and outcomes of the records, one line each."""
    return "\n".join(f"{item.intent} {item.outcome} {item.notes}" for item in interactions)


def amounts(text: str) -> set[Decimal]:
    """Every money amount written in `text`."""
    found = set()
    for match in AMOUNT.finditer(text):
        value = parse_amount(match.group(1) or match.group(2))
        if value is not None:
            found.add(value)
    return found


def record_dates(interactions: Iterable[Interaction]) -> set[tuple[int, int]]:
    """(month, day) of every date the records state, imply (a due date) or happened on."""
    found: set[tuple[int, int]] = set()
    for item in interactions:
        found.add((item.timestamp.month, item.timestamp.day))
        for _, readings in mentioned_dates(item.notes):
            found |= readings
        found |= {(due.month, due.day) for due in due_dates(item)}
    return found


def text_dates(text: str) -> set[tuple[int, int]]:
    """(month, day) readings of every date written in `text`."""
    return {reading for _, readings in mentioned_dates(text) for reading in readings}


def mentions_any(text: str, pattern: str) -> bool:
    """Whether `pattern` (a regex, case-insensitive) occurs in `text`."""
    return re.search(pattern, text, re.IGNORECASE) is not None
