"""Lengths of time and times of day: "within 3-5 working days", "a six-month plan", "48
hours", "before the 5:30 kick-off".

A summary's window ("refund within 10 working days") and its time of day ("until 5pm")
are figures a record must give. Both sides are read in one measure, whatever the wording:
a length in hours ("48 hours" and "2 days" are one length; a fortnight is 14 days; five
working days are a week), a time in minutes after midnight (with no am or pm written,
either half of the day). A transcript's spoken figures are read in digits first. Where the
records give no length or no time at all, the summary's may have been worked out from the
contacts' dates or said in words the checker cannot read: the finding is an abstention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.foreign_numbers import figures_given_abroad, foreign_numbers_as_digits
from service.claims.rivals import NO_RIVAL, time_rival
from service.claims.slots import slot_rival
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.spoken import spoken_as_digits
from service.claims.stamps import without_stamps
from service.claims.tables import mapping, pattern

_LENGTH = pattern("length_of_time")
_UNIT_HOURS: dict[str, int] = mapping("unit_hours")
# The units a German compound ends in, longest first ("tagen" before "tage").
_COMPOUND_UNITS = sorted(
    ((name, hours) for name, hours in _UNIT_HOURS.items() if len(name) >= 4),
    key=lambda unit: -len(unit[0]),
)
_WINDOW_BEFORE = pattern("window_before")
_SPAN_AFTER = pattern("span_after")
_SPAN_TOLD_ROUGHLY = pattern("span_told_roughly")
_CLOCK = pattern("clock_time")
_MONTHS_SHORT = pattern("months_cut_short")
_DAYS_SHORT = pattern("days_cut_short")
_DAY_COUNTED = pattern("day_counted")
_ORDINALS: dict[str, int] = {**mapping("ordinals"), **mapping("teen_ordinals")}
_RANGE_START = pattern("clock_range_start")
_SAID_TIME = pattern("said_time")
_SAID_RANGE = pattern("clock_range_said")
_RANGE_ABROAD = pattern("clock_range_other_languages")
_JOINED_ABROAD = pattern("clock_joined_in_other_languages")
_HOUR_MARK = pattern("hour_mark")
_AFTER_ITS_WORD = pattern("clock_after_its_word")
_BARE_HOUR = pattern("bare_hour_after_its_word")
_BEFORE_ITS_DAY = pattern("window_before_its_day")
_EAST_ASIAN = pattern("clock_east_asian")
# The marks of the afternoon before an East Asian time ("오후 6시" is 18:00).
_AFTERNOON = ("오후", "午後", "下午")
_DOTTED_CLOCK = pattern("dotted_clock")
_DOTTED_CLOCK_ANY = pattern("dotted_clock_any")
_LOOSELY = pattern("clock_said_loosely")
_WINDOW_AFTER_DATE = pattern("window_after_date")
_WINDOW_MARKED_AT_END = pattern("window_marked_at_its_end")
_ONE_UNIT = pattern("one_unit_by_its_article")
_NUMBER_WORDS = mapping("duration_numbers")
_HEDGED_BEFORE = pattern("hedged_time")
_HEDGED_AFTER = pattern("hedged_after")
# How far a time said as roughly that ("~8:50am") may be from the one the records give.
_HEDGE_MINUTES = 15
_WORKING_WEEK = 5  # working days in a calendar week
_DAY = 24


def _unit_hours(unit: str) -> int:
    """How many hours a unit is, a German compound by its last part ("Urlaubstage")."""
    unit = unit.lower()
    if unit in _UNIT_HOURS:
        return _UNIT_HOURS[unit]
    return next(hours for name, hours in _COMPOUND_UNITS if unit.endswith(name))


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else int(_NUMBER_WORDS.get(raw.lower(), 1))


def _hours(low: int, business: bool, unit: str) -> set[int]:
    """The lengths in hours `low` units can stand for."""
    hours = {low * _unit_hours(unit)}
    if business and unit.lower().startswith("day") and low % _WORKING_WEEK == 0:
        hours.add(low // _WORKING_WEEK * 7 * _DAY)  # five working days are a week
    return hours


@lru_cache(maxsize=4096)
def _lengths_read(text: str) -> tuple[tuple[int, str, bool, bool], ...]:
    """Each number of each length of time a text gives, written, said or in another
    language: (number, unit, in working days, the near end of a range), "3-5 working days"
    giving 3 and 5. Read once per text."""
    found: set[tuple[int, str, bool, bool]] = set()
    for said in {text, spoken_as_digits(text), foreign_numbers_as_digits(text)}:
        for match in _LENGTH.finditer(said):
            business = match.group("business") is not None
            unit, high = match.group("unit").lower(), match.group("high")
            found.add((_number(match.group("low")), unit, business, high is not None))
            if high:
                found.add((_number(high), unit, business, False))
    return tuple(sorted(found))


@lru_cache(maxsize=4096)
def _record_lengths(text: str, *, limits_only: bool = False) -> frozenset[int]:
    """Every length in hours the records give, either end of a range (`limits_only`: a
    range's far end only, the limit a promise of it sets)."""
    found: set[int] = set()
    for number, unit, business, near_end in _lengths_read(text):
        if not (limits_only and near_end):
            found |= _hours(number, business, unit)
    found |= {int(m.group("low")) * _UNIT_HOURS["month"] for m in _MONTHS_SHORT.finditer(text)}
    found |= {int(m.group("low")) * _UNIT_HOURS["day"] for m in _DAYS_SHORT.finditer(text)}
    found |= {days * _UNIT_HOURS["day"] for days in _days_counted(text)}
    found |= {_unit_hours(m.group("unit")) for m in _ONE_UNIT.finditer(text)}
    return frozenset(found)


@lru_cache(maxsize=4096)
def _days_counted(text: str) -> frozenset[int]:
    """How many days the records count ("day 3 with no broadband", "the third day"):
    that many days have gone by."""
    found = set()
    for match in _DAY_COUNTED.finditer(text):
        low, nth = match.group("low"), match.group("nth")
        if low is not None:
            found.add(_number(low))
        elif nth[0].isdigit():
            found.add(int(nth[:-2]))
        else:
            found.add(_ORDINALS[nth.lower()])
    return frozenset(found)


def _record_spans(text: str) -> frozenset[tuple[int, int]]:
    """Every (number, hours in its unit) of the lengths the records give: "3-4 days" is
    (3, 24) and (4, 24)."""
    spans = {(number, _unit_hours(unit)) for number, unit, _, _ in _lengths_read(text)}
    spans |= {(1, _unit_hours(m.group("unit"))) for m in _ONE_UNIT.finditer(text)}
    return frozenset(spans | {(days, _UNIT_HOURS["day"]) for days in _days_counted(text)})


# A span's number the records give in another unit is a rival from this number on: "a
# week" and "a day" are said of too many things to be one.
_RIVAL_SPAN_FROM = 2


def _unit_moved(said: list[str], unit: str, text: str) -> tuple[int, int] | None:
    """A length the records give with the summary's number in another unit ("3-4 days"
    for the summary's "3-4 weeks"), or None."""
    hours = _unit_hours(unit)
    numbers = {_number(raw) for raw in said}
    given = _record_spans(text)
    return next(
        (
            (number, other)
            for number, other in sorted(given)
            if number in numbers
            and number >= _RIVAL_SPAN_FROM
            and other != hours
            and (number, hours) not in given
        ),
        None,
    )


def lengths_given(text: str) -> frozenset[int]:
    """Every length in hours a record's text gives, either end of a range, written, said or
    cut short ("12m", "x 18m"). Remembered per text."""
    return _record_lengths(text)


def hours_of(count: int, unit: str) -> int:
    """`count` units of time in hours ("12", "months": 8,640)."""
    return count * _unit_hours(unit)


def limits_given(text: str) -> frozenset[int]:
    """Every time limit in hours a record's text gives, written or said: a length, or a
    range's far end ("5-7 business days" sets seven; "within five days" is another promise).
    Remembered per text."""
    return _record_lengths(text, limits_only=True)


def read_record_times(source: SourceFacts) -> None:
    """Read the records' lengths of time and times of day while the model writes."""
    _record_lengths(source.text)
    times_given(source.text)


def forget_record_times() -> None:
    """Forget the lengths and times read so far, as a worker that has read no history."""
    _lengths_read.cache_clear()
    _record_lengths.cache_clear()
    _days_counted.cache_clear()
    times_given.cache_clear()


def check_lengths_of_time(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Windows and terms in `summary` ("within 10 working days", "a six-month plan") that
    no length of time in the records is."""
    given = _record_lengths(source.text)
    found = []
    for match in _LENGTH.finditer(summary):
        before = summary[max(0, match.start() - 24) : match.start()]
        business = match.group("business") is not None
        # "in 5 working days" is a window; "in 2 days" may be a span ("fixed in 2 days").
        in_working_days = business and before.rstrip().lower().endswith(" in")
        said = [raw for raw in (match.group("low"), match.group("high")) if raw]
        if _SPAN_AFTER.match(summary, match.end()):
            continue  # "3 days ago": perhaps worked out from the contacts' dates
        if len(said) == 2 and _number(said[1]) < _number(said[0]):
            continue  # "the bonus went from 5 to 3 years": a change, not a range of lengths
        if not (in_working_days or _WINDOW_BEFORE.search(before)):
            # "spent 2 weeks": a span, perhaps worked out from dates; but one the records
            # give in another unit ("3-4 days" told as "3-4 weeks") is a unit moved.
            if _SPAN_TOLD_ROUGHLY.search(before) is None and (
                _unit_moved(said, match.group("unit"), source.text) is not None
            ):
                found.append(
                    UnsupportedFact("date", match.group(0), "the records give it in another unit")
                )
            continue
        if all(_hours(_number(raw), business, match.group("unit")) & given for raw in said):
            continue
        fact = UnsupportedFact("date", match.group(0), "no record gives this length of time")
        if not given:
            fact = fact.unsure("the records give no length of time")
        elif figures_given_abroad(said, source.text):
            fact = fact.unsure("a record gives its figure in another language")
        found.append(fact)
    return found


def _minutes(hour: int, minute: int, half: str | None) -> set[int]:
    if hour > 23 or minute > 59:
        return set()
    if half is None:
        # No am or pm: either half of the day ("the 5:30 kick-off").
        return (
            {hour % 12 * 60 + minute, (hour % 12 + 12) * 60 + minute}
            if hour <= 12
            else {hour * 60 + minute}
        )
    afternoon = half.lower().startswith("p")
    return {(hour % 12 + (12 if afternoon else 0)) * 60 + minute}


def _marked_window(match: re.Match[str]) -> set[int]:
    """Both ends of a slot marked once at its end ("14-16h", "12-4p"); none for a span of
    hours ("24-48h")."""
    first, last = int(match.group("start")), int(match.group("end"))
    half = match.group("half")
    if half is None and not first < last <= _DAY:
        return set()
    return _minutes(first, int(match.group("startminute") or 0), None) | _minutes(
        last, int(match.group("endminute") or 0), half and half + "m"
    )


def clock_times(text: str) -> list[tuple[str, set[int]]]:
    """Each time of day `text` writes, with its readings in minutes after midnight."""
    found = []
    for match in _CLOCK.finditer(text):
        if match.group("hour24") is not None:
            readings = _minutes(int(match.group("hour24")), int(match.group("minute24")), None)
        else:
            minute = int(match.group("minute") or 0)
            readings = _minutes(int(match.group("hour")), minute, match.group("half"))
        if readings:
            found.append((match.group(0), readings))
    return found


_PART_MINUTES = {"half": 30, "quarter": 15}


@lru_cache(maxsize=4096)
def times_given(text: str) -> frozenset[int]:
    """Every time of day the records give, written or said."""
    heard = spoken_as_digits(text)
    every = {text, heard, foreign_numbers_as_digits(text)}
    found = {m for said in every for _, readings in clock_times(said) for m in readings}
    for said in every:
        for match in _RANGE_START.finditer(said):
            found |= _minutes(int(match.group("hour")), int(match.group("minute") or 0), None)
        for match in (*_HOUR_MARK.finditer(said), *_JOINED_ABROAD.finditer(said)):
            found |= _minutes(int(match.group("hour")), int(match.group("minute") or 0), None)
        for match in (*_WINDOW_AFTER_DATE.finditer(said), *_BEFORE_ITS_DAY.finditer(said)):
            for end, minute in (("start", "startminute"), ("end", "endminute")):
                found |= _minutes(int(match.group(end)), int(match.group(minute) or 0), None)
        for match in _WINDOW_MARKED_AT_END.finditer(said):
            found |= _marked_window(match)
        for match in _EAST_ASIAN.finditer(said):
            half = match.group("half")
            marked = None if half is None else ("pm" if half in _AFTERNOON else "am")
            found |= _minutes(int(match.group("hour")), int(match.group("minute") or 0), marked)
        for match in _AFTER_ITS_WORD.finditer(said):
            for at, past in (("hour", "minute"), ("end", "endminute")):
                if match.group(at):
                    found |= _minutes(int(match.group(at)), int(match.group(past) or 0), None)
        for match in _BARE_HOUR.finditer(said):
            found |= _minutes(int(match.group("hour")), 0, None)
        for match in _LOOSELY.finditer(said):
            if match.group("noon") or match.group("midnight"):
                found.add(12 * 60 if match.group("noon") else 0)
            elif match.group("ish"):
                found |= _minutes(int(match.group("ish")), 0, None)
            else:
                found.add(int(match.group("hour")) * 60 + int(match.group("minute")))
        dotted = list(_DOTTED_CLOCK.finditer(said))
        for match in dotted:
            hour, minute = (g for g in match.groups() if g is not None)
            found |= _minutes(int(hour), int(minute), None)
        for match in _DOTTED_CLOCK_ANY.finditer(said) if dotted else ():
            found |= _minutes(int(match.group("hour")), int(match.group("minute")), None)
        for match in _SAID_RANGE.finditer(said):
            groups = match.groupdict()
            for end in ("hour", "end"):
                minute = "minute" if end == "hour" else "endminute"
                at = groups[end] or groups[f"{end}2"] or groups[f"{end}3"]
                past = groups[minute] or groups[f"{minute}2"] or "0"
                found |= _minutes(int(at), int(past), None)
    for match in (m for said in every for m in _RANGE_ABROAD.finditer(said)):
        for hour, minute in (("hour", "minute"), ("end", "endminute")):
            found |= _minutes(int(match.group(hour)), int(match.group(minute) or 0), None)
    for match in (m for said in every for m in _SAID_TIME.finditer(said)):
        if match.group("part"):
            hour = int(match.group("hour"))
            part = match.group("part").lower()
            offset = _PART_MINUTES.get(part) or int(part)  # "20 to 3": twenty minutes
            if match.group("side").lower() == "to":
                hour, offset = hour - 1, 60 - offset
            found |= _minutes(hour % 24, offset, None)
        elif said_hour := match.group("oclock") or match.group("part_of_day") or match.group("at"):
            found |= _minutes(int(said_hour), int(match.group("at_minute") or 0), None)
        elif match.group("oh_hour"):
            found |= _minutes(int(match.group("oh_hour")), int(match.group("oh_minute")), None)
        else:
            found |= _minutes(int(match.group("h")), int(match.group("m")), None)
    return frozenset(found)


def said_roughly(summary: str, surface: str) -> bool:
    """Whether `summary` says `surface` as roughly that ("~8:50am", "about $116", "3pm or
    so")."""
    at = summary.find(surface)
    return at >= 0 and bool(
        _HEDGED_BEFORE.search(summary[max(0, at - 30) : at])
        or _HEDGED_AFTER.match(summary[at + len(surface) :])
    )


def _events(text: str) -> frozenset[int]:
    """The times of day the records give for events: their messages' stamps left out."""
    return times_given(without_stamps(text))


def check_clock_times(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Times of day in `summary` ("until 5pm", "the 5:30 kick-off") that no record gives."""
    said = clock_times(summary)
    if not said:
        return []
    given = times_given(source.text)
    # A time the summary states itself is accounted for: no rival to another of its times.
    own = {minute for _, readings in said for minute in readings}
    found = []
    for surface, readings in said:
        if readings & given or (
            said_roughly(summary, surface)
            and any(abs(m - g) <= _HEDGE_MINUTES for m in readings for g in given)
        ):
            continue
        fact = UnsupportedFact("date", surface, "no record gives this time of day")
        if not given:
            fact = fact.unsure("the records give no time of day")
        elif (
            source.unlabelled
            and time_rival(readings, _events(source.text) - own) is None
            and slot_rival(surface, summary, source.text, clock_times) is None
        ):
            # "nineteen oh five", "half seven": a conversation no label sums up says its
            # times in forms the checker may not read; only a near time of an event (no
            # message's stamp) it may misstate makes this a finding.
            fact = fact.unsure(NO_RIVAL)
        found.append(fact)
    return found
