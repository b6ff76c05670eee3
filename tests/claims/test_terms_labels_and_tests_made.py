"""Terms, labels, tests made and money on its way, read as what they are:

- "New expiry: 31/10/2026" ends a term: no step still to come, while "booked for
  31/10/2026" still sets one;
- "3-5 bank days" is a span of waiting, as "3-5 business days" is;
- "the latch failed the weekly check" tells the check made; "payment failed" still denies
  the payment;
- "marked the quote declined" sets a label; "the claim was declined" still denies it;
- "the refund was pending on her card" tells the refund sent and its posting to come;
- a town the records write that is also a given name the summary writes for a person
  ("Graham" the manager) is no town the summary dropped.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import chat, findings_of
from oci_testing.wild_reports import wild_report

from service.claims import read_clause
from service.claims.awaiting import sets_step_to_come, spans_of

SENT = date(2026, 5, 2)


@given(st.integers(1, 12), st.integers(1, 28), st.sampled_from(["New expiry:", "valid until"]))
def test_a_terms_end_is_no_step_to_come(month: int, day: int, words: str) -> None:
    later = date(2026 + ((month, day) <= (SENT.month, SENT.day)), month, day)
    said = f"Your voucher has been extended. {words} {later:%d/%m/%Y}."
    assert not sets_step_to_come(read_clause(said), SENT)


def test_a_booking_on_a_later_day_is_still_a_step_to_come() -> None:
    assert sets_step_to_come(read_clause("Collection booked for 31/10/2026."), SENT)


@pytest.mark.parametrize("kind", ["bank", "banking", "business", "working", "bus."])
def test_a_span_of_bank_days_is_a_span(kind: str) -> None:
    assert spans_of(f"Expect it in 3-5 {kind} days.") == {("3", "5")}


@pytest.mark.parametrize(
    ("said", "denied"),
    [
        ("the latch failed the weekly check on 9 May", set()),
        ("Latch failed check 9/5", set()),
        ("he failed the inspection", set()),
        ("the payment failed", {"payment"}),
        ("marked the quote declined", set()),
        ("ticket marked cancelled", set()),
        ("the claim was declined", {"claim"}),
    ],
)
def test_tests_made_and_labels_set_deny_nothing(said: str, denied: set[str]) -> None:
    assert set(read_clause(said).negated) == denied


PERMIT_CHAT = chat(
    "westsidepermits: I've refunded the $18.00 pass to your card (ref RFD-5120), and I've "
    "sent a cancellation request for the ticket to the City.",
    "Customer: thanks!",
)


def test_money_pending_on_a_card_was_sent() -> None:
    said = "The $18 pass refund was pending on her card."
    assert findings_of(said, PERMIT_CHAT, "status") == ([], [])


@pytest.mark.parametrize(
    "said", ["The $18 pass refund is pending.", "The $18 pass is still to be refunded."]
)
def test_a_refund_told_still_to_be_made_is_still_contradicted(said: str) -> None:
    assert findings_of(said, PERMIT_CHAT, "status")[0] != []


@pytest.mark.parametrize(
    ("conversation", "style"),
    [
        ("wild-bv1-004", "human_dataset"),
        ("wild-bv1-021", "human_dataset"),
        ("wild-bv1-024", "human_agent"),
        ("wild-bv2-011", "human_dataset"),
        ("wild-bv2-011", "llm_bullets"),
        ("wild-bv4-008", "human_dataset"),
        ("wild-bv4-012", "llm_prose"),
    ],
)
def test_faithful_wild_summaries_of_these_readings_pass(conversation: str, style: str) -> None:
    report = wild_report(conversation, "faithful", style)
    assert report.findings == ()
    assert not report.open_items or report.open_items_stated


def test_a_town_swapped_beside_a_person_named_alike_is_still_named() -> None:
    """The caller Linda is no rival town; the swap of the flight's Phoenix for Tucson is
    still found."""
    report = wild_report("wild-ac2-024", "entity_swap")
    assert [f.category for f in report.findings] == ["entity"]
    assert "Linda" not in report.findings[0].reason
