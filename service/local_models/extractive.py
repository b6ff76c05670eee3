"""A deterministic extractive summarizer: the embedded baseline model, not an LLM.

It reads only the text it is sent (the rendered system prefix and user suffix) and
summarizes the interaction records it finds there by salience, recency, amounts, dates
and open issues. It honours two instructions it can recognise in the system prefix: a
word limit ("at most N words") and a request not to repeat personal data (phone numbers,
emails, card numbers). A prompt that drops the customer data therefore gets a summary
with nothing in it, just as an LLM would, which is what lets the eval gate see it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from service.claims import humanize, instruction_patterns, outcome_status, read_status
from service.pii import redact as pii_redact

RECORD = re.compile(
    r"^\[(?P<index>\d+)\]\s+(?P<ts>\S+)\s*\|\s*channel=(?P<channel>\w+)(?P<rest>.*)$"
)
FIELD = re.compile(r"\|\s*(intent|outcome|sentiment)=([^|]*)")
WORD_LIMIT = re.compile(
    r"\b(?:at most|no more than|under|maximum of|up to|max(?:imum)?)\s+(\d{2,3})\s+words",
    re.IGNORECASE,
)
PRIVACY_CUE = re.compile(
    r"\b(pii|personal (?:data|information)|card numbers?|phone numbers?|e-?mail addresses)\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
PHONE = re.compile(r"(?<![\w$])(?:\+?\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}\b")
AMOUNT = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d{2})?|\b\d+(?:\.\d{2})?\s?(?:dollars|usd|eur)\b", re.I)
DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")
SALIENT = {
    "dispute": 2.0,
    "refund": 2.0,
    "credit": 1.5,
    "escalat": 2.5,
    "unresolved": 2.5,
    "pending": 2.0,
    "promis": 2.5,
    "callback": 2.0,
    "call back": 2.0,
    "follow": 1.5,
    "outage": 2.0,
    "cancel": 2.5,
    "fraud": 3.0,
    "unauthori": 2.5,
    "arrangement": 2.0,
    "overdue": 2.0,
    "past due": 2.0,
    "technician": 1.5,
    "return": 1.5,
    "replace": 1.5,
    "waived": 1.5,
    "charge": 1.2,
    "bill": 1.0,
    "still": 1.0,
    "again": 1.0,
    "not ": 0.5,
}
OPEN_OUTCOMES = ("escalat", "pending", "unresolved", "open", "callback", "follow", "awaiting")
DEFAULT_WORD_LIMIT = 90
NO_DATA = "No interactions found for this customer in the requested window."


@dataclass(frozen=True)
class Record:
    """One interaction record parsed back out of the rendered prompt."""

    position: int
    timestamp: datetime | None
    channel: str
    intent: str
    outcome: str
    sentiment: str
    notes: str


def parse_records(user: str) -> list[Record]:
    """Interaction records in the order they appear in the user message."""
    records: list[Record] = []
    lines = user.splitlines()
    for number, line in enumerate(lines):
        match = RECORD.match(line.strip())
        if not match:
            continue
        fields = {key: value.strip() for key, value in FIELD.findall(match.group("rest"))}
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        notes = following[len("notes:") :].strip() if following.startswith("notes:") else ""
        try:
            stamp: datetime | None = datetime.fromisoformat(
                match.group("ts").replace("Z", "+00:00")
            )
        except ValueError:
            stamp = None
        records.append(
            Record(
                position=len(records),
                timestamp=stamp,
                channel=match.group("channel"),
                intent=fields.get("intent", ""),
                outcome=fields.get("outcome", ""),
                sentiment=fields.get("sentiment", ""),
                notes=notes,
            )
        )
    return records


def redact(text: str) -> str:
    """Mask every kind of personal data `service.pii` knows."""
    return pii_redact(text)


def _score(sentence: str, recency: float, outcome: str) -> float:
    lowered = sentence.lower()
    score = sum(weight for cue, weight in SALIENT.items() if cue in lowered)
    score += 2.0 * len(AMOUNT.findall(sentence)) + 1.0 * len(DATE_WORD.findall(sentence))
    if any(cue in outcome.lower() for cue in OPEN_OUTCOMES):
        score += 1.0
    return (score + 0.5) * (0.6 + 0.8 * recency)


def _similar(a: str, b: str) -> bool:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    union = words_a | words_b
    return bool(union) and len(words_a & words_b) / len(union) > 0.6


def _opening(records: list[Record]) -> str:
    channels = sorted({record.channel for record in records})
    stamps = [record.timestamp for record in records if record.timestamp is not None]
    intents = Counter(humanize(r.intent) for r in records if r.intent)
    topics = " and ".join(name for name, _ in intents.most_common(2)) or "general questions"
    times = "once" if len(records) == 1 else f"{len(records)} times"
    span = ""
    if stamps:
        first, last = min(stamps), max(stamps)
        span = (
            f" on {last:%b %d}"
            if first.date() == last.date()
            else (f" between {first:%b %d} and {last:%b %d}")
        )
    return f"Customer contacted us {times} via {', '.join(channels)}{span} about {topics}."


def _closes(record: Record) -> bool:
    """Whether the record ends the matter: by its outcome code, or, when the code says
    nothing, by its note ("fee reversed; RT-85517 closed")."""
    status = outcome_status(record.outcome)
    return status == "resolved" or (status is None and read_status(record.notes) == "resolved")


def _closing(records: list[Record]) -> list[str]:
    parts: list[str] = []
    # Only what is still open after the last record that closed something: an earlier
    # "pending" on a case resolved since is history, not an open item.
    closed = [i for i, r in enumerate(records) if _closes(r)]
    since = records[closed[-1] + 1 :] if closed else records
    open_items = [
        humanize(r.outcome)
        for r in since
        if outcome_status(r.outcome) == "open" or any(c in r.outcome.lower() for c in OPEN_OUTCOMES)
    ]
    if open_items:
        recent = list(dict.fromkeys(reversed(open_items)))[:2]
        parts.append(f"Still open: {'; '.join(reversed(recent))}.")
    sentiments = [r.sentiment for r in records if r.sentiment]
    if sentiments:
        parts.append(f"Customer sentiment: {sentiments[-1]}.")
    return parts


def _trim(text: str, limit: int) -> str:
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit]).rstrip(",;:") + "…"


def summarize_prompt(system: str, user: str) -> str:
    """Summarize the interaction records in a rendered prompt.

    Args:
        system: The system prefix (instructions; scanned for a word limit and privacy cue).
        user: The user suffix holding the customer's interaction records.

    Returns:
        A summary of at most the requested number of words.
    """
    limit_match = WORD_LIMIT.search(system)
    limit = int(limit_match.group(1)) if limit_match else DEFAULT_WORD_LIMIT
    records = parse_records(user)
    if not records:
        return NO_DATA
    private = bool(PRIVACY_CUE.search(system))
    opening, closing = _opening(records), _closing(records)
    budget = limit - len(opening.split()) - sum(len(part.split()) for part in closing)
    candidates: list[tuple[float, int, str]] = []
    # A note from before the last resolution that calls the issue open is history now.
    resolved_at = max((r.position for r in records if _closes(r)), default=-1)
    for record in records:
        recency = record.position / max(1, len(records) - 1) if len(records) > 1 else 1.0
        for sentence in SENTENCE_SPLIT.split(record.notes):
            sentence = sentence.strip()
            if len(sentence.split()) < 3 or (private and redact(sentence) != sentence):
                continue  # too short to inform, or mostly personal data the prompt forbids
            if instruction_patterns(sentence):
                continue  # customer text addressed to the model is data, never a summary line
            if record.position < resolved_at and read_status(sentence) == "open":
                continue
            candidates.append(
                (_score(sentence, recency, record.outcome), record.position, sentence)
            )
    chosen: list[tuple[int, str]] = []
    for _, position, sentence in sorted(candidates, key=lambda c: (-c[0], -c[1])):
        length = len(sentence.split())
        if length > budget or any(_similar(sentence, kept) for _, kept in chosen):
            continue
        chosen.append((position, sentence if sentence[-1] in ".!?" else sentence + "."))
        budget -= length
    body = " ".join(sentence for _, sentence in sorted(chosen, key=lambda item: item[0]))
    summary = " ".join(part for part in (opening, body, *closing) if part)
    if private:
        summary = redact(summary)
    return _trim(summary, limit)


def _lead_sentence(record: Record) -> str | None:
    """A record's first sentence that can stand in a briefing on its own: whole, at least
    four words, no transcript line label, no personal data, not addressed to the model."""
    for sentence in SENTENCE_SPLIT.split(record.notes):
        sentence = sentence.strip()
        if len(sentence.split()) < 4 or sentence.startswith(("[", ">")):
            continue
        if redact(sentence) != sentence or instruction_patterns(sentence):
            continue
        return sentence if sentence[-1] in ".!?" else sentence + "."
    return None


def lead_baseline(system: str, user: str) -> str:
    """The classic lead baseline: the lead sentence of each of the newest three records,
    between the same opening and closing lines as the extractive summarizer.

    A fallback: it follows no instruction of the prompt but the word limit, and writes only
    whole sentences (one that does not fit is left out, never cut), so what it says on its
    own is a briefing the claim checker can read, not a fragment.
    """
    limit_match = WORD_LIMIT.search(system)
    limit = int(limit_match.group(1)) if limit_match else DEFAULT_WORD_LIMIT
    records = parse_records(user)
    if not records:
        return NO_DATA
    opening, closing = _opening(records), _closing(records)
    while closing and len(" ".join([opening, *closing]).split()) > limit:
        closing = closing[:-1]  # whole sentences only: one that does not fit is left out
    budget = limit - len(opening.split()) - sum(len(part.split()) for part in closing)
    leads: list[str] = []
    for record in records[-3:]:
        lead = _lead_sentence(record)
        if lead is None or any(_similar(lead, kept) for kept in leads):
            continue
        if len(lead.split()) <= budget:
            leads.append(lead)
            budget -= len(lead.split())
    return " ".join([opening, *leads, *closing])
