"""Dated events: an event told on a contact's date belongs in that contact's record.

A summary that moves an event to another contact's date states what no record says, though
every word and date in it appears somewhere in the history.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from service.claims.act_vocabulary import MODE_STEMS, STATUS_STEMS
from service.claims.clause import ACT_NOUNS, Clause, read_clause
from service.claims.evidence import Evidence
from service.claims.foreign_numbers import foreign_numbers_as_digits
from service.claims.mentions import mentioned_dates, money_amounts
from service.claims.records import RecordFacts
from service.claims.tables import pattern
from service.claims.text import sentences
from service.claims.types import Finding

_DAY_RANGE = pattern("day_range")
RELATIVE = pattern("entities_relative")


_DEADLINE_BEFORE = pattern("entities_deadline_before")
_DETERMINER_BEFORE = pattern("determiner_before")
_NOUN_AFTER = pattern("noun_after")
_NOT_AN_EVENT = pattern("not_an_event")


def _near(record: RecordFacts, readings: frozenset[tuple[int, int]]) -> bool:
    day: date = record.day
    return any((d.month, d.day) in readings for d in (day, day - timedelta(1), day + timedelta(1)))


_CONTACT_EVENT = pattern("contact_event")


def _stems_of(record: RecordFacts) -> set[str]:
    return set().union(*(c.stems for c in record.clauses))


def _acts_told(record: RecordFacts) -> set[str]:
    """The acts a record tells, not only allows or asks for ("You may pay the bill less
    TT$60" tells no payment: the one made later is the SMS's "payment received")."""
    return set().union(*(c.acts - c.negated for c in record.clauses))


def _dates_it(record: RecordFacts, readings: frozenset[tuple[int, int]]) -> bool:
    return any(found & readings for _, found in mentioned_dates(record.text))


def _dates_an_aside(text: str, at: int, acts: frozenset[str] | set[str]) -> bool:
    """Whether the date at `at` stands in brackets that tell none of the clause's acts: it
    dates what the aside names (a flight, a stay), not what the clause says was done."""
    opened, closed = text.rfind("(", 0, at), text.find(")", at)
    if opened < 0 or closed < 0 or ")" in text[opened:at]:
        return False
    return not read_clause(text[opened + 1 : closed]).stems & acts


def check_dated_events(clause: Clause, evidence: Evidence) -> list[Finding]:
    """An event told on a contact's date must be in that contact's record.

    "On Aug 15 the gateway was restarted" is contradicted when the restart is in the Aug 8
    record and the Aug 15 record says nothing of it. Only clauses that name a date and an
    act are checked, and only when another record does hold the act.
    """
    dates = mentioned_dates(clause.text)
    acts = clause.acts - STATUS_STEMS - MODE_STEMS
    if acts and acts <= clause.negated:
        return []  # every act denied ("nobody got back to them"): nothing happened that day
    key = clause.stems - STATUS_STEMS - MODE_STEMS
    # One date only: a range ("Aug 26-Sep 8") or a list spans several contacts, and a
    # relative time ("two weeks earlier") dates the event apart from the contact.
    if len(dates) != 1 or not acts or clause.mode != "done" or RELATIVE.search(clause.text):
        return []
    if _DAY_RANGE.search(clause.text):
        return []  # "Oct 18–31: routine (... autopay set up ...)": a span, not a day
    if _CONTACT_EVENT.search(clause.text) or _NOT_AN_EVENT.search(clause.text):
        return []  # "got in touch on Mar 30 about being billed": the date is the contact's
    at = clause.text.find(dates[0][0])
    if at >= 0 and _DEADLINE_BEFORE.search(clause.text[:at]):
        return []  # "escalated, and a callback promised by May 17": a deadline, not the day
    after = clause.text[at + len(dates[0][0]) :] if at >= 0 else ""
    if at >= 0 and _DETERMINER_BEFORE.search(clause.text[:at]) and _NOUN_AFTER.match(after):
        return []  # "confirmed the August 20 install": the date is the install's, not the act's
    if at >= 0 and _dates_an_aside(clause.text, at, acts):
        return []  # "delayed bag file (BZ2214 IST-AYT 2/3)": the flight's day, not the act's
    readings = dates[0][1]
    on_day = [r for r in evidence.records if _near(r, readings)]
    if not on_day:
        return []  # a due date or a date the notes mention: the date checks decide

    def holds(record: RecordFacts) -> bool:
        shared = _stems_of(record) & key
        return bool(shared & acts & _acts_told(record)) and (
            len(shared) >= 2 or bool(shared & ACT_NOUNS)
        )

    sums = money_amounts(clause.text)

    def sums_of(record: RecordFacts) -> set[Decimal]:
        return money_amounts(foreign_numbers_as_digits(record.interaction.notes))

    def speaks_of_it(record: RecordFacts) -> bool:
        # The summary dates the event to this contact: that day's record may tell it in the
        # act's word alone ("SMS: We've sent £2,090.00" for "the payment was sent on 28
        # April"), by a sum it is the first to give (the bill sent that day), or in a
        # language the checker cannot read ("pago via PIX em 16/04"); a sum an earlier
        # record gave ("the $63.76 charge" before "a credit of $63.76") is older than it.
        notes = record.interaction.notes
        earlier = set().union(
            *(sums_of(r) for r in evidence.records if r.position < record.position)
        )
        # A record that itself gives the day the summary names, beside the same sum or
        # thing ("NSFO disbursed J$385,000 on 04/03" for "paid the J$385,000 on 4 Mar").
        dated_here = _dates_it(record, readings) and bool(
            sums & sums_of(record) or _stems_of(record) & key
        )
        return (
            dated_here
            or bool(_stems_of(record) & acts)
            or bool(sums & sums_of(record) - earlier)
            or any(sentence in evidence.foreign for sentence in sentences(notes))
        )

    if any(holds(r) or speaks_of_it(r) for r in on_day):
        return []
    # A record that tells the act and dates it to the summary's day ("refund sitting in the
    # wallet since 03/03", "processed our side 17/02") retells an earlier event.
    elsewhere = [
        r.position
        for r in evidence.records
        if r not in on_day and holds(r) and not _dates_it(r, readings)
    ]
    if not elsewhere:
        return []
    where = ", ".join(str(p) for p in elsewhere)
    reason = f"puts it on another day than record {where}, where it happened"
    return [Finding("date", "contradicted", clause.text, reason, tuple(elsewhere))]
