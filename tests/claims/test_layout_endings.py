"""How a laid-out summary ends and starts: a labelled mood or a heading and its value end
it, as a hurried note's last fragment that tells the mood does; a lead-in sentence is
layout."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import CLOSED_LATER, ROUTER, categories_of

from service.claims.layout import cut_off


def test_a_list_ending_on_a_labelled_mood_is_not_cut_off() -> None:
    summary = (
        "**Summary**\n- **Contacts:** two calls.\n- **Latest:** callback still awaited.\n"
        "- **Sentiment:** frustrated"
    )
    assert "truncated" not in categories_of(summary, ROUTER)


def test_a_lead_in_sentence_is_layout() -> None:
    summary = (
        "Here is a summary of the customer's recent history. The customer reported hourly "
        "router drops; an engineer is booked for Mar 12. They are angry."
    )
    assert categories_of(summary, ROUTER) == set()


def test_a_heading_and_its_value_on_lines_of_their_own_end_the_summary() -> None:
    summary = "**Status**\nRefund issued; case closed.\n\n**Sentiment**\nSatisfied"
    assert "truncated" not in categories_of(summary, CLOSED_LATER)
    assert "truncated" in categories_of(summary[:-4], CLOSED_LATER)


@pytest.mark.parametrize(
    "note",
    [
        "refund 5 days after pickup. offered a coupon, declined. ok by end",
        "feedback logged vs the restaurant. cx friendly",
        "credit already in wallet. accepted reluctantly, still annoyed",
        "released 29.9, 3-5 WT to show. case closed, she's happy",
    ],
)
def test_a_hurried_note_that_ends_on_the_customers_mood_is_not_cut_off(note: str) -> None:
    assert not cut_off(note)


@pytest.mark.parametrize(
    "cut",
    [
        "Refund approved and the customer was",
        "The agent said it would be ok and then",
        "Collection still outstanding. Cx annoyed about wast",
        "Asked customer to test. Customer: working fine",
        "Still open, nothing settled yet. Sentiment moved from neutral",
    ],
)
def test_a_sentence_cut_before_or_after_a_mood_is_still_cut_off(cut: str) -> None:
    assert cut_off(cut)
