"""Days, times and sums as conversations say them: a weekday for a date, a time given as
roughly that, a window after "slot", a day with no month after "on", sums a transcript
runs together, a code spelt out letter by letter. Each is support for the summary that
writes it out, and a different figure is still one no record gives."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record, unsupported_of

from service.claims import check_summary
from service.claims.clock_times import times_given
from service.claims.mentions import mentioned_dates
from service.claims.spoken import spoken_as_digits, spoken_values
from service.claims.weekdays import weekday_dates

# Tuesday 3 March 2026: "friday" was 27 February, "monday" is 9 March.
WEEKDAYS = (
    record(
        1,
        "chat",
        "Customer: on friday I got a parking ticket even though the permit was moved. "
        "Agent: the permit is valid from today and the inspector calls you monday.",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Ticket issued Fri 27/2 despite the permit move.", False),
        ("The inspector calls on 9 March.", False),
        ("Ticket issued on 25 February.", True),
        ("The inspector calls on 12 March.", True),
    ],
)
def test_a_weekday_a_record_names_is_a_date_near_it(summary: str, wrong: bool) -> None:
    found = [text for text, _ in unsupported_of(summary, WEEKDAYS)]
    assert bool(found) is wrong


@given(
    written=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    name=st.sampled_from(["Monday", "mardi", "Mittwoch", "torsdag", "viernes", "Sat", "zondag"]),
)
def test_a_named_weekday_gives_only_that_weekday_within_a_week(written: date, name: str) -> None:
    days = weekday_dates(f"we come {name} to fix it", written)
    assert len({day.weekday() for day in days}) == 1
    assert 2 <= len(days) <= 3
    assert all(abs(day - written) <= timedelta(days=7) for day in days)


def test_a_lower_case_sat_or_sun_is_no_weekday() -> None:
    assert weekday_dates("I sat in the sun all day", date(2026, 3, 3)) == set()


@pytest.mark.parametrize(
    ("text", "month_day"),
    [("Ihr Termin: Mittwoch, 8. April 2026", (4, 8)), ("nicht vor 7. April, bitte", (4, 7))],
)
def test_a_day_with_a_full_stop_before_an_english_month_is_a_date(
    text: str, month_day: tuple[int, int]
) -> None:
    assert month_day in {r for _, found in mentioned_dates(text) for r in found}


@pytest.mark.parametrize("text", ["paid $12. March bill next", "total $20.00.\nOct 5 call"])
def test_a_figure_before_a_month_is_no_day_of_it(text: str) -> None:
    readings = {r for _, found in mentioned_dates(text) for r in found}
    assert (3, 12) not in readings and (10, 0) not in readings


SENT = (record(0, "chat", "Agent: I see the $2,400.00 transfer sent at 8:52 this morning."),)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Transfer sent ~8:50am, held for review.", False),
        ("Transfer sent around 9am, held for review.", False),
        ("Transfer sent 8:45ish, held for review.", False),
        ("Transfer sent 8:50am, held for review.", True),
        ("Transfer sent around 9:30am, held for review.", True),
    ],
)
def test_a_time_said_as_roughly_that_meets_one_near_it(summary: str, wrong: bool) -> None:
    found = [text for text, _ in unsupported_of(summary, SENT) if "am" in text or ":" in text]
    assert bool(found) is wrong


def test_a_window_after_slot_gives_both_ends() -> None:
    assert {8 * 60, 12 * 60} <= times_given("Assessor booked: Tue 14/04, AM slot 8-12.")


def test_a_day_after_on_with_no_the_is_a_day_of_the_contacts_month() -> None:
    history = (record(8, "chat", "Customer: Rs 32,400 deducted from my card on 7th."),)
    assert unsupported_of("Rs 32,400 taken from the card on 7 March.", history) == []
    assert unsupported_of("Rs 32,400 taken from the card on 17 March.", history)


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("your payment goes from twenty one forty eight thirty seven", "2148.37"),
        ("to twenty four oh nine twelve starting in july", "2409.12"),
        ("to twenty four oh nine starting in july", "2409"),
        ("one lakh eighty five thousand", "185000"),
    ],
)
def test_a_sum_said_in_pairs_of_figures_is_read_whole(said: str, value: str) -> None:
    assert Decimal(value) in spoken_values(said)


def test_a_second_figure_of_the_same_size_starts_a_new_sum() -> None:
    said = "normally it is two thousand one hundred two thousand two hundred maximum"
    assert spoken_as_digits(said) == "normally it is 2100 2200 maximum"
    assert spoken_as_digits("eight thousand nine hundred and twelve") == "8912"


def test_a_code_spelt_letter_by_letter_keeps_its_letter_a() -> None:
    assert spoken_as_digits("it's p h a seven seven zero four one") == "it's p h a 7 7 0 4 1"
    assert spoken_as_digits("a hundred and eighty pounds") == "180 pounds"
    history = (record(0, "agent", "spk_1: the order is p h a seven seven zero four one"),)
    report = check_summary("Order PHA77041: both codes were already redeemed.", history, OPTIONS)
    assert not [f for f in report.findings if "PHA77041" in f.reason]


def test_an_amount_in_thousands_names_nothing() -> None:
    history = (
        record(
            0, "chat", "Riaan: the automated limit increase from R25 000 to R40 000 was declined."
        ),
    )
    report = check_summary("Her limit increase (R25k to R40k) was declined.", history, OPTIONS)
    assert not [f for f in report.findings if "appears in no record" in f.reason]


def test_an_hour_said_before_a_speaker_label_is_a_time() -> None:
    assert 10 * 60 in times_given("A: ich hätt einen termin um zehn\nK: passt")
    assert 11 * 60 not in times_given("they paid at 11 k for the car")
