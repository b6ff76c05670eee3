"""A remedy told as given while the matter is open, an act denied in other words, the
terms of an offer or a promise made up, and the mood under a label. Histories and wordings
are written for these tests (not from the golden set or the perturbation phrase banks);
each wrong claim is named for its reason, each faithful one passes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, categories_of, record

from service.claims import check_summary

# A dead landline: an engineer booked and confirmed by text, who did not come; still open.
LANDLINE = (
    record(
        0,
        "agent",
        "Caller reports no dial tone on the landline since the weekend. Line test failed at "
        "the exchange side; engineer appointment booked for 03/06.",
        "fault_logged",
        "frustrated",
        intent="landline",
    ),
    record(
        1,
        "sms",
        "[OUT 10:02] Your engineer visit is confirmed for 6 March. Reply STOP to opt out",
        "notify_sent",
        intent="landline",
    ),
    record(
        5,
        "chat",
        "Customer: still no dial tone and the engineer never turned up. Agent: apologised, "
        "chased the field team, fault ticket LN-4471 remains open.",
        "open",
        "angry",
        intent="landline",
    ),
)
# A customer kept with a loyalty discount; closed.
RETENTION = (
    record(
        0,
        "agent",
        "Customer threatening to leave over the price rise. Loyalty discount of $12 off per "
        "month applied from the next bill. Case RT-220 closed.",
        "retained",
        "positive",
        intent="retention",
    ),
)
# Arrears paid off in parts: the plan is set up and running.
ARREARS = (
    record(
        0,
        "agent",
        "Behind on the bill by $180. Set up a payment arrangement for the arrears. "
        "3 monthly payments of $60, the first due 03/20.",
        "arrangement_set",
        "neutral",
        intent="collections",
    ),
    record(
        4,
        "agent",
        "cx checking on the plan, first payment not yet due, arrangement still active",
        "open",
        "neutral",
        intent="collections",
    ),
)

# A missed-appointment complaint: a dated supervisor callback and a refund with a time frame.
CALLBACK = (
    record(
        0,
        "agent",
        "cx missed work for a no-show install. Supervisor callback promised by 03/05. "
        "Refund of the $30 install fee to follow within 5 business days.",
        "escalated",
        "angry",
        intent="install",
    ),
)

# Remote troubleshooting that worked.
RESTART = (
    record(
        0,
        "chat",
        "Agent: restarted the router remotely and ran a speed test; speeds normal.",
        "troubleshooting",
        "neutral",
        intent="internet",
    ),
)

# A disputed charge waiting on billing's decision.
DISPUTE = (
    record(
        0,
        "agent",
        "cx disputes $64.10 data overage charge, dispute DP-8812 filed, billing to decide "
        "within 5 business days",
        "dispute_filed",
        "negative",
        intent="billing",
    ),
    record(
        6,
        "chat",
        "Customer: any news on DP-8812? Agent: still with billing, no decision yet.",
        "open",
        "frustrated",
        intent="billing",
    ),
)

# A fee that came back; an update promised.
RECURRING = (
    record(
        0,
        "agent",
        "Late fee of $12 came back on the new bill. Update promised by 03/04.",
        "open",
        "frustrated",
        intent="billing",
    ),
)

# Escalated, in the records' full words.
TIER2 = (
    record(
        0,
        "agent",
        "Escalated to tier 2; supervisor callback promised by 03/04.",
        "escalated",
        "angry",
        intent="billing",
    ),
)


@pytest.mark.parametrize(
    ("history", "summary", "category"),
    [
        # The remedy itself, stated as given: the next agent would read the matter as over.
        (LANDLINE, "The engineer came out and repaired the line.", "status"),
        (LANDLINE, "The dial tone was restored after the visit.", "status"),
        (LANDLINE, "Ticket LN-4471 is open, though the fault was fixed.", "status"),
        (DISPUTE, "Billing upheld the dispute.", "status"),
        (DISPUTE, "The dispute was decided in the customer's favour.", "status"),
        (DISPUTE, "The customer got their money back.", "status"),
        (DISPUTE, "The overage charge is off the bill.", "status"),
        (DISPUTE, "Still open. Tone: friendly and cooperative.", "sentiment"),
        # A step told under a handover label is a claim like any other.
        (DISPUTE, "Still open. Next steps: a technician will visit on Mar 25.", "promise"),
        # Where the matter stands, in words a briefing uses.
        (LANDLINE, "The customer confirmed it works now.", "status"),
        (LANDLINE, "No further faults have been reported since the visit.", "status"),
        (LANDLINE, "Ticket LN-4471. Outcome: resolved.", "status"),
        # Denied in other words than the records use.
        (LANDLINE, "No texts have gone out to the customer about the visit.", "negated_action"),
        # A missed promise told as kept, the promise only an adjective of the thing.
        (LANDLINE, "The promised engineer came out on schedule.", "status"),
        (LANDLINE, "The customer has not received any SMS about the engineer.", "negated_action"),
        (RETENTION, "Retention declined to offer any discount.", "negated_action"),
        (ARREARS, "The agent never actually set up the instalment plan.", "negated_action"),
        (RESTART, "The router restart never happened.", "negated_action"),
        (LANDLINE, "The customer has not been in touch since the Mar 2 call.", "negated_action"),
        (LANDLINE, "The customer has not followed up since that call.", "negated_action"),
        (CALLBACK, "No callback was ever promised.", "negated_action"),
        (CALLBACK, "The supervisor callback was not arranged.", "negated_action"),
        (RESTART, "No speed test was performed.", "negated_action"),
        # Terms no record gives, in a sentence that commits to them.
        (RETENTION, "A 15% discount will apply from the next bill.", "promise"),
        (RETENTION, "The loyalty discount is guaranteed for 24 months.", "promise"),
        (ARREARS, "The plan will run for 6 months with no late fees.", "promise"),
        # How long a repayment runs, told as "over": a term like "for".
        (ARREARS, "The arrears will be repaid through a payment plan over 6 months.", "promise"),
        (ARREARS, "A payment arrangement was set up, spread over twelve months.", "count"),
        # A real promise moved to another deadline, or given a time frame no record gives.
        (CALLBACK, "A supervisor will call back by Mar 8.", "promise"),
        (CALLBACK, "A supervisor will call the customer back within 24 hours.", "promise"),
        (CALLBACK, "The $30 refund will be paid within 10 business days.", "promise"),
        # A promise of something no record speaks of, with no figure of its own.
        (ARREARS, "A courier will also collect the old handset from the customer.", "promise"),
        # An offer no record made, and money to be taken off in other words.
        (CALLBACK, "The customer was offered a free router upgrade.", "promise"),
        (
            LANDLINE,
            "The agent assured the customer the line rental charge would be removed.",
            "promise",
        ),
    ],
)
def test_each_wrong_claim_is_named(history: tuple, summary: str, category: str) -> None:
    assert category in categories_of(summary, history)


@pytest.mark.parametrize(
    ("history", "summary"),
    [
        (
            LANDLINE,
            "No dial tone since the weekend; the line test failed and an engineer visit was "
            "booked for Mar 6, confirmed by text. The engineer never turned up and ticket "
            "LN-4471 is still open. The customer is angry.",
        ),
        (LANDLINE, "The fault has not been fixed yet; the engineer missed the Mar 6 visit."),
        (LANDLINE, "The customer wants the line repaired as soon as possible."),
        (LANDLINE, "A text went out on Mar 3 confirming the engineer visit."),
        (LANDLINE, "On Mar 3 a text was sent confirming the engineer visit; still open."),
        (
            RETENTION,
            "A loyalty discount of $12 a month was applied from the next bill and case RT-220 "
            "closed; the customer is happy to stay.",
        ),
        (ARREARS, "A payment plan of three $60 instalments was set up, the first due Mar 20."),
        (ARREARS, "The $180 arrears are being paid over 3 months, the first payment due Mar 20."),
        # A span of history, not a term: "over 2 weeks" counts the contacts.
        (DISPUTE, "The customer has chased DP-8812 twice over about a week; still open."),
        (CALLBACK, "A supervisor callback is due by 5 March."),
        # A promise the records made, told in words they do not use.
        (LANDLINE, "An engineer will come out to look at the line; ticket LN-4471 is open."),
        (CALLBACK, "A supervisor will phone the customer about the refund by Mar 5."),
        (
            DISPUTE,
            "The customer disputes a $64.10 data overage charge (DP-8812); billing has not "
            "decided yet and the customer is frustrated.",
        ),
        (DISPUTE, "Billing has yet to decide on DP-8812, so the dispute is still open."),
        (DISPUTE, "No decision on DP-8812 yet. Sentiment: Frustrated (was negative)."),
        (DISPUTE, "The customer has not been in touch since the Mar 8 chat; still open."),
        # What a message said, shorthand for the records' words, and a flag denied.
        (
            LANDLINE,
            "A text went out saying the engineer visit was confirmed; LN-4471 is still open.",
        ),
        (TIER2, "Esc T2; supervisor callback due by Mar 4."),
        (DISPUTE, "Still open: not FCR, awaiting billing's decision on DP-8812."),
        (CALLBACK, "The customer is still waiting for the $30 refund of the install fee."),
        # A general verb is no act of its own: the update "never came" is not the charge.
        (RETENTION, "Case RT-220 was closed, so nothing further is pending."),
        (RECURRING, "The update, which had been promised for Mar 4, never came."),
        # A remedy still to come says the matter is open.
        (
            DISPUTE,
            "The customer disputes a $64.10 data overage charge (DP-8812). The reversal has "
            "not gone through yet.",
        ),
        # Advice to the next agent under a label promises nothing.
        (
            DISPUTE,
            "DP-8812 is still open. Recommended next step: review the case notes before "
            "making any new commitments.",
        ),
        (DISPUTE, "Still no decision on DP-8812. Tone: tense; the customer is frustrated."),
        (
            RESTART,
            "Looking at chat contacts only: the router was restarted remotely and a speed "
            "test showed normal speeds.",
        ),
        (CALLBACK, "The $30 refund should land within 5 business days, by about Mar 9."),
        (CALLBACK, "Refund of $30 due within a week; supervisor to ring back by Mar 5."),
    ],
)
def test_faithful_wordings_pass(history: tuple, summary: str) -> None:
    report = check_summary(summary, history, OPTIONS)
    assert report.ok, [(f.category, f.reason) for f in report.findings]


def _discount_history(percent: int) -> tuple:
    notes = f"Loyalty discount of {percent}% off applied from the next bill. Case closed."
    return (record(0, "agent", notes, "retained", "positive", intent="retention"),)


@settings(max_examples=60, deadline=None)
@given(st.integers(5, 60), st.integers(5, 60))
def test_a_share_is_a_commitment_only_when_no_record_gives_it(given_: int, said: int) -> None:
    """A share copied from a record is never an invented term; any other share promised is."""
    found = categories_of(
        f"The {said}% discount will stay on every bill.", _discount_history(given_)
    )
    if said == given_:
        assert not found & {"promise", "amount"}, found
    else:
        assert "promise" in found, found
