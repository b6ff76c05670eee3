"""Wordings a blind candidate set showed the checker misreading, each on a history written
for these tests (day 0 is Mar 2): no-data summaries in other words, a condition with
"once", "Open items: none", agents' shorthand, a lock left off, verifying as an act, "yet
to be", and "nothing since" against a later contact the customer started."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.models import Interaction


def _categories(text: str, history: tuple[Interaction, ...]) -> set[str]:
    return {f.category for f in check_summary(text, history, OPTIONS).findings}


def test_no_history_in_other_words_is_a_no_data_summary() -> None:
    text = (
        "There is no contact history for this customer in the last 90 days, so there is "
        "nothing to summarise. Today's IVR intent is misc; treat this as a first contact."
    )
    assert _categories(text, ()) == set()


def test_a_promise_beside_no_data_is_still_made_up() -> None:
    text = "No interactions were found. A courtesy callback has been booked for Mar 18."
    assert "promise" in _categories(text, ())


OUTAGE = (
    record(
        0,
        "agent",
        "No service, area outage confirmed. OUT-4410 linked; SMS update by 03/05.",
        "open",
        "neutral",
    ),
    record(5, "agent", "cx chasing, still down, still w/ team", "open", "frustrated"),
    record(7, "sms", "[IN 08:10] still no service, still waiting", "", "frustrated"),
)


def test_a_promise_kept_for_when_service_is_restored_is_a_condition() -> None:
    text = "Promised: an SMS update once service is restored, by 03/05. Still open; frustrated."
    assert _categories(text, OUTAGE) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The customer called on 03/07 and has sent nothing further since that call.",
        "Outage OUT-4410 confirmed on 03/02, SMS update due 03/05; cx chased on 03/07. "
        "No contact from cx since then.",
    ],
)
def test_nothing_since_against_a_text_the_customer_started_is_contradicted(text: str) -> None:
    assert "negated_action" in _categories(text, OUTAGE)


def test_nothing_since_the_last_contact_passes() -> None:
    text = "cx texted on 03/09 that there is still no service; no contact from cx since then."
    assert "negated_action" not in _categories(text, OUTAGE)


SETTLED = (
    record(0, "agent", "Charge of $52.50 disputed, dispute BD-1455 opnd.", "open", "negative"),
    record(3, "agent", "Dispute upheld, $52.50 credited, case closed.", "resolved", "positive"),
)


def test_open_items_none_over_a_settled_matter_passes() -> None:
    text = "**Issue:** a $52.50 charge, dispute BD-1455. **Resolution:** credited on 03/05. "
    assert _categories(text + "**Open items:** none.", SETTLED) == set()


def test_agents_shorthand_for_opened_is_an_act() -> None:
    text = "The customer questioned a $52.50 charge; the agent did not open a dispute."
    assert "negated_action" in _categories(text, SETTLED)


FRAUD = (
    record(
        0,
        "agent",
        "Verified acct by security question. Unrecognised purchases; FR-2210 opened, acct "
        "locked, note added for the fraud team.",
        "open",
        "angry",
    ),
    record(4, "email", "Fraud team confirmed the case is still open.", "open", "angry"),
)


@pytest.mark.parametrize(
    "text",
    [
        "Fraud case FR-2210 was opened, but the account was left unlocked.",
        "The agent could not verify the account; fraud case FR-2210 was opened.",
        "Fraud case FR-2210 was opened; a note for the fraud team has yet to be added.",
    ],
)
def test_a_lock_a_verification_or_a_note_denied_is_contradicted(text: str) -> None:
    assert "negated_action" in _categories(text, FRAUD)


def test_an_email_that_confirmed_a_status_reports_it() -> None:
    text = (
        "Identity verified; fraud case FR-2210 opened and the account locked on 03/02. "
        "An email on 03/06 confirmed the case is still open. The customer is angry."
    )
    assert _categories(text, FRAUD) == set()
