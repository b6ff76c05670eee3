"""What the records promise, report carried out, and speak of as given: read once per
history, for the checks that hold a summary's "done" and "promised" to them."""

from __future__ import annotations

from collections.abc import Sequence

from service.claims.act_vocabulary import STATUS_STEMS
from service.claims.clause import Clause, canonical
from service.claims.commitments import commits
from service.claims.records import RecordFacts
from service.claims.tables import tagged, word_list


def commitments(
    records: Sequence[RecordFacts],
) -> tuple[tuple[RecordFacts, tuple[Clause, ...]], ...]:
    """Each record with its clauses that commit to something still to come."""
    return tuple((record, tuple(c for c in record.clauses if commits(c))) for record in records)


def promised_stems(records: Sequence[RecordFacts]) -> frozenset[str]:
    """Stems of what the records promise ("supervisor will call you by", "CB due 05/19")."""
    found: set[str] = set()
    for record in records:
        for clause in record.clauses:
            if commits(clause) and not clause.negated:
                found |= clause.stems - STATUS_STEMS
    return frozenset(found)


def reported_done_stems(records: Sequence[RecordFacts]) -> frozenset[str]:
    """Stems a record reports as carried out ("callback made", "credit applied")."""
    found: set[str] = set()
    for record in records:
        for clause in record.clauses:
            if clause.mode == "done" and clause.completes and not clause.conditional:
                found |= clause.stems - clause.negated
    return frozenset(found)


REMEDIES = frozenset(canonical(word) for word in tagged("settling", "remedy"))
_SEEKING = frozenset(canonical(w) for w in word_list("seeking"))


def mentioned_remedies(records: Sequence[RecordFacts]) -> frozenset[str]:
    """Remedies some record speaks of as given, in whatever mode ("fix applied", "credit
    of $10 on the account"); a record that only denies one ("not fixed") does not count."""
    found: set[str] = set()
    for record in records:
        for clause in record.clauses:
            # "Still waiting on the $58 credit" names the remedy as not yet given; so does
            # "Escalated to billing: refund of a double payment" (what is sought).
            if clause.mode == "done" and clause.status != "open" and not clause.acts & _SEEKING:
                found |= (clause.stems - clause.negated) & REMEDIES
    return frozenset(found)
