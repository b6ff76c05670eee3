"""Readings since the twelfth blind round (docs/gate.md): a dash after "none", an aside that
promises, a day named by its number alone, a request to split what is owed, a plan under
way, ", promising ...", the mood at the last contact, a fault cleared, a follow-up check
call, and a model describing its own orders; and since the thirteenth: a matter settled in
other words ("taken off", "approved it", "signed off on", an e-mail "answered", a refund),
a service "came back", a lead-in label, shorthand, a day before a noun, a credit "to be
reviewed" and a callback's target.

Histories and sentences are written for these tests, not taken from the golden set, the
generator, the phrase bank or the candidate sets.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

from service.models import Interaction

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
    assert bool(found & {"negated_action", "status"}) is wrong


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


# Round 13. A disputed activation fee still waiting on a reply; a phone with no dial tone;
# a credit to be looked at after a visit.
FEE = (
    record(
        0,
        "agent",
        "Customer disputes a $42.00 activation fee on the TV package; the rep said it would be "
        "waived. Dispute BD-7781 filed, review 5-7 business days.",
        "dispute_filed",
        "negative",
    ),
    record(
        4,
        "email",
        "Customer e-mail: 'Any news on BD-7781? Please confirm when the fee comes off.'",
        "awaiting_reply",
        "frustrated",
    ),
)
NO_TONE = (
    record(
        0, "chat", "No dial tone on the home phone; gateway restarted remotely.", "ts", "frustrated"
    ),
    record(
        1,
        "agent",
        "Still no dial tone. Signal in spec; devices moved to 5 GHz. Wifi drops at night too.",
        "troubleshooting",
        "frustrated",
    ),
)
VISIT = (
    record(
        0,
        "agent",
        "Escalated to tier 2: packet loss confirmed. Tech visit on 03/09. Customer wants a credit "
        "for lost days; review after the visit.",
        "tech_dispatched",
        "angry",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("BD-7781 was filed on Mar 2 and is awaiting review.", False),
        # A contact about the matter is nothing done about it.
        ("The customer e-mailed on Mar 6.", False),
        # Settled in other words while the records wait.
        ("BD-7781 was filed; the fee has since been taken off.", True),
        ("Billing came back and approved it.", True),
        ("The supervisor has signed off on it.", True),
        ("Her Mar 6 e-mail about the fee has been answered.", True),
        ("The $42.00 fee has been refunded.", True),
    ],
)
def test_a_matter_settled_in_other_words(summary: str, wrong: bool) -> None:
    assert ("status" in categories_of(summary, FEE)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The gateway was restarted remotely; there is still no dial tone.", False),
        ("After the 5 GHz switch the dial tone came back.", True),
        ("The 5 GHz switch sorted out the drops.", True),
    ],
)
def test_a_service_said_back(summary: str, wrong: bool) -> None:
    assert ("status" in categories_of(summary, NO_TONE)) is wrong


@pytest.mark.parametrize(
    ("summary", "history", "category", "wrong"),
    [
        # A lead-in label and CRM shorthand name nothing new.
        ("Bottom line: BD-7781 is still open.", FEE, "entity", False),
        ("Cx disputes the $42.00 fee on the TV pkg; BD-7781 open.", FEE, "entity", False),
        # A day and the noun after it are no count.
        ("On Mar 6 the charges were still on the bill.", FEE, "count", False),
        ("She was billed for 3 extra charges.", FEE, "count", True),
        # A credit to be reviewed is not promised; one said promised is.
        ("Tech visit Mar 9; lost-days credit to be reviewed afterwards.", VISIT, "promise", False),
        ("Tech visit Mar 9; a lost-days credit was promised.", VISIT, "promise", True),
        # A callback's target is when it is due, not that it was made.
        (
            "BD-2290 went to tier 2 with a supervisor callback target of Mar 12.",
            DISPUTED,
            "negated_action",
            False,
        ),
        (
            "BD-2290 went to tier 2 and the supervisor callback was made.",
            DISPUTED,
            "negated_action",
            True,
        ),
    ],
)
def test_labels_shorthand_counts_and_targets(
    summary: str, history: tuple[Interaction, ...], category: str, wrong: bool
) -> None:
    assert (category in categories_of(summary, history)) is wrong
