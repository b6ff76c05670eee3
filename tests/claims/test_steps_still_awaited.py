"""A decision or step told taken while the records say, in so many words, it is still to
come: an approval or a review awaited, a visit or a delivery booked for after the last
contact. Each is a status finding, certain because the records say it in their own
words; a turn that names the step again, a clause that tells it ahead, or a refusal is
none."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, chat, questioned, record

from service.models import Interaction


def _found(summary: str, history: tuple[Interaction, ...]) -> bool:
    return "status" in categories_of(summary, history)


def test_an_approval_awaited_told_given_is_a_status_finding() -> None:
    history = chat(
        "CUSTOMER: fourteen hundred forty taka refund then",
        "AGENT: we can refund that but sir i need supervisor approval for the refund "
        "it takes normally two days",
        "CUSTOMER: ok",
    )
    assert _found("Refund Tk 1,440 - supervisor approved it, paid to his Nagad.", history)
    # Told as still to come, or as the customer's ask, it agrees.
    assert not _found("Refund Tk 1,440 needs supervisor approval (~2 days).", history)
    assert not _found("Refund Tk 1,440 to be approved by the supervisor.", history)
    # How such steps go as a rule is no step taken.
    assert not _found("Refund Tk 1,440: such refunds are usually approved by a head.", history)


def test_a_step_not_taken_yet_told_taken_is_a_status_finding() -> None:
    history = chat(
        "Agent: Bring the tyre receipt at return; the 1,800 baht will come off the final "
        "bill after the station check - NOT yet approved, pending inspection.",
        "Customer: ok will do",
    )
    assert _found("Tyre 1,800 baht already approved & deducted from the bill.", history)


def test_a_review_told_in_the_sentence_after_what_it_is_about() -> None:
    history = chat(
        "Agent: I'm unable to approve that here, but I've forwarded your request to our "
        "Guest Relations team. They will reply via email within 5 business days.",
        "Customer: ok thanks",
    )
    assert _found("Hotel night - Guest Relations already approved it.", history)
    # A first line refusing is what sends a matter for review: no decision awaited.
    assert not _found("Hotel night refused by the agent, sent to Guest Relations.", history)


def test_a_step_named_again_in_any_other_turn_leaves_nothing_clear() -> None:
    approved = chat(
        "Agent: As discussed with our branch manager we approve a refund of the fee.",
        "Customer: my loan was not approved, so I need to cancel. The refund needs "
        "supervisor approval?",
        "Agent: Your refund is on its way.",
    )
    assert not _found("The branch manager approved a one-time refund.", approved)
    later = (
        record(
            0,
            "email",
            "Increases need a review by your banking officer. Reviews take 5-7 business days.",
        ),
        record(9, "email", "Your limit has been raised to $10,000 by your banking officer."),
    )
    assert not _found("The banking officer approved $10,000 a day.", later)


def test_a_delivery_booked_after_the_last_contact_told_done() -> None:
    history = chat(
        "Agent: I've arranged a free 4G modem on loan; it will be couriered to your "
        "current address in 2-3 working days.",
        "Customer: great thanks",
    )
    assert _found("The loan modem has already been delivered and set up.", history)
    # Told with a day of its own, or still on its way, it is no such claim.
    assert not _found("The loan modem will be delivered in 2-3 working days.", history)


def test_a_visit_told_done_that_a_record_reports_done_is_no_finding() -> None:
    history = chat(
        "Agent: The engineer visited on Monday and found the fault.",
        "Agent: A second visit is booked for the 30th to fit the part.",
        "Customer: ok",
    )
    assert not _found("The engineer visited and replaced the part.", history)


def test_a_review_awaited_is_no_evidence_for_the_first_lines_refusal() -> None:
    history = chat(
        "Agent: I can't refund used items, but I've sent it to the returns team for review.",
        "Customer: fine",
    )
    assert not questioned(
        "The agent refused a refund because the items were used.", history, "status"
    )
