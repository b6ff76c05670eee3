"""Days a record names relative to its own ("the day after tomorrow", "Friday week", "next
week", "end of the month", "mid-March", "due on the 15th"): a summary that gives them as
dates is supported; a date none of them can mean still is not."""

from __future__ import annotations

from datetime import date

import pytest
from oci_testing.claim_histories import in_a_chat, questioned

from service.claims.relative_days import relative_dates

# The record is written on Monday 2 March 2026.
MONDAY = date(2026, 3, 2)


def _dated(note: str, summary: str) -> bool:
    """Whether the checker finds, or abstains on, a date of `summary` beside `note`."""
    return questioned(summary, in_a_chat(note), "date")


@pytest.mark.parametrize(
    ("note", "supported", "shifted"),
    [
        ("Agent: you'll get it the day after tomorrow.", "It arrives on 4 March.", "6 March"),
        ("Agent: it will arrive next Tuesday.", "It arrives on 10 March.", "12 March"),
        ("Agent: we'll call you Friday week.", "Callback on 13 March.", "11 March"),
        ("Agent: delivery next week.", "Delivery on 11 March.", "18 March"),
        ("Agent: delivery is end of the month.", "Delivery by 31 March.", "12 March"),
        ("Agent: expected mid-March.", "Expected around 15 March.", "25 March"),
        ("Agent: delivery in a fortnight.", "Delivery by 16 March.", "19 March"),
        ("Agent: your bill is due on the 15th.", "Bill due 15 March.", "17 March"),
    ],
)
def test_a_day_named_relative_to_the_record_is_a_date_it_gives(
    note: str, supported: str, shifted: str
) -> None:
    assert not _dated(note, supported)
    assert _dated(note, f"It arrives on {shifted}.")


def test_each_phrase_means_every_day_it_can() -> None:
    assert relative_dates("comes next Tuesday", MONDAY) == {date(2026, 3, 3), date(2026, 3, 10)}
    assert relative_dates("early next month", MONDAY) == {date(2026, 4, d) for d in range(1, 11)}
    assert relative_dates("mid-January", date(2026, 12, 20)) == {
        date(2027, 1, d) for d in range(10, 21)
    }
    assert relative_dates("see you next time, thanks", MONDAY) == set()


def test_a_day_of_the_week_no_record_gives_is_a_finding_beside_another() -> None:
    note = "Agent: a technician will come out on Thursday between 8 and 12."
    assert not _dated(note, "Technician booked for Thursday 8-12.")
    assert _dated(note, "Technician booked for Friday 8-12.")
    # A weekday a date the records give falls on is theirs too (2 March 2026 is a Monday).
    assert not _dated(note, "The customer chatted on Monday.")
