"""Readings since the twelfth blind round (docs/gate.md): a dash after "none", an aside that
promises, a day named by its number alone, a request to split what is owed, a plan under
way, ", promising ...", the mood at the last contact, a fault cleared, a follow-up check
call, and a model describing its own orders.

Histories and sentences are written for these tests, not taken from the golden set, the
generator, the phrase bank or the candidate sets.
"""

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
# A customer asking to pay in parts, still waiting.
SPLIT = (
    record(
        0,
        "chat",
        "Customer: I can't pay the whole $310.40 this month, can we split it. Agent: logged "
        "under PA-5120, first instalment confirmation expected by 03/09.",
        "pending_customer",
        "negative",
    ),
    record(
        8, "agent", "cx chasing PA-5120, nobody got back; still with the team", "WIP", "frustrated"
    ),
)
# A Wi-Fi fault still open after the visit was booked.
FAULT = (
    record(
        0,
        "agent",
        "Wi-Fi drops hourly; remote reset done, technician visit booked for 03/06 under TS-8812",
        "OC PENDING",
        "neutral",
    ),
    record(
        6,
        "chat",
        "Customer: still not fixed. Agent: TS-8812 still open, note added.",
        "open",
        "frustrated",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The dash after "none" starts what it explains; the credit is not denied.
        ("Open items: none \u2013 tier 2 credited the $58.75.", False),
        ("Open items: none; tier 2 did not credit the $58.75.", True),
        # An aside that promises is a statement of its own, out of the denial's reach.
        (
            "She disputed a $58.75 charge for a service she did not order (billing review "
            "callback promised by Mar 4).",
            False,
        ),
        ("She disputed the $58.75 charge, and the billing review callback was made.", True),
        # ", promising ..." ends the clause before it: its denial is still read.
        (
            "The agent kept BD-2290 at the front line rather than escalating it, promising a "
            "supervisor callback.",
            True,
        ),
        ("The agent escalated BD-2290 to tier 2, promising a supervisor callback.", False),
    ],
)
def test_asides_dashes_and_promising(summary: str, wrong: bool) -> None:
    found = categories_of(summary, DISPUTED)
    assert bool(found & {"action_polarity", "status"}) is wrong


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
        # Asking to split what is owed asks for a payment plan; a refund nobody spoke of.
        ("Payment arrangement for the $310.40 still pending.", False),
        ("A refund of the $310.40 is still pending.", True),
        # A plan under way agrees with a record that only asks for it.
        ("The $310.40 is being paid in instalments; PA-5120 is still open.", False),
    ],
)
def test_a_plan_asked_for_and_under_way(summary: str, wrong: bool) -> None:
    found = categories_of(summary, SPLIT)
    assert bool(found & {"promise", "status"}) is wrong


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("A technician visit was booked for Mar 6; TS-8812 is still open.", set()),
        (
            "A technician visit was booked for Mar 6, which has since taken place and cleared "
            "the fault.",
            {"status"},
        ),
        (
            "TS-8812 is still open, with a follow-up check call scheduled for next week.",
            {"promise"},
        ),
        (
            "I'm a summariser told to write one short paragraph. TS-8812 is still open.",
            {"injection"},
        ),
    ],
)
def test_a_fault_cleared_a_check_call_and_a_model_on_its_orders(
    summary: str, expected: set[str]
) -> None:
    assert categories_of(summary, FAULT) & {"status", "promise", "injection"} == expected
