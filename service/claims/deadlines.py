"""A real promise given the wrong deadline: "a callback by May 21" when every record that
promises the callback sets May 19.

The date checks accept any date a record sets as a deadline, written or the end of a
duration ("we aim to reply within 2 business days"), so a promised date moved onto another
promise's deadline passes them. Here the deadline is bound to the thing promised, as an
amount is bound to what it is for: when the records promise the same thing (a callback, a
review, a visit, a refund) with dates, the summary's deadline for it must be one of those
dates (a day either side, for time zones), or the end of a duration those promises give.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from service.claims.clause import Clause, canonical
from service.claims.commitments import commits, conditional_only
from service.claims.mentions import DURATION, due_dates, mentioned_dates, names_a_contact
from service.claims.promises import PROMISE_OBJECTS
from service.claims.tables import pattern, word_list
from service.claims.types import Finding

if TYPE_CHECKING:
    from service.claims.evidence import Evidence

Day = tuple[int, int]
_DEADLINE_WORD = pattern("deadline_word")
# Any leap year: only (month, day) pairs are compared, and Feb 29 must have neighbours.
_YEAR = 2024


def _deadlines(text: str) -> list[tuple[str, frozenset[Day]]]:
    """Every date `text` gives as a deadline, with its readings, in order."""
    found = []
    for surface, readings in mentioned_dates(text):
        at = text.find(surface)
        if (
            at >= 0
            and _DEADLINE_WORD.search(text[max(0, at - 24) : at])
            and not names_a_contact(text, at + len(surface))
        ):
            found.append((surface, readings))
    return found


def _widened(days: set[Day]) -> set[Day]:
    wide: set[Day] = set()
    for month, day in days:
        try:
            when = date(_YEAR, month, day)
        except ValueError:
            continue
        wide |= {((when + timedelta(d)).month, (when + timedelta(d)).day) for d in (-1, 0, 1)}
    return wide


def moved_deadline(clause: Clause, evidence: Evidence) -> Finding | None:
    """A commitment whose deadline is none the records set for the same promised thing."""
    if conditional_only(clause) or clause.negated or not commits(clause):
        return None
    said = _deadlines(clause.text)
    objects = clause.key & PROMISE_OBJECTS
    if not said or not objects:
        return None
    promised: set[Day] = set()
    where: list[int] = []
    for record, committing in evidence.commitments:
        about = [c for c in committing if objects & (c.stems - c.negated)]
        days = {r for c in about for _, readings in mentioned_dates(c.text) for r in readings}
        if about:
            # Durations in the promise itself ("refund within 5 business days"), counted
            # from the record's day; not every duration of the record ("we aim to reply
            # within 2 business days" is another promise).
            told = record.interaction.model_copy(update={"notes": " ".join(c.text for c in about)})
            days |= {(d.month, d.day) for d in due_dates(told)}
        if days:
            promised |= days
            where.append(record.position)
    # "decision due by 29 April, agent to update him by 1 May": one deadline the records
    # set for the promised thing is enough; the other is another thing's.
    if not promised or any(readings & _widened(promised) for _, readings in said):
        return None
    surface = said[0][0]
    what = ", ".join(sorted(objects))
    reason = (
        f"'{surface}': record {where[-1]} promises the {what} for another date; "
        "no record sets this one for it"
    )
    found = Finding("promise", "contradicted", clause.text, reason, tuple(where))
    # An unlabelled conversation that gives this date to another of its matters ("20 Mar",
    # the job application's deadline, beside a confirmation due in 24 h) leaves open which
    # matter the summary's date belongs to: no clear evidence the promise was moved.
    if evidence.unlabelled and any(readings & _record_days(evidence) for _, readings in said):
        return found.unsure(_ANOTHER_MATTER)
    return found


_ANOTHER_MATTER = "an unlabelled conversation gives this date to another of its matters"


def _record_days(evidence: Evidence) -> set[Day]:
    return {day for _, readings in mentioned_dates(evidence.text) for day in readings}


_NO_DATE = pattern("no_date")
_DATE_WORDS = frozenset(canonical(word) for word in word_list("date_words"))


def denied_deadline(clause: Clause, evidence: Evidence) -> Finding | None:
    """A deadline said not to have been given for a thing a record promises by a date."""
    if clause.conditional or not clause.negated & _DATE_WORDS:
        return None
    if _NO_DATE.search(clause.text.lower()) is None:
        return None
    if DURATION.search(clause.text) or mentioned_dates(clause.text):
        # "no ETA, email update in 48h": the clause times one of its things itself; what
        # it gives no date for is another.
        return None
    objects = clause.key & PROMISE_OBJECTS
    if not objects:
        return None
    dated: list[int] = []
    for record, committing in evidence.commitments:
        about = [c for c in committing if objects & (c.stems - c.negated)]
        told = record.interaction.model_copy(update={"notes": " ".join(c.text for c in about)})
        if about and (any(mentioned_dates(c.text) for c in about) or due_dates(told)):
            dated.append(record.position)
    if not dated:
        return None
    what = ", ".join(sorted(objects))
    reason = f"says no date was given for the {what}; record {dated[-1]} promises it by one"
    return Finding("negated_action", "contradicted", clause.text, reason, tuple(dated))
