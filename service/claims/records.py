"""One interaction record as the checker reads it: its clauses, where it leaves the matter,
and what it sets still to come.

A record's notes are read sentence by sentence without the instruction-like ones (the
customer's words aimed at a model are no facts), then clause by clause and, in wrap-up
notes, fragment by fragment; the outcome code's words are one more clause. Its status is
the outcome code's when the code says open or resolved, else the notes' last word on it,
else open when the notes set a step still to come (`service.claims.awaiting`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.claims.awaiting import awaited_stems
from service.claims.clause import Clause, read_clause, split_and
from service.claims.course import reported, settled_by_course, unlabelled_course
from service.claims.lexicon import outcome_status, outcome_words
from service.claims.status import Status, read_status
from service.claims.tables import pattern
from service.claims.text import clauses, looks_foreign, normalize, sentences
from service.claims.threads import quoting_message
from service.models import Interaction


@dataclass(frozen=True)
class RecordFacts:
    """One in-scope record as the checker reads it."""

    position: int  # 1-based, as the prompt numbers records
    interaction: Interaction
    clauses: tuple[Clause, ...]
    status: Status | None
    instructions: tuple[str, ...]
    text: str  # normalised notes without instruction sentences, plus the outcome's words
    # Open only because the notes set a step still to come (`service.claims.awaiting`):
    # the words of the clauses that set it.
    awaited: frozenset[str] = frozenset()
    # Whether the status rests on clear evidence: an outcome label, or an unlabelled
    # conversation whose course says in so many words where it ends (`course`).
    clear: bool = True

    @property
    def awaits(self) -> bool:
        """Whether the record is open only because it sets a step still to come."""
        return bool(self.awaited)

    @property
    def day(self) -> date:
        """The contact's date (UTC)."""
        return self.interaction.timestamp.date()


def _fragments(part: str) -> list[str]:
    pieces = [piece.strip() for piece in part.split(", ")]
    if len(pieces) < 3:
        return [part]  # "refund issued, as promised": one statement, keep it whole
    return [piece for piece in pieces if piece]


_BARE_REFUSAL = pattern("bare_refusal")


def refusals_joined(parts: list[str]) -> list[str]:
    """Parts with a bare refusal joined to the part before it ("Customer asked to waive the
    late fee" + "declined per policy"), so that what was asked is read as refused."""
    joined: list[str] = []
    for part in parts:
        if joined and _BARE_REFUSAL.fullmatch(part):
            joined[-1] = f"{joined[-1]}, {part.strip()}"
        else:
            joined.append(part)
    return joined


def _parts(text: str, instructions: set[str]) -> list[str]:
    """The text's sentences without the instruction-like ones, clause by clause and
    fragment by fragment between commas: wrap-up notes string facts together ("CB missed,
    esc T2, sup CB by 05/09") and each fragment is its own."""
    parts = [
        fragment
        for sentence in sentences(text)
        if sentence not in instructions
        for clause in clauses(sentence)
        for part in split_and(clause)
        for fragment in _fragments(part)
    ]
    return refusals_joined(parts)


def _last_word(parts: list[str], course: bool) -> Status | None:
    """The parts' last word on the matter. With no label, what someone is reported to
    have said is no state ("the last agent said it was sorted")."""
    told = [part for part in parts if not (course and reported(part))]
    statuses = [s for s in (read_status(part) for part in told) if s is not None]
    return statuses[-1] if statuses else None


def _notes_status(item: Interaction, parts: list[str], instructions: set[str]) -> Status | None:
    """Where the notes leave the matter: their last word on it. A thread written newest
    first ends on its oldest message, so its last word is the newest message's, else the
    first word on it in the messages that message quotes."""
    course = unlabelled_course(item)
    newest = quoting_message(item)
    if newest is None:
        return _last_word(parts, course)
    said = _last_word(_parts(newest, instructions), course)
    if said is not None:
        return said
    older = item.notes[item.notes.index(newest) + len(newest) :]
    for part in _parts(older, instructions):
        said = _last_word([part], course)
        if said is not None:
            return said
    return None


def read_record(position: int, item: Interaction, instructions: set[str]) -> RecordFacts:
    """The record at `position` (1-based) with its instruction-like sentences left out."""
    kept = [s for s in sentences(item.notes) if s not in instructions]
    parts = _parts(item.notes, instructions)
    outcome = " ".join(outcome_words(item.outcome))
    read = [read_clause(part) for part in parts]
    if outcome:
        read.append(read_clause(outcome))
    status = outcome_status(item.outcome)
    if status is None:
        # The note's last word on the matter: "Agent confirmed BD-94364 open, no decision."
        status = _notes_status(item, parts, instructions)
    awaited = awaited_stems(item, read) if status is None else frozenset()
    if awaited:
        # "label_sent", "order_created": the step a contact ended on, with more to come.
        status = "open"
    clear = True
    if unlabelled_course(item) and status is not None:
        # No outcome label: the notes' last status word may be anyone's, about anything
        # ("the agent said it was sorted"); only a course that says so settles it.
        # A thread written newest first ends in its newest message.
        notes = quoting_message(item) or item.notes
        for sentence in instructions:
            notes = notes.replace(sentence, " ")
        clear = settled_by_course(notes) == status
    elif status is not None and not item.outcome.strip() and looks_foreign(item.notes):
        # "Opcja została aktywowana, ważna do 14.05": a status read from words of a
        # language the checker cannot read is no clear evidence, with no label.
        clear = False
    text = normalize(" ".join(kept) + " " + outcome)
    return RecordFacts(
        position, item, tuple(read), status, tuple(instructions), text, awaited, clear
    )
