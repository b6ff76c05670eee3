"""The contact history a summary sums up: "contacted us 5 times via chat and e-mail between
Mar 2 and Mar 9", "3 times since Sep 13", "4 times in 4 days (Oct 8 to Oct 11)".

Such a sentence states a total over a span, so it is held to the records of that span: the
number of contacts and, where the span names both ends, a contact on each. A count narrowed to
some of the channels ("3 times by phone") is a subset: it is left to the count check, where
only more than the records hold is impossible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from service.claims.mentions import mentioned_dates, parse_count
from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping, pattern
from service.claims.types import Finding
from service.models import Interaction

TOTAL = pattern("contact_total")
# "via agent, chat and e-mail": what stands between the channels listed.
_CHANNEL_LIST_BREAK = pattern("channel_list_break")
# Where a note's sentence (or its part before a semicolon) ends.
_NOTE_SENTENCE_BREAK = pattern("note_sentence_break")
_NARROWED = pattern("narrowed")
CHANNEL_NAMES = mapping("channel_names")

_RANGE = pattern("range")
_SINCE = pattern("since")
_ON_DAY = pattern("on_day")
_MATTER = pattern("matter")
_ASIDE = pattern("aside")


@dataclass(frozen=True)
class _Span:
    """The days a total covers: `firsts`/`lasts` are the readings of its ends (None: open)."""

    said: str
    firsts: list[date]
    lasts: list[date] | None
    # "between A and B": a contact must fall on A and on B (their words, to quote).
    ends: tuple[str, str] | None = None


def _named_channels(rest: str) -> set[str]:
    match = _NARROWED.match(rest)
    if match is None:
        return set()
    names = _CHANNEL_LIST_BREAK.split(match.group("names").lower())
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


def days_named(text: str, anchor: date) -> list[date]:
    readings = {reading for _, found in mentioned_dates(text) for reading in found}
    return [day for r in readings if (day := _on_calendar(r, anchor)) is not None]


def within_a_day(day: date, other: date) -> bool:
    """Whether two dates are the same day give or take one."""
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
    contact_days = [item.timestamp.date() for item in interactions]
    for match in TOTAL.finditer(summary):
        rest = match.group("rest")
        named = _named_channels(rest)
        span = _span_of(rest, anchor, contact_days)
        if span is None or (named and named != channels):
            continue  # no span, or a subset of the channels: a subset of the contacts
        claim = match.group(0)[:80]
        if span.ends is not None:
            for said, days in zip(span.ends, (span.firsts, span.lasts or []), strict=True):
                if not any(within_a_day(day, c) for day in days for c in contact_days):
                    reason = f"no contact on {said}; the contacts run {_fmt(contact_days)}"
                    findings.append(Finding("date", "contradicted", claim, reason))
        start = min(span.firsts) - timedelta(days=1)
        end = max(span.lasts) + timedelta(days=1) if span.lasts else date.max
        fewest, most = _held(
            [item for item in interactions if start <= item.timestamp.date() <= end]
        )
        count = parse_count(match.group("count"))
        if not fewest <= count <= most:
            held = f"{most}" if fewest == most else f"{fewest} to {most}"
            reason = f"says {count} contacts {span.said}; records hold {held}"
            findings.append(Finding("count", "contradicted", claim, reason))
    return findings


def _span_of(rest: str, anchor: date, contact_days: Sequence[date]) -> _Span | None:
    if (between := _RANGE.search(rest)) is not None:
        firsts, lasts = (
            days_named(between.group("first"), anchor),
            days_named(between.group("last"), anchor),
        )
        ends = (between.group("first"), between.group("last"))
        said = f"from {ends[0]} to {ends[1]}"
        return _Span(said, firsts, lasts, ends) if firsts and lasts else None
    contacts_part = _MATTER.split(rest, maxsplit=1)[0]
    if (since := _SINCE.search(contacts_part)) is not None:
        firsts = days_named(since.group("first"), anchor)
        return _Span(f"since {since.group('first')}", firsts, None) if firsts else None
    # The contacts listed with their days, in an aside or after a comma: "twice (a call on
    # June 8 and a chat on June 11)", "twice, by phone on May 18 and by chat on May 22".
    aside = _ASIDE.match(rest)
    listed = aside.group("inside") if aside is not None else contacts_part
    days = days_named(listed, anchor)
    if aside is not None or len(days) > 1:
        # Only days that all fall on contacts are the span; "(callback due Oct 15)" dates
        # something else.
        on_contacts = [d for d in days if any(within_a_day(d, c) for c in contact_days)]
        if days and len(on_contacts) == len(days):
            said = f"from {min(days):%b %d} to {max(days):%b %d}"
            return _Span(said, [min(days)], [max(days)])
        return None
    if (on_day := _ON_DAY.search(contacts_part)) is not None:
        days = days_named(on_day.group("day"), anchor)
        ends = (on_day.group("day"), on_day.group("day"))
        return _Span(f"on {ends[0]}", days, days, ends) if days else None
    return None


_SENT = pattern("sent")
# An IVR leg handed to a person within this time is the same call.
_HANDED_OVER = timedelta(minutes=30)


def _held(items: Sequence[Interaction]) -> tuple[int, int]:
    """(fewest, most) contacts these records can be counted as.

    Most: every record. Fewest: the customer's own contacts as an agent reading the
    history would count them — a record logged twice (same channel, same notes) once, an
    IVR leg followed by an agent within the half hour (or that day) as part of that call,
    and a message the company sent (or a customer's one-letter answer to it) not at all.
    """
    ordered = sorted({(i.channel, i.notes.strip()): i for i in items}.values(), key=_when)
    fewest = 0
    for index, item in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        # Within the half hour, or the same day: "phone on 6/10" reads an IVR leg at
        # midnight and the agent call that evening as the one call.
        handed = (
            item.channel == "ivr"
            and following is not None
            and following.channel in ("agent", "chat")
            and (
                following.timestamp - item.timestamp <= _HANDED_OVER
                or following.timestamp.date() == item.timestamp.date()
            )
        )
        sent = item.channel in ("sms", "email") and (
            _SENT.search(item.outcome or "") is not None or item.notes.startswith("[OUT")
        )
        fewest += not handed and not sent
    return min(fewest, len(items)), len(items)


def _when(item: Interaction) -> datetime:
    return item.timestamp


def _fmt(days: Sequence[date]) -> str:
    first, last = min(days), max(days)
    return f"{first:%b %d}" if first == last else f"{first:%b %d} to {last:%b %d}"


_FIRST = pattern("first")


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
        days = days_named(match.group("date"), anchor)
        if not days or any(within_a_day(day, contact_days[0]) for day in days):
            continue
        # Read only when needed: the dates of every record's notes cost more than the rest.
        noted = {r for i in interactions for _, found in mentioned_dates(i.notes) for r in found}
        if any((day.month, day.day) in noted for day in days):
            continue
        reason = f"the earliest contact in the records is on {contact_days[0]:%b %d}"
        findings.append(Finding("date", "contradicted", match.group(0), reason, (first,)))
    return findings


# The channels a word for a contact names ("emailed" an e-mail, "rang" a call).
CHANNEL_OF = {word: frozenset(channels) for word, channels in mapping("channel_of_word").items()}
_DAY_CONTACT = pattern("day_contact")


_CONTACT_WORD = pattern("contact_word")
_OPENS_A_CLAUSE = pattern("opens_a_clause")


def _noted_contact_days(interactions: Sequence[Interaction]) -> set[tuple[int, int]]:
    """(month, day) of the contacts the notes date, in sentences that speak of one."""
    found: set[tuple[int, int]] = set()
    for item in interactions:
        for sentence in _NOTE_SENTENCE_BREAK.split(item.notes):
            if _CONTACT_WORD.search(sentence):
                # A transcript says its dates in words: "a call on January thirtieth".
                heard = spoken_as_digits(sentence)
                found |= {r for _, readings in mentioned_dates(heard) for r in readings}
    return found


def check_dated_contacts(summary: str, interactions: Sequence[Interaction]) -> list[Finding]:
    """A contact the summary dates and names the channel of must be in the records on that
    day, give or take the time-zone day, or be one a note dates ("says they phoned on Sep 15"):
    "Sep 15 email" with e-mails only on Sep 18 is wrong.
    """
    if not interactions:
        return []
    anchor = interactions[-1].timestamp.date()
    findings = []
    for match in _DAY_CONTACT.finditer(summary):
        word = (match.group("noun") or match.group("verb")).lower().replace("e-mail", "email")
        channels = CHANNEL_OF[word]
        if match.group("verb") and not _OPENS_A_CLAUSE.search(summary[: match.start()]):
            # "warning his service would expire on 9/4, he called": a day after a verb in
            # the middle of a sentence dates that verb's event, not the contact after it.
            continue
        on_channel = [i.timestamp.date() for i in interactions if i.channel in channels]
        days = days_named(match.group("day"), anchor)
        if not on_channel or not days:
            continue  # no contact on that channel at all: the channel check says so
        if any(within_a_day(day, contact) for day in days for contact in on_channel):
            continue
        if any((day.month, day.day) in _noted_contact_days(interactions) for day in days):
            continue  # "they phoned on Mar 2" in a later note dates that contact
        reason = f"no {word} contact on {match.group('day')}; they are on {_fmt(on_channel)}"
        findings.append(Finding("date", "contradicted", match.group(0).strip(), reason))
    return findings
