"""Sentence and clause surgery on summaries: find, replace, drop and insert, keeping the
rest of the text byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# A boundary is [.!?], optional closing quotes, whitespace, then something that can start a
# sentence; abbreviations ("approx.", "Aug. 6") are filtered out below.
_BOUNDARY = re.compile(r"(?<=[.!?])['\")\]]*\s+(?=[\"'(\[]?[A-Z0-9\u00C0-\uFFFF])")
_ABBREVIATIONS = frozenset(
    (
        "approx",
        "e.g",
        "i.e",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "etc",
        "inc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "min",
        "max",
        "ref",
        "acct",
    )
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
SENTIMENT_LABEL = re.compile(
    r"^\s*(?:(?:customer|overall|current|caller)\s+)?(?:sentiment|mood|tone)"
    r"(?:\s+at\s+(?:the\s+)?last\s+contact)?\s*:\s*|^\s*how (?:they|the customer) feels?\s*:\s*",
    re.I,
)


@dataclass(frozen=True)
class Span:
    """A [start, end) slice of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@lru_cache(maxsize=4096)  # pure; every family of a (sample, source) splits the same text
def sentence_spans(text: str) -> tuple[Span, ...]:
    """The sentences of `text` (trailing whitespace excluded), in order."""
    spans: list[Span] = []
    start = 0
    quoted = quoted_spans(text)
    for match in _BOUNDARY.finditer(text):
        if any(q.start < match.start() < q.end - 1 for q in quoted):
            continue  # inside a customer's quoted words: one sentence of the summary
        before = _WORD_BEFORE.search(text[start : match.start() + 1].rstrip("'\")]"))
        word = before.group(1).lower() if before else ""
        # "Aug. 6", "approx. 3": an abbreviation, not the end of a sentence.
        if (
            word in _ABBREVIATIONS
            and match.end() < len(text)
            and (text[match.end()].isdigit() or word in ("approx", "e.g", "i.e"))
        ):
            continue
        end = match.start() + len(match.group(0).rstrip())
        spans.append(Span(start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(Span(start, len(text.rstrip())))
    return tuple(spans)


def sentences(text: str) -> list[str]:
    """The sentences of `text` as strings."""
    return [span.of(text) for span in sentence_spans(text)]


def clause_spans(text: str, sentence: Span) -> list[Span]:
    """The clauses of one sentence, split at semicolons (the separator keeps to the left)."""
    spans, start = [], sentence.start
    for match in re.finditer(r";\s*", sentence.of(text)):
        spans.append(Span(start, sentence.start + match.start()))
        start = sentence.start + match.end()
    spans.append(Span(start, sentence.end))
    return spans


def replace(text: str, span: Span, new: str) -> str:
    """`text` with `span` replaced by `new`."""
    return text[: span.start] + new + text[span.end :]


def drop_spans(text: str, spans: list[Span]) -> str:
    """`text` without the given sentences or clauses, separators tidied."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = drop_span(text, span)
    return tidy(text)


def drop_span(text: str, span: Span) -> str:
    """`text` without one sentence or clause; the clause separators around it are mended."""
    head, tail, removed = text[: span.start], text[span.end :], span.of(text).rstrip()
    if tail.lstrip().startswith(";"):  # a leading or middle clause takes its "; " along
        rest = tail.lstrip()[1:].lstrip()
        return head + (capitalize(rest) if not head.rstrip().endswith(";") else rest)
    if head.rstrip().endswith(";"):  # the last clause: the one before it ends the sentence
        end = removed[-1] if removed[-1:] in (".", "!", "?") else ""
        return head.rstrip()[:-1] + end + tail
    joint = " " if head.strip() and tail.strip() else ""
    return head.rstrip() + joint + tail.lstrip()


def fit_clause(text: str, span: Span, sentence: str) -> str:
    """`sentence` shaped to stand where `span` stands: lower-case after "; ", no final
    period unless the span ended its sentence."""
    shaped = sentence
    if text[: span.start].rstrip().endswith(";"):
        shaped = decapitalize(shaped)
    if not span.of(text).rstrip().endswith((".", "!", "?")):
        shaped = shaped.rstrip(".!")
    return shaped


def tidy(text: str) -> str:
    """Collapse doubled spaces and a stray space before punctuation."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" ([.,;:])", r"\1", text)
    text = re.sub(r"(?<![.])([.!?])\s*\.(?![.])", r"\1", text)  # "sent.." / "sent. ."
    return re.sub(r";\s*\.", ".", text).strip()


def insert_sentence(text: str, index: int, sentence: str) -> str:
    """`text` with `sentence` inserted before sentence number `index` (len: at the end)."""
    spans = sentence_spans(text)
    if index >= len(spans):
        body = text.rstrip()
        if body and body[-1] not in ".!?\"'":
            body += "."
        return f"{body} {sentence}".strip()
    at = spans[index].start
    return f"{text[:at]}{sentence} {text[at:]}"


def sentiment_index(text: str) -> int | None:
    """Index of the sentence that is a sentiment label ("Customer sentiment: x."), if any."""
    for index, sentence in enumerate(sentences(text)):
        if SENTIMENT_LABEL.match(sentence):
            return index
    return None


def body_position(text: str, pick: Callable[[int, int], int]) -> int:
    """Where to add a sentence: after the first, before a sentiment label if it closes the
    text. `pick(low, high)` chooses in [low, high] (e.g. `rng.randint`)."""
    count = len(sentences(text))
    label = sentiment_index(text)
    high = label if label is not None else count
    return pick(min(1, high), high)


def capitalize(text: str) -> str:
    """First letter upper-cased, the rest untouched."""
    return text[:1].upper() + text[1:]


def decapitalize(text: str) -> str:
    """First letter lower-cased unless the word is an acronym or a name-like id."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def same_case(model: str, word: str) -> str:
    """`word` capitalised like `model` (all caps, Title or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return capitalize(word)
    return word


_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s:(]))'")
_CLOSE_SINGLE = re.compile(r"'(?=[\s.,;:)!?]|$)")


@lru_cache(maxsize=4096)
def quoted_spans(text: str) -> tuple[Span, ...]:
    """Quotations in `text` ("...", “...”, '...'; apostrophes inside words are not quotes)."""
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\"[^\"]*\"|“[^”]*”", text)]
    opened: int | None = None
    for mark in re.finditer("'", text):
        index = mark.start()
        if any(s.start <= index < s.end for s in spans):
            continue
        if opened is None and _OPEN_SINGLE.match(text, index):
            opened = index
        elif opened is not None and _CLOSE_SINGLE.match(text, index):
            spans.append(Span(opened, index + 1))
            opened = None
    return tuple(sorted(spans, key=lambda span: span.start))


def in_quote(text: str, position: int) -> bool:
    """Whether `position` falls inside a quotation (the customer's own words)."""
    return any(span.start < position < span.end for span in quoted_spans(text))
