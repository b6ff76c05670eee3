"""Where a matter stands, in other words: settled ("taken off", "approved it", a fault
"cleared", a service "came back"), or still open; what a problem did is not where it
stands, and a step still to come keeps a matter open."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import (
    CLOSED_LATER,
    FEE,
    FRAUD_LOCKED,
    SETTLED,
    categories_of,
    record,
)

from service.claims.status import read_status

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

# A late fee that kept coming back, fixed in the end.
LATE_FEE = (
    record(
        0,
        "email",
        "Late fee of $20.99 charged again although autopay is on. Case RC-1101.",
        "open",
        "negative",
    ),
    record(2, "agent", "cx chasing RC-1101, CB missed, escalated to tier 2", "open", "angry"),
    record(5, "agent", "Autopay fixed, $20.99 credited, case closed.", "resolved", "satisfied"),
)

# A move whose install is still to come.
MOVE = (
    record(
        0,
        "agent",
        "Move order MV-2231 created; install booked Mar 20, 8am-12pm. $49 fee.",
        "order_created",
        "neutral",
    ),
)


# A credit still owed after a fraud case: the follow-up is open.
CREDIT_OWED = (
    record(0, "agent", "SIM swap reversed, case FR-5120 opened.", "fraud_case_opened", "angry"),
    record(
        4, "agent", "Verbal password added. Still no credit issued.", "follow_up_pending", "angry"
    ),
)


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
    ("summary", "wrong"),
    [
        # What the problem did is true of its history, whatever became of it.
        ("Issue: a recurring $20.99 late fee tied to autopay, case RC-1101.", False),
        ("The $20.99 late fee came back again despite autopay.", False),
        ("When no update came, the customer chased it by phone.", False),
        ("After a missed callback it was escalated to tier 2.", False),
        ("No follow-ups or promises are pending.", False),
        # Where it stands now is another claim.
        ("The $20.99 late fee is still unpaid and the case remains open.", True),
        ("As things stand the fee has not been sorted out.", True),
    ],
)
def test_what_a_problem_did_is_not_where_it_stands(summary: str, wrong: bool) -> None:
    found = categories_of(summary, LATE_FEE)
    assert bool(found & {"status", "negated_action"}) is wrong, found


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Nothing is outstanding beyond the upcoming install on Mar 20.", False),
        ("Nothing else is outstanding apart from the booked installation.", False),
        ("Nothing is outstanding; the move is complete.", True),
    ],
)
def test_nothing_outstanding_but_the_step_it_names(summary: str, wrong: bool) -> None:
    assert ("status" in categories_of(summary, MOVE)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A state told of the past is history; a callback said not to have come is not.
        ("They called again and the case was still with the team.", False),
        ("Supervisor callback promised by Mar 4, not received.", False),
        ("Note added on Mar 6; the refund was issued on Mar 8.", False),
        ("The case is still with the team.", True),
    ],
)
def test_what_stood_then_is_not_what_stands_now(summary: str, wrong: bool) -> None:
    found = categories_of(summary, CLOSED_LATER)
    assert bool(found & {"status", "negated_action", "date"}) is wrong, found


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A negated act, then what is pending: two statements, the matter open.
        ("FR-5120: no credit issued yet, f/u pending.", False),
        ("No credit issued, follow-up still pending on FR-5120.", False),
        ("No credit yet, follow-up pending.", False),
        # A list of things none of which is pending says the matter is over.
        ("No credits, callbacks or follow-ups pending; FR-5120 is done.", True),
        ("No follow-ups or promises are pending.", True),
    ],
)
def test_a_negated_act_before_a_pending_step_leaves_the_matter_open(
    summary: str, wrong: bool
) -> None:
    assert ("status" in categories_of(summary, CREDIT_OWED)) is wrong


def test_open_items_none_over_a_settled_matter_passes() -> None:
    text = "**Issue:** a $52.50 charge, dispute BD-1455. **Resolution:** credited on 03/05. "
    assert categories_of(text + "**Open items:** none.", SETTLED) == set()


def test_an_email_that_confirmed_a_status_reports_it() -> None:
    text = (
        "Identity verified; fraud case FR-2210 opened and the account locked on 03/02. "
        "An email on 03/06 confirmed the case is still open. The customer is angry."
    )
    assert categories_of(text, FRAUD_LOCKED) == set()


def test_a_status_field_set_without_a_colon_reads_as_that_status() -> None:
    assert read_status("put status RESOLVED & refund RM2000") == "resolved"
    assert read_status("Status: open") == "open"
