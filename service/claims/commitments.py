"""Promises by their details: a commitment a summary states must be one a record made.

A sentence that tells the agent something is still to come ("a $40 credit goes onto the
next bill", "an engineer is lined up for May 22", "we committed to phoning them on Apr 25")
is a promise the next agent may repeat to the customer. The act checker (`acts.py`) asks
whether a record promises the same *thing*; this module asks whether what the sentence
binds to it (an amount, a date, a number of days) comes from the records. A commitment
with a detail no record gives is an invented promise even when the thing itself is real:
a refund was promised, but not $25 within 5 days.

Commitments are recognised by what makes any sentence about the future a commitment: a
modal or future form, a verb of promising or arranging, a deadline ("by", "before",
"within N days", "effective"), or something "on its way"; not by a list of things that can
be promised, so wordings no test has seen are read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.claims.clause import Clause
from service.claims.course import SPOKEN, spoken
from service.claims.dated_facts import request_dated, undated_deadlines
from service.claims.foreign_numbers import day_said_abroad, figures_given_abroad
from service.claims.mentions import mentioned_dates
from service.claims.rivals import NO_RIVAL, date_rival
from service.claims.sources import SourceFacts
from service.claims.tables import pattern, word_list
from service.claims.terms import unsupported_time_frames
from service.claims.text import normalize
from service.claims.types import Finding

COMMITMENT = pattern("commitment")
BROKEN = pattern("broken")
_PAST_EVENT = pattern("past_event")
_FIGURE = re.compile(r"\d+")
_PROMISED_OUTRIGHT = pattern("promised_outright")


def conditional_only(clause: Clause) -> bool:
    """Whether the clause states a rule or a condition, not a promise ("cancelled if a
    payment is missed"); a promise made on a condition is still a promise."""
    return clause.conditional and _PROMISED_OUTRIGHT.search(normalize(clause.text)) is None


DETAILS = frozenset(word_list("details"))
_PROMISED_SO = pattern("promised_in_so_many_words")


def commits(clause: Clause) -> bool:
    """Whether the clause states something still to come (a promise, a plan, a deadline)."""
    norm = normalize(clause.text)
    if BROKEN.search(norm) is not None:
        return False
    return clause.mode == "promise" or COMMITMENT.search(norm) is not None


def invented_commitment(
    clause: Clause, own: Sequence[Finding], source: SourceFacts, time_frames: frozenset[int]
) -> Finding | None:
    """An invented promise: a commitment whose amount, date, count or named thing no record
    gives.

    `own` are the clause's other findings; an unsupported detail among them is the
    evidence, and it stays a finding of its own (the hallucination rate counts it too).
    A date only the request supports ("today", "tomorrow") is no evidence of a commitment:
    the date of a promise is one a record set. `source`: what the records and the request
    support; `time_frames`: the records' time frames in hours.
    """
    if any(finding.category == "promise" for finding in own) or not commits(clause):
        return None
    details: list[str] = []
    # Details that are findings of their own, certain: a figure with a rival in the records.
    certain: list[str] = []
    # Details read against the conversation's own words rather than a figure it gives: a
    # day worked out from "within 72 hours", a time frame where the records state none.
    worked_out: list[str] = []
    if not conditional_only(clause):
        certain += [f.reason for f in own if f.category in DETAILS and f.certain]
        details += certain
        # "promised a £10 apology voucher": a sum promised in so many words that no record
        # gives, in any form it reads, is the promise's own invented detail, even where the
        # records may give a figure in words (no rival makes it a wrong amount).
        if _PROMISED_SO.search(clause.text):
            details += [
                f.reason.removesuffix(f" ({NO_RIVAL})")
                for f in own
                if f.category == "amount" and f.reason.endswith(f"({NO_RIVAL})")
            ]
        worked_out += [
            f"'{surface}': no record sets this date, only the request's own day is near it"
            for surface in request_dated(clause.text, source)
        ]
    # A time frame no record gives is invented whatever the condition ("once the affidavit
    # is received, the credit will be issued within 5 business days").
    # Unless a record gives its figure in a language the checker cannot read.
    frames = [
        f"'{surface}': no record gives this time frame"
        for surface in unsupported_time_frames(clause.text, time_frames)
        if not figures_given_abroad(_FIGURE.findall(surface), source.text)
    ]
    # Records that say figures in words the checker does not read ("trong vòng ba ngày làm
    # việc") may give the frame: no clear evidence, as where they give none.
    (details if time_frames and not source.unread_numbers else worked_out).extend(frames)
    if not details and not worked_out:
        return None
    reason = (details or worked_out)[0]
    invented = Finding(
        "promise", "unsupported", clause.text, f"a commitment no record made ({reason})"
    )
    # A call transcript says its figures, codes and spans as it heard them ("seventy two
    # hours", "m r five six two"): a detail missing from it is no clear evidence, unless
    # the detail is a certain finding of its own (the records give a figure it misstates).
    if spoken(source.text) and reason not in certain:
        return invented.unsure(SPOKEN)
    # A conversation no label sums up gives its days and spans in its own words ("by the
    # weekend", "in a couple of days"): a day worked out, or a time frame where the records
    # state none, is no clear evidence there.
    return invented.unsure(_OWN_WORDS) if source.unlabelled and not details else invented


_OWN_WORDS = "an unlabelled conversation may give this day or span in its own words"


def deadline_findings(clause: Clause, source: SourceFacts) -> list[Finding]:
    """A commitment's deadline that no record sets ("a callback by Apr 13" when the records
    promise it by Apr 20): a wrong date, and the evidence of an invented promise."""
    if conditional_only(clause) or not commits(clause) or _PAST_EVENT.search(clause.text):
        return []
    readings = dict(mentioned_dates(clause.text))
    found = []
    for surface in undated_deadlines(clause.text, source):
        reason = f"'{surface}': no record sets this deadline (the notes give no such date)"
        finding = Finding("date", "unsupported", clause.text, reason)
        # As for any date: in a conversation no label sums up, only a record date it may
        # be shifted from makes a deadline no record sets a finding.
        if source.unlabelled and date_rival(readings.get(surface, ()), source.dates) is None:
            finding = finding.unsure(NO_RIVAL)
        elif day_said_abroad((day for _, day in readings.get(surface, ())), source.text):
            finding = finding.unsure("a record says this day in another language")
        found.append(finding)
    return found
