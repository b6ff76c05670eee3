"""Ordinary things records and summaries write that the checker misread: a date with this
decade's year cut short, a refund that "may take up to 14 days", a district of a city, a
company's support team, and a compound that describes a language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, findings_of, record

from service.claims import check_summary
from service.claims.mentions import mentioned_dates
from service.claims.towns import one_within_the_other

WRAP_UP = (
    record(
        0,
        "agent",
        "Wrap-up | Issue: 2 parking fines on 11-02-26, Station Road, each £35. Raised "
        "cancellation of one as duplicate, ref CN-441. Approval 5-7 working days, SMS to follow.",
    ),
)


@given(st.integers(1, 28), st.integers(1, 12), st.integers(20, 29))
def test_a_dashed_date_with_a_short_year_is_a_day(day: int, month: int, year: int) -> None:
    written = f"fined on {day:02d}-{month:02d}-{year}, Station Road"
    assert any((month, day) in found for _, found in mentioned_dates(written))


def test_a_summary_day_a_short_dashed_year_gives_stands() -> None:
    told = "Two £35 fines from {} on Station Road; one raised for cancellation (CN-441)."
    found, _ = findings_of(told.format("11/2"), WRAP_UP, "date")
    assert not found
    found, _ = findings_of(told.format("12/2"), WRAP_UP, "date")
    assert found


REFUND_BY_TEXT = (
    record(
        0,
        "chat",
        "Customer: the lounge was closed, I want my 40 back\nAgent Kim: Sorry about that. "
        "I've refunded the 40 lounge fee now.",
    ),
    record(
        0,
        "sms",
        "Refund of $40.00 issued (ref RF-21). It may take up to 14 days to appear on your card.",
    ),
)


def test_a_refund_that_can_take_up_to_14_days_is_told_still_to_come() -> None:
    told = (
        "Kim refunded the $40 lounge fee (RF-21); an SMS followed saying it can take up to "
        "14 days to appear."
    )
    assert check_summary(told, REFUND_BY_TEXT, OPTIONS).open_items_stated
    silent = "Kim refunded the $40 lounge fee (RF-21); an SMS confirmed it."
    assert not check_summary(silent, REFUND_BY_TEXT, OPTIONS).open_items_stated


def test_a_district_is_no_rival_to_its_city() -> None:
    assert one_within_the_other("Tokyo", "Shinjuku")
    assert one_within_the_other("Shinjuku", "Tokyo")
    assert not one_within_the_other("Wigan", "Bolton")  # two towns side by side
    assert not one_within_the_other("Osaka", "Shinjuku")
    chat = (
        record(
            0,
            "chat",
            "Customer: my card got declined at the hotel in Shinjuku last night and now it's "
            "blocked\nAgent Priya: I've removed the block, please retry the pre-auth.",
        ),
    )
    found, _ = findings_of("Card blocked overnight at a hotel in Tokyo.", chat, "entity")
    assert not found
    found, _ = findings_of("Card blocked overnight at a hotel in Osaka.", chat, "entity")
    assert any("Shinjuku" in f.reason for f in found)


def test_a_companys_support_team_is_no_rival_to_its_name() -> None:
    email = (
        record(
            0,
            "email",
            "From: Harbourlight Player Support\nHi Dev, thanks for reporting the double charge "
            "of £49.99. We've refunded one charge today.\nHarbourlight Player Support",
        ),
    )
    told = "Dev emailed Harbourlight {} about a double £49.99 charge; one was refunded."
    found, _ = findings_of(told.format("Studios"), email, "entity")
    assert not found


def test_a_compound_describing_a_language_names_only_the_language() -> None:
    note = (record(0, "agent", "Caller chose option 2 (english). Asked about estimated bills."),)
    told = "Caller used the {} line about estimated bills."
    found, _ = findings_of(told.format("English-language"), note, "entity")
    assert not found
    found, _ = findings_of(told.format("Welsh-language"), note, "entity")
    assert found
