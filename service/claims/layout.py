"""A summary's layout read away: bullets, numbered lists, markdown emphasis and headings.

Models format briefings as lists ("- Refund promised by May 3") or under headings
("**Status:** open"). The checks read sentences, so the layout is turned into them: a list
item or a line is a sentence (a full stop added where the item has none), a heading alone on
its line is kept with a short line under it ("Status:" over "Open") and dropped over a
sentence ("Summary:"), and markers and emphasis are dropped. A chat model's lead-in ("Here
is a summary of the customer's recent interactions:") is dropped too. A one-line summary
without markup or lead-in is returned as it is. How a summary ends is read here as well: a
list without full stops, or a closing label and its value ("**Customer mood:** frustrated"),
ends as written; anything else without a full stop was cut off.
"""

from __future__ import annotations

import re

from service.claims.lexicon import SENTIMENT_WORDS
from service.claims.status import read_status
from service.claims.text import normalize

NO_DATA_PREFIX = "no interactions found"
# A briefing ends with a full sentence; anything else was cut off (a token limit, a timeout).
SENTENCE_ENDS = (".", "!", "?", '"', "'", ")", "”", "’", "…")
_MARKER = re.compile(r"^(?:#{1,6}\s*|[-*+\u2022\u00b7\u25aa\u25e6\u2023]\s+|\(?\d{1,2}[.)]\s+)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_ENDS = (".", "!", "?", '"', "'", ")", "\u201d", "\u2019", "\u2026", ":", ";")
# A heading alone on its line: a few words and a colon ("Summary:", "Next steps:").
_HEADING = re.compile(r"[\w'() /&-]{1,40}:")
_SHORT = 4
# A line that is all emphasis, or a markdown heading, of a few words: a title.
_TITLE = re.compile(r"(?:\*\*|__)[^*_.!?]{1,40}(?:\*\*|__):?|#{1,6}\s+[^.!?]{1,40}")


# A chat model's lead-in to what follows ("Here is a summary of the customer's recent
# interactions:", "Sure, here's the briefing:"): layout, not a claim, and not the model
# talking about its instructions.
_PREAMBLE = re.compile(
    r"^\W*(?:(?:sure|certainly|of course|okay|ok)[,!.]?\s+)?"
    r"(?:(?:here(?: is|'s| are)|below is|the following is)\s+(?:a |an |the |your )?"
    r"(?:brief |short |concise |quick )?(?:summary|overview|briefing|recap|rundown)\b"
    r"|here(?: is|'s) what (?:you (?:need|want|should) to know|to know|matters))"
    # "...:" before what follows, or a sentence of its own ("Here is a summary of the
    # customer's recent history.").
    r"(?:[^:\n.!?]{0,80}:\s*|[^:\n.!?]{0,80}\.\s+(?=[A-Z]))",
    re.I,
)


def without_preamble(summary: str) -> str:
    """The summary without a lead-in line addressed to the reader."""
    match = _PREAMBLE.match(summary)
    return summary[match.end() :] if match and summary[match.end() :].strip() else summary


def has_layout(summary: str) -> bool:
    """Whether the summary is laid out in lines, lists or markdown."""
    text = summary.strip()
    return "\n" in text or _EMPHASIS.search(text) is not None or _MARKER.match(text) is not None


def _without_emphasis(line: str) -> str:
    """The line without emphasis marks; again until none is left, since dropping one can
    leave another at a word's edge ("0*__" -> "0*" -> "0")."""
    while (dropped := _EMPHASIS.sub("", line)) != line:
        line = dropped
    return line


def read_layout(summary: str) -> str:
    """The summary as plain sentences, one per line (see the module docstring)."""
    summary = without_preamble(summary)
    if not has_layout(summary):
        return summary
    lines: list[str] = []
    heading = ""
    for raw in summary.splitlines():
        line = _without_emphasis(_MARKER.sub("", raw.strip())).strip()
        if not line:
            continue
        if _TITLE.fullmatch(raw.strip()):
            line = line.rstrip(":") + ":"  # "**Summary**", "## Next steps": a heading
        if _HEADING.fullmatch(line):
            heading = line
            continue
        if not lines:
            line = without_preamble(line)  # a lead-in under a heading
        if not line.endswith(_ENDS):
            line += "."
        # "Status:" over "Open": the heading says what the line is about. Over a sentence
        # of its own ("Summary:" over "The customer ..."), it is only layout.
        short = len(line.split()) <= _SHORT
        lines.append(f"{heading} {line}" if heading and short else line)
        heading = ""
    return "\n".join(lines)


# "Status: open", and a dated line of a timeline ("Jun 1 \u2013 call: fee reapplied").
_LABELLED_LINE = re.compile(r"^\W{0,2}[A-Za-z][\w' /&()\u2013\u2014-]{0,30}:(?:\*\*|__)?\s+\S")


def list_items_unpunctuated(summary: str) -> bool:
    """Whether the summary's list items (other than the last line) end without a full stop:
    a style, so a last item without one was not cut off."""
    items = [line.strip() for line in summary.strip().splitlines() if line.strip()]
    # List items, or lines under labels ("**Status:** open"), one per line.
    listed = [
        line.rstrip("*_ ")
        for line in items[:-1]
        if _MARKER.match(line) or _LABELLED_LINE.match(line)
    ]
    bare = [line for line in listed if not line.endswith((".", "!", "?"))]
    return bool(listed) and 2 * len(bare) > len(listed)


# "There are no interactions on record for this customer", "No SMS interactions found",
# "there are no previous contacts from this customer in the 90-day window", "Nothing on
# file", "the interaction history, filtered to e-mail, is empty".
_HISTORY_WORDS = r"(?:interactions?|contacts?|records?|history|activity|communications?)"
_NO_HISTORY = re.compile(
    r"\b(?:no|zero)\b(?:\W+(?!(?:longer|further)\b)[\w'-]+){0,5}?\W+" + _HISTORY_WORDS + r"\b"
    r"|^\W*nothing (?:to (?:report|summari[sz]e)|(?:is |was )?(?:on file|on record|found|logged))\b"
    r"|\bnothing to summari[sz]e\b"
    r"|\b(?:history|records?|interactions?)\b[^.]{0,40}?\b(?:is|are|was|were) empty\b"
    # "Prior contacts: none found", "Interaction history: nothing on file".
    r"|\b" + _HISTORY_WORDS + r"\s*:\s*(?:none|nothing|zero)\b"
)
_DENYING = re.compile(r"\b(?:no|none|zero|nothing|not|never|without)\b", re.IGNORECASE)


def named_in_denial(summary: str, word: str) -> bool:
    """Whether every sentence naming `word` denies something ("zero interactions found across
    all channels (IVR, chat, e-mail)"): the word names what was searched, not a contact."""
    naming = [s for s in re.split(r"(?<=[.!?])\s+", summary) if word.lower() in s.lower()]
    return bool(naming) and all(_DENYING.search(sentence) for sentence in naming)


def says_no_data(summary: str) -> bool:
    """Whether the summary says there is nothing to summarise, in its first two sentences
    (after a heading such as "Summary:")."""
    text = normalize(summary)
    first = text.split(":", 1)
    if first[0].startswith(NO_DATA_PREFIX) or (
        len(first) == 2
        and len(first[0].split()) <= 4
        and first[1].strip().startswith(NO_DATA_PREFIX)
    ):
        return True
    opening = re.split(r"(?<=[.!?])\s+", text)[:2]
    return any(_NO_HISTORY.search(sentence) for sentence in opening)


def cut_off(written: str) -> bool:
    """Whether the summary as written stops in mid-sentence (a list whose items carry no
    full stops ends without one by style, not because it was cut off)."""
    if not written.strip() or written.rstrip().rstrip("*_ ").endswith(SENTENCE_ENDS):
        return False
    # "... Still open. **Customer mood:** frustrated": a label and its value end it.
    last = _MARKER.sub("", written.strip().splitlines()[-1].strip())
    tail = re.split(r"[.!?]\s", last)[-1].replace("*", "").replace("_", " ")
    labelled = _LABELLED_VALUE.fullmatch(tail.strip())
    if labelled and _complete_value(labelled.group("value")):
        return False
    # "**Sentiment**" over "Positive": a heading and its value, each on a line.
    lines = [line.strip() for line in written.strip().splitlines() if line.strip()]
    if len(lines) >= 2 and len(last.split()) <= 3 and _complete_value(last.strip("*_ ")):
        heading = lines[-2].replace("*", "").replace("_", " ").strip().rstrip(":")
        if _LABEL_WORDS.fullmatch(heading):
            return False
    return not list_items_unpunctuated(written)


# A label a briefing ends on, with a word or two of value ("Customer mood: frustrated",
# "Status: open"); a label that introduces a sentence ("Promised: a supervisor") does not
# end one.
_LABELLED_VALUE = re.compile(
    r"(?:(?:customer|current|overall|case|latest)\s+)?(?:sentiment|mood|tone|status|outcome"
    r"|priority|resolution|state)\s*:\s*(?P<value>[\w'-]+(?:[ ,/&]+[\w'-]+){0,2})",
    re.I,
)
_LEVELS = frozenset("open high medium low urgent normal none".split())
_LABEL_WORDS = re.compile(
    r"#*\s*(?:(?:customer|current|overall|case|latest)\s+)?(?:sentiment|mood|tone|status"
    r"|outcome|priority|resolution|state)",
    re.I,
)


def _complete_value(value: str) -> bool:
    """Whether a label's value is a whole mood or status ("frustrated", "open"), not a
    word cut off ("neu")."""
    words = normalize(value).split()
    return bool(words) and (
        words[-1] in _LEVELS
        or SENTIMENT_WORDS.fullmatch(words[-1]) is not None
        or read_status(value) is not None
    )
