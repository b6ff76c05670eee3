"""ISO weeks as the report names them (`2026-W47`), Monday first, in UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_start(week: str) -> date:
    """The Monday of an ISO week.

    Raises:
        ValueError: `week` is not `YYYY-Www` or names no such week.
    """
    match = _WEEK.match(week)
    if match is None:
        raise ValueError(f"week must look like 2026-W47, got {week!r}")
    return date.fromisocalendar(int(match[1]), int(match[2]), 1)


def week_name(day: date) -> str:
    """The ISO week a day falls in, e.g. `2026-W47`."""
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def last_complete_week(now: datetime | None = None) -> str:
    """The latest ISO week that has fully ended (UTC); on a Monday, last week."""
    today = (now or datetime.now(UTC)).astimezone(UTC).date()
    return week_name(today - timedelta(days=today.isoweekday()))


def previous_week(week: str) -> str:
    """The ISO week before `week`."""
    return week_name(week_start(week) - timedelta(days=7))
