"""An act a summary tells done since, or ahead of, where the records leave it ("has since
been repaired", "already refunded") while the records only promise or ask for it, in a
word of that act's own: a certain status finding even in a conversation no label sums up.
Without such a word, the same reading stays an abstention."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, chat, questioned, record

from service.models import Interaction

REFUND_LINES = (
    "Customer: the fee was charged twice, I want it back",
    "Agent: Sorry about that. The duplicate fee will be refunded to your card within "
    "5-7 business days.",
    "Customer: ok thanks",
)
REFUND_AHEAD = chat(*REFUND_LINES)


def _found(summary: str, history: tuple[Interaction, ...]) -> bool:
    return "status" in categories_of(summary, history)


def test_an_act_told_done_since_the_records_promise_it_is_a_finding() -> None:
    assert _found("Duplicate fee has since been refunded to her card.", REFUND_AHEAD)
    assert _found("Dup fee already refunded to card.", REFUND_AHEAD)
    assert _found("The duplicate fee has now been refunded.", REFUND_AHEAD)


def test_the_same_act_told_plainly_stays_an_abstention() -> None:
    # "refunded" alone may be a faithful shorthand of "will be refunded": unclear.
    summary = "Duplicate fee refunded to her card."
    assert not _found(summary, REFUND_AHEAD)
    assert questioned(summary, REFUND_AHEAD, "status")
    assert not _found("Duplicate fee to be refunded within 5-7 business days.", REFUND_AHEAD)


def test_records_telling_the_act_done_leave_nothing_to_find() -> None:
    done = chat(
        "Customer: the fee was charged twice",
        "Agent: I've refunded the duplicate fee just now, it shows in 5-7 business days.",
    )
    assert not _found("Duplicate fee already refunded.", done)


def test_an_act_promised_only_in_another_word_is_no_evidence() -> None:
    # "credited" is not the "refund" the agent asked for, nor is an e-mail a sending.
    history = chat(
        "Customer: the miles are in my account but my card shows 2 x 60 EUR",
        "Agent: I've asked our payments team to refund the duplicate 60 EUR.",
        "Agent: You will get an email when the partner bank confirms.",
    )
    assert not _found("1,500 miles given (already credited).", history)
    assert not _found("Already sent to the partner bank.", history)


def test_records_writing_the_act_done_in_a_turn_it_cannot_split_tell_it_done() -> None:
    # A call transcript without stops: the customer's "we paid again" is read inside a
    # longer turn that also promises, yet its past form still tells the act done.
    transcript = (
        record(
            0,
            "agent",
            "AGENT: what i can offer is free rebooking or a refund of eighty percent\n"
            "CUSTOMER: no i want the full refund and we don't need rebooking anymore we "
            "already went by another bus we paid again\n"
            "AGENT: okay for full refund i need the approval of my supervisor\n"
            "AGENT: if approved the refund will be paid to your original payment card\n"
            "CUSTOMER: okay thank you",
        ),
    )
    summary = "She declined both, having already paid for another bus."
    assert not _found(summary, transcript)
    assert not questioned(summary, transcript, "status")


@pytest.mark.parametrize(
    "ahead",
    [
        "Agent: it will be refunded once the bank confirms.",
        "Agent: current estimate is the duplicate fee refunded by Saturday 21 March.",
        "Customer: I want it refunded today.",
    ],
)
def test_an_act_written_ahead_wished_or_asked_about_is_no_telling_it_done(ahead: str) -> None:
    # Beside the agent's promise, none of these writes the refund done.
    history = chat(*REFUND_LINES, ahead)
    assert _found("Duplicate fee has since been refunded.", history)
