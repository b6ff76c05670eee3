"""Acts the records report, told the other way in other words: a refusal by whoever made it,
the opposite act ("charged" against "waived"), an offer taken or turned down, a refusal told
with "would not", the customer gone quiet, an act denied by its kind ("no troubleshooting"),
a case passed to tier 2. Each wrong wording is named negated_action; each faithful twin of
it passes. Histories and sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.models import Interaction

# A billing dispute upheld, a fee waived, a refund issued by tier 2.
UPHELD = (
    record(0, "agent", "Customer disputes a $64 charge. Submitted BD-5521.", "open", "negative"),
    record(2, "agent", "cx chasing BD-5521, escalated to tier 2", "open", "angry"),
    record(
        5,
        "email",
        "Good news: dispute upheld, $64 credited. Install fee of $40 waived. "
        "Refund of $64 issued by tier 2.",
        "resolved",
        "satisfied",
    ),
)
# A retention call: an offer turned down; a courtesy credit offered and declined.
RETENTION = (
    record(
        0,
        "agent",
        "Wants to cancel after the promo ended. Offered $10/month off for 12 "
        "months. Customer declined. Courtesy credit $6.00 offered, declined.",
        "open",
        "negative",
    ),
)
# A fault: the agent rebooted the router and ran a line test; later a technician swapped it.
FAULT = (
    record(0, "agent", "Wifi drops. Reboot + line test done, no fault found.", "open", "negative"),
    record(4, "agent", "Technician replaced the router, service stable.", "resolved", "neutral"),
)
# A refund chased, then nothing more from the customer after a later chat.
CHASED = (
    record(0, "agent", "Refund of $30 requested, callback promised by Mar 4.", "open", "neutral"),
    record(3, "chat", "Customer: nobody called me back", "open", "frustrated"),
)


def _named(summary: str, history: tuple[Interaction, ...]) -> bool:
    findings = check_summary(summary, history, OPTIONS).findings
    return any(f.category == "negated_action" for f in findings)


@pytest.mark.parametrize(
    ("summary", "history", "wrong"),
    [
        ("On Mar 7 tier 2 declined the refund.", UPHELD, True),
        ("On Mar 7 tier 2 issued the $64 refund.", UPHELD, False),
        ("The dispute was turned down on Mar 7.", UPHELD, True),
        ("The dispute was upheld on Mar 7.", UPHELD, False),
        ("The $40 install fee was charged as normal.", UPHELD, True),
        ("The $40 install fee was waived.", UPHELD, False),
        ("The customer took the offer of $10 a month off.", RETENTION, True),
        ("The customer turned the offer of $10 a month off down.", RETENTION, False),
        ("They accepted a $6.00 courtesy credit.", RETENTION, True),
        ("They declined a $6.00 courtesy credit.", RETENTION, False),
        ("The agent would not open a dispute.", UPHELD, True),
        ("The agent opened dispute BD-5521.", UPHELD, False),
        ("The case has never been passed to tier 2.", UPHELD, True),
        ("The case went to tier 2 on Mar 4.", UPHELD, False),
        ("After a missed callback the case went to tier 2.", UPHELD, False),
    ],
)
def test_the_opposite_act_in_other_words_is_named(
    summary: str, history: tuple[Interaction, ...], wrong: bool
) -> None:
    assert _named(summary, history) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The agent did not try any remote troubleshooting.", True),
        ("The agent offered no troubleshooting steps.", True),
        ("Remote troubleshooting couldn't fix the drops.", False),
        ("No equipment was changed.", True),
        ("The technician left the original router in place.", True),
        ("The technician replaced the router.", False),
    ],
)
def test_an_act_denied_by_its_kind_meets_the_act_of_that_kind(summary: str, wrong: bool) -> None:
    assert _named(summary, FAULT) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The customer has gone quiet since Mar 2.", True),
        ("Nothing has been heard from the customer since the Mar 2 call.", True),
        ("No further contact from the customer after Mar 2.", True),
        ("The customer has gone quiet since the Mar 5 chat.", False),
    ],
)
def test_the_customer_gone_quiet_meets_a_later_contact(summary: str, wrong: bool) -> None:
    assert _named(summary, CHASED) is wrong


@pytest.mark.parametrize(
    ("summary", "category"),
    [
        ("Without a working line, the customer chased the refund by chat.", "entity"),
        ("The agent could not confirm when the refund would arrive.", "filler"),
    ],
)
def test_a_capitalised_opener_is_no_name_and_a_past_could_is_no_advice(
    summary: str, category: str
) -> None:
    found = {f.category for f in check_summary(summary, CHASED, OPTIONS).findings}
    assert category not in found


# A fee waiver asked for and refused; a saved card removed; a line check run; firmware pushed;
# an e-mail routed on; an offer made and thought over; a callback promised.
ACCOUNT = (
    record(0, "chat", "Bot ran line check (OK) and suggested a power cycle.", "open", "negative"),
    record(
        1,
        "agent",
        "Customer asked to waive the late fee, declined per policy. Removed the "
        "saved card. Pushed firmware update, changed wifi channel.",
        "open",
        "negative",
    ),
    record(2, "email", "Customer asks about the dispute. Routed to billing.", "open", "negative"),
    record(
        3,
        "agent",
        "Retention: offered $21.00/month off for 6 months. Customer thinking. "
        "Supervisor approval pending; agent to call back with it.",
        "open",
        "negative",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The late fee was waived at the customer's request.", True),
        ("The customer asked for the late fee to be waived; that was refused.", False),
        ("The saved card was left on the account.", True),
        ("The agent removed the saved card.", False),
        ("The bot skipped the line check and only suggested a power cycle.", True),
        ("The bot ran a line check and suggested a power cycle.", False),
        ("The agent made no changes to the line.", True),
        ("The customer says nothing had changed.", False),
        ("Their e-mail was never passed on to billing.", True),
        ("No discount or other offer was made to them.", True),
        ("They were offered $21.00 a month off for 6 months and are thinking it over.", False),
        ("The agent made no commitment to call back.", True),
    ],
)
def test_acts_a_record_reports_denied_in_other_words(summary: str, wrong: bool) -> None:
    assert _named(summary, ACCOUNT) is wrong


# A late fee billed, then waived; another fee left charged while a claim is reviewed.
BILLED = (
    record(
        0,
        "agent",
        "Billed: late return fee S$40 + extra usage S$18. Checked telematics: waived late "
        "return fee S$40, refund to card in 5-7 working days.",
    ),
    record(1, "agent", "Waiving the $35 cleaning fee, back in 3-5 business days."),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Charged S$40 late return fee + S$18 extra usage; the late fee was then waived.", False),
        ("The $250 damage fee stays charged for 3-5 business days while it is reviewed.", False),
        ("The $35 cleaning fee was charged as normal.", True),
    ],
)
def test_a_charge_the_records_bill_in_other_words_is_no_opposite(summary: str, wrong: bool) -> None:
    assert _named(summary, BILLED) is wrong
