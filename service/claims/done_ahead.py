"""Acts a summary tells done ahead of the records: "has since been repaired", "already
refunded", "has now been paid".

Where no label sums a conversation up, a summary's "refunded" against a record's "will be
refunded in 5-7 days" is no clear evidence: faithful notes write the act as done once the
company has set it going. A summary that marks the act as done *since*, or *already*,
tells more: that it happened after, or ahead of, the point where the records leave it.
When a record promises or asks for that very act, in a word of the act's own, and no
record's turn tells it done, the records cannot hold it done: the status finding is
certain.
"""

from __future__ import annotations

import re
from typing import Any

from service.claims.clause import Clause, canonical
from service.claims.evidence import Evidence
from service.claims.stated_acts import stated_turns
from service.claims.tables import pattern

_TOLD_DONE_SINCE = pattern("told_done_since")
_AHEAD_BEFORE = pattern("act_ahead_before")
_AHEAD_AFTER = pattern("act_ahead_after")
# (record, record clause, shared stems): the matches `service.claims.acts` reads.
Match = tuple[Any, Clause, frozenset[str]]


def told_done_ahead(clause: Clause, norm: str, matches: list[Match], evidence: Evidence) -> bool:
    """Whether the clause (`norm`, its normalised text) tells an act done since, or ahead
    of, where the records leave it, that a record clause among `matches` promises or asks
    for in the act's own word (not an "email" read as sending, nor a "refund" for a
    "credited"), and that no record's turn tells done."""
    told = [m.group("act").lower() for m in _TOLD_DONE_SINCE.finditer(norm)]
    promised = any(
        match[1].mode in ("promise", "request")
        and canonical(word) in match[2]
        and any(
            canonical(t) == canonical(word) and t[:2].lower() == word[:2] for t in match[1].tokens
        )
        for word in told
        for match in matches
    )
    return (
        promised
        and not told_done_in_a_turn(clause, evidence)
        and not any(written_done(word, evidence.text) for word in told)
    )


def written_done(word: str, records: str) -> bool:
    """Whether the records write the act's done form (`word`, as the summary writes it)
    with nothing around it that puts it ahead, wishes it, denies it or asks about it: "we
    paid again" for "having already paid". A transcript's turns may be read apart
    wrongly; the word itself is evidence enough that the records may tell it done."""
    for found in re.finditer(rf"\b{re.escape(word)}\b", records, re.IGNORECASE):
        before = records[max(0, found.start() - 40) : found.start()]
        if (
            _AHEAD_BEFORE.search(before) is None
            and _AHEAD_AFTER.match(records, found.end()) is None
        ):
            return True
    return False


def told_done_in_a_turn(clause: Clause, evidence: Evidence) -> bool:
    """Whether a record's turn tells one of the clause's acts done outright ("I've refunded
    the fee just now, it shows in 5-7 days"), however its clauses were read."""
    acts = clause.completes | clause.acts
    return any(said.mode == "done" and said.verb in acts for said in stated_turns(evidence))
