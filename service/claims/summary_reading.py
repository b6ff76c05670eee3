"""The summary's claims, read once and set in their place: the second stage of the check.

A summary is laid out as plain sentences (`service.claims.layout`) and cut into claims: the
clauses of its sentences. Each claim is read with what its sentence and the summary around it
tell: whether its sentence advises the next agent (a handover line), whether it copies a
record word for word, the day its sentence is about, whether the summary names a step still
to come beside it, and the unsupported facts written in it. The checks (`claim_checks`,
`summary_checks`) read claims only through this reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from service.claims.awaiting import names_a_step_ahead, tells_what_is_to_come, told_running
from service.claims.clause import Clause, read_clause, split_and
from service.claims.days import Days, days_referred_to, days_told_before
from service.claims.evidence import Evidence
from service.claims.facts import unsupported_facts
from service.claims.history import HistoryReading
from service.claims.layout import read_layout
from service.claims.lexicon import HANDOVER
from service.claims.mood_claims import current_mood, moods_it_ends_in
from service.claims.records import refusals_joined
from service.claims.status import denied_by_next
from service.claims.tables import pattern
from service.claims.text import SENTENCE_BREAK, clauses, normalize, sentences
from service.claims.types import Finding

_CARRIED_OUT = pattern("carried_out")


@dataclass(frozen=True)
class Claim:
    """One clause of the summary, read in its place.

    Attributes:
        clause: The clause as read (`service.claims.clause`).
        sentence: The place of its sentence in the summary (0-based).
        opens_sentence: Whether it is its sentence's first clause.
        handover: Whether its sentence advises the next agent ("Next agent: ...").
        copied: Whether it copies record text word for word (the records said it).
        facts: The unsupported facts written in it.
        step_told_beside: It says a matter is resolved and another clause of its sentence
            says a step is still to come.
        summary_tells_step: The summary names a step still to come, and its sentence does
            not tell something carried out.
        told: The day its sentence is about, when it names none of its own.
        referred: The day of the contact it refers to ("on that call").
        past_mood: The summary states the customer's mood now in another clause.
        moods_beside: The moods the other clauses of its sentence state ("relieved about
            the bill but annoyed that ..." tells a mixed mood, not relief alone).
        running_told_beside: It says a matter is resolved and another clause of its
            sentence tells a step still running ("3-5 banking days", "should arrive").
        done_later: The later clauses of the summary that tell acts done, each with
            whether it opens its sentence ("... had not posted. ... it was reversed and
            applied"): an act denied here and told done there tells how things stood
            before, not that it never happened.
        summary_words: Every word of the whole summary, in small letters: a person the
            records name whom the summary names somewhere is no one a name was swapped for.
        problem_field: Its sentence opens a field that sets out the problem the customer
            came with ("Issue: ..."): how things stood before the contact.
    """

    clause: Clause
    sentence: int
    opens_sentence: bool
    handover: bool
    copied: bool
    facts: tuple[Finding, ...]
    step_told_beside: bool
    summary_tells_step: bool
    told: Days
    referred: Days
    past_mood: bool
    moods_beside: frozenset[str] = frozenset()
    running_told_beside: bool = False
    done_later: tuple[tuple[Clause, bool], ...] = ()
    summary_words: frozenset[str] = frozenset()
    problem_field: bool = False


@dataclass(frozen=True)
class SummaryReading:
    """The summary as the checks read it.

    Attributes:
        written: The summary as written (how it ends is read from it).
        text: The summary with its layout read away.
        claims: Every clause, in its place.
        unplaced_facts: Unsupported facts that no single clause holds whole.
        system_prompt: The model's system prompt, when known (repeating it is a finding).
    """

    written: str
    text: str
    claims: tuple[Claim, ...]
    unplaced_facts: tuple[Finding, ...]
    system_prompt: str | None = None

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """Every claim's clause, in order."""
        return tuple(claim.clause for claim in self.claims)

    @property
    def clause_starts(self) -> list[tuple[Clause, bool]]:
        """(clause, starts a sentence) for every claim, as the older checks read them."""
        return [(claim.clause, claim.opens_sentence) for claim in self.claims]

    @property
    def sentences(self) -> list[str]:
        """The sentences of the laid-out summary."""
        return sentences(self.text)


def summary_clauses(summary: str) -> list[tuple[Clause, bool]]:
    """(clause, starts a sentence) for every clause of the summary."""
    found = []
    for sentence in sentences(summary):
        parts = refusals_joined([p for c in clauses(sentence) for p in split_and(c)])
        for index, (part, denied) in enumerate(zip(parts, denied_by_next(parts), strict=True)):
            clause = read_clause(part)
            if denied and clause.status is not None:
                clause = replace(clause, status=None)
            found.append((clause, index == 0))
    return found


def _sentence_of(read: Sequence[tuple[Clause, bool]]) -> list[int]:
    places: list[int] = []
    for _, first in read:
        places.append(places[-1] + int(first) if places else 0)
    return places


def _steps_told_beside(
    read: Sequence[tuple[Clause, bool]],
    places: list[int],
    tells_step: Callable[[Clause], bool] = lambda clause: tells_what_is_to_come(
        clause.text, [clause]
    ),
) -> list[bool]:
    """For each clause saying a matter is resolved, whether another clause of its sentence
    says a step is still to come (`tells_step`; the only clauses the status check asks this
    for)."""
    if not any(clause.status == "resolved" for clause, _ in read):
        return [False] * len(read)
    tells = [tells_step(clause) for clause, _ in read]
    return [
        clause.status == "resolved"
        and any(tells[j] and places[j] == places[i] for j in range(len(read)) if j != i)
        for i, (clause, _) in enumerate(read)
    ]


def _sentence_completes(read: Sequence[tuple[Clause, bool]], places: list[int]) -> list[bool]:
    """For each clause, whether a clause of its sentence tells something carried out
    ("Arrangement paid off, so nothing is left to chase"): then "nothing left" is a claim
    that the matter is over, not that only a booked step remains."""
    done = {
        place
        for (clause, _), place in zip(read, places, strict=True)
        if clause.completes or _CARRIED_OUT.search(clause.text)
    }
    return [place in done for place in places]


def copies_a_record(clause: Clause, evidence: Evidence) -> bool:
    """Whether the clause copies record text (piece by piece: a copied note may run into the
    next one when it starts in lower case, "...agent queue. refund escalated")."""
    text = normalize(clause.text)
    if len(text.split()) < 4:
        return False
    pieces = [p.strip(" .") for p in SENTENCE_BREAK.split(text) if p.strip(" .")]
    return all(any(piece in record.text for record in evidence.records) for piece in pieces)


PROBLEM_FIELD = pattern("problem_field")


def _handovers(read: Sequence[tuple[Clause, bool]]) -> list[bool]:
    """For each clause, whether its sentence opens as a handover line to the next agent."""
    return _opened_by(read, HANDOVER)


def _opened_by(read: Sequence[tuple[Clause, bool]], opening: re.Pattern[str]) -> list[bool]:
    """For each clause, whether its sentence opens with `opening`."""
    found: list[bool] = []
    for clause, first in read:
        found.append(bool(opening.search(clause.text)) if first or not found else found[-1])
    return found


def read_summary(
    summary: str, history: HistoryReading, system_prompt: str | None = None
) -> SummaryReading:
    """Read `summary`'s claims against `history` (see the module docstring)."""
    text = read_layout(summary)
    read = summary_clauses(text)
    if not history.interactions:
        # Over no records there is nothing to set a claim beside; the claims are only read.
        bare = tuple(
            Claim(clause, 0, first, False, False, (), False, False, frozenset(), frozenset(), False)
            for clause, first in read
        )
        return SummaryReading(summary, text, bare, (), system_prompt)
    facts = unsupported_facts(text, history.source, history.people)
    places = _sentence_of(read)
    current = [clause for clause, _ in read if current_mood(clause)]
    ending = [frozenset(moods_it_ends_in(clause)) for clause, _ in read]
    last_contact = max(item.timestamp for item in history.interactions).date()
    step_ahead = names_a_step_ahead(text, last_contact)
    told_beside = _steps_told_beside(read, places)
    running_beside = _steps_told_beside(read, places, lambda clause: told_running(clause.text))
    completed = _sentence_completes(read, places)
    told, referred = days_told_before(read), days_referred_to(read)
    done = [
        (clause, first)
        if clause.mode == "done" and not clause.conditional and clause.acts - clause.negated
        else None
        for clause, first in read
    ]
    # "Neha's flight" names Neha: a possessive's word is the name itself too.
    words = frozenset(
        form for word in _WORD.findall(text.lower()) for form in (word, _POSSESSIVE.sub("", word))
    )
    claims = tuple(
        Claim(
            clause=clause,
            sentence=places[index],
            opens_sentence=first,
            handover=handover,
            copied=copies_a_record(clause, history.evidence),
            facts=tuple(
                fact.as_finding(clause.text)
                for fact in facts
                if fact.text.lower() in clause.text.lower()
            ),
            step_told_beside=told_beside[index],
            running_told_beside=running_beside[index],
            summary_tells_step=step_ahead and not completed[index],
            told=told[index],
            referred=referred[index],
            past_mood=bool(current) and clause not in current,
            moods_beside=frozenset().union(
                *(
                    ending[other]
                    for other in range(len(read))
                    if other != index and places[other] == places[index]
                )
            ),
            done_later=tuple(told for told in done[index + 1 :] if told is not None),
            summary_words=words,
            problem_field=problem,
        )
        for index, ((clause, first), handover, problem) in enumerate(
            zip(read, _handovers(read), _opened_by(read, PROBLEM_FIELD), strict=True)
        )
    )
    unplaced = tuple(
        fact.as_finding()
        for fact in facts
        if not any(fact.text.lower() in clause.text.lower() for clause, _ in read)
    )
    return SummaryReading(summary, text, claims, unplaced, system_prompt)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")
