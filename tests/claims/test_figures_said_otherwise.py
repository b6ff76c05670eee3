"""Figures as conversations say them beyond digits and English: an hour "around two or
three", thousands in "420 mil pesos" or "50rb", hours and days in Hindi and Urdu written in
Latin letters ("3 ghante", "2 din"); and a figure of digits a record writes as the summary
does ("Rating: 4/5") is the records' whatever they mean by it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import chat, findings_of, record

from service.claims.clock_times import times_given
from service.claims.mentions import money_amounts

CALL = (
    record(
        0,
        "agent",
        "RECEPTION: no food after midnight, she'll be with us for the day, the vet will ring"
        " you after the procedure usually around two or three to say when to collect",
    ),
)


@pytest.mark.parametrize("said", ["2pm", "3pm", "2-3pm"])
def test_an_hour_said_or_the_next_is_a_time_the_records_give(said: str) -> None:
    found, unsure = findings_of(f"Vet to ring after the op around {said}.", CALL, "date")
    assert found == [] and unsure == []


def test_an_hour_or_the_next_before_a_unit_is_no_time() -> None:
    assert 180 not in times_given("it takes around 2 or 3 days")
    assert {120, 180} <= times_given("at 2 or 3 to say when to collect")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("like 420 mil pesos", Decimal("420000")),
        ("so i lose 120 mil. great", Decimal("120000")),
        ("ongkir 15rb ya kak", Decimal("15000")),
        ("kostet 3 tausend", Decimal("3000")),
    ],
)
def test_thousands_said_in_other_languages_are_read(text: str, value: Decimal) -> None:
    assert value in money_amounts(text)


BUS = chat(
    "@SafarExpress Multan se Lahore 7:30 wali bus 3 ghante late aur phir CANCEL!!",
    "SafarExpress: sorry, refund 2 din mein aa jayega",
)


def test_hours_and_days_in_hindi_and_urdu_are_lengths_of_time() -> None:
    found, unsure = findings_of("Bus 3 hours late; refund within 2 days.", BUS, "date")
    assert found == [] and unsure == []
    found, _ = findings_of("Bus 3 hours late; refund within 4 days.", BUS, "date")
    assert [f.claim for f in found] != []


RATED = chat("Agent: anything else?", "Customer: no thanks", "[21:27] Chat closed. Rating: 4/5")


def test_a_figure_written_as_a_record_writes_it_is_the_records() -> None:
    found, unsure = findings_of("She closed the chat and gave a 4/5 rating.", RATED, "date")
    assert found == [] and unsure == []


@given(st.integers(13, 28), st.integers(6, 12))
def test_a_date_written_as_no_record_writes_it_is_still_held(day: int, month: int) -> None:
    # The records write 4/5 only, in March: a day past the 12th of a month from June on can
    # be read no other way, is no contact's day, and is written nowhere.
    history = chat("Agent: your refund was sent on 4/5.", "Customer: ok")
    found, unsure = findings_of(f"Refund sent on {day}/{month}.", history, "date")
    assert found != [] or unsure != []
