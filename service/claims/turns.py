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
from service.claims.stated_acts import things_of
from service.claims.tables import pattern, word_list

_FIRST_PERSON_ACT = pattern("first_person_act")
_BELIEVED = pattern("believed_before_act")
_VOWELS = str.maketrans("", "", "aeiou")
_BACK_REFERENCES = frozenset(word_list("back_references"))
# How far after its verb an act's thing is looked for: "refunded the full £54.99 to".
_OBJECT_WORDS = 5


def told_done_by_doer(act: str, clauses: Iterable[Clause], about: str) -> bool:
    """Whether every clause is the doer telling `act` done in the first person ("I've
    refunded that") to a thing the summary's clause (`about`: its text) names: clear
    evidence even in a conversation's turns. "We've sent you a PM" is no evidence that
    the developer sent the title."""
    named = things_of(about)
    return all(
        act not in other.negated
        and not other.conditional
        and any(
            canonical(m.group(1).lower()) == act
            and _done_to(other.text[m.end() :], named)
            and not _BELIEVED.search(other.text[: m.start()])
            for m in _FIRST_PERSON_ACT.finditer(other.text)
        )
        for other in clauses
    )


def _done_to(rest: str, about: frozenset[str]) -> bool:
    """Whether the words after a first-person act ("you a PM so we can ...") refer back
    ("that", "it") or name something the summary's clause names."""
    words = rest.split()[:_OBJECT_WORDS]
    # "the fee (which we have waived)": the thing named before the act.
    if not words or (not words[0][0].isalnum() and words[0][0] not in "$£€₹₱₦¥"):
        return True
    if words[0].lower().strip(".,;:!") in _BACK_REFERENCES:
        return True
    # Figures compared as figures: "the $75 cleaning fee" names the clause's "$75.00".
    return bool(things_of(" ".join(words)) & about)


def shorthand_of(word: str, evidence: Evidence) -> bool:
    """Whether a record writes `word` as agents' shorthand without its vowels ("rfnd" for
    "refund", "rqst" for "request")."""
    word = word.lower()
    skeleton = word[:1] + word[1:].translate(_VOWELS)
    return len(skeleton) >= 3 and skeleton != word and skeleton in evidence.spoken_forms[0]
