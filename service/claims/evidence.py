"""What the interaction records establish, read once per summary check.

Each in-scope record becomes its clauses (notes and the outcome code's words), its status
(open / resolved / neither) and its instruction-like sentences, which are kept aside: they
are the customer's words aimed at a model, not facts a summary may rest on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from service.claims.awaiting import awaited_stems
from service.claims.clause import Clause, canonical, read_clause, split_and
from service.claims.instructions import Instruction, find_instructions
from service.claims.lexicon import (
    SENTIMENT_CLASSES,
    outcome_status,
    outcome_words,
)
from service.claims.promised_done import (
    commitments,
    mentioned_remedies,
    promised_stems,
    reported_done_stems,
)
from service.claims.status import Status, read_status
from service.claims.text import clauses, looks_foreign, normalize, sentences
from service.models import Interaction, SummaryOptions

_LETTERS = re.compile(r"[a-z]+")
# An e-mail header line, quoted or not: names and addresses, nothing said.
_HEADER = re.compile(r"^[>\s]*(?:from|to|cc|subject|sent|date)\s*:", re.I)
# The customer's own words: an inbound text, a speaker tag, a quoted e-mail.
_THEIRS = re.compile(
    r"^\W*(?:\[\d{1,2}:\d{2}(?::\d{2})?\]\s*)?(?:\[in\b|>|customer\b|cx\b|caller\b"
    r"|cust\b|message from|customer wrote)",
    re.I,
)

# Evidence's worked-out readings that depend on the records alone, not on the request's
# options (`known_words` and `stems` add the IVR intent): shared by `for_request`.
_RECORDS_ONLY = frozenset(
    [
        "foreign",
        "unreadable",
        "unreadable_promiser",
        "record_stems",
        "record_clauses",
        "clause_index",
        "spoken_forms",
        "initialisms",
        "promised_stems",
        "reported_done_stems",
        "commitments",
        "mentioned_remedies",
        "text",
        "text_words",
        "quotable_words",
    ]
)


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

    @property
    def awaits(self) -> bool:
        """Whether the record is open only because it sets a step still to come."""
        return bool(self.awaited)

    @property
    def day(self) -> date:
        """The contact's date (UTC)."""
        return self.interaction.timestamp.date()


@dataclass(frozen=True)
class Evidence:
    """Every record's facts, the cleaned interactions, and the request context."""

    records: tuple[RecordFacts, ...]
    cleaned: tuple[Interaction, ...]  # notes without instruction sentences
    options: SummaryOptions | None
    instructions: tuple[Instruction, ...]

    @cached_property
    def foreign(self) -> tuple[str, ...]:
        """Record sentences in a language the checker cannot read (a header, or a name with
        accents, says nothing and is not one)."""
        return tuple(
            sentence
            for record in self.records
            for sentence in sentences(record.interaction.notes)
            if looks_foreign(sentence) and not _HEADER.match(sentence)
        )

    @cached_property
    def unreadable(self) -> bool:
        """Whether a record says something the checker cannot read: a claim the customer
        made may rest on it, so "no record says so" is not evidence of invention there."""
        return bool(self.foreign)

    @cached_property
    def unreadable_promiser(self) -> bool:
        """Whether the company may have said something the checker cannot read (not only
        the customer, whose words in another language promise nothing on its behalf)."""
        return any(not _THEIRS.match(sentence) for sentence in self.foreign)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word the records (and the request's IVR intent) use, as written and as
        compared: a name a summary uses must be one of them."""
        known = set(re.findall(r"[a-z0-9]+", self.text))
        # As written too: a summary may quote the shorthand ("esc T2") the records use.
        for record in self.records:
            known |= set(re.findall(r"[a-z0-9]+", record.interaction.notes.lower()))
        known |= {canonical(w) for w in known}
        if self.options is not None:
            known |= set(re.findall(r"[a-z0-9]+", self.options.ivr_intent.lower()))
        return frozenset(known)

    @cached_property
    def record_stems(self) -> frozenset[str]:
        """Every stem of the records' clauses."""
        return frozenset().union(*(c.stems for r in self.records for c in r.clauses))

    @cached_property
    def record_clauses(self) -> tuple[tuple[RecordFacts, Clause], ...]:
        """Every record clause with its record, in record order."""
        return tuple((record, clause) for record in self.records for clause in record.clauses)

    @cached_property
    def clause_index(self) -> dict[str, tuple[int, ...]]:
        """Each content stem (`Clause.key`) with the positions in `record_clauses` of the
        clauses about it: a summary clause is compared only with the record clauses it
        shares a word with, not with every clause of every record."""
        index: dict[str, list[int]] = {}
        for position, (_, clause) in enumerate(self.record_clauses):
            for stem in clause.key:
                index.setdefault(stem, []).append(position)
        return {stem: tuple(positions) for stem, positions in index.items()}

    @cached_property
    def stems(self) -> frozenset[str]:
        """Every stem of the records' clauses and of the request's IVR intent: what a
        sentence of the summary may speak of without saying nothing."""
        known = set(self.record_stems)
        if self.options is not None:
            # Why the customer is calling now is something the summary may say.
            known |= read_clause(self.options.ivr_intent.replace("_", " ")).stems
        return frozenset(known)

    @cached_property
    def spoken_forms(self) -> tuple[frozenset[str], frozenset[str]]:
        """The records' words, and every two neighbours run together: how a speech
        recogniser or a fast typist may have written a word a summary spells right
        ("creditsed"; "re fund", "mode um")."""
        words: set[str] = set()
        pairs: set[str] = set()
        for record in self.records:
            tokens = _LETTERS.findall(record.interaction.notes.lower())
            words.update(token for token in tokens if len(token) >= 3)
            pairs.update(first + second for first, second in pairwise(tokens))
        return frozenset(words), frozenset(pairs)

    @cached_property
    def initialisms(self) -> frozenset[str]:
        """The initials of every run of two to five record words ("pay-per-view" -> "ppv"):
        what a summary may abbreviate them to."""
        found: set[str] = set()
        for record in self.records:
            initials = "".join(t[0] for t in _LETTERS.findall(record.interaction.notes.lower()))
            for size in range(2, 6):
                found.update(initials[i : i + size] for i in range(len(initials) - size + 1))
        return frozenset(found)

    def heard_like(self, word: str, *, run_apart_only: bool = False) -> bool:
        """Whether a record holds `word` as a transcript or a typist may have spelt it: run
        apart ("re fund"), or (unless `run_apart_only`) one letter off, two for long words
        ("creditsed"). Short words must match exactly."""
        word = word.lower().replace("-", "").replace(" ", "")
        if len(word) < 5:
            return False
        words, pairs = self.spoken_forms
        forms = pairs if run_apart_only else words | pairs
        if word in forms:
            return True
        budget = 2 if len(word) >= 8 and not run_apart_only else 1
        return any(
            abs(len(form) - len(word)) <= budget
            and Levenshtein.distance(word, form, score_cutoff=budget) <= budget
            for form in forms
        )

    @cached_property
    def promised_stems(self) -> frozenset[str]:
        """What the records promise (`service.claims.promised_done`)."""
        return promised_stems(self.records)

    @cached_property
    def reported_done_stems(self) -> frozenset[str]:
        """What the records report as carried out (`service.claims.promised_done`)."""
        return reported_done_stems(self.records)

    @cached_property
    def commitments(self) -> tuple[tuple[RecordFacts, tuple[Clause, ...]], ...]:
        """Each record with its clauses that commit to something (`promised_done`)."""
        return commitments(self.records)

    @cached_property
    def mentioned_remedies(self) -> frozenset[str]:
        """Remedies the records speak of as given (`service.claims.promised_done`)."""
        return mentioned_remedies(self.records)

    @cached_property
    def text(self) -> str:
        """All records' cleaned, normalised text."""
        return " \n ".join(record.text for record in self.records)

    @cached_property
    def text_words(self) -> frozenset[str]:
        """The words of `text`."""
        return frozenset(self.text.split())

    @cached_property
    def quotable_words(self) -> frozenset[str]:
        """`text_words` and every normalised word of the notes as written (instructions
        included): what a sentence quoting a record may be made of."""
        written = (normalize(r.interaction.notes).split() for r in self.records)
        return self.text_words.union(*written)

    def latest_status(self, records: Sequence[RecordFacts] | None = None) -> RecordFacts | None:
        """The newest record (of `records`, default all) that says open or resolved."""
        pool = self.records if records is None else records
        for record in reversed(pool):
            if record.status is not None:
                return record
        return None

    def for_request(self, options: SummaryOptions) -> Evidence:
        """The same records' evidence for a request: what the records alone establish and
        has been worked out already is carried over, not worked out again."""
        evidence = replace(self, options=options)
        evidence.__dict__.update(
            {name: value for name, value in self.__dict__.items() if name in _RECORDS_ONLY}
        )
        return evidence

    def sentiment(self) -> tuple[str, int] | None:
        """(class, position) of the newest record that carries a sentiment."""
        for record in reversed(self.records):
            mood = record.interaction.sentiment
            if mood:
                return SENTIMENT_CLASSES.get(mood, mood), record.position
        return None


def _fragments(part: str) -> list[str]:
    pieces = [piece.strip() for piece in part.split(", ")]
    if len(pieces) < 3:
        return [part]  # "refund issued, as promised": one statement, keep it whole
    return [piece for piece in pieces if piece]


# A refusal with nothing of its own ("..., declined per policy"): of what came before it.
_BARE_REFUSAL = re.compile(
    r"\W*(?:but |and )?(?:(?:it |this |that )?(?:was|were) )?(?:declined|refused|rejected|denied"
    r"|not approved)(?: (?:per|by) [\w ]{1,30})?\W*",
    re.I,
)


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


def _record(position: int, item: Interaction, instructions: set[str]) -> RecordFacts:
    kept = [s for s in sentences(item.notes) if s not in instructions]
    # Records are also read fragment by fragment between commas: wrap-up notes string
    # facts together ("CB missed, esc T2, sup CB by 05/09") and each fragment is its own.
    parts = [
        fragment
        for sentence in kept
        for clause in clauses(sentence)
        for part in split_and(clause)
        for fragment in _fragments(part)
    ]
    parts = refusals_joined(parts)
    outcome = " ".join(outcome_words(item.outcome))
    read = [read_clause(part) for part in parts]
    if outcome:
        read.append(read_clause(outcome))
    status = outcome_status(item.outcome)
    if status is None:
        # The note's last word on the matter: "Agent confirmed BD-94364 open, no decision."
        statuses = [s for s in (read_status(part) for part in parts) if s is not None]
        status = statuses[-1] if statuses else None
    awaited = awaited_stems(item, read) if status is None else frozenset()
    if awaited:
        # "label_sent", "order_created": the step a contact ended on, with more to come.
        status = "open"
    text = normalize(" ".join(kept) + " " + outcome)
    return RecordFacts(position, item, tuple(read), status, tuple(instructions), text, awaited)


def build_evidence(
    interactions: Sequence[Interaction], options: SummaryOptions | None = None
) -> Evidence:
    """Read the in-scope `interactions` (oldest first, as rendered) once.

    Evidence is a pure function of its inputs; it is remembered per history, since the eval
    and the meta-evaluation check many summaries against the same records.
    """
    return _build_evidence(tuple(interactions), options)


@lru_cache(maxsize=1024)
def _build_evidence(
    interactions: tuple[Interaction, ...], options: SummaryOptions | None
) -> Evidence:
    # The records are read once whatever the request: the eval's scorer, the local judge
    # (request context parsed from its prompt) and the ragas stand-in (no context) check
    # summaries against the same history with different options.
    read = read_records(interactions)
    return read if options is None else read.for_request(options)


@lru_cache(maxsize=1024)
def read_records(interactions: tuple[Interaction, ...]) -> Evidence:
    """The records' evidence with no request context (`Evidence.options` is None)."""
    found = find_instructions([(i, item.notes) for i, item in enumerate(interactions, 1)])
    records = []
    cleaned = []
    for position, item in enumerate(interactions, 1):
        own = {f.text for f in found if f.position == position}
        record = _record(position, item, own)
        records.append(record)
        kept = " ".join(s for s in sentences(item.notes) if s not in own)
        cleaned.append(item.model_copy(update={"notes": kept}) if own else item)
    return Evidence(tuple(records), tuple(cleaned), None, tuple(found))
