"""Booked slots: two times of day joined as a window ("8am-12pm", "13:00-17:00").

A summary that books the visit for "12pm-4pm" where the records' slot is "8am-12pm" moved
the slot, though one of its times is a record's: over a conversation no label sums up, a
time no record gives needs a near rival to be a finding, and a slot of the same length the
records give is that rival.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

from service.claims.tables import pattern

# How a text's times of day are read: each surface with its readings in minutes.
ClockTimes = Callable[[str], list[tuple[str, set[int]]]]

_SLOT = pattern("slot_of_two_times")


def slots(text: str, clock_times: ClockTimes) -> list[tuple[str, frozenset[tuple[int, int]]]]:
    """Each slot `text` writes: its surface and the (start, end) minutes it may be."""
    found = []
    for match in _SLOT.finditer(text):
        start, end = clock_times(match.group("start")), clock_times(match.group("end"))
        if not (start and end):
            continue
        ends = frozenset(
            (a, b) for a, b in product(start[0][1], end[0][1]) if 0 < b - a <= _LONGEST
        )
        if ends:
            found.append((match.group(0), ends))
    return found


# A slot is part of a day: twelve hours at most.
_LONGEST = 12 * 60


def slot_rival(surface: str, summary: str, records: str, clock_times: ClockTimes) -> str | None:
    """The records' slot of the same length as the summary's slot that holds the time
    `surface`, which the summary's slot is not: the slot it may have moved."""
    given = slots(records, clock_times)
    for said, ends in slots(summary, clock_times):
        if surface not in said:
            continue
        lengths = {b - a for a, b in ends}
        for written, theirs in given:
            if not theirs & ends and {b - a for a, b in theirs} & lengths:
                return written
    return None
