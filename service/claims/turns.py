"""What a conversation's turns and an agent's shorthand tell clearly enough to rest on.

Turns ask, offer, refuse and report what others said, so the act checker reads them with
care (`course`): a turn in which the doer tells the act done in the first person ("I've
refunded that to your card") is clear evidence all the same. Wrap-up notes write words
without their vowels ("rfnd", "rqst"): a summary's "refund" is there in that form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from service.claims.clause import Clause, canonical
from service.claims.evidence import Evidence
from service.claims.records import RecordFacts
from service.claims.stated_acts import things_of
from service.claims.tables import pattern, word_list
from service.claims.text import NEGATING_VERBS, NEGATORS, normalize

_FIRST_PERSON_ACT = pattern("first_person_act")
_FIRST_PERSON_REFUSAL = pattern("first_person_refusal")
_FIRST_PERSON_AFFIRMED = pattern("first_person_affirmed")
_WORDS = pattern("words")
_BELIEVED = pattern("believed_before_act")
_VOWELS = str.maketrans("", "", "aeiou")
_BACK_REFERENCES = frozenset(word_list("back_references"))
_MORE_OF_THE_SAME = frozenset(word_list("more_of_the_same"))
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


def refused_by_doer(
    act: str,
    said: Clause,
    closest: Iterable[tuple[RecordFacts, Clause, frozenset[str]]],
    records: Sequence[RecordFacts],
) -> bool:
    """Whether a summary's clause (`said`, which denies nothing) tells `act` done while
    every closest record clause is the doer refusing it in the first person ("I'm not able
    to waive the processor fee") to a thing the summary's clause names, and neither its
    record nor a later one says more of the act ("unable to backdate ... approved
    backdating"): clear evidence that it was not done, even in a conversation's turns."""
    # Told done by its verb: "of credit sales" names no credit given.
    if act not in said.completes or any(w in NEGATORS or w in NEGATING_VERBS for w in said.tokens):
        return False
    named = things_of(said.text)
    told = [
        ("\n".join(r.interaction.notes for r in records[record.position - 1 :]), other)
        for record, other, _ in closest
    ]
    return all(
        not other.conditional
        and any(
            # Named in so many words: "I can't reimburse it" may be another sum's refusal.
            canonical(m.group(1).lower()) == act
            and bool(things_of(" ".join(other.text[m.end() :].split()[:_OBJECT_WORDS])) & named)
            and not _more_of_it(other.text[m.end() :])
            for m in _FIRST_PERSON_REFUSAL.finditer(other.text)
        )
        and _last_word_on(act, notes)
        for notes, other in told
    )


def _more_of_it(rest: str) -> bool:
    """Whether a refusal's object asks for more than was given ("additional credits",
    "any further compensation")."""
    words = [w.lower().strip(".,;:!") for w in rest.split()[:2]]
    if words[:1] == ["any"]:
        words = words[1:]
    return bool(words) and words[0] in _MORE_OF_THE_SAME


def _last_word_on(act: str, notes: str) -> bool:
    """Whether a record's last word on `act` is a first-person refusal of it: none of its
    words after that refusal is the act ("I can't waive it ... ok, I'll waive it once"),
    and no first-person line tells it done or possible ("I can waive the late fee")."""
    refusals = [
        m for m in _FIRST_PERSON_REFUSAL.finditer(notes) if canonical(m.group(1).lower()) == act
    ]
    affirmed = any(
        canonical(m.group(1).lower()) == act for m in _FIRST_PERSON_AFFIRMED.finditer(notes)
    )
    if not refusals or affirmed:
        return False
    after = notes[refusals[-1].end() :]
    return all(canonical(word.lower()) != act for word in _WORDS.findall(after))


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


_DENIED_MORE = pattern("denied_more")


def denies_only_more(act: str, text: str) -> bool:
    """Whether a summary clause denies the act only of more than was given ("refunded the
    R450 fee and made clear no other refund has been processed"): denying another tells
    the one given, so a record telling it done does not gainsay it."""
    return any(canonical(m.group("thing")) == act for m in _DENIED_MORE.finditer(normalize(text)))
