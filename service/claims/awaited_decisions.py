"""A decision or step told taken while a record says, in so many words, it is still awaited.

"I need supervisor approval for the refund", "NOT yet approved, pending inspection", "the
claim is still under review", "forwarded to Guest Relations for review", "the assessor
will decide within 10 working days": a record that says this leaves the step to come. A
summary that tells it taken ("the supervisor approved it", "already approved & deducted",
"Guest Relations approved it") when no other turn of any record speaks of the step in any
form contradicts the records in their own words, not by the checker's reading of where an
unlabelled conversation ends: a certain status finding.

A review, an assessment or an investigation ends in a decision: a summary that tells it
approved, granted or upheld tells it taken (a refusal is left out: a first line refusing is
what sends a matter for review). A turn that names the step outside what says it is
awaited, and not after a denial or a condition ("approved now", "we approve a refund"; not
"I'm unable to approve that here"), may be it being taken, or another one; so may a later
record that speaks of what the awaited turn is about ("your limit has been raised"): then
the records give no clear evidence, and the check says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.claims.clause import Clause
from service.claims.evidence import Evidence
from service.claims.mentions import money_amounts
from service.claims.stated_acts import things_of
from service.claims.tables import mapping, pattern, word_list
from service.claims.text import UNREADABLE, normalize
from service.claims.types import Finding

_AWAITED = pattern("awaited_in_so_many_words")
_TURN_BREAK = pattern("turn_break")
_NOT_A_STATEMENT = pattern("not_a_statement")
_NOT_TOLD_TAKEN = pattern("awaited_step_not_told_taken")
_HEARSAY = pattern("acts_hearsay")
_POINTS_BACK = pattern("awaited_turn_points_back")
_WORD = re.compile(r"[a-z][a-z-]+")
# The beginnings of the words that tell an awaited step taken (a decision: any decision).
_TAKEN_BY: dict[str, tuple[str, ...]] = mapping("awaited_step_taken_by")
_DECISIONS = tuple(word_list("decision_word_starts"))
_GENERIC = frozenset(word_list("awaited_step_generic_things"))
_TOLD_TAKEN = frozenset(word_list("told_taken_irregular"))
# Every beginning of a word that tells some awaited step taken.
_ANY_TAKEN = tuple(
    sorted(
        {s for starts in _TAKEN_BY.values() for s in starts if s != "decision"} | set(_DECISIONS)
    )
)


@dataclass(frozen=True)
class Awaited:
    """A step a record's turn says is still to be taken."""

    step: str  # the step's word as the turn wrote it ("approval", "review")
    taken_by: tuple[str, ...]  # beginnings of the words that tell it taken
    things: frozenset[str]  # what the turn is about
    position: int


def words_telling_taken(step: str) -> tuple[str, ...]:
    """The beginnings of the words that tell an awaited `step` taken ("approv" for an
    approval; for a review, any word that tells a decision taken)."""
    starts = _TAKEN_BY.get(step.replace(" ", "_"), ("decision",))
    return tuple(s for s in starts if s != "decision") + (
        _DECISIONS if "decision" in starts else ()
    )


def _names(text: str, starts: tuple[str, ...]) -> bool:
    """Whether a text tells the step taken: a word of it, not after a denial, a condition
    or a wait ("I'm unable to approve that here" tells nothing taken)."""
    return any(
        match.group().startswith(starts) and not _NOT_TOLD_TAKEN.search(text[: match.start()])
        for match in _WORD.finditer(text)
    )


@lru_cache(maxsize=1024)
def _read(notes: str, position: int) -> tuple[tuple[Awaited, ...], tuple[str, ...]]:
    """The steps a record's turns say are awaited, and each turn with those words taken out."""
    awaited = []
    turns = [
        turn
        for line in notes.splitlines()
        for turn in _TURN_BREAK.split(normalize(line))
        if turn.strip()
    ]
    for index, turn in enumerate(turns):
        if _NOT_A_STATEMENT.search(turn):
            continue
        for match in _AWAITED.finditer(turn):
            step = next(v for k, v in match.groupdict().items() if k.startswith("step") and v)
            taken_by = words_telling_taken(step)
            said = things_of(turn)
            if index and _POINTS_BACK.match(turn):
                # "I've forwarded it to Guest Relations. They will reply within 5 days"
                # awaits Guest Relations.
                said |= things_of(turns[index - 1])
            things = frozenset(t for t in said - _GENERIC if not t.startswith(taken_by))
            awaited.append(Awaited(step, taken_by, things, position))
    return tuple(awaited), tuple(_AWAITED.sub(" ", turn) for turn in turns)


def awaited_steps(evidence: Evidence) -> list[Awaited]:
    """Every step a record says in so many words is still awaited, and no other words of
    any record name."""
    read = [_read(r.interaction.notes, r.position) for r in evidence.records]
    said = [turn for _, rest in read for turn in rest]
    return [
        step
        for awaited, _ in read
        for step in awaited
        if not any(_names(turn, step.taken_by) for turn in said) and not _taken_up_later(step, read)
    ]


def _taken_up_later(step: Awaited, read: list[tuple[tuple[Awaited, ...], tuple[str, ...]]]) -> bool:
    """Whether a later record speaks of the awaited turn's things: it may tell the step
    taken in words of its own ("your limit has been raised to $10,000")."""
    later = read[step.position :]
    return any(things_of(turn) & step.things for _, rest in later for turn in rest)


def forget_awaited() -> None:
    """Forget the records read so far."""
    _read.cache_clear()


def told_taken_while_awaited(clause: Clause, evidence: Evidence) -> list[Finding]:
    """A step the clause tells taken that a record says is still awaited."""
    if clause.mode != "done" or clause.conditional or clause.status == "open":
        return []
    text = normalize(clause.text)
    if _NOT_A_STATEMENT.search(text) or _HEARSAY.search(text):
        return []
    taken = [
        match.group()
        for match in _WORD.finditer(text)
        if (match.group().endswith("ed") or match.group() in _TOLD_TAKEN)
        and not _NOT_TOLD_TAKEN.search(text[: match.start()])
    ]
    if not any(word.startswith(_ANY_TAKEN) for word in taken):
        return []  # no word that could tell an awaited step taken: the records are not read
    things = things_of(text) - _GENERIC
    for step in awaited_steps(evidence):
        told = [word for word in taken if word.startswith(step.taken_by)]
        if told and things & step.things:
            reason = (
                f"says it was {told[0]}; record {step.position} says '{step.step}' is still "
                "to come, and no record tells it given"
            )
            found = Finding("status", "contradicted", clause.text, reason, (step.position,))
            return [found.unsure(UNREADABLE) if _told_unread(clause, evidence) else found]
    return []


def _told_unread(clause: Clause, evidence: Evidence) -> bool:
    """Whether a record partly in a language the checker cannot read gives a sum of the
    clause's ("Importe aprobado: 250,00 EUR" for "approved €250"): it may tell the step
    given in its own words."""
    sums = money_amounts(clause.text)
    return bool(sums) and any(
        sums & money_amounts(notes)
        for notes in (record.interaction.notes for record in evidence.records)
        if any(sentence in notes for sentence in evidence.foreign)
    )
