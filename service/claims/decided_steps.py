"""A step a summary tells still awaited that a record's turn tells taken.

"Repair still awaiting approval, no LPO yet" against a note's "Repair APPROVED at Eldoret
Motor Works"; "the €820 refund is still waiting for approval" against "full refund
approved: USD 820": the summary tells the next agent to wait for a decision the records
say was taken. The other way round from `service.claims.awaited_decisions`, and read as
strictly: the summary's clause must say the step is still awaited in so many words
("pending", "awaiting", "still under review", "not yet approved", "will decide"), and a
turn of a record must tell it taken in a past form ("approved", "verified", "upheld"; an
approval also by the remedy it was for, given: "refund processed", "credit applied"),
about a thing the clause names (a word or a figure), after every turn that says that thing
is awaited. A turn that gives a rule ("refunds are normally approved within a day"), puts
the step ahead or under a condition, or tells a point before the story ("had been
authorised") tells nothing taken; instruction-like text a customer planted is not read.
A summary that tells a step of its kind taken elsewhere ("was still under review on the 2nd
call; approved on the 3rd") may tell how things stood then: the check says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from service.claims.awaited_decisions import words_telling_taken
from service.claims.clause import Clause
from service.claims.evidence import Evidence
from service.claims.mentions import priced_amounts
from service.claims.stated_acts import things_of
from service.claims.tables import mapping, pattern, word_list, words
from service.claims.text import normalize
from service.claims.types import Finding

_AWAITED = pattern("awaited_in_so_many_words")
_STILL_AWAITED = pattern("told_still_awaited")
_TURN_BREAK = pattern("turn_break")
# "table delivered + assembled, but the 6 chairs not on the truck": each side of a
# contrast tells of its own things.
_CONTRAST_BREAK = pattern("contrast_break")
_NOT_A_STATEMENT = pattern("not_a_statement")
_HEARSAY = pattern("acts_hearsay")
_NOT_TOLD_TAKEN = pattern("awaited_step_not_told_taken")
_NOT_TAKEN_HERE = pattern("step_not_taken_here")
_TOLD_TAKEN = frozenset(word_list("told_taken_irregular"))
_GENERIC = frozenset(word_list("awaited_step_generic_things")) | words("decided_step_generic")
_WORD = re.compile(r"[a-z][a-z-]+")
_GRANTING_STEPS = frozenset(word_list("granting_steps"))
_GIVEN = tuple(word_list("remedy_given_starts"))
_COMPLETION_AWAITED = pattern("completion_told_awaited")
_COMPLETION_STEPS: dict[str, str] = mapping("completion_steps")


def _things(text: str, starts: tuple[str, ...], step: str) -> frozenset[str]:
    """What a clause or a turn is about, less the step's own words and small numbers."""
    return frozenset(
        thing
        for thing in things_of(text) - _GENERIC
        if not thing.startswith((*starts, step[:5])) and not (thing.isdigit() and len(thing) < 3)
    )


def _tells_taken(text: str, starts: tuple[str, ...]) -> bool:
    """Whether a text tells the step taken in a past form, not after a denial, a
    condition, a rule, a wait or a point before the story's."""
    return any(
        (found.group().endswith("ed") or found.group() in _TOLD_TAKEN)
        and found.group().startswith(starts)
        and not _NOT_TOLD_TAKEN.search(text[: found.start()])
        and not _NOT_TAKEN_HERE.search(text[max(0, found.start() - 40) : found.start()])
        for found in _WORD.finditer(text)
    )


@lru_cache(maxsize=256)
def _turns(notes: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Every statement turn of the records' notes, with its record's position."""
    return tuple(
        (position, turn)
        for position, text in enumerate(notes, 1)
        for line in text.splitlines()
        for turn in _TURN_BREAK.split(normalize(line))
        if turn.strip() and not _NOT_A_STATEMENT.search(turn)
    )


def _taken_at(
    evidence: Evidence,
    starts: tuple[str, ...],
    things: frozenset[str],
    awaits: re.Pattern[str] = _AWAITED,
    sums: frozenset[Decimal] = frozenset(),
) -> int | None:
    """The record whose turn tells the step taken about `things`, after every turn that
    says they are awaited (`awaits`; None: no such turn). A turn that names sums, none of
    them the clause's (`sums`), tells of another thing: "refunded the C$412.80" is not the
    C$38.50 taxi reimbursement's approval."""
    taken: int | None = None
    for position, turn in _turns(tuple(item.notes for item in evidence.cleaned)):
        if not things & things_of(turn):
            continue
        told = priced_amounts(turn) if sums else set()
        if told and not told & sums:
            continue
        if awaits.search(turn):
            taken = None
        elif any(
            things & things_of(part) and _tells_taken(part, starts)
            for part in _CONTRAST_BREAK.split(turn)
        ):
            taken = position
    return taken


def _statements(clauses: Sequence[Clause], texts: list[str]) -> list[tuple[Clause, str]]:
    """The clauses (with their normalised texts) that state where things stand: not a
    condition, a question or what someone is said to have said."""
    return [
        (clause, text)
        for clause, text in zip(clauses, texts, strict=True)
        if not (clause.conditional or _NOT_A_STATEMENT.search(text) or _HEARSAY.search(text))
    ]


def told_awaited_while_taken(clauses: Sequence[Clause], evidence: Evidence) -> list[Finding]:
    """A clause that tells a step still awaited which a record's turn tells taken."""
    texts = [normalize(clause.text) for clause in clauses]
    for clause, text in _statements(clauses, texts):
        if not _STILL_AWAITED.search(text):
            continue  # "sent the claim for review": what was done, not where it stands
        for found in _AWAITED.finditer(text):
            step = next(v for k, v in found.groupdict().items() if k.startswith("step") and v)
            starts = words_telling_taken(step)
            things = _things(text, starts, step)
            if not things or any(_tells_taken(other, starts) for other in texts):
                continue  # the summary tells a step of its kind taken: maybe this one
            # An approval is given when what it was for is: "refund processed" tells the
            # refund's approval taken.
            given = _GIVEN if step in _GRANTING_STEPS else ()
            sums = frozenset(priced_amounts(clause.text))
            position = _taken_at(evidence, (*starts, *given), things, sums=sums)
            if position is not None:
                reason = (
                    f"says '{step}' is still awaited; record {position} tells it taken, "
                    "and no later turn awaits it again"
                )
                return [Finding("status", "contradicted", clause.text, reason, (position,))]
    return []


def _completion_start(found: re.Match[str]) -> str:
    """The beginning of the words that tell done the step a match tells awaited."""
    done: str | None = found.group("done")
    if done:
        return done.lower()[:5]
    step: str = found.group("step") or found.group("awaited")
    return _COMPLETION_STEPS[step.lower()]


def told_undone_while_done(clauses: Sequence[Clause], evidence: Evidence) -> list[Finding]:
    """A clause that tells a step ending the matter still to happen ("still not
    delivered", "unblock pending") which a record's turn tells done ("has been delivered
    13/02", "i've unblocked it now") about a thing the clause names, after every turn that
    says it is awaited; not where the summary tells a step of its kind done elsewhere."""
    texts = [normalize(clause.text) for clause in clauses]
    for clause, text in _statements(clauses, texts):
        for found in _COMPLETION_AWAITED.finditer(text):
            starts = (_completion_start(found),)
            things = _things(text, starts, starts[0])
            if not things or any(_tells_taken(other, starts) for other in texts):
                continue
            position = _taken_at(evidence, starts, things, _COMPLETION_AWAITED)
            if position is not None:
                reason = (
                    f"says '{found.group(0)}'; record {position} tells it done, "
                    "and no later turn awaits it again"
                )
                return [Finding("status", "contradicted", clause.text, reason, (position,))]
    return []
