"""What else the records say of a status a summary claims: a later record that tells the
matter settled in the summary's own word, or a wait that ran out before the request.

Both keep a "resolved" claim from being called a contradiction on the strength of an
earlier record alone: "closed the escalation" when a later turn says "I've also closed
ESC-7781", "Status: closed" when the only thing awaited was a transfer "up to 24h" to show,
two days before the call.
"""

from __future__ import annotations

from datetime import timedelta

from service.claims.clause import Clause
from service.claims.course import labelled
from service.claims.durations import limits_given
from service.claims.evidence import Evidence
from service.claims.mentions import mentioned_dates
from service.claims.records import RecordFacts
from service.claims.tables import pattern
from service.claims.text import normalize

_SETTLED_WORD = pattern("settled_word")


def told_settled_later(clause: Clause, evidence: Evidence, after: int) -> bool:
    """Whether a record after `after` tells something settled in the clause's own word
    ("I've also closed ESC-7781" for "closed the escalation"): the summary tells that
    later act, whatever the earlier record it shares more words with left open."""
    said = set(_SETTLED_WORD.findall(normalize(clause.text)))
    return any(
        c.mode == "done"
        and not c.conditional
        and not c.negated
        and said & set(_SETTLED_WORD.findall(normalize(c.text)))
        for record in evidence.records
        if record.position > after
        for c in record.clauses
    )


RUN_OUT = "the step the record waits on was due before this request"
# Working days spread over the calendar: five of them may take a week and a weekend.
_WORKING_STRETCH = 7 / 5
_SLACK_HOURS = 12


def step_run_out(record: RecordFacts, evidence: Evidence) -> bool:
    """Whether an unlabelled record is open only for a span that ran out before the request
    ("may take up to 24h to show" in an SMS two days before the call): nothing says the
    step happened, nor that it is still awaited."""
    if evidence.options is None or not record.awaits or labelled(record.interaction):
        return False  # an outcome label says where the matter stands, whatever the span
    told = [c.text for c in record.clauses if c.stems & record.awaited]
    if any(mentioned_dates(text) for text in told):
        return False  # a step set for a day: the day says when it is due
    hours = {h for text in told for h in limits_given(text)}
    if not hours:
        return False
    due = record.interaction.timestamp + timedelta(
        hours=max(hours) * _WORKING_STRETCH + _SLACK_HOURS
    )
    return evidence.options.as_of > due
