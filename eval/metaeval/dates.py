"""Calendar dates in summaries: where they are, how they are written, and writing another
date (or the same date) in a given style.

Recognition reuses `service.claims.mentions`' patterns, so a date this module writes is a date
the rest of the harness reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from service.claims import DAY_MONTH, ISO_DATE, MONTH_DAY, SLASH_DATE, month_number

Order = Literal["month_day", "day_month", "slash", "iso"]
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FULL_NAMES = frozenset(name.lower() for name in MONTH_NAMES) - {"may"}
_ORDINAL = re.compile(r"\d(st|nd|rd|th)\b")


@dataclass(frozen=True)
class DateStyle:
    """How a date is written: "Aug 06", "August 6th", "6 Aug", "8/6", "2025-08-06"."""

    order: Order
    full_month: bool = False
    zero_pad: bool = False
    ordinal: bool = False
    month_dot: bool = False  # "Aug. 6"


@dataclass(frozen=True)
class DateMention:
    """One date written in a text: where, as what, and in which style."""

    start: int
    end: int
    surface: str
    month: int
    day: int
    style: DateStyle
    ambiguous: bool  # a slash date that reads both as month/day and day/month
    in_range: bool  # "Sep 14-17": the start of a range (moving it alone breaks the range)
    # "Sep 14-17", "Aug 25, 8-12": a number follows, so the month must stay in front
    # ("14 August 8-12" would read as August 8).
    number_after: bool


def find_dates(text: str) -> list[DateMention]:
    """Every month-name, ISO and slash date in `text`, in order, without overlaps."""
    found: list[DateMention] = []

    def add(match: re.Match[str], month: int, day: int, style: DateStyle, amb: bool) -> None:
        if any(m.start < match.end() and match.start() < m.end for m in found):
            return
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return
        after = text[match.end() :]
        ranged = bool(re.match(r"\s?[-–]\s?\d", after))
        numbered = ranged or bool(re.match(r",?\s\d", after))
        found.append(
            DateMention(
                match.start(), match.end(), match.group(0), month, day, style, amb, ranged, numbered
            )
        )

    for match in ISO_DATE.finditer(text):
        add(match, int(match.group(1)), int(match.group(2)), DateStyle("iso"), False)
    for match in MONTH_DAY.finditer(text):
        name, day = match.group(1), match.group(2)
        add(match, month_number(name), int(day), _style("month_day", name, day, match), False)
    for match in DAY_MONTH.finditer(text):
        name, day = match.group(2), match.group(1)
        add(match, month_number(name), int(day), _style("day_month", name, day, match), False)
    for match in SLASH_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        ambiguous = first <= 12 and second <= 12 and first != second
        if first <= 12:  # written month/day, as the records here are (US style)
            zero = match.group(1).startswith("0") or match.group(2).startswith("0")
            add(match, first, second, DateStyle("slash", zero_pad=zero), ambiguous)
    return sorted(found, key=lambda mention: mention.start)


def _style(order: Order, name: str, day: str, match: re.Match[str]) -> DateStyle:
    surface = match.group(0)
    return DateStyle(
        order,
        full_month=name.lower() in _FULL_NAMES,
        zero_pad=day.startswith("0"),
        ordinal=bool(_ORDINAL.search(surface)),
        month_dot=name.endswith(".") or surface[surface.find(name) + len(name) :].startswith("."),
    )


def format_date(when: date, style: DateStyle) -> str:
    """`when` written in `style` (no year, except ISO)."""
    if style.order == "iso":
        return when.isoformat()
    if style.order == "slash":
        pad = "02d" if style.zero_pad else "d"
        return f"{when.month:{pad}}/{when.day:{pad}}"
    name = MONTH_NAMES[when.month - 1]
    if not style.full_month:
        name = name[:3] + ("." if style.month_dot else "")
    day = f"{when.day:02d}" if style.zero_pad else str(when.day)
    if style.ordinal:
        day = str(when.day) + _suffix(when.day)
    return f"{name} {day}" if style.order == "month_day" else f"{day} {name}"


def _suffix(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def calendar_date(month: int, day: int, as_of: date) -> date | None:
    """The (month, day) on or before about a month after `as_of`: summaries speak of the
    recent past and the near future. None for impossible days (Feb 30)."""
    for year in (as_of.year + 1, as_of.year, as_of.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= as_of + timedelta(days=45):
            return candidate
    return None


def summary_style(text: str) -> DateStyle:
    """The style of the first date in `text` ("Mon D" when it has none)."""
    mentions = [m for m in find_dates(text) if m.style.order != "iso"]
    return mentions[0].style if mentions else DateStyle("month_day")
