"""Sums, lengths of time and stays as records abroad write them: a code or a name after the
figure ("1 234,56 kr", "250 lei", "約300円"), a unit in Dutch, Swedish, Indonesian or
German shorthand ("2 arbetsdagar", "4 Std."), a single span in working days, and a stay's
last day given only as its first day and a number of nights."""

from __future__ import annotations

from decimal import Decimal

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.durations import lengths_given
from service.claims.mentions import priced_amounts


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1 234,56 kr", "1234.56"),
        ("zł 49,99", "49.99"),
        ("(1 206,40 zl)", "1206.40"),
        ("3.500 Kč", "3500.00"),
        ("250 lei", "250.00"),
        ("150 TL", "150.00"),
        ("MAD 300", "300.00"),
        ("CLP 45.000", "45000.00"),
        ("ZiG 2 340,00", "2340.00"),
        ("月額約300円の見込み", "300.00"),
    ],
)
def test_a_sum_with_its_currency_after_or_before_is_read(written: str, value: str) -> None:
    assert Decimal(value) in priced_amounts(written)


@pytest.mark.parametrize("words", ["sent to TL, answer due", "tried 3 times", "6 ft tall"])
def test_words_that_only_look_like_a_currency_hold_no_sum(words: str) -> None:
    assert priced_amounts(words) == set()


@pytest.mark.parametrize(
    ("written", "hours"),
    [
        ("svar inom 2 arbetsdagar", 48),
        ("syns inom 3–5 bankdagar", 120),
        ("binnen 3 werkdagen", 72),
        ("Entstörung innerhalb 4 Std.", 4),
        ("dalam 2 hari kerja", 48),
    ],
)
def test_a_length_in_another_language_is_read(written: str, hours: int) -> None:
    assert hours in lengths_given(written)


def test_a_length_the_record_gives_in_swedish_supports_the_summarys() -> None:
    history = (
        record(
            0,
            "chat",
            "Agent: I've sent it to my team lead. You'll get an answer here within 2 arbetsdagar.",
        ),
    )
    report = check_summary("A reply is due within 2 working days.", history, OPTIONS)
    assert not [f for f in report.findings + report.abstentions if f.category == "date"]


def test_a_stays_last_day_is_its_first_day_and_its_nights() -> None:
    history = (
        record(0, "ivr", "Booking GMA77341 validated (Glenmara Aviemore, arr 13/02/26, 2 nts)"),
        record(0, "agent", "Agent refunded the first night, £189, to the card."),
    )

    def dates(summary: str) -> list[str]:
        report = check_summary(summary, history, OPTIONS)
        return [f.claim for f in report.findings + report.abstentions if f.category == "date"]

    assert dates("Douglas – Aviemore 13–15 Feb, first night refunded.") == []
    # A stay whose last day is moved is still questioned.
    assert dates("Douglas – Aviemore 13–16 Feb, first night refunded.")


def test_a_sentence_that_writes_both_days_gives_its_own_last_day() -> None:
    history = (record(0, "chat", "Agent: your booking is 14 to 16 Feb, 2 nights deluxe."),)
    report = check_summary("Two nights booked (16-18 Feb).", history, OPTIONS)
    assert [f for f in report.findings + report.abstentions if f.category == "date"]
