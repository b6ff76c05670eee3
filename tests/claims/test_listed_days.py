"""Days listed under one month ("8, 11 and 13 Aug", "Mar 2, 5 and 8") are each a date, and a
day number after a month ("Mar 5 agent call") is a date, not a count. Histories written for
these tests (three contacts on Mar 2, 5 and 8)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.mentions import MONTHS, mentioned_dates

HISTORY = (
    record(0, "chat", "Customer: the TV picture freezes. Agent restarted the gateway.", "open"),
    record(3, "agent", "Picture freezes again. Signal in spec; moved devices to 5 GHz.", "open"),
    record(6, "email", "Customer wrote that the picture still freezes every evening.", "open"),
)


def _categories(summary: str) -> set[str]:
    return {f.category for f in check_summary(summary, HISTORY, OPTIONS).findings}


def test_a_count_dated_by_days_listed_under_one_month_passes() -> None:
    assert _categories("The customer has been in touch three times (2, 5 and 8 Mar).") == set()
    assert _categories("Contacted us three times (Mar 2, 5 and 8) about the picture.") == set()


def test_a_wrong_count_over_listed_days_is_still_caught() -> None:
    assert "count" in _categories("The customer has been in touch four times (2, 5 and 8 Mar).")


def test_a_listed_day_with_no_contact_is_caught() -> None:
    # Contacts on Mar 2, 8 and 9: the listed Mar 5 has none (the last day, Mar 9, has one).
    later = (HISTORY[0], HISTORY[1].model_copy(update={"timestamp": HISTORY[2].timestamp}))
    later += (HISTORY[2].model_copy(update={"timestamp": OPTIONS.as_of.replace(day=9)}),)
    summary = "The customer has been in touch three times (2, 5 and 9 Mar)."
    found = {f.category for f in check_summary(summary, later, OPTIONS).findings}
    assert found & {"date", "count"}
    assert not check_summary(summary.replace("5", "8"), later, OPTIONS).findings


def test_a_day_number_after_a_month_is_not_a_count_of_calls() -> None:
    summary = "Contacts: 3 (Mar 2 chat, Mar 5 agent call, Mar 8 email). Still open."
    assert _categories(summary) == set()


def test_a_count_after_a_listed_day_is_not_read_as_a_day() -> None:
    # "Mar 2 and 3 emails": three e-mails, not a contact on Mar 3.
    assert mentioned_dates("on Mar 2 and 3 emails") == [("Mar 2", {(3, 2)})]


@given(
    month=st.integers(1, 12),
    days=st.lists(st.integers(1, 28), min_size=2, max_size=5, unique=True),
    month_first=st.booleans(),
)
def test_every_listed_day_is_read_with_the_shared_month(
    month: int, days: list[int], month_first: bool
) -> None:
    name = MONTHS[month - 1].capitalize()
    listed = ", ".join(str(day) for day in days[:-1]) + f" and {days[-1]}"
    text = f"on {name} {listed} the customer called" if month_first else f"on {listed} {name}"
    readings = {reading for _, found in mentioned_dates(text) for reading in found}
    assert readings == {(month, day) for day in days}
