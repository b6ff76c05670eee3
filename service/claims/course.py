"""Where an unlabelled conversation leaves the matter, and how sure the records are of it.

A labelled record says where the matter stands in its outcome code. An unlabelled export (a
chat, a transcript, a DM thread, a wrap-up note with no code) says it, if at all, in its
own course: an explicit "still waiting", "escalated", "will call you back" near its end
leaves the matter open; an explicit "case closed", "resolved on the call" with nothing
left to come settles it. Anything else (a polite close, a status word somewhere in the
middle, what someone said someone else said) is no clear evidence: a status or act read
from it is reported as an abstention, not a finding (`Finding.unsure`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from service.claims.clock_times import clock_times, times_given
from service.claims.mentions import read_dates
from service.claims.spoken import spoken_as_digits
from service.claims.status import Status
from service.claims.tables import pattern
from service.claims.text import normalize
from service.claims.types import Finding
from service.models import Interaction

_CLEARLY_OPEN = pattern("clearly_open")
_CLEARLY_SETTLED = pattern("clearly_settled")
_REPORTED_SPEECH = pattern("reported_speech")
_DISFLUENCY = pattern("disfluency")
_OWN_DETAIL = pattern("own_detail")
_LEADING_NUMBER = pattern("leading_number")
_ORDINAL_DAY = pattern("day_as_ordinal")
# How many hesitations make a text a call transcript (a typed chat has one or two at most).
_TRANSCRIPT_HESITATIONS = 4
# The share of a conversation's lines, from its end, where it says how it ends.
_ENDING_SHARE = 3


def labelled(item: Interaction) -> bool:
    """Whether the record carries an outcome label."""
    return bool(item.outcome and item.outcome.strip())


# How many lines a record's notes must run to be a conversation's course rather than one
# note: a chat, a transcript, a thread, a wrap-up note of several lines.
_COURSE_LINES = 2


def unlabelled_course(item: Interaction) -> bool:
    """Whether the record is an unlabelled export of a conversation: no outcome label, and
    notes that run over several lines (one line of notes reads as a note)."""
    lines = [line for line in item.notes.splitlines() if line.strip()]
    return not labelled(item) and len(lines) >= _COURSE_LINES


# Why an act or promise no word of an unlabelled conversation names is no clear evidence.
UNWORDED = "an unlabelled conversation may word this act in its own words"


def own_detail(text: str, records: str) -> bool:
    """Whether a clause binds what it tells to a detail no record gives: a day ("Mon", "27
    Nov", "tomorrow", "this week"), a time or a share ("10%"). A promise so specific, with
    nothing in the records to be a rewording of, is no rewording of a turn; one whose
    day the records give may be ("courier to his hotel on Monday 8 September")."""
    said = spoken_as_digits(records.lower())
    given = {reading for _, found in read_dates(said) for reading in found}
    # A weekday beside a date the records give is that date's name, in whatever language
    # the records name their days ("Thu 19/02" for "qui 19/02").
    dated = any(found & given for _, found in read_dates(text))
    for match in _OWN_DETAIL.finditer(text):
        detail = match.group(0).lower()
        number = _LEADING_NUMBER.match(detail)
        if number is None:
            if detail[:3] not in said and not dated:
                return True  # a day or "tomorrow" no record names
        elif detail.endswith("%"):
            if not re.search(rf"\b{number.group(0)}\b", said):
                return True  # a share whose figure no record gives
        elif not any(minutes & times_given(records) for _, minutes in clock_times(detail)):
            return True  # a time no record gives, however written ("2pm" for "14h")
    # "monday the 8th": a day the records give without its month.
    days = {int(day) for day in _ORDINAL_DAY.findall(said)}
    return any(
        not found & given and not {day for _, day in found} & days for _, found in read_dates(text)
    )


def only_conversations(records: Sequence[_Read]) -> bool:
    """Whether every record is an unlabelled conversation's course: no outcome code says
    what was done, only turns that word it their own way ("took the late fee off")."""
    return bool(records) and all(unlabelled_course(r.interaction) for r in records)


def _ending(notes: str) -> list[str]:
    lines = [line for line in notes.splitlines() if line.strip()]
    keep = max(3, len(lines) // _ENDING_SHARE)
    return [normalize(line) for line in lines[-keep:]]


def settled_by_course(notes: str) -> Status | None:
    """'open' or 'resolved' when the conversation's ending says so in so many words, and
    nothing in it says the other; None otherwise (most conversations)."""
    ending = [line for line in _ending(notes) if not _REPORTED_SPEECH.search(line)]
    opened = any(_CLEARLY_OPEN.search(line) for line in ending)
    settled = any(_CLEARLY_SETTLED.search(line) for line in ending)
    if opened == settled:
        return None
    return "open" if opened else "resolved"


def spoken(text: str) -> bool:
    """Whether the records' text holds a call transcript: several hesitations as a speech
    recogniser writes them ("um", "uh")."""
    for found, _ in enumerate(_DISFLUENCY.finditer(text), 1):
        if found >= _TRANSCRIPT_HESITATIONS:
            return True
    return False


SPOKEN = "a call transcript may speak this detail in other words"


def reported(text: str) -> bool:
    """Whether a clause reports what someone said rather than stating it ("the agent said
    it was sorted", "he told me it was fixed")."""
    return _REPORTED_SPEECH.search(normalize(text)) is not None


UNLABELLED = "an unlabelled conversation that does not settle it"
# A conversation's turns ask, offer, refuse and report what others said: a turn read the
# other way round is no clear evidence without a label saying how the contact ended.
TURNS = "an unlabelled conversation's turns"


class _Read(Protocol):
    @property
    def interaction(self) -> Interaction: ...

    @property
    def clear(self) -> bool: ...


def hedged(
    findings: Iterable[Finding],
    records: Sequence[_Read],
    why: str = UNLABELLED,
    *,
    unlabelled_only: bool = False,
) -> list[Finding]:
    """`findings` as abstentions when a record that decided them reads unclear: one with
    no outcome label whose course does not settle the matter (`unlabelled_only`: any record
    with no outcome label, for what a conversation's turns say less clearly than a note)."""
    out = []
    for finding in findings:
        deciding = [records[p - 1] for p in finding.evidence if 0 < p <= len(records)]
        unclear = any(
            unlabelled_course(r.interaction) if unlabelled_only else not r.clear for r in deciding
        )
        out.append(finding.unsure(why) if unclear and finding.certain else finding)
    return out
