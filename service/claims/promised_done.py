"""A promise told as kept while the matter is still open: "Promised: a callback by Apr 8.
The callback is now made."

The records promised something (a callback, a fix, a refund) and the latest of them still
has the matter open. A summary that says the promised thing is done, when no record reports
it done, tells the next agent the matter is settled: a status contradiction, whatever else
the summary says is still open (an escalation is not the promised callback).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from service.claims.clause import COMPLETION, STATUS_STEMS, Clause, canonical
from service.claims.commitments import commits
from service.claims.types import Finding

if TYPE_CHECKING:
    from service.claims.evidence import Evidence, RecordFacts


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


# Between a thing and what became of it: "the callback has now been made".
_AUXILIARIES = frozenset("has have had is was were been be now already finally just since".split())
_NEAR = 4


def _told_done(clause: Clause, promised: frozenset[str]) -> set[str]:
    """Promised things the clause says were carried out: the thing, then (a few auxiliaries
    on) a completion word, as in "The callback is now made" or "fix applied". A completion
    word before or away from the thing ("a fee for returned equipment") says nothing of it."""
    tokens = clause.tokens
    found = set()
    for index, token in enumerate(tokens):
        stem = canonical(token)
        if stem not in promised:
            continue
        after = index + 1
        while after < len(tokens) and after - index <= _NEAR and tokens[after] in _AUXILIARIES:
            after += 1
        if after < len(tokens) and tokens[after] in COMPLETION:
            found.add(stem)
    return found


def promised_as_done(
    read: Sequence[tuple[Clause, bool]], evidence: Evidence, latest: RecordFacts
) -> list[Finding]:
    """Findings for clauses that call a pending promise kept (see the module docstring)."""
    # Read once per history (`Evidence` remembers them): the service reads them while the
    # model writes.
    promised = evidence.promised_stems
    if not promised:
        return []
    reported = evidence.reported_done_stems
    for clause, _ in read:
        if clause.mode != "done" or clause.conditional or clause.negated or commits(clause):
            continue
        named = _told_done(clause, promised) - reported
        if named:
            what = ", ".join(sorted(named))
            reason = (
                f"says the promised {what} is done; no record reports it and record "
                f"{latest.position} still has the matter open"
            )
            return [Finding("status", "contradicted", clause.text, reason, (latest.position,))]
    return []
