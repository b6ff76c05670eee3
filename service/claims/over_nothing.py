"""A summary written over no records: every fact it states is made up (another customer's
history, most likely), and so is any promise, even beside "no interactions found"."""

from __future__ import annotations

from collections.abc import Sequence

from service.claims.clause import Clause
from service.claims.facts import unsupported_facts, without_the_current_call
from service.claims.layout import named_in_denial, says_no_data
from service.claims.person_contacts import person_contacts
from service.claims.promises import PROMISE_OBJECTS
from service.claims.sources import read_source
from service.claims.tables import pattern
from service.claims.types import ClaimReport, Finding
from service.models import SummaryOptions

_NONE_PROMISED = pattern("none_promised")


_ABOUT_THIS_CALL = pattern("about_this_call")


def _promises_over_nothing(read: Sequence[tuple[Clause, bool]]) -> list[Finding]:
    """Clauses that promise something ("a callback has been booked for Mar 18") or report
    one given ("a fee waiver has already been agreed") in a summary of no records: no
    record makes the promise."""
    found = []
    for clause, _ in read:
        if _NONE_PROMISED.search(clause.text) or clause.negated or clause.conditional:
            continue  # "no cases, promises or sentiment to report"
        if _ABOUT_THIS_CALL.search(clause.text):
            continue  # "Today's call came in with the IVR intent 'payment arrangement'"
        if clause.mode in ("promise", "offer"):
            reason = "promises something, yet there are no records to promise it"
        elif clause.asserts and clause.key & PROMISE_OBJECTS:
            reason = "says something was granted, yet there are no records of it"
        else:
            continue
        found.append(Finding("promise", "unsupported", clause.text, reason))
    return found


def check_over_nothing(
    summary: str, read: Sequence[tuple[Clause, bool]], options: SummaryOptions | None
) -> ClaimReport:
    """Findings for a summary of no records; `read`: its clauses."""
    facts = unsupported_facts(summary, read_source((), options), person_contacts(()))
    made_up = [fact.as_finding() for fact in facts]
    made_up += _promises_over_nothing(read)
    if says_no_data(summary):
        # "zero interactions found across all channels (IVR, chat)": what was searched.
        searched = [f for f in made_up if f.category == "channel"]
        told = without_the_current_call(summary)
        made_up = [f for f in made_up if f not in searched or not named_in_denial(told, f.claim)]
        return ClaimReport((), tuple(made_up))
    off_task = Finding("off_task", "unsupported", summary[:80], "no records, yet a summary")
    return ClaimReport((), (off_task, *made_up))
