"""What a conversation's turns and an agent's shorthand tell clearly enough to rest on.

Turns ask, offer, refuse and report what others said, so the act checker reads them with
care (`course`): a turn in which the doer tells the act done in the first person ("I've
refunded that to your card") is clear evidence all the same. Wrap-up notes write words
without their vowels ("rfnd", "rqst"): a summary's "refund" is there in that form.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.claims.clause import Clause, canonical
from service.claims.evidence import Evidence
from service.claims.tables import pattern

_FIRST_PERSON_ACT = pattern("first_person_act")
_VOWELS = str.maketrans("", "", "aeiou")


def told_done_by_doer(act: str, clauses: Iterable[Clause]) -> bool:
    """Whether every clause is the doer telling `act` done in the first person ("I've
    refunded that"): clear evidence even in a conversation's turns."""
    return all(
        act not in other.negated
        and not other.conditional
        and any(
            canonical(m.group(1).lower()) == act for m in _FIRST_PERSON_ACT.finditer(other.text)
        )
        for other in clauses
    )


def shorthand_of(word: str, evidence: Evidence) -> bool:
    """Whether a record writes `word` as agents' shorthand without its vowels ("rfnd" for
    "refund", "rqst" for "request")."""
    word = word.lower()
    skeleton = word[:1] + word[1:].translate(_VOWELS)
    return len(skeleton) >= 3 and skeleton != word and skeleton in evidence.spoken_forms[0]
