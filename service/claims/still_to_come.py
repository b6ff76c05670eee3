"""Acts a summary tells done already, or since, that the last record sets still to come.

"Refund already credited to the card" against a last record's "EGP 206 to your card, it
can take 5-10 working days to show"; "the replacement has since been delivered" against
"dispatched today, 2-3 working days": the summary tells the next agent that a step has
closed which, at the last contact, was still on its way. Where no label sums a conversation
up, a plain "refunded" is no clear evidence (faithful notes write an act done once the
company has set it going); "already" or "since" tells more: that it happened ahead of, or
after, the point where the records leave it.

The act must be one that closes a step (money arriving, a delivery, an approval, a repair;
`closing_act_starts`), told in the present perfect or as a bare participle ("had already
paid" tells a point before the story's), on a thing the last record's clause that sets the
step to come speaks of too (a word, a figure or a sum they share; money told arrived, "it
has already reached her card", of a refund that clause sets on its way). No record may write
the act's word done, no turn may tell it done, and the summary's clause may name no day of
its own ("refunded on 8 May" dates the act: the date checks read it). Then no record can
hold it done: a certain status finding, in a conversation of any language, since the last
record's step is read by its span as the records' languages write it ("inden for 14 dage",
"em até 5 dias úteis", "3-5 werkdagen"; "been 3 weeks" is a span gone by) or by its date.
"""

from __future__ import annotations

import re

from service.claims.awaiting import sets_step_to_come
from service.claims.clause import Clause
from service.claims.done_ahead import told_done_in_a_turn, written_done
from service.claims.evidence import Evidence
from service.claims.mentions import mentioned_dates, priced_amounts
from service.claims.tables import pattern, word_list
from service.claims.types import Finding

_TOLD_DONE_SINCE = pattern("told_done_since")
_EARLIER = pattern("told_done_earlier")
_PAID_TO = pattern("paid_to_someone")
_CLOSING = tuple(word_list("closing_act_starts"))
_GENERIC = frozenset(word_list("step_generic_stems"))
_SPAN_AHEAD = pattern("span_ahead_in_any_language")
_ARRIVING = frozenset({"arriv"})
_FIGURE = re.compile(r"\d[\d.,]*\d|\d")


def _closes_a_step(text: str, found: re.Match[str]) -> bool:
    """Whether the act `found` tells done is one that closes a step, told ahead of where
    the records leave it (not "had already", a point before the story's, nor an aside in
    brackets that describes a thing)."""
    word = found.group("act").lower()
    before = text[: found.start()]
    if before.count("(") > before.count(")"):
        return False  # "the overpayment (already collected on the 1st)": an aside on a thing
    if _EARLIER.search(text[max(0, found.start() - 30) : found.start()] + found.group(0)):
        return False
    if word == "paid":
        return _PAID_TO.match(text, found.end()) is not None
    return word.startswith(_CLOSING)


def _figures(text: str) -> set[str]:
    """The figures of three digits or more a text writes (an amount, an id), as digits."""
    out = set()
    for figure in _FIGURE.findall(text):
        digits = re.sub(r"\D", "", figure)
        if len(digits) >= 3:
            out.add(digits)
    return out


def _shares_a_thing(clause: Clause, other: Clause) -> bool:
    """Whether two clauses speak of one thing: a word that is neither an act (a "refund"
    and a "credited" fold into one act, which says nothing of which sum) nor generic, a
    figure, or a sum of money."""
    acts = clause.acts | clause.completes | other.acts | other.completes
    if (clause.key & other.key) - acts - _GENERIC:
        return True
    if _figures(clause.text) & _figures(other.text):
        return True
    if clause.acts & _ARRIVING and "credit" in other.key | other.acts:
        # "it has already reached her card" against "card refunds take 3-5 working days":
        # money told arrived, of the refund the last record sets on its way.
        return True
    # A sum of any size, money both write ("the $95 refund" and "the $95 annual fee refund").
    return bool(priced_amounts(clause.text) & priced_amounts(other.text))


def told_done_while_still_to_come(clause: Clause, evidence: Evidence) -> list[Finding]:
    """The clause's act told done already (or since) that the last record sets to come."""
    if (
        clause.mode == "request"
        or clause.conditional
        or clause.status == "open"
        or not evidence.records
    ):
        return []
    told = [
        found
        for found in _TOLD_DONE_SINCE.finditer(clause.text)
        if _closes_a_step(clause.text, found)
        and not written_done(found.group("act").lower(), evidence.text)
    ]
    if not told or told_done_in_a_turn(clause, evidence) or mentioned_dates(clause.text):
        return []
    last = evidence.records[-1]
    for other in last.clauses:
        ahead = sets_step_to_come(other, last.day, every_reading=True) or bool(
            _SPAN_AHEAD.search(other.text)
        )
        if (
            ahead
            and _shares_a_thing(clause, other)
            and not _told_come(clause, other, last.clauses, last.interaction.notes)
        ):
            act = told[0].group("act")
            reason = (
                f"says '{act}' happened already; record {last.position}, the last, sets it "
                "still to come and no record tells it done"
            )
            return [Finding("status", "contradicted", clause.text, reason, (last.position,))]
    return []


def _told_come(clause: Clause, step: Clause, clauses: tuple[Clause, ...], notes: str) -> bool:
    """Whether a newer message of the last record's thread tells done a step on the same
    thing as an older quoted one sets ("we have received the Bizfile" above a quoted
    "Latest Bizfile (dated within 30 days)" asked for): a thread answers its own asks."""
    depth = _quote_depth(step.text, notes)
    return any(
        other is not step
        and other.mode == "done"
        and other.completes
        and _quote_depth(other.text, notes) < depth
        and _shares_a_thing(clause, other)
        and _shares_a_thing(step, other)
        for other in clauses
    )


def _quote_depth(text: str, notes: str) -> int:
    """How deep in a thread's quotes the line that holds `text` sits: 0 for the newest
    message, 1 for a "> " line, 2 for ">> "; 0 where the text is not found as written."""
    found = notes.find(text)
    if found < 0:
        return 0
    line = notes[notes.rfind("\n", 0, found) + 1 : found + len(text)]
    return line[: len(line) - len(line.lstrip("> "))].count(">")
