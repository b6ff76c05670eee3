"""The contact history a summary sums up: "contacted us 5 times via chat and e-mail between
Mar 2 and Mar 9".

Such a sentence states a total, so it is held to the records in scope: the number of contacts
and the dates of the first and the last. A count narrowed to some of the channels ("3 times
by phone") is a subset: it is left to the count check, where only more than the records hold
is impossible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from service.claims.mentions import COUNT_WORDS, mentioned_dates, parse_count
from service.claims.types import Finding
from service.models import Interaction

_NUMBER = r"\d{1,3}|" + "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
TOTAL = re.compile(
    r"\b(?:contacted us|reached out(?: to us)?|got in touch(?: with us)?"
    r"|been in (?:touch|contact)(?: with us)?|made contact)\s+"
    rf"(?P<count>{_NUMBER})(?:\s+(?:separate\s+)?times?)?\b(?P<rest>[^.;]*)",
    re.I,
)
# "via agent, chat and e-mail": the channels a count is narrowed to.
_NARROWED = re.compile(
    r"^\s*(?:via|by|over|through|on|across|using|in)\s+(?P<names>[a-z ,/&-]+?)"
    r"(?=\s+(?:between|from|about|regarding|over|since|during|in|for)\b|\s*$)",
    re.I,
)
CHANNEL_NAMES = {
    "agent": "agent",
    "agents": "agent",
    "phone": "agent",
    "voice": "agent",
    "call": "agent",
    "calls": "agent",
    "chat": "chat",
    "chats": "chat",
    "email": "email",
    "e-mail": "email",
    "emails": "email",
    "mail": "email",
    "ivr": "ivr",
    "sms": "sms",
    "text": "sms",
    "texts": "sms",
}
_DATE = r"(?:[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?|\d{1,2} [a-z]{3,9}\.?|\d{1,2}/\d{1,2})"
_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<first>{_DATE})\s+(?:and|to|until|through)\s+(?P<last>{_DATE})",
    re.I,
)


def _named_channels(rest: str) -> set[str]:
    match = _NARROWED.match(rest)
    if match is None:
        return set()
    names = re.split(r"[\s,/&-]+|\band\b", match.group("names").lower())
    return {CHANNEL_NAMES[name] for name in names if name in CHANNEL_NAMES}


def _on_calendar(reading: tuple[int, int], anchor: date) -> date | None:
    """The date nearest `anchor` with this (month, day): summaries leave the year out."""
    month, day = reading
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs(d - anchor), default=None)


def _days(text: str, anchor: date) -> list[date]:
    readings = {reading for _, found in mentioned_dates(text) for reading in found}
    return [day for r in readings if (day := _on_calendar(r, anchor)) is not None]


def _within(day: date, other: date) -> bool:
    # A late-evening UTC contact is "tomorrow" in the customer's time zone.
    return abs(day - other) <= timedelta(days=1)


def check_contact_history(summary: str, interactions: Sequence[Interaction]) -> list[Finding]:
    """A stated number of contacts over a stated span against the records of that span.

    Without a span the count may be of one episode ("contacted us twice: on Sep 25 ..."), so
    it is left to the count check; over a span it must be the number of contacts in it, and
    a contact must fall on each end of the span.
    """
    if not interactions:
        return []
    findings = []
    channels = {item.channel for item in interactions}
    anchor = interactions[-1].timestamp.date()
    for match in TOTAL.finditer(summary):
        rest = match.group("rest")
        named = _named_channels(rest)
        span = _RANGE.search(rest)
        if span is None or (named and named != channels):
            continue  # no span, or a subset of the channels: a subset of the contacts
        firsts, lasts = _days(span.group("first"), anchor), _days(span.group("last"), anchor)
        if not firsts or not lasts:
            continue
        claim = match.group(0)[:80]
        contact_days = [item.timestamp.date() for item in interactions]
        for said, days in ((span.group("first"), firsts), (span.group("last"), lasts)):
            if not any(_within(day, c) for day in days for c in contact_days):
                reason = f"no contact on {said}; the contacts run {_fmt(contact_days)}"
                findings.append(Finding("date", "contradicted", claim, reason))
        start, end = min(firsts) - timedelta(days=1), max(lasts) + timedelta(days=1)
        held = sum(start <= day <= end for day in contact_days)
        count = parse_count(match.group("count"))
        if count != held:
            reason = f"says {count} contacts from {span.group('first')} to {span.group('last')}"
            findings.append(
                Finding("count", "contradicted", claim, f"{reason}; records hold {held}")
            )
    return findings


def _fmt(days: Sequence[date]) -> str:
    return f"{days[0]:%b %d} to {days[-1]:%b %d}"


# "first raised Mar 4", "first reported on 03/04": when the matter began.
_FIRST = re.compile(
    r"\bfirst (?:raised|reported|contacted us|got in touch|came in|logged|opened|flagged)"
    r"(?: (?:it|this|the issue))?(?: on)? (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}\b|\d{1,2}/\d{1,2}\b"
    r"|\d{1,2} [A-Z][a-z]{2,8}\b)",
)


def check_first_raised(summary: str, interactions: Sequence[Interaction]) -> list[Finding]:
    """ "First raised <date>" must be the day of the earliest contact, or a date the notes
    give for it ("customer first called on Mar 2" in a later record)."""
    if not interactions:
        return []
    contact_days = sorted(item.timestamp.date() for item in interactions)
    anchor = contact_days[-1]
    first = min(range(len(interactions)), key=lambda i: interactions[i].timestamp) + 1
    findings = []
    for match in _FIRST.finditer(summary):
        days = _days(match.group("date"), anchor)
        if not days or any(_within(day, contact_days[0]) for day in days):
            continue
        # Read only when needed: the dates of every record's notes cost more than the rest.
        noted = {r for i in interactions for _, found in mentioned_dates(i.notes) for r in found}
        if any((day.month, day.day) in noted for day in days):
            continue
        reason = f"the earliest contact in the records is on {contact_days[0]:%b %d}"
        findings.append(Finding("date", "contradicted", match.group(0), reason, (first,)))
    return findings
