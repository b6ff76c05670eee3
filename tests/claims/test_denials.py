"""Denials and states read the way an agent reads them: "yet to be escalated", "declined to
promise", "has not moved from negative to angry", "nothing left to chase", "waiting for it to
be sorted out". Histories and wordings are written for these tests (not from the golden set or
the perturbation phrase banks); each wrong claim is named, each faithful one passes."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, categories_of, record

from service.claims import check_summary

# A roaming-charge complaint, escalated, with a deadline promised in wrap-up shorthand and a
# later record that keeps it open.
ROAMING = (
    record(
        0, "ivr", "Menu: billing > roaming charges. Caller transferred.", "XFER", intent="roaming"
    ),
    record(
        0,
        "agent",
        "cx disputes $58.10 roaming chg, esc T2, billing team decision by 03/09, "
        "remote reset of data profile",
        "ESC-PEND",
        "negative",
        intent="roaming",
    ),
    record(
        3,
        "sms",
        "Good news! Your request has been resolved. Reply STOP to opt out",
        "notify_sent",
        intent="roaming",
    ),
    record(
        6,
        "agent",
        "cx chasing, no decision yet, still w/ billing team",
        "WIP",
        "angry",
        intent="roaming",
    ),
)
# A router swap that was completed and closed.
ROUTER = (
    record(
        0,
        "agent",
        "Router swap booked for Mar 4; refund of $15 shipping fee promised.",
        "booked",
        "frustrated",
        intent="equipment",
    ),
    record(
        2,
        "agent",
        "Router swapped on site, $15 refund issued, case closed.",
        "Closed",
        "satisfied",
        intent="equipment",
    ),
)


@pytest.mark.parametrize(
    ("history", "summary", "category"),
    [
        (ROAMING, "Now yet to be escalated to tier 2.", "negated_action"),
        (ROAMING, "The data profile is yet to be reset.", "negated_action"),
        (ROAMING, "Refused to promise: a decision by Mar 9.", "negated_action"),
        (ROAMING, "The agent could not promise a billing team decision.", "negated_action"),
        (ROAMING, "The mood has not moved from negative to angry.", "sentiment"),
        (ROAMING, "The roaming dispute has been sorted out.", "status"),
        (ROAMING, "Roaming charge reversed, so nothing is left to chase.", "status"),
        (ROAMING, "The callback to the customer has been made.", "promise"),
        (
            ROAMING,
            "cx disputes $58.10 roaming charge, not escalated, decision due.",
            "negated_action",
        ),
        (
            ROUTER,
            "The customer is still waiting for the router swap to be taken care of.",
            "status",
        ),
        (ROUTER, "No sign yet that the equipment problem has been taken care of.", "status"),
        (ROUTER, "The $15 refund is yet to be issued.", "negated_action"),
    ],
)
def test_each_denial_is_named(history: tuple, summary: str, category: str) -> None:
    assert category in categories_of(summary, history)


@pytest.mark.parametrize(
    ("history", "summary"),
    [
        (ROAMING, "Escalated to tier 2; a billing team decision is due by Mar 9."),
        (ROAMING, "The customer is still waiting for the roaming charge to be sorted out."),
        (
            ROAMING,
            "Still with the billing team, no decision yet; the customer went from negative "
            "to angry.",
        ),
        (ROAMING, "An automated text wrongly said the request was resolved; it is still open."),
        (ROUTER, "The router was swapped and the $15 refund issued; nothing is left to chase."),
        (ROUTER, "The router swap was promised for Mar 4 and done on site; the case is closed."),
    ],
)
def test_faithful_wordings_pass(history: tuple, summary: str) -> None:
    report = check_summary(summary, history, OPTIONS)
    assert report.ok, [(f.category, f.reason) for f in report.findings]
