"""A mood told of a day or a contact ("on the 14th", "on that call", "at the last
contact") is held to that day's records."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

# A disputed charge: a callback promised and missed, tier 2, then upheld and closed.
# Days: 0 is Mar 2, 7 is Mar 9, 12 is Mar 14.
DISPUTED = (
    record(
        0,
        "email",
        "Customer disputes a $58.75 charge for a service she never ordered. Logged BD-2290; "
        "billing review callback promised by 03/04.",
        "REPLIED-OPEN",
        "neutral",
    ),
    record(
        7,
        "agent",
        "cx chasing BD-2290, CB missed; escalated to tier 2, supervisor callback by 03/12",
        "T2-ESC",
        "angry",
    ),
    record(12, "agent", "dispute upheld, $58.75 credited; BD-2290 closed", "Resolved", "satisfied"),
)

# A fraud claim waiting on a form, a callback that never came, and a store's SIM swap.
FRAUD = (
    record(
        0,
        "agent",
        "Customer reports a tablet ($412.30) ordered on the account that they never placed. "
        "Locked online access, opened fraud case FR-4471.",
        "fraud_case_opened",
        "angry",
    ),
    record(
        3, "email", "Fraud team needs a signed declaration for FR-4471 before any credit is issued."
    ),
    record(
        5,
        "agent",
        "Escalated FR-4471 to tier 2, callback promised within 48 hours. A SIM swap was done "
        "at a kiosk the cust never visited; reversed the swap.",
        "escalated",
        "frustrated",
    ),
    record(9, "ivr", "Customer chasing FR-4471: nobody called back.", "no_callback", "angry"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # "The 9th" is that day of the month: its mood is that day's.
        ("An angry call on the 9th, when BD-2290 went to tier 2.", False),
        ("A calm, pleased call on the 9th, when BD-2290 went to tier 2.", True),
        # The mood at the last contact is the newest one, told in the past or not.
        ("Her mood at the last contact was still angry.", True),
        ("Her mood at the last contact was satisfied.", False),
    ],
)
def test_moods_of_a_numbered_day_and_of_the_last_contact(summary: str, wrong: bool) -> None:
    assert ("sentiment" in categories_of(summary, DISPUTED)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # "That call" is the contact named last: its mood is that day's.
        ("On Mar 11 the customer chased FR-4471. They were angry on that call.", False),
        (
            "On Mar 11 the customer chased FR-4471. They were calm and content after that call.",
            True,
        ),
    ],
)
def test_a_mood_on_that_call_is_of_the_call_named_before(summary: str, wrong: bool) -> None:
    assert ("sentiment" in categories_of(summary, FRAUD)) is wrong
