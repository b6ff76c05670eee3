"""Dates that look plausible but no record gives: a promise's deadline moved onto another
day, and the day a matter was "first raised" moved off the earliest contact.

Sentences are written for these tests, not taken from the golden set or the phrase bank.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import BILLING, OPTIONS

from service.claims import check_summary

# BILLING: contacts on March 2, 3 and 5; the notes schedule a technician for March 10.


def findings(summary: str) -> set[str]:
    return {finding.category for finding in check_summary(summary, BILLING, OPTIONS).findings}


MOVED_DEADLINES = (
    "Billing owes the customer an answer on the dispute by March 5.",  # a contact's day
    "A technician is booked and due by March 9.",  # next to the noted date
    "The customer was promised the technician no later than March 12.",
    "Technician expected before 3/8.",
)


@pytest.mark.parametrize("sentence", MOVED_DEADLINES)
def test_a_deadline_no_record_sets_is_a_wrong_date(sentence: str) -> None:
    summary = f"Disputed $45 late fee, still under review. {sentence}"
    assert "date" in findings(summary), sentence


KEPT_DEADLINES = (
    "A technician is due by March 10.",
    "The customer was promised a technician by 10 March.",
    # Not a deadline ahead: something that had happened by then.
    "By March 3 the $45 refund had gone back to the card.",
)


@pytest.mark.parametrize("sentence", KEPT_DEADLINES)
def test_a_deadline_the_records_set_or_a_past_date_is_no_finding(sentence: str) -> None:
    summary = f"The $45 late fee dispute is still under review. {sentence}"
    assert findings(summary) == set(), sentence


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("Late fee dispute, first raised March 2.", False),
        ("Late fee dispute, first raised on 2 March.", False),
        ("Late fee dispute, first reported March 5.", True),
        ("Late fee dispute, first raised on March 9.", True),
    ],
)
def test_first_raised_is_the_earliest_contact(sentence: str, wrong: bool) -> None:
    summary = f"{sentence} The dispute is still under review with billing."
    assert ("date" in findings(summary)) is wrong, sentence


@settings(max_examples=40, deadline=None)
@given(day=st.sampled_from([1, 4, 6, 7, 8, 9, 11, 12, 13]))
def test_only_the_noted_day_is_a_kept_deadline(day: int) -> None:
    """A technician "due by March <day>" is right only for the day the notes give."""
    summary = f"The $45 late fee dispute is still under review. A technician is due by March {day}."
    assert "date" in findings(summary)
