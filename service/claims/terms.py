"""Terms of an offer or a promise: a percentage ("30% off"), a period ("for 24 months", "a
12-month lock"). An agent repeats them to the customer as the deal, so each must be a
figure some record gives; a term no record gives is a made-up detail, and in a sentence
that commits to something, an invented promise (`commitments.invented_commitment`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from service.claims.mentions import COUNT_WORDS

if TYPE_CHECKING:
    from service.claims.facts import UnsupportedFact, _Source

_NUMBER_WORDS = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.I)
# A period that is a term ("for 24 months", "12-month price lock"), not a span of history
# ("over the past 3 months", "in the last 2 years"), which the date checks read.
PERIOD = re.compile(
    rf"\b(?:for|lasting)\s+(?:the\s+next\s+)?(\d{{1,3}}|{_NUMBER_WORDS})\s+(months?|years?)\b"
    rf"|\b(\d{{1,3}}|{_NUMBER_WORDS})-(month|year)\b",
    re.I,
)


def _given(value: Decimal, source: _Source) -> bool:
    words = [w for w, v in COUNT_WORDS.items() if Decimal(v) == value]
    return value in source.numbers or any(re.search(rf"\b{w}\b", source.text) for w in words)


def check_terms(summary: str, source: _Source) -> list[UnsupportedFact]:
    """Percentages and term lengths in `summary` that no record gives."""
    from service.claims.facts import UnsupportedFact

    found = []
    for match in PERCENT.finditer(summary):
        if not _given(Decimal(match.group(1)), source):
            found.append(UnsupportedFact("amount", match.group(0), "no record gives this share"))
    for match in PERIOD.finditer(summary):
        raw = match.group(1) or match.group(3)
        value = Decimal(raw) if raw.isdigit() else Decimal(COUNT_WORDS[raw.lower()])
        if not _given(value, source):
            reason = "no record gives a term of this length"
            found.append(UnsupportedFact("count", match.group(0), reason))
    return found
