"""What the interaction records establish, read once per history.

Each in-scope record becomes its clauses, its status and its instruction-like sentences
(`service.claims.records`); the instruction-like sentences are kept aside: they are the
customer's words aimed at a model, not facts a summary may rest on. `Evidence` holds every
record so read with what the checks ask of all of them together (their words and stems,
an index of their clauses by stem, what they promise and report done), worked out when the
history is read, before any summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from service.claims.asks import Ask, read_asks
from service.claims.clause import Clause, canonical, read_clause
from service.claims.instructions import Instruction, account_part, find_instructions, word_runs
from service.claims.lexicon import SENTIMENT_CLASSES
from service.claims.mentions import money_amounts
from service.claims.record_promises import (
    commitments,
    mentioned_remedies,
    promised_stems,
    reported_done_stems,
)
from service.claims.records import RecordFacts, read_record
from service.claims.tables import pattern
from service.claims.text import looks_foreign, normalize, sentences
from service.claims.text import stem as stem_of
from service.models import Interaction, SummaryOptions

_LETTERS = pattern("letters")
_WORDS = pattern("words")
_HEADER = pattern("header")
_THEIRS = pattern("theirs")


@dataclass(frozen=True, eq=False)
class Evidence:
    """Every record's facts, the cleaned interactions, the request, and what they establish.

    Attributes:
        records: Every in-scope record as read (`RecordFacts`), oldest first.
        cleaned: The interactions with their instruction-like sentences left out.
        options: The request (None: the records alone).
        instructions: The instruction-like sentences found in customer text.
        foreign: Record sentences in a language the checker cannot read (a header, or a
            name with accents, says nothing and is not one).
        unreadable_promiser: Whether the company may have said something the checker
            cannot read (not only the customer, whose words in another language promise
            nothing on its behalf).
        record_clauses: Every record clause with its record, in record order.
        record_stems: Every stem of the records' clauses.
        clause_index: Each content stem (`Clause.key`) with the positions in
            `record_clauses` of the clauses about it: a summary clause is compared only
            with the record clauses it shares a word with.
        promised_stems: What the records promise (`service.claims.record_promises`).
        reported_done_stems: What the records report as carried out.
        commitments: Each record with its clauses that commit to something.
        mentioned_remedies: Remedies the records speak of as given.
        text: All records' cleaned, normalised text.
        text_words: The words of `text`.
        quotable_words: `text_words` and every normalised word of the notes as written
            (instructions included): what a sentence quoting a record may be made of.
        known_words: Every word the records (and the request's IVR intent) use, as written
            and as compared: a name a summary uses must be one of them.
        stems: Every stem of the records' clauses and of the request's IVR intent: what a
            sentence of the summary may speak of without saying nothing.
    """

    records: tuple[RecordFacts, ...]
    cleaned: tuple[Interaction, ...]
    options: SummaryOptions | None
    instructions: tuple[Instruction, ...]
    foreign: tuple[str, ...]
    unreadable_promiser: bool
    record_clauses: tuple[tuple[RecordFacts, Clause], ...]
    record_stems: frozenset[str]
    clause_index: dict[str, tuple[int, ...]]
    promised_stems: frozenset[str]
    reported_done_stems: frozenset[str]
    commitments: tuple[tuple[RecordFacts, tuple[Clause, ...]], ...]
    mentioned_remedies: frozenset[str]
    text: str
    text_words: frozenset[str]
    quotable_words: frozenset[str]
    known_words: frozenset[str]
    stems: frozenset[str]

    @property
    def unlabelled(self) -> bool:
        """Whether no record carries an outcome label: a conversation (a chat, a call
        transcript, a thread) whose course the checker must read for itself."""
        return not any(item.outcome for item in self.cleaned)

    @property
    def unreadable(self) -> bool:
        """Whether a record says something the checker cannot read: a claim the customer
        made may rest on it, so "no record says so" is not evidence of invention there."""
        return bool(self.foreign)

    @cached_property
    def mostly_unreadable(self) -> bool:
        """Whether nearly all the records' text is in a language the checker cannot read: a
        thing a summary names may be named there in that language's own word ("IDs" for
        "kimliğiniz"), where one foreign sentence among English ones says little."""
        foreign = sum(len(sentence) for sentence in self.foreign)
        # Two thirds: a record that quotes a customer's line in another language and then
        # translates it ("Customer wrote in Chinese: ... translated: ...") is half foreign.
        return 3 * foreign >= 2 * sum(len(item.notes) for item in self.cleaned)

    @cached_property
    def spoken_forms(self) -> tuple[frozenset[str], frozenset[str]]:
        """The records' words, and every two neighbours run together: how a speech
        recogniser or a fast typist may have written a word a summary spells right
        ("creditsed"; "re fund", "mode um"). Worked out only when a check asks."""
        words: set[str] = set()
        pairs: set[str] = set()
        for record in self.records:
            tokens = _LETTERS.findall(record.interaction.notes.lower())
            words.update(token for token in tokens if len(token) >= 3)
            pairs.update(first + second for first, second in pairwise(tokens))
        return frozenset(words), frozenset(pairs)

    @cached_property
    def recorded_sums(self) -> frozenset[Decimal]:
        """Every figure the records give, their instruction sentences left out: what an
        instruction's ask does not name alone. Worked out only when a check asks."""
        return frozenset().union(*(money_amounts(record.text) for record in self.records))

    @cached_property
    def word_runs(self) -> frozenset[tuple[str, ...]]:
        """Every run of words the records use outside their instruction sentences, as an
        echo of an instruction is compared (`service.claims.instructions.echoes`)."""
        return frozenset().union(*(word_runs(record.text) for record in self.records))

    @cached_property
    def notes_as_written(self) -> str:
        """Every record's notes as written, before shorthand is spelled out: a code ("CB
        214") is read as written, not as the shorthand its letters also are ("callback")."""
        return "\n".join(record.interaction.notes for record in self.records)

    @cached_property
    def asks(self) -> tuple[Ask, ...]:
        """What each instruction in customer text asks a summary to say: read with the
        history, so that a summary is only compared with it."""
        return read_asks(self.instructions, lambda: self.recorded_sums)

    @cached_property
    def initialisms(self) -> frozenset[str]:
        """The initials of every run of two to five record words ("pay-per-view" -> "ppv"):
        what a summary may abbreviate them to. Worked out only when a check asks."""
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

    def latest_status(self, records: Sequence[RecordFacts] | None = None) -> RecordFacts | None:
        """The newest record (of `records`, default all) that says open or resolved."""
        pool = self.records if records is None else records
        for record in reversed(pool):
            if record.status is not None:
                return record
        return None

    def for_request(self, options: SummaryOptions | None) -> Evidence:
        """The same records' evidence for a request: what the records alone establish is
        carried over, and only what the request adds is worked out."""
        known, stems = _request_words(self.records, self.text, self.record_stems, options)
        evidence = replace(self, options=options, known_words=known, stems=stems)
        # Worked out already (only when a check asked): carried over too.
        evidence.__dict__.update(
            {
                k: v
                for k, v in self.__dict__.items()
                if k in ("spoken_forms", "initialisms", "recorded_sums")
            }
        )
        return evidence

    def sentiment(self) -> tuple[str, int] | None:
        """(class, position) of the newest record that carries a sentiment."""
        for record in reversed(self.records):
            mood = record.interaction.sentiment
            if mood:
                return SENTIMENT_CLASSES.get(mood, mood), record.position
        return None


def _with_parts(stems: frozenset[str]) -> frozenset[str]:
    """`stems` and the stems of the parts of the compounds among them: a record's "Date-change
    fee" uses the word "change" a summary's "change fee" does."""
    parts = {stem_of(part) for word in stems if "-" in word for part in word.split("-") if part}
    return stems | parts


def _request_words(
    records: Sequence[RecordFacts],
    text: str,
    record_stems: frozenset[str],
    options: SummaryOptions | None,
) -> tuple[frozenset[str], frozenset[str]]:
    """(`known_words`, `stems`) of the records with the request's IVR intent."""
    known = set(_WORDS.findall(text))
    # As written too: a summary may quote the shorthand ("esc T2") the records use.
    for record in records:
        known |= set(_WORDS.findall(record.interaction.notes.lower()))
    known |= {canonical(w) for w in known}
    stems = set(record_stems)
    if options is not None:
        known |= set(_WORDS.findall(options.ivr_intent.lower()))
        # Why the customer is calling now is something the summary may say.
        stems |= read_clause(options.ivr_intent.replace("_", " ")).stems
    return frozenset(known), frozenset(stems)


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
        record = read_record(position, item, own)
        records.append(record)
        # Each instruction taken out where it stands: the notes keep their lines, which
        # tell a thread's messages and their stamps apart. What its writer says before
        # addressing the reader stays: their own account ("session PK 33-9120, Sat 9 May
        # 10:00. also hey bot: ...").
        kept = item.notes
        for sentence in own:
            kept = kept.replace(sentence, f"{account_part(sentence)} ")
        cleaned.append(item.model_copy(update={"notes": kept}) if own else item)
    foreign = tuple(
        sentence
        for record in records
        for sentence in sentences(record.interaction.notes)
        if looks_foreign(sentence) and not _HEADER.match(sentence)
    )
    record_clauses = tuple((record, clause) for record in records for clause in record.clauses)
    index: dict[str, list[int]] = {}
    for position, (_, clause) in enumerate(record_clauses):
        for stem in clause.key:
            index.setdefault(stem, []).append(position)
    record_stems = _with_parts(frozenset().union(*(c.stems for _, c in record_clauses)))
    text = " \n ".join(record.text for record in records)
    text_words = frozenset(text.split())
    written = (normalize(r.interaction.notes).split() for r in records)
    known, stems = _request_words(records, text, record_stems, None)
    return Evidence(
        records=tuple(records),
        cleaned=tuple(cleaned),
        options=None,
        instructions=tuple(found),
        foreign=foreign,
        unreadable_promiser=any(not _THEIRS.match(sentence) for sentence in foreign),
        record_clauses=record_clauses,
        record_stems=record_stems,
        clause_index={stem: tuple(positions) for stem, positions in index.items()},
        promised_stems=promised_stems(records),
        reported_done_stems=reported_done_stems(records),
        commitments=commitments(records),
        mentioned_remedies=mentioned_remedies(records),
        text=text,
        text_words=text_words,
        quotable_words=text_words.union(*written),
        known_words=known,
        stems=stems,
    )
