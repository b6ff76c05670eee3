"""The day a claim is about: the date it names, or the day its sentence is about.

A contact history written as lines ("Apr 24 chat: nobody got back to them; case still with
the team") dates every clause of a line by the day it opens with; a bare mood after a dated
clause ("chased on Mar 16, frustrated") is that day's mood. The status and mood checks hold
a claim with a day to that day's records.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.claims.clause import Clause
from service.claims.evidence import Evidence
from service.claims.lexicon import SENTIMENT_WORDS
from service.claims.mentions import read_dates
from service.claims.records import RecordFacts
from service.claims.tables import pattern
from service.claims.text import normalize

# (month, day); month 0 for a day of the month named alone ("on the 14th").
Days = frozenset[tuple[int, int]]
_ORDINAL_DAY = pattern("ordinal_day")


def named_days(text: str) -> Days:
    """The days `text` names: its dates and the days of the month it names alone."""
    if not any(c.isdigit() for c in text):  # every date form has a digit
        return frozenset()
    dated = frozenset(r for _, found in read_dates(text) for r in found)
    return dated | {(0, int(day)) for day in _ORDINAL_DAY.findall(normalize(text))}


def dated_records(
    clause: Clause, evidence: Evidence, told: Days = frozenset()
) -> list[RecordFacts]:
    """Records whose contact date the clause names (or, naming none, `told`: the days an
    earlier clause of its sentence named); a day named alone is that day of any month."""
    readings = named_days(clause.text) or told
    return [
        r
        for r in evidence.records
        if (r.day.month, r.day.day) in readings or (0, r.day.day) in readings
    ]


_OF_NOW = pattern("of_now")


_LABEL = pattern("label")


def _opens_with_its_date(clause: Clause) -> bool:
    """Whether the clause starts with the day it is about ("Apr 24 chat: ...", "On Mar 20
    autopay was fixed"), as a dated line of a contact history does."""
    dates = read_dates(clause.text)
    if not dates:
        return False
    # After a label of its own ("History: Apr 24 chat - ...").
    opening = _LABEL.sub("", normalize(clause.text)).removeprefix("on ")
    return opening.startswith(dates[0][0].lower())


def told_day_agrees(status: str, on_day: Sequence[RecordFacts]) -> bool:
    """Whether a record of the day a sentence is about says what the clause says. That day
    is read from the sentence, not the clause, so it only ever excuses a claim: one the day
    does not bear out is still held to the newest record."""
    return any(r.status == status for r in on_day)


def days_told_before(read: Sequence[tuple[Clause, bool]]) -> list[Days]:
    """For each (clause, starts a sentence), the day its sentence is about when it names none
    of its own and does not speak of now: the rest of a line that opens with its day ("Apr 24
    chat: nobody got back to them; case still with the team" tells where the case stood
    that day), and a bare mood right after a dated clause ("chased on Mar 16, frustrated")."""
    told: list[Days] = []
    dated_line = False
    latest: Days = frozenset()  # the day the sentence's last dated clause named
    before: Days = frozenset()  # the day the clause just before named
    for clause, first in read:
        own = named_days(clause.text)
        if first:
            dated_line = bool(own) and _opens_with_its_date(clause)
            latest = before = frozenset()
        context: Days = frozenset()
        if not own and (dated_line or before):
            norm = normalize(clause.text)
            bare_mood = len(clause.tokens) <= 3 and SENTIMENT_WORDS.search(norm) is not None
            context = latest if dated_line else (before if bare_mood else frozenset())
            if context and _OF_NOW.search(norm):
                context = frozenset()
        told.append(context)
        latest = own or latest
        before = own
    return told


_THAT_CONTACT = pattern("that_contact")


def days_referred_to(read: Sequence[tuple[Clause, bool]]) -> list[Days]:
    """For each clause that names no day but refers to "that call" (or chat, e-mail, day),
    the day of the contact the summary named last before it; nothing for the others. Unlike
    a sentence's day, such a reference dates the claim as its own date would."""
    referred: list[Days] = []
    last: Days = frozenset()
    for clause, _ in read:
        own = named_days(clause.text)
        refers = not own and last and _THAT_CONTACT.search(normalize(clause.text)) is not None
        referred.append(last if refers else frozenset())
        last = own or last
    return referred
