"""Agents' shorthand and labels ("Bottom line:", "pkg", "chnl", "opnd"), a callback's
target, and what a date before a noun is for."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import DISPUTED, FEE, SETTLED, categories_of, record

from service.models import Interaction

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

# A payment arrangement with its rule, and a refund still not received.
ARRANGED = (
    record(
        0,
        "agent",
        "Arrangement created for past-due $318.40: 4 x $79.60; first instalment 3/9. "
        "Explained a missed payment cancels the arrangement.",
        "arrangement_created",
        "neutral",
    ),
    record(
        3,
        "ivr",
        "Customer contacting again: refund of the overpayment still not received. Also disputes "
        "the equipment rental fee; says the box went back.",
    ),
    record(
        5, "sms", "Reminder: your install is on 12 Mar between 8am and 12pm. Reply C to confirm."
    ),
    record(6, "sms", "C", "confirmed"),
)


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


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The arrangement's rule, in shorthand, states no cancellation.
        ("PA created: 4 x $79.60, 1st instalment 3/9; adv missed pmt cancels PA.", False),
        # A refund not received, told as the records tell it.
        ("Overpayment refund still not rcvd; dispute open.", False),
        # The day an install is for is not the day it was confirmed.
        ("They confirmed the reminder for Mar 12, 8am-12pm.", False),
        # Notes' shorthand of a record word names nothing new.
        ("Disputes the equip fee; says the box went back.", False),
        ("Here's what you need to know: 4 contacts between Mar 2 and Mar 8.", False),
    ],
)
def test_shorthand_rules_and_what_a_date_is_for(summary: str, wrong: bool) -> None:
    found = categories_of(summary, ARRANGED)
    assert bool(found & {"negated_action", "date", "entity", "filler", "status"}) is wrong


def test_agents_shorthand_for_opened_is_an_act() -> None:
    text = "The customer questioned a $52.50 charge; the agent did not open a dispute."
    assert "negated_action" in categories_of(text, SETTLED)


def test_a_contraction_typed_without_its_apostrophe_still_denies() -> None:
    typed = (record(0, "chat", "Customer: the engineer didnt come and nobody rang me."),)
    assert "negated_action" in categories_of("The engineer came as booked.", typed)
    assert "negated_action" not in categories_of("The engineer did not come.", typed)
