"""The dates a record's days of the week can name.

A record written on Tuesday 7 April that says "on Friday I got a ticket" or "the engineer
comes Monday" names a day a summary gives as a date ("ticket on 3/4", "visit 13 April").
Which week it means, the one before or after, the record rarely says in a form worth
trusting ("last", "next", "this" shift by language and speaker), so each weekday a record
names supports its dates in the week either side of the record's own day.
"""

from __future__ import annotations

from datetime import date, timedelta

from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping_in_any_case, pattern, word_list

_WEEKDAY_NAMED = pattern("weekday_named")
_DAY_AFTER = pattern("day_after_weekday")
_NUMBERS: dict[str, int] = {
    k: int(v) for k, v in mapping_in_any_case("weekdays_in_all_languages").items()
}
# "Fri", "THURS": a short form is the English weekday it begins.
_SHORT = {
    short: next(n for n, day in enumerate(word_list("weekdays")) if day.startswith(short))
    for short in word_list("weekday_short_forms")
}
# The week either side of the record's own day.
_REACH = 7


def named_weekdays(text: str) -> list[tuple[str, int]]:
    """(surface, weekday: 0 for Monday) of each day of the week `text` names."""
    found = []
    for match in _WEEKDAY_NAMED.finditer(text):
        word = (match.group(1) or match.group(2)).lower()
        found.append((match.group(0), _NUMBERS[word] if word in _NUMBERS else _SHORT[word]))
    return found


def weekday_dates(notes: str, written: date) -> set[date]:
    """The dates within a week of `written` that fall on a day of the week `notes` names;
    for a weekday the record gives its date beside ("friday the twenty seventh ... friday's
    better", "it will be Thursday 9"), that date alone: that record's Friday is that day."""
    dated = _dated_weekdays(notes, written)
    named = {weekday for _, weekday in named_weekdays(notes)} - {on.weekday() for on in dated}
    return dated | {
        day
        for offset in range(-_REACH, _REACH + 1)
        if (day := written + timedelta(days=offset)).weekday() in named
    }


def _dated_weekdays(notes: str, written: date) -> set[date]:
    """The dates `notes` gives as a weekday with a day of the month after it that falls on
    that weekday in the record's month or the next ("Fri 27/3", "thursday 9")."""
    said = spoken_as_digits(notes)
    dated = set()
    for match in _WEEKDAY_NAMED.finditer(said):
        day = _DAY_AFTER.match(said, match.end())
        if day is None:
            continue
        weekday = {w for _, w in named_weekdays(match.group(0))}
        for month_ahead in (0, 1):
            year, month = divmod(written.month - 1 + month_ahead, 12)
            try:
                on = date(written.year + year, month + 1, int(day.group(1)))
            except ValueError:
                continue
            if on.weekday() in weekday:
                dated.add(on)
    return dated
