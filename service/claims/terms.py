"""Terms of an offer or a promise: a percentage ("30% off"), a period ("for 24 months", "a
12-month lock"), a time frame ("within 24 hours"). An agent repeats them to the customer as
the deal, so each must be a figure some record gives; a term no record gives is a made-up
detail, and in a sentence that commits to something, an invented promise
(`commitments.invented_commitment`). Time frames are read only in such sentences: "within 2
days" elsewhere may be a span the summary worked out from the contacts' dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from service.claims.durations import hours_of, lengths_given, limits_given
from service.claims.mentions import COUNT_WORDS, DURATION, DURATION_WORDS
from service.claims.rivals import NO_RIVAL, length_rival
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.tables import mapping, pattern
from service.claims.text import normalize
from service.models import Interaction

PERCENT = pattern("percent")
# A period that is a term ("for 24 months", "12-month price lock").
PERIOD = pattern("term_period")
# "a 48-hour callback": a time frame written as one word.
_HYPHENED_FRAME = pattern("hyphened_frame")


def _given(value: Decimal, source: SourceFacts) -> bool:
    words = [w for w, v in COUNT_WORDS.items() if Decimal(v) == value]
    return value in source.numbers or any(re.search(rf"\b{w}\b", source.text) for w in words)


def check_terms(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Percentages and term lengths in `summary` that no record gives."""
    found = []
    for match in PERCENT.finditer(summary):
        if not _given(Decimal(match.group(1)), source):
            fact = UnsupportedFact("amount", match.group(0), "no record gives this share")
            # "twenty per cent", "half": a conversation says its shares in words.
            found.append(fact.unsure(NO_RIVAL) if source.unlabelled else fact)
    for match in PERIOD.finditer(summary):
        raw = match.group(1) or match.group(3) or match.group(5)
        value = Decimal(raw) if raw.isdigit() else Decimal(COUNT_WORDS[raw.lower()])
        unit = match.group(2) or match.group(4) or match.group(6)
        # "accepted £10 off x 12m": a note gives the term cut short.
        if hours_of(int(value), unit) in lengths_given(source.text):
            continue
        if not _given(value, source):
            reason = "no record gives a term of this length"
            fact = UnsupportedFact("count", match.group(0), reason)
            # "12 tháng", "three monthly charges": a conversation no label sums up gives
            # its terms in forms the checker may not read; only a term of a near length
            # it may misstate makes this a finding.
            rival = length_rival(hours_of(int(value), unit), lengths_given(source.text))
            found.append(fact.unsure(NO_RIVAL) if source.unlabelled and rival is None else fact)
    return found


_TIME_FRAME = pattern("time_frame")
_HOURS = mapping("hours")


def _frames(text: str, *, committed: bool) -> list[tuple[str, int]]:
    """(surface, length in hours) of the durations in `text`; with `committed`, only those a
    commitment sets ("within 24 hours")."""
    found = []
    for match in DURATION.finditer(text):
        before = text[max(0, match.start() - 16) : match.start()]
        hyphened = _HYPHENED_FRAME.match(match.group(0)) is not None
        if committed and not _TIME_FRAME.search(before) and not hyphened:
            continue
        raw = match.group(2) or match.group(1)
        value = DURATION_WORDS.get(raw.lower()) or int(raw)
        found.append((match.group(0), value * _HOURS[match.group(4).lower()]))
    return found


def given_frames(interactions: Sequence[Interaction]) -> frozenset[int]:
    """The lengths in hours of every time frame the records give (read once per history):
    as a summary writes them, and every limit the records give in any written or spoken
    form (`durations.limits_given`: "twenty four to forty eight hours", "5-7 wd")."""
    written = {hours for item in interactions for _, hours in _frames(item.notes, committed=False)}
    return frozenset(written).union(*(limits_given(normalize(i.notes)) for i in interactions))


def unsupported_time_frames(text: str, given: frozenset[int]) -> list[str]:
    """Time frames a commitment in `text` sets that none of the records' frames (`given`,
    in hours) is (24 hours and one day are the same frame; business and calendar days are
    not told apart)."""
    return [surface for surface, hours in _frames(text, committed=True) if hours not in given]
