"""What follows a deadline missed ("pay by 5 June or the slot will be released") is a
condition, not where an act stands: a turn that tells another such act done does not
gainsay it. An act told still to come once something happens is still a status."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import chat, findings_of

from service.claims.clause import read_clause

LESSONS = chat(
    "Agent: That's done - from Wednesday your lesson will be Wednesdays 7:30pm with Dave."
    " Your Tuesday 6pm slot has been released.",
    "Agent: The test-day package is £65. Please pay by 5 June or we'll have to release the slot.",
)


@pytest.mark.parametrize(
    "summary",
    [
        "Test-day package £65, payable by 5 June or the slot will be released.",
        "He must pay the £65 within 10 days, or else the slot is released.",
    ],
)
def test_what_follows_a_deadline_is_no_status(summary: str) -> None:
    found, _ = findings_of(summary, LESSONS, "status")
    assert found == []
    assert read_clause(summary).conditional


REFUNDED = chat("Agent: I've refunded the £11.60 discount to your card just now.", "Cx: thanks")


def test_an_act_told_to_come_once_something_happens_is_still_a_status() -> None:
    summary = "Pending: the £11.60 discount will be refunded once the promotions team approves."
    found, _ = findings_of(summary, REFUNDED, "status")
    assert found != []


@pytest.mark.parametrize("clause", ["refund or credit will be issued", "pay the £65 by Friday"])
def test_a_choice_or_a_deadline_alone_sets_no_condition(clause: str) -> None:
    assert not read_clause(clause).conditional
