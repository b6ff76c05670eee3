"""Dates, times, amounts and counts as real exports write them, in English and in other
languages: a record that gives a figure in its own form supports the summary's figure in
another, and the same record still holds a shifted one to account.

Each case checks both sides, so a reader that read nothing, or everything, would fail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.clock_times import clock_times, times_given
from service.claims.mentions import money_amounts, read_dates
from service.claims.sources import read_source
from service.claims.spoken import spoken_values
from service.models import Interaction


def _dates_given(notes: str) -> frozenset[tuple[int, int]]:
    return read_source([record(0, "chat", f"hello {notes} ok")], None).dates


@pytest.mark.parametrize(
    ("written", "month", "day"),
    [
        ("el 28 de marzo", 3, 28),
        ("em 28 de março", 3, 28),
        ("am 28. März", 3, 28),
        ("do 23. dubna", 4, 23),
        ("28. maaliskuuta", 3, 28),
        ("28 мая", 5, 28),
        ("15 listopada", 11, 15),
        ("Thursday 23.4. 8:00-12:00", 4, 23),
        ("Sent: 07-03-2026 11:02", 3, 7),
        ("booked 2026/03/12", 3, 12),
        ("予約は3月28日です", 3, 28),
        ("3월 28일 방문", 3, 28),
        ("moved to the 15th", 3, 15),
        # A flight number before the month is no day of it.
        ("(flight was BP 1182 Feb 10)", 2, 10),
    ],
)
def test_a_record_gives_a_date_in_its_own_form(written: str, month: int, day: int) -> None:
    given = _dates_given(written)
    assert (month, day) in given
    # A day nothing names stays unsupported.
    assert (month, day + 1 if day < 28 else day - 3) not in given


@given(day=st.integers(1, 28), month=st.integers(1, 12))
def test_a_dotted_day_before_a_month_in_another_language_is_that_day(day: int, month: int) -> None:
    czech = [
        "ledna", "února", "března", "dubna", "května", "června",
        "července", "srpna", "září", "října", "listopadu", "prosince",
    ]  # fmt: skip
    assert read_dates(f"do {day}. {czech[month - 1]}") == (
        (f"{day}. {czech[month - 1]}", frozenset({(month, day)})),
    )


def test_a_dotted_figure_before_an_english_month_is_no_date() -> None:
    # "$12. March bill": an amount ending a sentence, then a month's name.
    assert not any((3, 12) in found for _, found in read_dates("paid $12. March bill next"))


def test_hours_said_in_a_transcript_support_the_summarys_clock_time() -> None:
    assert {9 * 60, 21 * 60} <= times_given("and i reached at nine in the morning")
    assert 11 * 60 in times_given("the crew was due at eight they came at eleven no call")
    assert 9 * 60 in times_given("I'll pick it up tomorrow at 9, can't get there today")
    # An hour followed by a unit is a figure, not a time.
    assert not times_given("they said at 11 euros it was fine")


def test_a_date_before_a_half_day_is_no_clock_time() -> None:
    assert clock_times("Rebooked Fri 6/3 AM (8-12)") == []
    assert [surface for surface, _ in clock_times("visit 8am-1pm")] == ["8am", "1pm"]


def test_lakhs_and_crores_said_are_read_whole() -> None:
    assert Decimal(285000) in spoken_values("refund two lakh eighty five thousand rupees")
    assert Decimal(120000) in spoken_values("it is uh one lakh twenty thousand")
    assert Decimal(20000000) in spoken_values("a limit of two crore")


def test_rand_with_spaced_thousands_is_one_amount() -> None:
    given = money_amounts("rental at R 2 127,50 instead of R 1 850,00.")
    assert {Decimal("2127.50"), Decimal("1850.00")} <= given


def _count_finding(summary: str, history: tuple[Interaction, ...]) -> bool:
    report = check_summary(summary, history, OPTIONS)
    return any(f.category == "count" for f in report.findings)


@pytest.mark.parametrize(
    "said",
    ["Har ringet 2 gange og sidder i kø", "ya llamé 2 veces y nada", "Cx called 2x today"],
)
def test_a_count_of_tries_in_any_language_supports_the_summary(said: str) -> None:
    history = (record(0, "chat", f"Customer: {said}.\nAgent: sorry, checking now."),)
    assert not _count_finding("The customer had called twice before.", history)
    assert _count_finding("The customer had called five times before.", history)


# A booking told in Portuguese: the day, the window and the technician in its own words.
BOOKING = (
    record(
        0,
        "agent",
        "Cx ligou de novo, sem internet.\n- Marcada visita técnica: qui 05/03, 14h-18h."
        "\n- Técnico verifica fibra na caixa do prédio.",
    ),
)


def _promise_findings(summary: str) -> list[str]:
    report = check_summary(summary, BOOKING, OPTIONS)
    return [f.reason for f in report.findings if f.category == "promise"]


def test_a_weekday_and_time_the_records_give_in_their_own_form_are_no_detail_of_its_own() -> None:
    # "Thu" beside 05/03 (which the record dates "qui"), "2pm-6pm" for "14h-18h".
    assert _promise_findings("A technician was booked for Thu 5 March, 2pm-6pm.") == []


def test_a_day_and_time_no_record_gives_still_bind_an_invented_promise() -> None:
    assert _promise_findings("A technician was booked for Mon 9 March at 7pm.") != []


def test_days_listed_after_one_in_a_transcript_are_each_given() -> None:
    given = _dates_given("AGENT: I see attempts on the seventeenth eighteenth and nineteenth")
    assert {(3, 17), (3, 18), (3, 19)} <= given
    assert (3, 20) not in given


def test_a_time_said_with_a_spoken_zero_is_read() -> None:
    assert 19 * 60 + 5 in times_given("hold is done for thursday twenty fourth nineteen oh five")
    assert 19 * 60 + 5 not in times_given("a total of nineteen items and five boxes")


def test_a_window_of_hours_after_a_day_gives_both_ends() -> None:
    given = times_given("redelivery fri 3/6 am (8-12) confirmed")
    assert {8 * 60, 12 * 60} <= given
    # A range of days after a date is no window of hours.
    assert not times_given("refund on 12/3, 5-10 days to show")
