"""Whether the records hold a rival to a figure a summary states and no record gives.

In a labelled export a figure no record gives is a finding: the records are written in the
forms the checker reads. In a conversation no label sums up (a chat, a call transcript, a
DM thread, an e-mail chain) a figure the checker finds nowhere has two readings: the summary
made it up, or a record gives it in a form the checker does not read (a spoken "one forty
six eighty", "5M won", a date in another language). Only a *rival* tells them apart: a
figure of the same kind in the records, near enough to be the one the summary misstates
("£74.98" where the summary says "£47.98"; "3 June" where it says "5 June"). With a rival
the finding stands and says what the records give; with none it is an abstention.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from service.claims.mentions import digits

# How far apart two amounts may be and still be one figure misstated: as many digits with
# one or two changed or swapped, one digit more or less, or within a half of each other
# ("£540" for "£440").
_DIGITS_CHANGED = 2
_RATIO = Decimal("1.5")
# How many days apart a date the records write and the summary's may be and still be one
# date shifted ("Friday" for "Monday", "5 June" for "3 June").
_DAYS_SHIFTED = 10
_MONTHS_SHIFTED = 2
# How far apart a time the records give and the summary's may be and still be one time
# misstated ("5pm" for "3pm"; "9pm" for "9am" is half a day apart): a time further off is
# another moment's (the call's own start in a transcript's header, a shop's hours).
_MINUTES_SHIFTED = 180
_HALF_DAY = 720
_DAY = 1440
# How many times longer or shorter a length of time the records give may be and still be
# the one a summary's term misstates ("6 months" for "3 months", "a year" for "6 months");
# a length further off is another matter's ("within 14 days" beside a 12-month plan).
_LENGTH_RATIO = 4
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def edit_distance(left: str, right: str) -> int:
    """Levenshtein distance between two strings (insertions, deletions, substitutions)."""
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, 1):
        current = [i]
        for j, b in enumerate(right, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _figure(value: Decimal) -> str:
    # "74.98" and "7498" are the same figure to a reader: compare the digits written.
    return digits(format(value.normalize(), "f"))


def _digits_changed(said: str, given: str) -> bool:
    # "74.98" for "47.98", "9,800" for "8,900": digits changed or swapped in a figure of
    # the same length; "19.95" for "9.95", "1,500" for "500": one digit more or less.
    distance = edit_distance(said, given)
    return distance <= (_DIGITS_CHANGED if len(said) == len(given) else 1)


def _heard_apart(value: Decimal, record: Decimal) -> bool:
    # "two thousand one hundred forty eight dollars" read as 148: a transcript's figure
    # split at its thousands is the same figure, not a rival ("$2,148" against "148").
    return record < _THOUSAND <= value and (value - record) % _THOUSAND == 0


_THOUSAND = Decimal(1000)


def amount_rival(
    values: Iterable[Decimal], given: Iterable[Decimal], *, transcript: bool = False
) -> Decimal | None:
    """A record amount the summary's (`values`, one figure's readings) may misstate, or None.
    In a call `transcript` a figure may have been heard in pieces."""
    stated = [v for v in values if v > 0]
    for record in sorted(given):
        if record <= 0 or record in stated:
            continue
        for value in stated:
            if transcript and _heard_apart(value, record):
                continue
            if _figure(value) == _figure(record):
                continue  # "twenty one forty eight thirty seven" read as 214837: $2,148.37
            # A transcript's figures are read from words, some only in part ("eighteen
            # seventy" of "two thousand four hundred nine dollars"): a figure merely near one
            # of them says little there.
            near = not transcript and value / _RATIO <= record <= value * _RATIO
            if near or _digits_changed(_figure(value), _figure(record)):
                return record
    return None


def _day_of_year(month: int, day: int) -> int:
    return sum(_DAYS_IN[: month - 1]) + day


def date_rival(
    readings: Iterable[tuple[int, int]], written: Iterable[tuple[int, int]]
) -> tuple[int, int] | None:
    """A date the records give (written, or a contact's day) that the summary's
    (`readings`) may be shifted from."""
    stated = set(readings)
    for month, day in sorted(set(written) - stated):
        for said_month, said_day in stated:
            apart = abs(_day_of_year(month, day) - _day_of_year(said_month, said_day))
            # "5 June" for "3 June"; "30 October" for "30 November": a day or a month moved.
            months = min(abs(month - said_month), 12 - abs(month - said_month))
            if 0 < min(apart, 366 - apart) <= _DAYS_SHIFTED or (
                day == said_day and months <= _MONTHS_SHIFTED
            ):
                return month, day
    return None


def time_rival(readings: Iterable[int], given: Iterable[int]) -> int | None:
    """A time of day the records give (minutes after midnight) that the summary's
    (`readings`) may misstate: one it does not state, within three hours of one of its
    readings ("17:30" for "18:30") or the same time in the other half of the day ("9pm" for
    "9am")."""
    stated = set(readings)
    for minute in sorted(set(given) - stated):
        for said in stated:
            apart = abs(minute - said)
            apart = min(apart, _DAY - apart)
            if apart <= _MINUTES_SHIFTED or apart == _HALF_DAY:
                return minute
    return None


def length_rival(hours: int, given: Iterable[int]) -> int | None:
    """A length of time the records give (in hours) that a summary's term of `hours` may
    misstate: another length, at most a few times longer or shorter."""
    for other in sorted(set(given) - {hours}):
        if min(other, hours) > 0 and max(other, hours) <= _LENGTH_RATIO * min(other, hours):
            return other
    return None


def code_rival(code: str, given: Iterable[str]) -> str | None:
    """A code or long number in the records that `code` may misstate (a digit or two
    changed, swapped or dropped), or None."""
    wanted = code.lower()
    for known in given:
        other = known.lower()
        if other and other != wanted and edit_distance(wanted, other) <= _DIGITS_CHANGED:
            return known
    return None


# Why a figure no record gives, with no rival in the records, is an abstention.
NO_RIVAL = (
    "no record gives a figure it may misstate: a record may give it in words the checker"
    " does not read"
)
