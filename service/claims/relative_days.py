"""The dates a record's words for days relative to its own name.

A record written on Monday 2 March that says "you'll get it the day after tomorrow", "the
engineer comes Friday week", "next week", "end of the month" or "mid-April" names days a
summary gives as dates ("arrives 4 March", "visit on 13 March", "by 31 March"). As with
weekdays (`weekdays.py`), what a speaker means by "next" is rarely exact, so each phrase
supports every day it can mean: "next Tuesday" the Tuesday of this week and of the next,
"next week" every day of the week after the record's, "mid-April" the 10th to the 20th. A
part of a month ("end of the month", "mid-April") is when something is due or expected:
it supports a day a summary tells as due in it, not the day an event happened.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from service.claims.mentions import month_number
from service.claims.tables import mapping, pattern, word_list

_DAYS_AWAY: dict[str, int] = {str(k): int(v) for k, v in mapping("days_away").items()}
_DAYS_AWAY_SAID = pattern("days_away_said")
_WEEKDAY_AHEAD = pattern("weekday_ahead")
_NEXT_WEEK = pattern("next_week")
_PART_OF_MONTH = pattern("part_of_month")
_WEEKDAYS = word_list("weekdays")
# Days of a month each part of it may mean: "early", "mid", "late" / "end".
_PARTS: dict[str, range] = {
    "early": range(1, 11),
    "mid": range(10, 21),
    "late": range(20, 32),
}
_PART_WORDS: dict[str, str] = {str(k): str(v) for k, v in mapping("part_of_month_words").items()}


def _weekday(word: str) -> int:
    word = word.lower()
    return next(n for n, day in enumerate(_WEEKDAYS) if day.startswith(word[:3]))


def _month_days(year: int, month: int, days: range) -> set[date]:
    last = calendar.monthrange(year, month)[1]
    return {date(year, month, day) for day in days if day <= last}


def relative_dates(notes: str, written: date) -> set[date]:
    """Every date `notes`, written on `written`, may name by a word for a day relative to it."""
    return relative_days(notes, written) | relative_spans(notes, written)


def relative_days(notes: str, written: date) -> set[date]:
    """The dates `notes` name by a day or a week relative to `written` ("the day after
    tomorrow", "next Tuesday", "next week"), parts of a month left out."""
    found: set[date] = set()
    for match in _DAYS_AWAY_SAID.finditer(notes):
        found.add(written + timedelta(days=_DAYS_AWAY[" ".join(match.group(0).lower().split())]))
    for match in _WEEKDAY_AHEAD.finditer(notes):
        weekday = _weekday(match.group("day") or match.group("day2") or match.group("day3"))
        # "next Tuesday", "Friday week": that weekday in the week after the record's or the
        # one after that.
        found |= {
            day
            for offset in range(1, 15)
            if (day := written + timedelta(days=offset)).weekday() == weekday
        }
    for _ in _NEXT_WEEK.finditer(notes):
        monday = written + timedelta(days=7 - written.weekday())
        found |= {monday + timedelta(days=offset) for offset in range(7)}
    return found


def relative_spans(notes: str, written: date) -> set[date]:
    """The days of the parts of a month `notes` name ("end of the month", "mid-April",
    "early May"): any of them may be when something is due or expected, none is the day a
    thing happened ("if it's not back by end of sept" names no day of a show)."""
    found: set[date] = set()
    for match in _PART_OF_MONTH.finditer(notes):
        part = _PART_WORDS[" ".join(match.group("part").lower().replace("-", " ").split())]
        said = (match.group("month") or "").lower()
        year, month = written.year, written.month
        if said.startswith("next"):
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        elif said and not said.startswith(("the", "this", "month")):
            month = month_number(said)
            year += month < written.month - 6  # "mid-January" said in December
        found |= _month_days(year, month, _PARTS[part])
    return found
