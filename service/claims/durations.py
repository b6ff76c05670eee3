"""Lengths of time: "within 3-5 working days", "a six-month plan", "48 hours".

A summary's window ("refund within 10 working days") is a figure a record must give. Both
sides are read in one measure, whatever the wording: a length in hours ("48 hours" and "2
days" are one length; a fortnight is 14 days; five working days are a week). A
transcript's spoken figures are read in digits first. Where the records give no length at
all, the summary's may have been worked out from the contacts' dates or said in words the
checker cannot read: the finding is an abstention. Times of day are `clock_times`'.
"""

from __future__ import annotations

from functools import lru_cache

from service.claims.clock_times import times_given
from service.claims.foreign_numbers import figures_given_abroad, foreign_numbers_as_digits
from service.claims.mentions import read_dates
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping, pattern
from service.claims.text import sentences

_LENGTH = pattern("length_of_time")
_UNIT_HOURS: dict[str, int] = mapping("unit_hours")
# The units a German compound ends in, longest first ("tagen" before "tage").
_COMPOUND_UNITS = sorted(
    ((name, hours) for name, hours in _UNIT_HOURS.items() if len(name) >= 4),
    key=lambda unit: -len(unit[0]),
)
_WINDOW_BEFORE = pattern("window_before")
_SPAN_AFTER = pattern("span_after")
_SPAN_FROM = pattern("span_from_a_date")


_SPAN_TOLD_ROUGHLY = pattern("span_told_roughly")
_MONTHS_SHORT = pattern("months_cut_short")
_DAYS_SHORT = pattern("days_cut_short")
_DAY_COUNTED = pattern("day_counted")
_ORDINALS: dict[str, int] = {**mapping("ordinals"), **mapping("teen_ordinals")}
_ONE_UNIT = pattern("one_unit_by_its_article")
_NUMBER_WORDS = mapping("duration_numbers")
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
        if _SPAN_FROM.match(summary, match.end()) and read_dates(
            next(iter(sentences(summary[match.end() :])), "")
        ):
            continue  # "three weeks after the warehouse got it on 2 April": from a date
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
