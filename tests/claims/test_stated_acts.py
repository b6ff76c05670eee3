"""Acts a conversation states outright, told the other way round: reported as abstentions
(a conversation's turns are read less surely than a label), never as a pass; a wish, a
request or a fee charged and then waived is neither. An act a turn states done, told
still to come, is a status finding."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary

CHAT = (
    record(
        0,
        "chat",
        "Customer: the preorder for the headset, can you cancel it\n"
        "Agent Oli: I've cancelled the preorder and refunded the $89.99 to your card.\n"
        "Customer: and my mum's account?\n"
        "Agent Oli: I'm not able to check another account without her permission.\n"
        "Customer: ok thanks",
    ),
)
NOTE = (
    record(
        0,
        "agent",
        "Cust lost two saves after the sub lapsed.\n"
        "Restored from backup: Tidebreaker + Ashfall, cust confirmed on console.\n"
        "Late fee of $39 assessed on the 11th, waived as a courtesy.",
    ),
)


def negated(summary: str, records: tuple[object, ...] = CHAT) -> list[str]:
    """The stated-act readings of a summary: abstentions, and any finding."""
    report = check_summary(summary, records, OPTIONS)  # type: ignore[arg-type]
    said = report.findings + report.abstentions
    return [f.reason for f in said if f.category == "negated_action"]


def test_a_stated_act_told_the_other_way_is_an_abstention_not_a_finding() -> None:
    summary = "Could not restore Tidebreaker or Ashfall from backup."
    report = check_summary(summary, NOTE, OPTIONS)  # type: ignore[arg-type]
    assert not [f for f in report.findings if "states it" in f.reason]
    assert [f for f in report.abstentions if "states it" in f.reason]


def test_an_act_a_turn_states_done_told_undone_is_read() -> None:
    assert negated("Oli could not cancel the preorder.")
    assert negated("The $89.99 was not refunded.")


def test_an_act_a_turn_refuses_told_done_is_read() -> None:
    assert negated("Oli checked her mum's account as well.")


def test_a_note_line_that_opens_with_the_act_states_it_done() -> None:
    assert negated("Could not restore Tidebreaker or Ashfall from backup.", NOTE)


def test_the_acts_told_as_the_turns_state_them_are_no_finding() -> None:
    assert negated("Oli cancelled the preorder and refunded the $89.99.") == []
    assert negated("Oli could not check her mum's account without permission.") == []


def test_a_wish_or_a_request_is_no_act_told_done() -> None:
    assert negated("She asked for her mum's account to be checked too.") == []


def test_a_fee_charged_then_waived_may_be_told_charged() -> None:
    assert negated("A $39 late fee was charged on the 11th and then waived.", NOTE) == []


def status(summary: str, records: tuple[object, ...] = CHAT) -> list[str]:
    report = check_summary(summary, records, OPTIONS)  # type: ignore[arg-type]
    return [f.reason for f in report.findings if f.category == "status"]


def test_an_act_a_turn_states_done_told_still_to_come_is_a_status_finding() -> None:
    assert status("The $89.99 refund is pending approval.")
    assert status("The preorder will be cancelled once the supplier confirms.")


def test_an_act_done_and_promised_again_may_be_told_still_to_come() -> None:
    chat = (
        record(
            0,
            "chat",
            "Customer: can you refund the $54 duplicate\n"
            "Agent: I've processed a refund of $54.\n"
            "Agent: The refund will reach your card within 5 days.\n"
            "Customer: ok",
        ),
    )
    assert status("The $54 refund is still pending; it reaches the card within 5 days.", chat) == []


def test_an_act_done_and_still_on_its_way_may_be_told_pending() -> None:
    refunded = (
        record(
            0,
            "chat",
            "Customer: the discount code didn't apply\n"
            "Agent Kofi: I've refunded the £11.60 to your card now. 3-5 working days to show.\n"
            "Customer: great thanks",
        ),
    )

    def status(summary: str) -> bool:
        return "status" in check_summary(summary, refunded, OPTIONS).by_category()

    assert not status("The £11.60 card refund is still pending.")
    assert status("The £11.60 will be refunded once the promotions team approves it.")
