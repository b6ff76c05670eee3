"""Times of day told with their date: "exited at 1:20am on 19 March", "live from 14:10 on
8/4", "disconnection booked 31 Oct 23:59".

A time a record gives only with another date ("Exited 18/03 01:20") moved onto a date the
records never give it with is a shifted date, though the time and the date each appear
somewhere in the history. Held to the records only where every time they write of that
clock is told with a date: a time they also write alone may be of any day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from service.claims.clock_times import clock_times
from service.claims.mentions import mentioned_dates
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.tables import pattern

_CLOCK = pattern("clock_time")
_TIME_AFTER = pattern("time_after_its_date")
_DATE_AFTER = pattern("date_after_its_time")
# How far apart a date and its time may stand: a weekday and "on" between, no more.
_GAP = 16


@dataclass(frozen=True)
class _Time:
    said: str
    minutes: frozenset[int]
    dates: frozenset[tuple[int, int]]  # the dates it is told with; empty: told alone


def _date_spans(text: str) -> list[tuple[int, int, frozenset[tuple[int, int]]]]:
    spans = []
    for surface, readings in mentioned_dates(text):
        at = text.find(surface)
        while at >= 0:
            spans.append((at, at + len(surface), readings))
            at = text.find(surface, at + 1)
    return spans


def _times(text: str) -> Iterator[_Time]:
    """Each time of day `text` writes, with the dates it stands beside."""
    dates = _date_spans(text)
    for match in _CLOCK.finditer(text):
        minutes = frozenset(m for _, readings in clock_times(match.group(0)) for m in readings)
        if not minutes:
            continue
        start, end = match.span()
        told_with: set[tuple[int, int]] = set()
        for first, last, readings in dates:
            if first <= start < last or first < end <= last:
                continue  # the time is part of the date's own figures
            before = last <= start and start - last <= _GAP
            after = end <= first and first - end <= _GAP
            if (before and _TIME_AFTER.match(text[last:start])) or (
                after and _DATE_AFTER.match(text[end:first])
            ):
                told_with |= readings
        yield _Time(match.group(0).strip(), minutes, frozenset(told_with))


@lru_cache(maxsize=256)
def _record_times(text: str) -> tuple[_Time, ...]:
    """The records' times of day with their dates, read once per history's text: every
    summary of it with a dated time asks again."""
    return tuple(_times(text))


def check_times_on_dates(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Times of day the summary tells with a date that the records give only with others."""
    said = [t for t in _times(summary) if t.dates]
    if not said:
        return []
    given = _record_times(source.text)
    found = []
    for time in said:
        same_clock = [t for t in given if t.minutes & time.minutes]
        if not same_clock or any(not t.dates or t.dates & time.dates for t in same_clock):
            # Given alone somewhere (of any day), or with this date: supported, or no
            # evidence either way.
            continue
        days = sorted({d for t in same_clock for d in t.dates})
        told = ", ".join(f"{day}/{month}" for month, day in days)
        reason = f"the records give {time.said} only on {told}"
        found.append(UnsupportedFact("date", time.said, reason))
    return found
