"""Calendar facts in a summary: dates, days of the week and deadlines the records do not
support.

A date must be one a record writes, a contact's own day (or one either side), a day the
records name ("on Friday", "next week") or the end of a duration they give; the last
supports only a date told as when something is due ("by about the 27th"), not the day
something happened. In a conversation no label sums up, a date with no rival in the records
(a date a few days or a month away) is an abstention: they may give it in words the
checker does not read.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from service.claims.mentions import SLASH_DATE, mentioned_dates, names_a_contact, parse_count
from service.claims.rivals import NO_RIVAL, date_rival
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.tables import pattern
from service.claims.text import mostly_other_script, sentences
from service.claims.weekdays import named_weekdays


def check_dates(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Dates in `summary` that no record supports."""
    found = []
    dates = mentioned_dates(summary)
    # As for amounts: a record date the summary states itself is no rival to another.
    own = {reading for _, readings in dates for reading in readings}
    stay_ends = _stay_ends(source.text)
    for surface, readings in dates:
        supported = readings & source.dates
        if supported and not (supported <= source.due_only and not _told_as_due(summary, surface)):
            continue
        if readings & stay_ends:
            continue  # "Aviemore 13–15 Feb" of "arr 13/02/26, 2 nts"
        if _written_as_in_records(surface, source.text):
            continue  # "gave a 4/5 rating" of "Rating: 4/5": whatever it is, a record has it
        if _part_of_a_whole_in_records(surface, source.text):
            continue  # "Instalment 2/3" of "your instalment (2 of 3)": one of a series
        fact = UnsupportedFact("date", surface, "date matches no contact and no date in the notes")
        if source.unlabelled and date_rival(readings, source.dates - own) is None:
            fact = fact.unsure(NO_RIVAL)
        elif source.unlabelled and mostly_other_script(source.text, figures=True):
            # "لحد اتنين مارس" (till 2 March): a date said in words of another script.
            fact = fact.unsure("a record is in a script whose dates the checker may not read")
        found.append(fact)
    return found


def _written_as_in_records(surface: str, text: str) -> bool:
    """Whether a record writes a summary's figure of digits as it stands ("4/5", "12.05"):
    the records hold it, whether they mean a date by it or not."""
    figure = surface.strip().lower()
    if not any(c.isdigit() for c in figure) or figure.isdigit():
        return False
    return re.search(rf"(?<![\w/.-]){re.escape(figure)}(?![\w/]|[.-]\d)", text) is not None


def _part_of_a_whole_in_records(surface: str, text: str) -> bool:
    """Whether a summary's slashed figure ("2/3") is a part of a whole a record writes in
    words ("instalment 2 of 3", "3 out of 5 parcels"): the records' count, no date."""
    slashed = SLASH_DATE.fullmatch(surface.strip())
    if slashed is None or " of " not in text:
        return False
    return any(
        (told.group("part"), told.group("whole")) == slashed.group(1, 2)
        for told in _PART_OF_WHOLE.finditer(text)
    )


_PART_OF_WHOLE = pattern("part_of_whole")
_STAY = pattern("stay_length")
_NIGHTS = pattern("nights")
# Only (month, day) pairs are compared; a leap year keeps 29 February.
_ANY_LEAP_YEAR = 2024


@lru_cache(maxsize=1024)
def _stay_ends(text: str) -> frozenset[tuple[int, int]]:
    """The last days of the stays the records give by their first day and a number of
    nights in one sentence ("arr 13/02/26, 2 nts" ends on 15 February); a sentence that
    gives two dates ("14 to 16 Feb, 2 nights") writes its last day itself."""
    ends: set[tuple[int, int]] = set()
    if _NIGHTS.search(text) is None:
        return frozenset()  # most histories give no stay: no sentence need be read
    for sentence in sentences(text):
        stays = [parse_count(match.group("n")) for match in _STAY.finditer(sentence)]
        dates = mentioned_dates(sentence) if stays else []
        if len(dates) != 1:
            continue
        for month, day in dates[0][1]:
            try:
                start = date(_ANY_LEAP_YEAR, month, day)
            except ValueError:
                continue
            ends |= {((start + timedelta(n)).month, (start + timedelta(n)).day) for n in stays}
    return frozenset(ends)


@lru_cache(maxsize=1024)
def _weekdays_named(text: str) -> frozenset[int]:
    """The days of the week the records' text names (remembered per history)."""
    return frozenset(weekday for _, weekday in named_weekdays(text))


@lru_cache(maxsize=1024)
def _weekdays_given(source: SourceFacts) -> frozenset[int]:
    """The days of the week the records name, or that a date they support falls on
    (remembered per history: every summary naming a weekday asks)."""
    given = set(_weekdays_named(source.text))
    for month, day in source.dates:
        for contact in source.contacted_on:
            # The year nearest the contact: "05/01" in a December note is next January.
            year = contact.year + (month < contact.month - 6) - (month > contact.month + 6)
            try:
                given.add(date(year, month, day).weekday())
            except ValueError:
                continue  # 29 February in a year without one
    return frozenset(given)


def read_record_stays(source: SourceFacts) -> None:
    """Read the stays the records give while the model writes (remembered per text)."""
    _stay_ends(source.text)


def forget_weekdays_given() -> None:
    """Forget the weekdays and stays read so far, as a worker that has read no history."""
    _weekdays_given.cache_clear()
    _weekdays_named.cache_clear()
    _stay_ends.cache_clear()


def check_weekdays(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Days of the week ("technician Friday 8-12") on which no date the records support
    falls and which no record names: another weekday a record names is its rival."""
    said = named_weekdays(summary)
    if not said or not source.contacted_on:
        return []
    given = _weekdays_given(source)
    named = _weekdays_named(source.text)
    found = []
    for surface, weekday in said:
        if weekday in given:
            continue
        fact = UnsupportedFact("date", surface, "no record names this day or a date on it")
        found.append(fact if named - {weekday} else fact.unsure(NO_RIVAL))
    return found


def request_dated(text: str, source: SourceFacts) -> list[str]:
    """Dates in `text` that only the request's own date supports (no record sets them)."""
    return [
        surface
        for surface, readings in mentioned_dates(text)
        if (supported := readings & source.dates) and supported <= source.request_days
    ]


_DEADLINE_BEFORE = pattern("deadline_before")


def _told_as_due(text: str, surface: str) -> bool:
    """Whether a date is told as when something is due or expected ("by about the 27th",
    "should arrive around 25 May"), which a duration the records give may set."""
    start = text.find(surface)
    return _DUE_TOLD_BEFORE.search(text[max(0, start - 32) : start]) is not None


_DUE_TOLD_BEFORE = pattern("due_told_before")


def undated_deadlines(text: str, source: SourceFacts) -> list[str]:
    """Deadlines in `text` ("by Apr 13") that no record sets.

    A deadline must be a date the notes write or the end of a duration they give; the day
    of a contact is not one, so a promised date moved onto (or next to) a contact's day is
    still caught.
    """
    found = []
    for surface, readings in mentioned_dates(text):
        start = text.find(surface)
        if _DEADLINE_BEFORE.search(text[max(0, start - 24) : start]) is None:
            continue
        if names_a_contact(text, start + len(surface)):
            continue
        if not readings & source.deadlines:
            found.append(surface)
    return found
