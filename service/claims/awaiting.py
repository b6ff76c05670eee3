"""Whether a record leaves something still to come, when its words say neither open nor resolved.

CRM outcome codes name the step a contact ended on ("label_sent", "order_created",
"outage_message", "notice_sent"), not whether the matter is over. What such a record means is
in its notes: a date after the contact ("first instalment 10/06", "may be interrupted on
10/13"), a span still running ("return within 14 days", "estimated restore 6h") or a step
booked or promised ("technician booked for move day"). Any of them leaves the matter open
until a later record says it happened; a record that sets nothing to come says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from service.claims.clause import Clause
from service.claims.mentions import DURATION, mentioned_dates
from service.claims.tables import pattern
from service.models import Interaction

_AHEAD = pattern("ahead")


def falls_after(day: date, month: int, day_of_month: int) -> bool:
    """Whether (month, day) falls after `day`, in the contact's year or, for a month well
    before the contact's, the next one (a note in December about "01/05")."""
    year = day.year + 1 if month < day.month - 6 else day.year
    try:
        return date(year, month, day_of_month) > day
    except ValueError:
        return False


def sets_step_to_come(clause: Clause, day: date, *, every_reading: bool = False) -> bool:
    """Whether a record clause of a contact on `day` sets a step still to come: a promise,
    an estimate or a span ("refund in 5-10 working days"), or a date after the contact
    (`every_reading`: a date after it whichever way it is read, "11/5" on 12 May no date
    ahead).
    """
    if clause.mode == "promise" and clause.asserts and not clause.conditional:
        return not clause.negated
    text = clause.text.lower()
    if _AHEAD.search(text) or DURATION.search(text):
        return True
    # A date written both ways ("received on 09-03-2026" in a text sent on 9 March: 9 March
    # or 3 September) that can be the contact's own day is that day, not one ahead.
    ahead = all if every_reading else any
    # "New expiry: 31/10/2026": a term's end, not a step still to come.
    dated = _TERM_DATE.sub(" ", clause.text)
    return any(
        (day.month, day.day) not in readings
        and ahead(falls_after(day, month, day_of_month) for month, day_of_month in readings)
        for _, readings in mentioned_dates(dated)
    )


def awaited_stems(item: Interaction, read: Sequence[Clause]) -> frozenset[str]:
    """The words of the record's clauses that set a step still to come (empty: none does).

    Per clause, because one note may report one thing done and set another to come
    ("Refund issued. Technician visit scheduled for March 10."): only the second is open.
    """
    day = item.timestamp.date()
    return frozenset(
        stem for clause in read if sets_step_to_come(clause, day) for stem in clause.stems
    )


def tells_what_is_to_come(summary: str, read: Sequence[Clause]) -> bool:
    """Whether a summary says a step is still to come ("return within 14 days", "install
    booked for Nov 6"): for a matter open only because a step is awaited, that is saying it
    is open."""
    if any(c.mode == "promise" and not c.conditional and not c.negated for c in read):
        return True
    return bool(_AHEAD.search(summary.lower()))


_SPAN_TOLD_AHEAD = pattern("span_told_ahead")


_STEP = pattern("step")
_TERM_DATE = pattern("term_date")


def told_running(text: str) -> bool:
    """Whether `text` tells a step still running: a span ("3–5 banking days") or a step
    told as expected ("should arrive")."""
    return _SPAN_TOLD_AHEAD.search(text) is not None


def names_a_step_ahead(summary: str, last_contact: date) -> bool:
    """Whether a summary names a booked or still-to-come step: in words ("install booked",
    "upcoming", "should arrive in 7-10 banking days"), or by a date after the last contact
    ("transfer 9/19, technician 8am-12pm"). Beside it, "nothing open" means nothing but
    that step."""
    text = summary.lower()
    if _AHEAD.search(text) or _STEP.search(text) or _SPAN_TOLD_AHEAD.search(summary):
        return True
    return any(
        falls_after(last_contact, month, day)
        for _, readings in mentioned_dates(summary)
        for month, day in readings
    )


_SPAN_FIGURES = pattern("span_figures")


def spans_of(text: str) -> frozenset[tuple[str, str]]:
    """The spans of time a text gives, as their figures ("3-5 business days": 3, 5)."""
    return frozenset((m.group("low"), m.group("high")) for m in _SPAN_FIGURES.finditer(text))
