"""Key-fact recall by meaning: how many of a sample's annotated facts a summary states.

A fact's `match` alternatives and the summary are compared after folding the spellings that
do not change meaning: case, quotes, contractions, number words ("twice" / "2 times"), month
forms ("Aug 06" / "August 6" / "6 August") and money ("$26" / "$26.00" / "26 dollars"). A
fact whose words appear only inside a negation the alternative does not have ("no
interpreter line was offered" against "interpreter line offered"), or whose status or mood
the sentence contradicts, is not recalled: it is reported as contradicted, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from service.claims import (
    AMOUNT,
    MONTHS,
    NUMBER_WORDS,
    Clause,
    mentioned_dates,
    moods,
    normalize,
    parse_amount,
    read_clause,
    summary_clauses,
)

_COUNT = re.compile(
    r"\b(once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?= (?:(?:agent|phone|chat|e-?mail|separate|more|further|prior|previous) )?"
    r"(?:times?|contacts?|calls?|interactions?|visits?|payments?|instal+ments?|days?"
    r"|hours?|weeks?|months?|messages?|emails?|chats?|conversations?)\b)|\b(once|twice|thrice)\b"
)


class FactLike(Protocol):
    """A key fact: `eval.types.KeyFactSpec` or `eval.dataset.schema.KeyFact`."""

    @property
    def fact(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def match(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class KeyFactResult:
    """Recall over the facts (None when there are none) and which were stated or missed."""

    recall: float | None
    stated: tuple[str, ...]
    missing: tuple[str, ...]
    contradicted: tuple[tuple[str, str], ...] = ()  # (fact, why)


def _count_word(match: re.Match[str]) -> str:
    word = match.group(1) or match.group(2)
    value = NUMBER_WORDS[word]
    return f"{value} times" if match.group(2) else str(value)


# Pure, so remembered: every key fact of a sample is matched against the same summary.
@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """`text` with meaning-preserving spelling variants folded to one form.

    Repeated until nothing changes: collapsing a separator can bring two parts of an amount
    or a date together ("£-0" -> "£ 0"), which the next pass folds.
    """
    folded = _fold_once(text)
    for _ in range(3):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


# Names of one thing that agents and summaries use interchangeably; folded on both sides.
DOMAIN_TERMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:automated (?:phone |voice |telephone )?(?:menu|system|line)|(?:phone|voice)"
            r" menu|interactive voice response)\b"
        ),
        "ivr",
    ),
    (re.compile(r"\b(?:engineer|field tech|service tech)(s?)\b"), r"technician\1"),
    (re.compile(r"\bwi ?fi\b"), "wifi"),
    (re.compile(r"\bcanceled\b"), "cancelled"),
    (re.compile(r"\btext messages?\b"), "sms"),
    # Verbs of one act: "phoned back" is "called back", "committed to a fix" "promised" it.
    (re.compile(r"\b(?:phoned|rang|rung)\b"), "called"),
    (re.compile(r"\b(?:phone|ring)( back| them| the customer)\b"), r"call\1"),
    (re.compile(r"\b(?:committed to|pledged|vowed)\b"), "promised"),
    (re.compile(r"\bbook(ed|ing|s)?\b"), r"schedul\1"),
)


def _fold_once(text: str) -> str:
    folded = normalize(text)
    for pattern, replacement in DOMAIN_TERMS:
        folded = pattern.sub(replacement, folded)
    for surface, readings in sorted(mentioned_dates(folded), key=lambda m: -len(m[0])):
        month, day = sorted(readings)[0]
        folded = folded.replace(surface, f"{MONTHS[month - 1]} {day}")
    folded = AMOUNT.sub(lambda m: _money(m.group(1) or m.group(2)), folded)
    folded = _COUNT.sub(_count_word, folded)
    folded = re.sub(r"\b(\d+) ?x\b", r"\1 times", folded)
    folded = re.sub(r"\b1 times\b", "1 time", folded)
    return re.sub(r"[\s-]+", " ", folded).strip()


def _money(raw: str) -> str:
    value = parse_amount(raw)
    return f"${value}" if value is not None else raw


@lru_cache(maxsize=4096)
def _folded_clauses(text: str) -> tuple[tuple[Clause, str], ...]:
    """Each clause of a summary with its folded text (read once for all its key facts)."""
    return tuple((clause, fold(clause.text)) for clause, _ in summary_clauses(text))


def _clause_with(text: str, needle: str) -> Clause | None:
    for clause, folded in _folded_clauses(text):
        if needle in folded:
            return clause
    return None


def _contradiction(summary: str, alternative: str, fact: FactLike) -> str | None:
    """Why the sentence stating `alternative` says the opposite, or None."""
    clause = _clause_with(summary, fold(alternative))
    if clause is None or clause.conditional:
        return None  # a rule ("cancelled if a payment is missed") states no fact
    own = read_clause(alternative)
    # The fact's own wording says whether it is a negative fact ("refund not received"):
    # a summary that negates it where the fact does not, or the reverse, contradicts it.
    expected = read_clause(fact.fact)
    said_negated = bool(own.stems & clause.negated)
    if said_negated != bool(expected.negated) and not own.negated:
        return f"stated negated: '{clause.text[:80]}'" if said_negated else None
    if fact.kind == "status" and own.status and clause.status and own.status != clause.status:
        return f"stated as {clause.status}: '{clause.text[:80]}'"
    if fact.kind == "sentiment":
        said, wanted = moods(clause), moods(own)
        if said and wanted and said[-1] != wanted[-1]:
            return f"mood stated as {said[-1]}: '{clause.text[:80]}'"
    return None


def check_fact(text: str, fact: FactLike) -> tuple[bool, str | None]:
    """(stated, why not when an alternative appears but is contradicted)."""
    haystack = fold(text)
    why = None
    for alternative in fact.match:
        wanted = fold(alternative)
        if wanted and wanted in haystack:
            why = _contradiction(text, alternative, fact)
            if why is None:
                return True, None
    return False, why


def is_stated(text: str, fact: FactLike) -> bool:
    """Whether `text` states `fact` (by meaning, and not contradicted)."""
    return check_fact(text, fact)[0]


def key_fact_recall(text: str, facts: Sequence[FactLike]) -> KeyFactResult:
    """Share of `facts` stated in `text`.

    Args:
        text: The summary.
        facts: The sample's key facts.

    Returns:
        `recall` in [0, 1] (None when `facts` is empty), the stated and missing facts, and
        for each missing fact that the summary contradicts rather than omits, why.
    """
    stated: list[str] = []
    missing: list[str] = []
    contradicted: list[tuple[str, str]] = []
    for fact in facts:
        ok, why = check_fact(text, fact)
        (stated if ok else missing).append(fact.fact)
        if why is not None:
            contradicted.append((fact.fact, why))
    recall = len(stated) / len(facts) if facts else None
    return KeyFactResult(recall, tuple(stated), tuple(missing), tuple(contradicted))
