"""Readings since the ninth and tenth blind rounds (docs/gate.md): what waits on something
else, a note's arrow, advice that names the case, sums that only dates and time spans give,
time frames and channels a commitment adds, a time an act took, offers denied, "that call",
the customer's own complaint, dated timelines, and remedies "to be refunded".

Histories and sentences are written for these tests, not taken from the golden set, the
generator, the phrase bank or the candidate sets.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

from service.models import Interaction

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
# A disputed $27 fee credited on the 11/4 email, reviewed in 5-7 business days; an offer.
DISPUTE = (
    record(
        0,
        "agent",
        "Customer disputes a $27 fee on the 10/30 bill. Opened BD-3120; review takes 5-7 "
        "business days. Retention offered $8/month off for 6 months.",
        "dispute_filed",
        "negative",
    ),
    record(
        4, "email", "Outbound: BD-3120 approved. Credit of $27 applied to the account.", "resolved"
    ),
    record(
        6, "agent", "Cx called about the credit; happy it shows now.", "info_provided", "satisfied"
    ),
)


@pytest.mark.parametrize(
    ("summary", "history", "wrong"),
    [
        # What waits on a form has not happened; said done, it is.
        ("FR-4471 opened; no credit issued yet, pending the signed declaration.", FRAUD, False),
        ("FR-4471: the fraud team issued the $412.30 credit.", FRAUD, True),
        # A note's arrow ends the clause before it.
        ("SIM swap at a kiosk cx never visited -> swap reversed; FR-4471 open.", FRAUD, False),
        # "Tier 2 called back within 48 hours" reports a callback, which nobody made.
        ("Escalated to tier 2; a callback was promised within 48 hours.", FRAUD, False),
        ("Escalated to tier 2, who called back within 48 hours.", FRAUD, True),
    ],
)
def test_what_waits_and_what_took_a_time(
    summary: str, history: tuple[Interaction, ...], wrong: bool
) -> None:
    assert bool(categories_of(summary, history) & {"negated_action", "status"}) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A sum only a date ("10/30") or a span ("5-7 business days") gives is no sum.
        ("BD-3120 approved: $27 credited, plus a $10 goodwill credit.", True),
        ("BD-3120 approved: $27 credited, plus a $5 goodwill credit.", True),
        ("BD-3120 approved and the $27 credited to the account.", False),
        # The same sum links a denial to the record that did it.
        ("BD-3120 was approved, but the $27 was not applied to the account.", True),
        # An offer denied in other words.
        ("Retention failed to make any offer.", True),
        ("Retention offered $8/month off for 6 months.", False),
    ],
)
def test_sums_and_offers(summary: str, wrong: bool) -> None:
    found = categories_of(summary, DISPUTE)
    assert bool(found & {"amount", "negated_action"}) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A commitment's time frame or channel no record gives, whatever its condition.
        ("Once the declaration is in, the credit will be issued within 5 business days.", True),
        ("Tier 2 promised SMS updates until the case is closed.", True),
        ("CB promised w/in 24h.", True),
        ("CB promised w/in 48h.", False),
        # Advice to the reader that names the case is no promise and no filler.
        ("Confirm whether tier 2 has called back about FR-4471.", False),
        ("The next agent should check whether the declaration for FR-4471 arrived.", False),
        ("The agent should greet the customer warmly.", True),
        # A sentence opening with a verb before its gerund names nothing.
        ("Advised sending the signed declaration for FR-4471.", False),
    ],
)
def test_commitments_and_advice(summary: str, wrong: bool) -> None:
    found = categories_of(summary, FRAUD)
    assert bool(found & {"promise", "filler", "entity"}) is wrong


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


# A fee the customer complained of, reversed when the returned box was found.
RETURNED = (
    record(0, "ivr", 'Speech input: "you billed me $64.00 for a modem I returned"', "XFER"),
    record(0, "sms", "[OUT 09:10] Case RT-7712 is open. Next update by 03/05."),
    record(4, "agent", "return located, $64.00 fee reversed; RT-7712 closed", "RES", "neutral"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The customer's own complaint, whatever word the records use for it.
        ("The customer disputed a $64.00 fee for a modem they had returned.", False),
        # A dated timeline ends as written, without full stops.
        (
            "Mar 2 \u2013 IVR: billed $64.00 for a returned modem\n"
            "Mar 6 \u2013 call: return located, fee reversed, RT-7712 closed\n"
            "Status: closed | Mood: neutral",
            False,
        ),
        # A remedy "to be refunded" by a day no record gives is an invented promise.
        ("RT-7712 open; the $64.00 fee to be refunded by Mar 12.", True),
    ],
)
def test_complaints_timelines_and_remedies_to_come(summary: str, wrong: bool) -> None:
    found = categories_of(summary, RETURNED)
    assert bool(found & {"promise", "truncated"}) is wrong


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
