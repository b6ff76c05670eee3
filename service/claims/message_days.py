"""The days a conversation's messages name by words relative to their own dates.

One record may hold many messages, each written on its own day: an e-mail thread quotes
"On Tue 24 Feb 2026, Dave wrote:" above a message that says "I picked her up yesterday",
a DM export stamps each line "29/04 15:20", a forwarded mail carries "Date: 18.02.2026".
What such a message calls "yesterday", "Friday" or "next week" is a day near the message's
own date, not near the record's timestamp (the newest message's). A summary that gives
that day as a date ("picked up on 23 Feb") tells what the message said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from service.claims.mentions import due_dates, mentioned_dates
from service.claims.relative_days import relative_days, relative_spans
from service.claims.tables import pattern
from service.claims.weekdays import weekday_dates
from service.models import Interaction

_STAMP_WORDS = pattern("message_stamp_words")
_STAMP_TIME = pattern("message_stamp_time")
_DAY_BEFORE = pattern("day_before_said")
_DAY_AFTER = pattern("day_after_said")
# Words beside a stamp's date and time that are no header: a name, a channel ("[Messenger
# 3:52 PM]", "29/04/2026 15:20 Priya:").
_STAMP_ONLY_WORDS = 4
_WORD = re.compile(r"[^\W\d_]{2,}")
_YEAR = re.compile(r"\b(20\d\d)\b")


def _stamp(line: str) -> date | None:
    """The date `line` stamps a message with, if it is a message's header or stamp: one
    date with its year, beside a header's word ("Date: 18.02.2026", "On Tue 24 Feb 2026,
    Dave wrote:") or a clock time with little else ("[5 Mar 2026, 3:42 PM]"). A date in a
    message's text ("we can collect Wed 20 May 2026 9:00") is no stamp: it names a day,
    not the message's."""
    year_said = _YEAR.search(line)
    if year_said is None:
        return None
    dates = mentioned_dates(line)
    found = {reading for _, readings in dates for reading in readings}
    if len(found) != 1:
        return None
    if not _STAMP_WORDS.search(line):
        # With no header's word, a stamp is a date, a time and at most a name or a channel.
        rest = _STAMP_TIME.sub(" ", line.replace(dates[0][0], " "))
        if not _STAMP_TIME.search(line) or len(_WORD.findall(rest)) > _STAMP_ONLY_WORDS:
            return None
    ((month, day),) = found
    try:
        return date(int(year_said.group(1)), month, day)
    except ValueError:
        return None


def messages(notes: str) -> Iterator[tuple[date, str]]:
    """Each stamped message of `notes`: its stamp's date and its text up to the next stamp,
    the stamp's own line left out (its weekday names the stamp's day, not another). Text
    before the first stamp is not yielded: it is the record's own."""
    stamped: date | None = None
    lines: list[str] = []
    for line in notes.splitlines():
        found = _stamp(line)
        if found is not None:
            if stamped is not None:
                yield stamped, "\n".join(lines)
            stamped, lines = found, []
        else:
            lines.append(line)
    if stamped is not None:
        yield stamped, "\n".join(lines)


def message_days(notes: str, written: date) -> set[date]:
    """Every day a stamped message of `notes` names relative to its own date: its day's
    neighbour when it says "yesterday" or "tomorrow", its weekdays, "next week" (parts of a
    month are `message_spans`)."""
    found: set[date] = set()
    for stamped, text in messages(notes):
        if stamped == written:
            continue  # the record's own day: read from its timestamp already
        if _DAY_BEFORE.search(text):
            found.add(stamped - timedelta(days=1))
        if _DAY_AFTER.search(text):
            found.add(stamped + timedelta(days=1))
        found |= weekday_dates(text, stamped) | relative_days(text, stamped)
    return found


def message_spans(notes: str, written: date) -> set[date]:
    """The days of the parts of a month a stamped message of `notes` names from its own
    date ("by end of the month"), as `relative_spans` reads a record's."""
    found: set[date] = set()
    for stamped, text in messages(notes):
        if stamped != written:
            found |= relative_spans(text, stamped)
    return found


def message_due_dates(item: Interaction) -> set[date]:
    """The ends of the lengths of time the record's stamped messages give, counted from
    each message's own day ("usually shows within 3-5 business days" in a message of 26
    February), as `due_dates` counts them from the record's."""
    found: set[date] = set()
    for stamped, text in messages(item.notes):
        if stamped == item.timestamp.date():
            continue
        written = datetime.combine(stamped, item.timestamp.timetz())
        found |= due_dates(item.model_copy(update={"notes": text, "timestamp": written}))
    return found
