"""Where an act stands, as a conversation's turns state it, told the other way round.

A turn that says an act is done ("I've issued the refund", "the label has been e-mailed")
settles that the act is no longer to come, whatever the conversation as a whole says. A
summary that tells it still to come ("the refund is pending", "the label is still to be
e-mailed") while a turn states it done, and no turn promises it again, contradicts the
turns: a status finding; but a summary that tells it still on its way ("the refund is
still pending") agrees with a turn that gives the time it takes to arrive ("it can take
7-14 banking days to appear"). The act must be the same verb, and the turn must share a thing
with the summary's clause. The other way round is no clear evidence: an agent says "I'll
cancel that now" and does it without another word.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.claims.clause import Clause
from service.claims.evidence import Evidence
from service.claims.stated_acts import Stated, clause_and_turns, sums_apart, verb_of
from service.claims.tables import pattern
from service.claims.types import Finding

_TOLD_PENDING = pattern("summary_tells_pending")
_ARRIVAL_PENDING = pattern("arrival_pending")
_POSTING_PENDING = pattern("posting_pending")
_PAID_TO_THE_CUSTOMER = pattern("paid_to_the_customer")
_AFTER_A_DEADLINE = pattern("told_after_a_deadline")


def _told(text: str) -> Iterable[str]:
    """The verb of each act the clause tells still to come."""
    for match in _TOLD_PENDING.finditer(text):
        word = next(v for v in match.groupdict().values() if v)
        verb = verb_of(_as_verb(word) if match.group("verb") is None else word)
        if verb is not None:
            yield verb


# A noun of an act names its verb: "reversal" -> "reversed", "correction" -> "corrected",
# "adjustment" -> "adjusted" ("cancellation" and "refund" are read as they stand).
_ACT_NOUN_ENDINGS = ("al", "ion", "ment")


def _as_verb(noun: str) -> str:
    noun = noun.lower()
    ending = next((e for e in _ACT_NOUN_ENDINGS if noun.endswith(e) and len(noun) > 6), None)
    if ending is None or noun.startswith("cancel"):
        return noun
    base = noun[: -len(ending)]
    return base + ("d" if base.endswith("e") else "ed")


def _against(verb: str, things: frozenset[str], stated: list[Stated]) -> list[Stated]:
    """The turns that state the act done; none if a turn promises it again ("refunded; it
    will show in 5 days" is done once and still to come)."""
    same = [s for s in stated if s.verb == verb]
    if any(s.mode in ("promised", "refused") for s in same):
        # Promised again, or refused too ("I've waived the annual fee ... I can't waive
        # the late fee"): one act done, another of the same verb not.
        return []
    return [
        s
        for s in same
        if s.mode == "done" and s.things & (things - {verb}) and not sums_apart(things, s.things)
    ]


def _paid_by_the_customer(stated: list[Stated], text: str) -> list[Stated]:
    """The turns left once the customer's own payments are set aside, when the clause tells
    a payment to the customer ("$190 to be paid to her account"): "I paid the dentist
    $190" is the money they paid out, not the company's payment to them."""
    if _PAID_TO_THE_CUSTOMER.search(text) is None:
        return stated
    return [s for s in stated if not s.own_payment]


def told_status_the_other_way(clause: Clause, evidence: Evidence) -> list[Finding]:
    """An act the summary tells still to come that a turn states done."""
    if clause.mode == "request" or _AFTER_A_DEADLINE.search(clause.text):
        # "asked for the fee to be waived": the customer's ask, not a status; "pay by 5 June
        # or the slot will be released": what follows a deadline missed, not where an act
        # stands ("refunded once the team approves it" still tells the refund to come).
        return []
    read = clause_and_turns(clause, evidence)
    if read is None:
        return []
    text, things, stated = read
    findings = []
    stated = _paid_by_the_customer(stated, text)
    for verb in _told(text):
        against = _against(verb, things, stated)
        arriving = _ARRIVAL_PENDING.search(text) is not None and not clause.conditional
        if not against or (arriving and all(s.still_to_show for s in against)):
            # "I have refunded it today; it can take 7-14 banking days to appear": done, and
            # still to show; "the refund is still pending" agrees.
            continue
        if _POSTING_PENDING.search(text) and not clause.conditional:
            continue  # "the refund was pending on her card": sent, its posting to come
        where = tuple(sorted({s.position for s in against}))
        reason = f"says '{verb}' is still to come; record {where[0]} states it done"
        findings.append(Finding("status", "contradicted", clause.text, reason, where))
    return findings
