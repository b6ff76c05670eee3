"""A field of a labelled briefing ("Mood: resigned") tells the mood or the status in the
writer's own words: not filler, even when no record uses those words."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary

HISTORY = (record(0, "chat", "Customer asked for a refund of a $30 order. Agent lodged a claim."),)
FACTS = "Claim lodged for the $30 order refund."


@pytest.mark.parametrize(
    "field", ["Mood: weary, polite thanks at the end.", "**Customer mood:** weary but polite."]
)
def test_a_labelled_mood_field_is_not_filler(field: str) -> None:
    report = check_summary(f"{FACTS}\n{field}", HISTORY, OPTIONS)
    assert "filler" not in report.by_category()


def test_an_unlabelled_sentence_of_nothing_is_still_filler() -> None:
    padding = "Overall the customer has had a number of interactions with the team."
    report = check_summary(f"{FACTS} {padding}", HISTORY, OPTIONS)
    assert "filler" in report.by_category()


def test_what_happens_on_a_condition_is_not_filler() -> None:
    promise = "We call him if denied again."
    assert "filler" not in check_summary(f"{FACTS} {promise}", HISTORY, OPTIONS).by_category()


def test_a_contact_the_customer_numbers_is_not_filler() -> None:
    call = record(
        0, "agent", "CUSTOMER: this is the third time i'm calling this week about my data"
    )
    report = check_summary("Customer says this is his third call this week.", (call,), OPTIONS)
    assert not report.findings
