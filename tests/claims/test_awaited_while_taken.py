"""A step a summary tells still awaited that a record's turn tells taken: "still awaiting
approval" against "repair approved"; but not a step sent for review as an act, one a later
turn awaits again, one a turn only gives a rule for, nor a summary that tells the step taken
elsewhere (how things stood then)."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS, chat, findings_of, record

from service.claims import read_history
from service.claims.decided_steps import told_undone_while_done
from service.claims.summary_reading import read_summary

APPROVED_LATER = chat(
    "Customer: the garage quoted 4,850 for repair job RJ-7712, can you approve it?",
    "Agent: I need supervisor approval for anything over 3,000, one moment.",
    "Agent: good news, repair RJ-7712 approved at 4,850. The garage will call you.",
    "Customer: great thanks",
)


def test_a_step_told_awaited_that_a_turn_tells_taken_is_a_status_finding() -> None:
    found, _ = findings_of(
        "Repair RJ-7712 (4,850) is still awaiting supervisor approval.", APPROVED_LATER, "status"
    )
    assert len(found) == 1
    assert found[0].certain and "approval" in found[0].reason


def test_a_step_told_taken_is_no_finding() -> None:
    found, _ = findings_of(
        "Repair RJ-7712 approved at 4,850 after a supervisor check.", APPROVED_LATER, "status"
    )
    assert found == []


def test_a_step_sent_for_review_is_an_act_not_a_state() -> None:
    found, _ = findings_of(
        "The agent sent repair RJ-7712 for supervisor approval, and it went through.",
        APPROVED_LATER,
        "status",
    )
    assert found == []


def test_how_things_stood_then_beside_the_step_told_taken_is_no_finding() -> None:
    found, _ = findings_of(
        "Repair RJ-7712 was first pending approval; later in the chat it was approved.",
        APPROVED_LATER,
        "status",
    )
    assert found == []


def test_a_step_awaited_again_after_it_was_taken_is_no_finding() -> None:
    reopened = (
        *APPROVED_LATER,
        record(3, "chat", "Agent: sorry, repair RJ-7712 is pending approval again, new quote"),
    )
    found, _ = findings_of(
        "Repair RJ-7712 (4,850) is still awaiting supervisor approval.", reopened, "status"
    )
    assert found == []


def test_a_rule_about_the_step_tells_nothing_taken() -> None:
    rule = chat(
        "Customer: is my repair RJ-7712 ok?",
        "Agent: repairs like RJ-7712 are normally approved within a day, it is pending approval.",
    )
    found, _ = findings_of("Repair RJ-7712 is still pending approval.", rule, "status")
    assert found == []


REFUND_PROCESSED = chat(
    "Customer: I want my R450 back for the cancelled tour TR-8812",
    "Agent: refunds over R300 need supervisor approval, one moment",
    "Agent: ok, the R450 refund for TR-8812 has been processed to your card.",
)


def test_an_approval_is_taken_when_the_remedy_it_was_for_is_given() -> None:
    found, _ = findings_of(
        "R450 refund for TR-8812 still awaiting supervisor approval.", REFUND_PROCESSED, "status"
    )
    assert len(found) == 1 and found[0].certain


def test_the_remedy_given_after_the_approval_is_no_finding() -> None:
    found, _ = findings_of(
        "R450 refund for TR-8812 processed after supervisor approval.", REFUND_PROCESSED, "status"
    )
    assert found == []


UNBLOCKED = chat(
    "CUSTOMER: my debit card no dey work since yesterday for pos",
    "AGENT: yes the card was blocked after three wrong pin attempts yesterday",
    "AGENT: okay i've unblocked the card now ma, you can use it",
    "CUSTOMER: okay thank you it don show active for the app",
)


def test_a_step_that_ends_the_matter_told_undone_while_a_turn_tells_it_done() -> None:
    summary = "Debit card (locked after 3 wrong PIN tries) still blocked, unblock pending."
    found, _ = findings_of(summary, UNBLOCKED, "status")
    assert len(found) == 1 and "unblock pending" in found[0].reason
    found, _ = findings_of("Debit card unblocked on the call.", UNBLOCKED, "status")
    assert found == []


def test_money_still_on_its_way_is_no_step_told_undone() -> None:
    refunded = chat(
        "Customer: where is my refund",
        "Agent: I have refunded the 45 dollars to your card, it takes 5 days to show",
    )
    reading = read_history(refunded, OPTIONS)
    summary = read_summary("The $45 refund is still pending on her card.", reading, None)
    assert told_undone_while_done(summary.clauses, reading.evidence) == []


def test_a_step_a_later_turn_awaits_again_is_no_finding() -> None:
    history = chat(
        "Agent: the engineer installed the router on Monday",
        "Customer: it stopped working again today",
        "Agent: a new installation is pending, the engineer comes Friday",
    )
    found, _ = findings_of("Router installation still pending (Friday).", history, "status")
    assert found == []
