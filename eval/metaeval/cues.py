"""Where a summary states status and sentiment, so a family knows what to change.

These locate text to perturb; they judge nothing. The sample's truth (is its issue open?
how did the customer feel last?) comes from the records and the answer key when the
summary itself is silent.
"""

from __future__ import annotations

import re
from typing import Literal

from eval.metaeval.text import SENTIMENT_LABEL, Span, clause_spans, sentence_spans
from eval.types import EvalSample
from service.models import Interaction

Status = Literal["open", "resolved"]
Polarity = Literal["negative", "neutral", "positive"]

OPEN_CUE = re.compile(
    r"\bstill (?:open|pending|outstanding|unresolved|in progress|under (?:review|investigation)"
    r"|awaiting|waiting|to come|ahead|upcoming|undecided|not\b|has not|had no|on the bill)"
    r"|\b(?:remains?|stays?) (?:open|pending|unresolved|outstanding)\b"
    # "no action pending" says nothing is open.
    r"|(?<!nothing )(?<!nothing is )(?<!nothing else )(?<!no action )(?<!no actions )"
    r"\b(?:pending|outstanding)\b(?! balance)"
    r"|\bunresolved\b|\bat risk\b|\bin progress\b"
    r"|\bawaiting\b|\bnot yet (?:\w+ )?(?:fixed|resolved|done|due|confirmed|answered|logged"
    r"|issued|applied|recorded|sent|made|received|paid|arrived|worked)\b"
    r"|\bnot (?:confirmed )?fixed\b"
    r"|(?<!nothing )(?<!nothing else )\b(?:is|are|was|remains?|confirmed [A-Z]{2,5}-\d+) open\b"
    r"|\bopen and overdue\b|(?:\bnot|n't) (?:yet )?(?:been )?(?:confirmed )?(?:fixed|resolved)\b"
    r"|\bno (?:confirmation|decision|fix|reply|callback|outcome|return|restoration|credit|answer"
    r"|resolution"
    r"|response|update|follow-up)\b|\bnobody (?:has )?called back\b|\bnot worked\b",
    re.IGNORECASE,
)
RESOLVED_CUE = re.compile(
    r"(?<!not )(?<!n't )(?<!never )(?<!not yet )(?<!n't yet )(?<!not been )(?<!n't been )"
    r"(?<!not confirmed )(?<!n't confirmed )(?<!not yet confirmed )"
    # "none resolved it", "nobody resolved it": no resolution.
    r"(?<!none )(?<!nobody )(?<!nothing )(?<!no one )\bresolved\b(?! to)"
    r"|\bnothing (?:else )?(?:is )?(?:open|pending|outstanding)\b|\bno open items\b"
    r"|\bworking (?:fine|again|normally)\b|\bfine now\b|\b(?:was|were|been) approved\b"
    r"|\bapproved and\b|\bservice (?:was|had come) back\b|\b(?:was|been) restored\b"
    r"|\bclosed\b(?! with no)|\bnothing outstanding\b|\bno further action\b",
    re.IGNORECASE,
)
# The open thing a clause is about: its surface noun, shown as {item}, and its kind, which
# picks the verb ({done}) from the phrase bank.
# In order of preference when a clause names several ("an email confirmed the dispute").
ITEMS: tuple[tuple[str, str, str], ...] = (
    (r"dispute", "dispute", "dispute"),
    (r"refund", "refund", "refund"),
    (r"reversal", "reversal", "reversal"),
    (r"waiver", "waiver", "waiver"),
    (r"call ?back", "callback", "callback"),
    (r"credit", "credit", "credit"),
    (r"fraud case|case|escalation|complaint|investigation", "", "case"),
    (r"install(?:ation)?|appointment|technician visit|visit|move", "", "install"),
    (r"arrangement", "arrangement", "arrangement"),
    (r"instal?lment|payment", "payment", "payment"),
    (r"outage|restoration|restore", "outage", "outage"),
    (r"return", "return", "return"),
    (r"request", "request", "request"),
    (r"reply|response|answer|e-?mail", "reply", "reply"),
    (r"issue|problem|fault", "issue", "issue"),
)
NEGATIVE = (
    "frustrat",
    "angry",
    "anger",
    "furious",
    "irate",
    "upset",
    "unhappy",
    "annoyed",
    "negative",
    "dissatisfied",
    "livid",
    "hostile",
)
POSITIVE = ("satisfied", "happy", "pleased", "positive", "calm", "content", "relieved", "glad")
SENTIMENT_WORD = re.compile(r"\b(" + "|".join(NEGATIVE + POSITIVE) + r"|neutral)\w*", re.I)


def status_units(text: str, cue: re.Pattern[str]) -> list[Span]:
    """Clauses (sentences split at ";") where `cue` occurs, sentiment labels excluded.

    For the resolved cue, a clause that also states something open is left out: it is
    about an open item.
    """
    units = []
    for sentence in sentence_spans(text):
        if SENTIMENT_LABEL.match(sentence.of(text)):
            continue
        clauses = clause_spans(text, sentence)
        hits = [clause for clause in clauses if _states(cue, clause.of(text))]
        # A sentence whose every clause is a hit goes as a whole (no stray separators).
        units += [sentence] if hits and len(hits) == len(clauses) else hits
    return units


def _states(cue: re.Pattern[str], words: str) -> bool:
    return bool(cue.search(words)) and not (cue is RESOLVED_CUE and OPEN_CUE.search(words))


def item_of(text: str) -> tuple[str, str] | None:
    """(surface noun, kind) of the item `text` is about, or None if it names none."""
    for pattern, display, kind in ITEMS:
        match = re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
        if match:
            return display or match.group(0).lower(), kind
    return None


def sample_status(sample: EvalSample, summary: str) -> Status | None:
    """Whether the sample's issue is open or resolved, from the summary, else the answer key
    (status key facts; a `planted` hint if the dataset carries one). None when unknown."""
    if status_units(summary, OPEN_CUE):
        return "open"
    if status_units(summary, RESOLVED_CUE):
        return "resolved"
    for fact in sample.key_facts:
        if fact.kind != "status":
            continue
        for words in (fact.fact, " ".join((fact.fact, *fact.match))):
            is_open, resolved = bool(OPEN_CUE.search(words)), bool(RESOLVED_CUE.search(words))
            if is_open != resolved:
                return "open" if is_open else "resolved"
    planted = sample.tags.get("planted")
    if isinstance(planted, dict) and planted.get("open_items"):
        return "open"
    return None


def final_polarity(interactions: tuple[Interaction, ...], summary: str) -> Polarity | None:
    """How the customer felt at the last record that says (else the summary's last word)."""
    for item in reversed(interactions):
        if item.sentiment is not None:
            return _polarity(item.sentiment)
    words = SENTIMENT_WORD.findall(summary)
    return _polarity(words[-1]) if words else None


def _polarity(word: str) -> Polarity:
    lowered = word.lower()
    if lowered.startswith(NEGATIVE):
        return "negative"
    if lowered.startswith(POSITIVE):
        return "positive"
    return "neutral"


def sentiment_sentence(text: str) -> Span | None:
    """The sentence that states how the customer feels: a label, else the last sentence
    that names a feeling and is about the customer."""
    spans = sentence_spans(text)
    for span in spans:
        if SENTIMENT_LABEL.match(span.of(text)):
            return span
    about = re.compile(r"\b(customer|caller|they|he|she|mood|tone|sentiment)\b", re.I)
    for span in reversed(spans):
        words = span.of(text)
        if SENTIMENT_WORD.search(words) and about.search(words) and len(words.split()) <= 14:
            return span
    return None
