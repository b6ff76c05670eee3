"""Figures as writers in other regions set them: thousands grouped by no-break spaces,
Swiss apostrophes or repeated dots, CFA francs, a half more of a scale, French compound
numbers said apart, lists of days joined in other languages, working days cut short or in
Turkish, and call lengths in other languages' logs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from oci_testing.claim_histories import OPTIONS, categories_of, chat, questioned, record

from service.claims import check_summary
from service.claims.foreign_numbers import foreign_numbers_as_digits
from service.claims.mentions import mentioned_dates, money_amounts


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("CHF 1'234.50 due", "1234.50"),
        ("1\u202f234,56 € au total", "1234.56"),
        ("1\u00a0234,56 € au total", "1234.56"),
        ("liquidación ARS 6.240.000.", "6240000"),
        ("€1.234.567,89 pending", "1234567.89"),
        ("frais 45 000 FCFA", "45000"),
        ("Dhs 1,200 refunded", "1200"),
    ],
)
def test_thousands_grouped_by_any_mark_read_whole(written: str, value: str) -> None:
    assert Decimal(value) in money_amounts(written)


def test_a_date_with_dots_is_no_grouped_sum() -> None:
    assert Decimal("12052026") not in money_amounts("paid on 12.05.2026")


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("similar cars go for ten and a half grand", "10500"),
        ("about two and a half thousand euros", "2500"),
        ("loan of one and a half lakh", "150000"),
    ],
)
def test_a_half_more_of_a_scale_is_read(said: str, value: str) -> None:
    assert Decimal(value) in money_amounts(said)


def test_a_half_more_of_a_scale_supports_a_summary_sum() -> None:
    call = chat(
        "Customer: similar cars on the sites are going for ten and a half grand",
        "Agent: the valuation stays at €8,750, less the €300 excess",
    )
    assert "amount" not in categories_of("He says similar cars sell for ~€10.5k.", call)


@pytest.mark.parametrize(
    ("said", "figure"),
    [
        ("on a payé cent quatre vingt dirhams", "180"),
        ("cent quatre-vingts dirhams", "180"),
        ("quatre vingt dix euros", "90"),
        ("soixante dix sept", "77"),
        ("quatre vingt dix neuf", "99"),
        ("le train de dix huit heures", "18"),
    ],
)
def test_french_compounds_said_apart_are_one_figure(said: str, figure: str) -> None:
    assert figure in foreign_numbers_as_digits(said).split()


def test_cent_alone_is_no_french_hundred() -> None:
    assert foreign_numbers_as_digits("fifty cent each") == "fifty cent each"


def test_days_listed_with_another_languages_and_are_each_a_date() -> None:
    said = mentioned_dates("Pickup attempted 4, 5 aur 6 Feb")
    days = {day for _, readings in said for day in readings}
    assert {(2, 4), (2, 5), (2, 6)} <= days


@pytest.mark.parametrize(
    ("note", "summary"),
    [
        ("Remboursement provisoire sous 1 j ouvré.", "refund within one working day"),
        ("Please allow 7-10 iş günü for the refund.", "refund within 7-10 working days"),
    ],
)
def test_working_days_cut_short_or_in_turkish_support_a_window(note: str, summary: str) -> None:
    mail = (record(0, "email", f"{note}\nA second day of 3 hours is not it."),)
    assert not questioned(summary, mail, "date")


def test_a_call_length_in_a_turkish_log_is_no_time_of_an_event() -> None:
    call = (
        record(
            0,
            "agent",
            "UfukTV | otomatik transkript | süre 08:47\n"
            "A: kurye cuma 22 mayıs 09-18 arası gelecek\nC: tamam",
        ),
    )
    report = check_summary("Courier pickup booked 09:00-18:00.", call, OPTIONS)
    # No event's time in the records rivals the summary's: it may be theirs said otherwise.
    assert not [f for f in report.findings if "time of day" in f.reason]
    assert [f for f in report.abstentions if "time of day" in f.reason]


def test_a_credit_scheduled_for_a_day_is_not_stated_done() -> None:
    call = chat(
        "Agent: The April cashback is credited on the 15th of the following month, so you'll"
        " see it on 15 May.",
        "Customer: ok good",
    )
    assert not questioned("His cashback will be credited on 15 May.", call, "status")


def test_a_try_the_records_number_is_no_contact_they_lack() -> None:
    note = record(
        0,
        "agent",
        "cx tried top-up 3x, 1st + 2nd failed w/ declined, 3rd showed processing and was"
        " debited. only one debit on card.",
    )
    summary = "He tried three times and only the third attempt was charged."
    assert "count" not in categories_of(summary, (note,))
    # A try the records number otherwise is still a count they do not give.
    assert questioned("He tried five times; the fifth attempt was charged.", (note,), "count")


def test_a_slot_said_after_a_relative_day_supports_its_times() -> None:
    call = (
        record(
            0,
            "agent",
            "spk_0: technician visit kal schedule hai sir um\n"
            "spk_1: uh please kal pakka aana chahiye\n"
            "spk_0: yes sir definitely kal eleven to two",
        ),
    )
    assert not questioned("Technician promised for tomorrow, 11am–2pm.", call, "date")


def test_an_agents_initials_open_a_sentence_a_denial_does_not_reach() -> None:
    dm = chat(
        "Customer: parcel shows delivered but I never got it",
        "Agent: We've raised investigation INV-55012 with the hub. ^PK",
    )
    summary = "Shows delivered but not recd. ^PK raised INV-55012 on 16/2."
    assert "negated_action" not in categories_of(summary, dm)
