"""A visit, delivery or collection told done that the records book for after their last day.

"Engineer booked Fri 12/6 2-5", "collection from her hotel is booked for Thursday 29
January", "the modem will be couriered in 2-3 working days": a step the last records set
on a day after the last contact, or within a span from it, cannot have happened as far as
any record can tell. A summary that tells it done ("engineer replaced the sensor", "the bag
has been collected", "the modem has already been delivered") while no record tells such a
step done contradicts the records' own calendar: a certain status finding.

A step of the same kind told done in any record ("the engineer came on 3 May and found the
fault") may be the one the summary means: then the check says nothing; so too when the
summary's clause names a day of its own (another visit on its day, or the booked one told
ahead).
"""

from __future__ import annotations

from datetime import date

from service.claims.awaiting import falls_after
from service.claims.clause import Clause
from service.claims.evidence import Evidence
from service.claims.mentions import DURATION, mentioned_dates
from service.claims.tables import mapping, pattern, word_list
from service.claims.types import Finding

# Each kind of booked step and the stems that name it.
_STEPS: dict[str, tuple[str, ...]] = mapping("booked_step_kinds")
# Stems of the words that tell a step completed whatever it is ("completed", "done").
_DONE_WORDS = frozenset(word_list("step_completed_words"))
_UNDER_WAY = pattern("under_way")
_REQUIRED = pattern("step_required_not_booked")


def _kinds(stems: frozenset[str]) -> set[str]:
    return {kind for kind, words in _STEPS.items() if stems & set(words)}


def _all_after(text: str, day: date) -> bool | None:
    """Whether every date the text names falls after `day` (None: it names none)."""
    readings = [r for _, found in mentioned_dates(text) for r in found]
    if not readings:
        return None
    return all(falls_after(day, month, day_of_month) for month, day_of_month in readings)


def _booked(evidence: Evidence, last: date) -> dict[str, int]:
    """The kinds of step the records book after `last`, each with the record booking it."""
    booked: dict[str, int] = {}
    latest = evidence.records[-1].position if evidence.records else 0
    for record, clause in evidence.record_clauses:
        if clause.negated or clause.conditional or _REQUIRED.search(clause.text):
            continue
        ahead = _all_after(clause.text, last)
        spanned = record.position == latest and DURATION.search(clause.text.lower()) is not None
        if ahead or (ahead is None and spanned and clause.mode == "promise"):
            for kind in _kinds(clause.stems):
                booked.setdefault(kind, record.position)
    return booked


def _done_in_records(evidence: Evidence, kinds: set[str]) -> bool:
    return any(
        clause.mode == "done"
        and not clause.conditional
        and _kinds(clause.stems - clause.negated) & kinds
        for _, clause in evidence.record_clauses
    )


def told_done_before_booked(clause: Clause, evidence: Evidence) -> list[Finding]:
    """A step the clause tells done that the records book for after their last day."""
    if clause.mode != "done" or clause.conditional or clause.status == "open":
        return []
    done = clause.past_acts - clause.negated
    if not clause.completes - clause.negated or _UNDER_WAY.search(clause.text):
        return []  # "a modem is being shipped ahead of the visit": under way, not done
    # The step is what was done ("delivered", "tech attended"), or what was completed
    # ("the installation has been completed"), not a step the clause only names beside
    # another act ("a modem was shipped ahead of the visit").
    kinds = _kinds(done) | (_kinds(clause.stems - clause.negated) if done & _DONE_WORDS else set())
    if not kinds:
        return []
    if not evidence.records:
        return []
    last = evidence.records[-1].day
    if _all_after(clause.text, last) is not None:
        # "the engineer came on 3 May": another visit, on a day of its own; "pickup Thu
        # 19/2": the booked step itself, told ahead.
        return []
    booked = _booked(evidence, last)
    told = kinds & set(booked)
    if not told or _done_in_records(evidence, told):
        return []
    kind = sorted(told)[0]
    where = booked[kind]
    reason = (
        f"says the {kind} is done; record {where} books it for after the last contact, "
        "and no record tells it done"
    )
    return [Finding("status", "contradicted", clause.text, reason, (where,))]
