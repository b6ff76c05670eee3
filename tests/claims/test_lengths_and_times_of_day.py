"""Lengths of time and times of day: a window or a time a summary states must be one a
record gives, in whatever unit or form either side writes it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import in_a_chat, questioned, record, unsupported_of

from service.models import Interaction

UNITS_IN_HOURS = {"hours": 1, "days": 24, "weeks": 168}


REFUND = (
    record(
        0,
        "chat",
        "Agent: the refund takes 3-5 working days to reach the card. The courier comes "
        "tomorrow between 2 and 6pm. We will call you within 48 hours.",
    ),
)
SPOKEN = (
    record(
        0,
        "agent",
        "agent: you should see it in five to seven business days caller: and the engineer "
        "agent: he comes at half past three",
    ),
)


@pytest.mark.parametrize(
    ("summary", "history", "wrong"),
    [
        ("The refund takes 3-5 working days.", REFUND, False),
        ("The refund takes 3-5 weeks.", REFUND, True),
        ("The refund should land within 1-2 working days.", REFUND, True),
        ("A callback is due within 2 days.", REFUND, False),
        ("A callback is due within 12 hours.", REFUND, True),
        ("The courier comes between 2pm and 6 pm.", REFUND, False),
        ("The courier comes by 3pm.", REFUND, True),
        ("The money arrives within 5-7 business days.", SPOKEN, False),
        ("The money arrives within a week.", SPOKEN, False),
        ("The money arrives within 10 business days.", SPOKEN, True),
        ("The engineer comes at 3:30pm.", SPOKEN, False),
        ("The engineer comes at 15:30.", SPOKEN, False),
        ("The engineer comes at 4:30pm.", SPOKEN, True),
    ],
)
def test_a_window_or_a_time_is_held_to_the_records(
    summary: str, history: tuple[Interaction, ...], wrong: bool
) -> None:
    assert any(certain for _, certain in unsupported_of(summary, history, kind="date")) is wrong


@pytest.mark.parametrize(
    "summary",
    [
        "The customer has been without service for six hours.",
        "Her 9-year-old son made the purchases.",
        "They called 3 times in 2 days.",
        "The fault was first reported 4 days ago.",
    ],
)
def test_a_span_or_an_age_is_no_window(summary: str) -> None:
    assert unsupported_of(summary, REFUND, kind="date") == []


def test_a_window_over_records_that_give_none_is_an_abstention() -> None:
    quiet = (record(0, "chat", "Customer asked about the refund. Agent looked into it."),)
    assert unsupported_of("The refund takes up to 10 working days.", quiet, kind="date") == [
        ("10 working days", False)
    ]


@given(
    st.integers(min_value=1, max_value=30),
    st.sampled_from(sorted(UNITS_IN_HOURS)),
    st.sampled_from(sorted(UNITS_IN_HOURS)),
)
def test_one_length_in_another_unit_is_the_same_length(count: int, unit: str, other: str) -> None:
    hours = count * UNITS_IN_HOURS[unit]
    if hours % UNITS_IN_HOURS[other]:
        return  # not a whole number of the other unit
    history = (record(0, "chat", f"Agent: it will be done within {count} {unit}."),)
    said = f"It will be done within {hours // UNITS_IN_HOURS[other]} {other}."
    assert unsupported_of(said, history, kind="date") == []


@pytest.mark.parametrize(
    ("note", "summary", "shifted"),
    [
        ("Agent: the engineer comes at 3.30pm.", "Engineer at 3:30 pm.", "Engineer at 4:30 pm."),
        ("Agent: the engineer comes at 1530 hrs.", "Engineer at 3:30pm.", "Engineer at 5:30pm."),
        ("Agent: the engineer comes at noon.", "Engineer at 12pm.", "Engineer at 2pm."),
        ("Agent: we close at midnight.", "Closes at 12am.", "Closes at 11pm."),
        ("Agent: the slot is 8-12.", "Slot 8:00-12:00.", "Slot 9:00-13:00."),
        ("Agent: we'll call at 10ish.", "Call around 10am.", "Call at 3pm."),
        # A transcript's spoken time after a spoken date: the pair before "p m" is the time.
        (
            "AGENT: the trip was saturday march seven ten twenty p m",
            "Trip Sat 7/3 10:20pm.",
            "Trip Sat 7/3 10:40pm.",
        ),
        # An hour told with the part of the day it fell in.
        (
            "CUSTOMER: i topped up at like eleven last night",
            "Topped up at about 11pm.",
            "Topped up at about 8pm.",
        ),
        # A slot said aloud: "thirty and eight" is two times, not thirty-eight.
        (
            "AGENT: same time drop off between seven thirty and eight",
            "Drop-off 7:30–8am.",
            "Drop-off 7:30–9am.",
        ),
        # A dotted time after a hedge ("until almost 9.30").
        (
            "Customer: match stuck from 8.45 until almost 9.30, missed 2 goals",
            "The match froze from about 8:45 to 9:30pm.",
            "The match froze from about 8:45 to 10:30pm.",
        ),
        # An Indonesian hour: "jam 9 sampai jam 5".
        (
            "AGENT: kurir saya jadwalkan hari jumat antara jam sembilan sampai jam lima sore",
            "Courier pickup between 9am and 5pm.",
            "Courier pickup between 9am and 6pm.",
        ),
    ],
)
def test_a_time_a_record_gives_loosely_is_a_time_it_gives(
    note: str, summary: str, shifted: str
) -> None:
    assert not questioned(summary, in_a_chat(note), "date")
    assert questioned(shifted, in_a_chat(note), "date")


def test_a_length_written_in_japanese_supports_the_summarys() -> None:
    note = "エンジニアチームにチケットで連絡しました。3〜5営業日以内に復元される予定です。"
    assert not questioned("Restored within 3-5 business days.", in_a_chat(note), "date")
    assert questioned("Restored within 7-10 business days.", in_a_chat(note), "date")
