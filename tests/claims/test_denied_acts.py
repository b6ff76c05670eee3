"""An act the records show, told as not done: nobody called back, a lock, a verification
or a note denied."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import FRAUD_LOCKED, categories_of, record

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
