"""How a laid-out summary ends and starts: a labelled mood or a heading and its value end
it; a lead-in sentence is layout."""

from __future__ import annotations

from oci_testing.claim_histories import CLOSED_LATER, ROUTER, categories_of


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
