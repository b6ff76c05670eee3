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

from service.claims.lexicon import SENTIMENT_WORDS
from service.claims.status import read_status
from service.claims.tables import pattern, word_list
from service.claims.text import SENTENCE_BREAK, normalize

_SENTENCE_STOP = pattern("sentence_stop")
NO_DATA_PREFIX = "no interactions found"
SENTENCE_ENDS = word_list("sentence_ends")
_MARKER = pattern("marker")
_EMPHASIS = pattern("emphasis")
_ENDS = word_list("ends")
_HEADING = pattern("heading")
_SHORT = 4
_TITLE = pattern("title")


_PREAMBLE = pattern("preamble")


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


_LABELLED_LINE = pattern("labelled_line")


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


_NO_HISTORY = pattern("no_history")
_DENYING = pattern("denying")


def named_in_denial(summary: str, word: str) -> bool:
    """Whether every sentence naming `word` denies something ("zero interactions found across
    all channels (IVR, chat, e-mail)"): the word names what was searched, not a contact."""
    naming = [s for s in SENTENCE_BREAK.split(summary) if word.lower() in s.lower()]
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
    opening = SENTENCE_BREAK.split(text)[:2]
    return any(_NO_HISTORY.search(sentence) for sentence in opening)


_TRAILING_ELLIPSIS = pattern("trailing_ellipsis")
_DELIBERATE_ELLIPSIS = pattern("deliberate_ellipsis")
_DANGLING = pattern("dangling_end")
_STRANDED = pattern("stranded_preposition")
_TRAILING_EMOJI = pattern("trailing_emoji")
_TRAILING_SIGNOFF = pattern("trailing_signoff")


def _unclosed_bracket(written: str) -> bool:
    """Whether the last sentence opens a bracket it never closes ("A link (valid")."""
    last = _SENTENCE_STOP.split(written.strip().splitlines()[-1])[-1]
    return last.count("(") > last.count(")") or last.count("[") > last.count("]")


def cut_off(written: str) -> bool:
    """Whether the summary as written stops in mid-sentence: on an ellipsis (not one a
    writer chose, "etc..."), on a word or mark no sentence ends on, inside an open bracket,
    or without a full stop (a list whose items carry no full stops ends without one by
    style, not because it was cut off)."""
    unsigned = _TRAILING_SIGNOFF.sub("", written.strip())
    # A note its writer signed ("... she was happy ^AO") was finished: only words that
    # dangle, an open bracket or an ellipsis say it was cut.
    signed = unsigned != written.strip()
    written = unsigned
    text = written
    if not text:
        return False
    if (emoji := _TRAILING_EMOJI.search(text)) is not None:
        # "She's happy 🙏": an emoji ends a message as a full stop does, unless the words
        # before it dangle ("refund of 🙏").
        before = text[: emoji.start()].strip()
        return bool(before) and (_DANGLING.search(before) is not None or _unclosed_bracket(before))
    if _TRAILING_ELLIPSIS.search(text):
        return not _DELIBERATE_ELLIPSIS.search(text)
    if (_DANGLING.search(text) and not _STRANDED.search(text)) or _unclosed_bracket(text):
        return True
    if signed or text.rstrip("*_ ").endswith(SENTENCE_ENDS):
        return False
    # "... Still open. **Customer mood:** frustrated": a label and its value end it.
    last = _MARKER.sub("", written.strip().splitlines()[-1].strip())
    tail = _SENTENCE_STOP.split(last)[-1].replace("*", "").replace("_", " ")
    labelled = _LABELLED_VALUE.fullmatch(tail.strip())
    if labelled and _complete_value(labelled.group("value")):
        return False
    # "**Sentiment**" over "Positive": a heading and its value, each on a line.
    lines = [line.strip() for line in written.strip().splitlines() if line.strip()]
    if len(lines) >= 2 and len(last.split()) <= 3 and _complete_value(last.strip("*_ ")):
        heading = lines[-2].replace("*", "").replace("_", " ").strip().rstrip(":")
        if _LABEL_WORDS.fullmatch(heading):
            return False
    if _mood_note_ending(tail):
        return False
    return not list_items_unpunctuated(written)


_ELLIPSIS_INSIDE = pattern("ellipsis_inside")
_CUT_BEFORE_A_SENTENCE = pattern("cut_before_a_sentence")
_QUOTED_SPAN = pattern("quoted_span")


def cut_inside(written: str) -> str | None:
    """The words before an ellipsis that cuts a sentence inside the summary ("raised…
    asked about a discount"), or before the next sentence where one stops on a word no
    sentence ends on ("should arrive within The agent ..."), or None: not one a quoted
    speaker said, nor an ellipsis a writer chose ("etc...")."""
    quoted = [m.span() for m in _QUOTED_SPAN.finditer(written)]
    for found in _ELLIPSIS_INSIDE.finditer(written):
        at = found.start()
        if any(start < at < end for start, end in quoted):
            continue
        before = written[:at]
        if _DELIBERATE_ELLIPSIS.search(written[: found.end()]):
            continue
        return before.rstrip()[-60:]
    for found in _CUT_BEFORE_A_SENTENCE.finditer(written):
        if not any(start < found.start() < end for start, end in quoted):
            return written[: found.end()].rstrip()[-60:]
    return None


_MOOD_NOTE_WORD = pattern("mood_note_word")
_MOOD_NOTE_TAIL = pattern("mood_note_tail")
_CHANGE_WORDS = frozenset(word_list("mood_change_starts"))
_FRAGMENT_BREAK = pattern("fragment_break")
# How many words a note's last fragment may run to and still be its mood ("bit annoyed").
_MOOD_NOTE_WORDS = 4


def _mood_note_ending(tail: str) -> bool:
    """Whether the last fragment of a note is the customer's mood ("ok by end", "cx
    friendly", "still annoyed"): how a hurried note ends, not a sentence cut off."""
    fragment = _FRAGMENT_BREAK.split(tail)[-1].strip()
    # A speaker's or a label's words ("Customer: working fine") are a line quoted, whose
    # sentence may go on; a note's mood is the writer's own.
    if ":" in fragment or not 0 < len(fragment.split()) <= _MOOD_NOTE_WORDS:
        return False
    found = [m for p in (SENTIMENT_WORDS, _MOOD_NOTE_WORD) for m in p.finditer(fragment)]
    if not found:
        return False
    last = max(found, key=lambda m: m.end())
    # The mood must end the fragment ("cx annoyed about wast" is cut after it), and not
    # be where a change starts ("Sentiment moved from neutral" is cut before its end).
    rest = fragment[last.end() :].strip()
    before = fragment[: last.start()].split()
    if before and before[-1].lower() in _CHANGE_WORDS:
        return False
    return not rest or _MOOD_NOTE_TAIL.fullmatch(rest) is not None


_LABELLED_VALUE = pattern("labelled_value")
_LEVELS = frozenset(word_list("levels"))
_LABEL_WORDS = pattern("label_words")


def _complete_value(value: str) -> bool:
    """Whether a label's value is a whole mood or status ("frustrated", "open"), not a
    word cut off ("neu")."""
    words = normalize(value).split()
    return bool(words) and (
        words[-1] in _LEVELS
        or SENTIMENT_WORDS.fullmatch(words[-1]) is not None
        or read_status(value) is not None
    )
