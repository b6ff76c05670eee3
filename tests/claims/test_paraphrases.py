"""Paraphrases of wrong and faithful summaries, written for the checker's tests (none comes
from the golden set or the perturbation phrase bank): every wrong one is flagged, every
faithful one passes. Two histories: a billing dispute and an internet outage."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import BILLING, OPTIONS, record

from service.claims import check_summary

OUTAGE = (
    record(
        0,
        "agent",
        "Customer reported internet outage since Monday. Agent ran a line test; "
        "fault found. Engineer appointment booked for March 12.",
        outcome="appointment booked",
        sentiment="negative",
    ),
    record(1, "ivr", "Menu: tech support > outage. Caller transferred.", outcome="transferred"),
    record(
        2,
        "agent",
        "Customer called again: still no service. Agent escalated to tier 2.",
        outcome="escalated",
        sentiment="negative",
    ),
    record(
        4,
        "sms",
        "Customer: engineer replaced the router today but the connection keeps dropping.",
        outcome="pending",
        sentiment="negative",
    ),
)
WRONG_BILLING = (
    "No credit was applied.",
    "The $20 credit was never applied.",
    "The agent declined to apply a credit.",
    "The agent refused the credit.",
    "A credit has not yet been applied.",
    "The agent could not apply the credit.",
    "Neither a credit nor a refund was issued.",
    "The refund was denied.",
    "The refund never went through.",
    "The refund was cancelled.",
    "The agent didn't get around to applying the credit.",
    "The credit application failed.",
    "The technician visit was not scheduled.",
    "No technician visit has been booked.",
    "The technician visit was called off.",
    "The refund is still pending.",
    "The credit remains outstanding.",
    "The customer is still waiting for the refund to be issued.",
    "The billing dispute has been settled.",
    "The dispute is closed.",
    "The billing dispute was resolved in the customer's favour.",
    "Billing finished reviewing the dispute and reversed the charge.",
    "Nothing further is needed on the dispute.",
    "The review concluded.",
    "The billing issue was sorted out.",
    "All issues are resolved.",
    "No open items remain.",
    "The dispute has been taken care of.",
    "The late fee dispute is now complete.",
    "The customer's billing concern was addressed and closed out.",
    "The $20 credit has yet to be applied.",
    "The credit was withheld.",
    "The credit wasn't carried out.",
    "The agent held off on the credit.",
    "The credit didn't happen.",
    "The refund did not go ahead.",
    "The refund never took place.",
    "The refund fell through.",
    "The refund was put on hold.",
    "The credit was not actioned.",
    "The refund was not processed.",
    "The refund failed.",
    "The refund was unsuccessful.",
    "No refund took place.",
    "The credit is not yet in place.",
    "The technician visit was never arranged.",
    "The agent could not apply the credit.",
    "The refund could not be completed.",
    "The refund was blocked.",
    "The refund was stopped.",
    "Instead of applying a credit, the agent closed the call.",
    "The credit remains unapplied.",
    "The refund was left unprocessed.",
    "The agent opted not to apply the credit.",
    "The agent did not end up issuing the refund.",
    "There was no credit.",
    "Nobody applied the credit.",
    "The agent has not issued any refund.",
)
FAITHFUL_BILLING = (
    "A $20 credit was applied and a $45 refund issued; the technician visit is set for March 10.",
    "The billing dispute is still under review.",
    "The dispute remains open pending billing's review.",
    "Billing has not finished reviewing the dispute.",
    "The agent credited $20 to the account and refunded $45 to the card.",
    "A technician is booked for March 10.",
    "The late fee dispute is unresolved and with billing.",
    "The customer, still unhappy, is waiting on the billing review.",
    "A refund of $45 went back to the card; the dispute itself is not yet resolved.",
    "Billing has yet to decide on the dispute.",
    (
        "Customer contested a $45 late fee; the agent credited $20, $45 was refunded to the "
        "card, and a technician will visit on March 10. The dispute remains under billing "
        "review and the customer is still unhappy."
    ),
    "A technician appointment is scheduled for March 10.",
    (
        "After the customer challenged the $45 late charge, a $20 credit went onto the account and "
        "$45 was returned to the card."
    ),
    "The billing team has not concluded its review of the dispute.",
    "The review of the dispute is ongoing.",
    "Billing is still looking into the dispute.",
    "No decision yet on the dispute.",
    "The customer was not happy.",
    "The customer contacted us three times, by phone, chat and email.",
    "The dispute has not been settled yet.",
    "Nothing has been decided on the dispute so far.",
    "The customer has not received a final answer on the dispute.",
    "The refund went through and the credit was applied.",
    "The $45 refund was completed; the dispute is unresolved.",
    "The agent did not waive the whole fee; a $20 credit was applied instead.",
)
WRONG_OUTAGE = (
    "The engineer never replaced the router.",
    "No escalation was made.",
    "The agent did not escalate the case.",
    "The agent failed to run a line test.",
    "The connection problem has been fixed.",
    "Service is back to normal.",
    "The outage is over.",
    "The customer's internet now works fine.",
    "The dropping connection was cured by the new router.",
    "The customer is delighted with the service.",
    "The customer is calm and satisfied.",
    "The agent promised a $50 credit.",
    "A refund will be issued next week.",
    "A second engineer visit is booked for March 20.",
    "Tier 2 closed the escalation.",
    "The engineer appointment was cancelled.",
    "No fault was found on the line.",
)
FAITHFUL_OUTAGE = (
    (
        "Internet outage since Monday; the line test found a fault and an engineer replaced the "
        "router, but the connection keeps dropping. Escalated to tier 2; still unresolved."
    ),
    "The issue persists after the router replacement.",
    "The connection keeps dropping even after the engineer's visit.",
    "Tier 2 has the escalation; no fix yet.",
    "The customer remains frustrated; the problem is not solved.",
    "A line test found a fault, and the engineer swapped the router.",
    "The customer has called twice about the outage.",
)


@pytest.mark.parametrize("summary", WRONG_BILLING)
def test_wrong_billing_summary_is_flagged(summary: str) -> None:
    assert not check_summary(summary, BILLING, OPTIONS).ok, summary


@pytest.mark.parametrize("summary", FAITHFUL_BILLING)
def test_faithful_billing_summary_passes(summary: str) -> None:
    report = check_summary(summary, BILLING, OPTIONS)
    assert report.ok, [(f.category, f.reason) for f in report.findings]


@pytest.mark.parametrize("summary", WRONG_OUTAGE)
def test_wrong_outage_summary_is_flagged(summary: str) -> None:
    assert not check_summary(summary, OUTAGE, OPTIONS).ok, summary


@pytest.mark.parametrize("summary", FAITHFUL_OUTAGE)
def test_faithful_outage_summary_passes(summary: str) -> None:
    report = check_summary(summary, OUTAGE, OPTIONS)
    assert report.ok, [(f.category, f.reason) for f in report.findings]
