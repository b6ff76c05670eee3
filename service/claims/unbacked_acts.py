"""Acts a summary tells done that the records do not back: only promised, or never named.

"Applied a £30 credit" where every record about the credit only promises or asks for it
tells it done too soon (a status finding); "a callback was made" where no record names a
callback at all tells an act nobody reports (unsupported). `service.claims.acts` asks these
once a clause is known to tell the act done.
"""

from __future__ import annotations

from service.claims.clause import ACT_NOUNS, Clause, canonical
from service.claims.course import UNWORDED, own_detail
from service.claims.evidence import Evidence
from service.claims.records import RecordFacts
from service.claims.tables import pattern
from service.claims.text import UNREADABLE, normalize
from service.claims.turns import shorthand_of
from service.claims.types import Finding

Match = tuple[RecordFacts, Clause, frozenset[str]]


def only_pending(clause: Clause, matches: list[Match]) -> tuple[int, ...]:
    """Records that only promise or request what the clause states done, none stating any of
    it done: a record clause saying the same thing with the same negations is no promise
    ("still waiting on the credit and nobody had called" against "Still waiting on the
    credit, nobody has called me")."""
    claimed = (clause.completes | clause.acts & ACT_NOUNS) - clause.negated
    about = [m for m in matches if m[2] & claimed]
    done = [
        m
        for m in about
        if (m[2] & claimed) - m[1].negated and (m[1].mode == "done" or _tells_done(m[1], claimed))
    ]
    pending = [m for m in about if m[1].mode in ("promise", "request")]
    if done:
        return ()
    return tuple(sorted({record.position for record, _, _ in pending}))


def _tells_done(clause: Clause, claimed: frozenset[str]) -> bool:
    """Whether a clause that goes on to tell what follows tells the act done in its past
    form ("Applied £30 credit, will show on next stmt", "the sailing is cancelled; your
    booking will be moved"); not by a deadline or on a condition ("supply restored by
    Saturday", "will show as paid once their payment lands")."""
    told = (clause.completes & claimed) - clause.negated
    return bool(told) and _BY_A_DAY.search(clause.text) is None


def invented_act(clause: Clause, evidence: Evidence, told: str) -> list[Finding]:
    """A credit, refund, callback or visit stated as carried out (or promised on a
    condition) that no record mentions; `told`: how the clause states it."""
    nouns = clause.acts & ACT_NOUNS - clause.negated
    if _CUSTOMER_DISPUTES.search(normalize(clause.text)):
        # "The customer disputed a $99 fee": the customer's own complaint, however the
        # records word it ("you billed me $99.00 for a box I returned").
        nouns -= {_DISPUTE}
    if _FOLLOW_UP_CALL.search(clause.text) and any(
        r.interaction.channel == "agent" for r in evidence.records[1:]
    ):
        nouns -= {_CALLBACK}
    if any(_OUTBOUND_CALL.search(r.interaction.notes) for r in evidence.records):
        nouns -= {_CALLBACK}  # the company rang the customer: that call is the call-back
    if not nouns:
        return []
    mentioned = evidence.record_stems
    # "credited" against a transcript's "creditsed": the word as a record may have spelt it.
    heard = {
        canonical(t)
        for t in clause.tokens
        if canonical(t) in nouns and (evidence.heard_like(t) or shorthand_of(t, evidence))
    }
    invented = sorted(nouns - mentioned - heard)
    if not invented:
        return []
    reason = told.format(", ".join(invented)) + "; no record mentions one"
    finding = Finding("promise", "unsupported", clause.text, reason)
    # Where no label sums the records up (a thread, a note, a call), an act with no figure
    # of its own may be told in words the checker does not match: no clear evidence.
    unworded = evidence.unlabelled and not own_detail(clause.text, evidence.text)
    if evidence.unreadable and evidence.unlabelled:
        # A note or a text in another language ("Acreditamos en tu cuenta $38.700") may
        # tell the act in words the checker cannot read.
        return [finding.unsure(UNREADABLE)]
    return [finding.unsure(UNWORDED) if unworded else finding]


_BY_A_DAY = pattern("done_by_a_day_or_once")
_DISPUTE = canonical("dispute")
_CALLBACK = canonical("callback")
_FOLLOW_UP_CALL = pattern("follow_up_call_made")
_OUTBOUND_CALL = pattern("outbound_call")
_CUSTOMER_DISPUTES = pattern("customer_disputes")
