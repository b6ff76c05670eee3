"""Times of day: "until 5pm", "before the 5:30 kick-off", "fascia otto dodici".

A summary's time of day is a figure a record must give. Both sides are read in minutes
after midnight (with no am or pm written, either half of the day), whatever the wording;
a transcript's spoken figures and another language's number words are read in digits
first. Where the records give no time at all, the summary's may have been said in words
the checker cannot read: the finding is an abstention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.foreign_numbers import foreign_numbers_as_digits
from service.claims.rivals import NO_RIVAL, time_rival
from service.claims.slots import slot_rival
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.spoken import spoken_as_digits
from service.claims.stamps import without_stamps
from service.claims.tables import pattern
from service.claims.text import mostly_other_script, sentences

_CLOCK = pattern("clock_time")
_RANGE_START = pattern("clock_range_start")
_SAID_TIME = pattern("said_time")
_SAID_RANGE = pattern("clock_range_said")
_RANGE_ABROAD = pattern("clock_range_other_languages")
_JOINED_ABROAD = pattern("clock_joined_in_other_languages")
_HOUR_MARK = pattern("hour_mark")
_AFTER_ITS_WORD = pattern("clock_after_its_word")
_CASE_ENDING = pattern("clock_with_a_case_ending")
_WINDOW_AFTER_ITS_WORD = pattern("window_after_its_word")
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
_HEDGED_BEFORE = pattern("hedged_time")
_HEDGED_AFTER = pattern("hedged_after")
# How far a time said as roughly that ("~8:50am") may be from the one the records give.
_HEDGE_MINUTES = 15
_DAY = 24  # hours
_HOUR = 60  # minutes
_TOLD_AT = pattern("event_time_told_at")


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
        for match in (
            *_HOUR_MARK.finditer(said),
            *_JOINED_ABROAD.finditer(said),
            *_CASE_ENDING.finditer(said),
        ):
            found |= _minutes(int(match.group("hour")), int(match.group("minute") or 0), None)
        for match in (
            *_WINDOW_AFTER_DATE.finditer(said),
            *_BEFORE_ITS_DAY.finditer(said),
            *_WINDOW_AFTER_ITS_WORD.finditer(said),
        ):
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
        elif match.group("half_hour"):
            found |= _minutes(int(match.group("half_hour")), 30, None)
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


# How far from a record's time a summary's time on the hour may be, rounded to it: only
# a message's or a call's time, which its stamp gives ("the 3pm kick-off" is no message).
_ROUNDED_MINUTES = 10
_MESSAGE_TOLD = pattern("message_told")


def _sentence_of(summary: str, surface: str) -> str:
    return next((s for s in sentences(summary) if surface in s), summary)


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
        if (
            all(m % 60 == 0 for m in readings)
            and _MESSAGE_TOLD.search(_sentence_of(summary, surface)) is not None
            and any(abs(m - g) <= _ROUNDED_MINUTES for m in readings for g in given)
        ):
            continue  # "QR SMS sent 2pm" of an SMS stamped 14:05: told to its hour
        fact = UnsupportedFact("date", surface, "no record gives this time of day")
        if not given:
            fact = fact.unsure("the records give no time of day")
        elif (
            all(m % 60 == 0 for m in readings)
            and _TOLD_AT.search(summary, 0, max(0, summary.find(surface)))
            and any(0 < g - m < _HOUR for m in readings for g in _events(source.text))
        ):
            # "charged at 2am" of a record's "02:14": the hour an event's time falls in,
            # told short. Not a time set ("before the 3pm kick-off", "by 23:00"), nor a
            # message's stamp, which times no event a summary tells.
            fact = fact.unsure("a record's time falls in this hour")
        elif (
            source.unlabelled
            and time_rival(readings, _events(source.text) - own) is None
            and slot_rival(surface, summary, source.text, clock_times) is None
        ):
            # "nineteen oh five", "half seven": a conversation no label sums up says its
            # times in forms the checker may not read; only a near time of an event (no
            # message's stamp) it may misstate makes this a finding.
            fact = fact.unsure(NO_RIVAL)
        elif source.unlabelled and mostly_other_script(source.text, figures=True):
            # "بين الساعة 2 و4 الفجر" (between 2 and 4 at dawn): a time said in words of
            # another script, beside stamps the checker reads.
            fact = fact.unsure("a record is in a script whose times the checker may not read")
        found.append(fact)
    return found
