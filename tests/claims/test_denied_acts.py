"""An act the records show, told as not done: nobody called back, a lock, a verification
or a note denied."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import FRAUD_LOCKED, OPTIONS, categories_of, record

from service.claims import check_summary

# A callback that did happen: saying nobody called denies it.
CALLED_BACK = (
    record(0, "agent", "Bill too high. Callback promised by Mar 3.", "open", "negative"),
    record(
        1,
        "agent",
        "Called the customer back: explained the pro-rated charge.",
        "resolved",
        "neutral",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("A callback was promised for Mar 3 and the agent called back on Mar 3.", False),
        ("A callback was promised for Mar 3, but nobody called.", True),
        ("A callback was promised for Mar 3; no one ever got back to them.", True),
    ],
)
def test_nobody_called_denies_a_callback_the_records_show(summary: str, wrong: bool) -> None:
    assert ("negated_action" in categories_of(summary, CALLED_BACK)) is wrong


@pytest.mark.parametrize(
    "text",
    [
        "Fraud case FR-2210 was opened, but the account was left unlocked.",
        "The agent could not verify the account; fraud case FR-2210 was opened.",
        "Fraud case FR-2210 was opened; a note for the fraud team has yet to be added.",
    ],
)
def test_a_lock_a_verification_or_a_note_denied_is_contradicted(text: str) -> None:
    assert "negated_action" in categories_of(text, FRAUD_LOCKED)


# A promo missing on the bill, applied on the call.
PROMO = (
    record(
        0,
        "agent",
        "Cx says promo discount missing on bill. Promo tag applied to the account today, "
        "credit on next bill.",
        "promo_applied",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The agent found the promo tag had not been applied to his account.", False),
        ("The promo tag was not applied to his account.", True),
        ("The agent found the promo tag still had not been applied.", True),
        # A denial nobody found is held to the records.
        ("He paid, though the promo tag had not been applied to his account.", True),
    ],
)
def test_how_the_agent_found_things_is_no_denial_of_what_came_after(
    summary: str, wrong: bool
) -> None:
    found = check_summary(summary, PROMO, OPTIONS).findings
    assert any(f.category == "negated_action" for f in found) is wrong
