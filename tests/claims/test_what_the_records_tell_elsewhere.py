"""A claim read against every record that speaks of it, not only the one sharing most words
with it: the contact on the summary's day tells the event in a word of its own, a later
turn settles in the summary's own word what an earlier one left open, a wait that ran out
before the request leaves nothing clearly open, and a refusal of one sum is no denial of
another sum's refund."""

from __future__ import annotations

from datetime import timedelta

from oci_testing.claim_histories import OPTIONS, START, record

from service.claims import check_summary
from service.models import Interaction, SummaryOptions


def _found(summary: str, history: tuple[Interaction, ...], category: str) -> bool:
    return category in check_summary(summary, history, OPTIONS).by_category()


def test_the_days_record_may_tell_the_event_in_a_word_of_its_own() -> None:
    history = (
        record(
            0,
            "email",
            "Claim accepted. The £2,090.00 payment will go by BACS within 5 working days.",
        ),
        record(5, "sms", "We've sent £2,090.00 to your bank account for claim HC-20417."),
    )
    assert not _found("The payment was sent on 7 March.", history, "date")
    # Another day, whose record tells nothing of it, is still another day.
    assert _found("The payment was sent on 4 March.", history, "date")


def test_the_days_record_that_first_gives_the_sum_tells_the_event() -> None:
    history = (
        record(0, "agent", "Escrow analysis used $6,912 for taxes. Borrower to send the bill."),
        record(3, "email", "Attached is my tax bill. Total $5,318.44. Please fix it."),
        record(9, "agent", "Review of the $5,318.44 bill still in queue. Escalated."),
    )
    assert not _found("He uploaded the bill showing $5,318.44 on 5 March.", history, "date")
    # A sum an earlier record gave is no sign of the later day's event.
    charged = (
        record(0, "agent", "Pay-per-view purchase $63.76 questioned. Dispute submitted."),
        record(4, "email", "Dispute approved. Credit of $63.76 applied to the account."),
    )
    assert _found("On 6 March the customer questioned the $63.76 purchase.", charged, "date")


def test_the_days_record_in_another_language_may_tell_the_event() -> None:
    history = (
        record(
            0,
            "email",
            "Refund of R$ 180,00 approved - it will be paid by PIX within 5 business days.",
        ),
        record(
            6,
            "sms",
            "Reembolso de R$ 180,00 pago via PIX em 08/03/2026. Obrigado por ser nosso cliente!",
        ),
    )
    assert not _found("An SMS confirms the R$180 was paid by PIX on 8 March.", history, "date")


def test_a_later_turn_that_settles_in_the_summarys_word_is_its_source() -> None:
    history = (
        record(
            0,
            "chat",
            "Agent: Refunds above 100 EGP need approval. I've escalated it, "
            "ref ESC-7781, they'll reply within 24 hours.",
        ),
        record(
            2,
            "chat",
            "Agent: I've approved a 50% refund to your card. I've also closed "
            "ESC-7781 so you won't get duplicate messages.\nCustomer: whatever. fine",
        ),
    )
    assert not _found("Agent approved a 50% refund and closed the escalation.", history, "status")


def test_a_wait_that_ran_out_before_the_request_is_no_clear_opening() -> None:
    history = (
        record(0, "email", "Please proceed with the payment of the 5,200.\nCustomer"),
        record(
            1,
            "sms",
            "Your claim payment of $5,200.00 was transferred today. It can take "
            "up to 24h to show in your account.",
        ),
    )
    later = SummaryOptions(as_of=START + timedelta(days=4), ivr_intent="billing")
    soon = SummaryOptions(as_of=START + timedelta(days=1, hours=3), ivr_intent="billing")
    summary = "Payment of $5,200 transferred. Status: closed, nothing pending."
    ran_out = check_summary(summary, history, later)
    assert "status" not in ran_out.by_category()
    assert any(f.category == "status" for f in ran_out.abstentions)
    assert "status" in check_summary(summary, history, soon).by_category()


def test_a_refusal_for_one_sum_is_no_denial_of_another_sums_refund() -> None:
    chat = (
        record(
            0,
            "chat",
            "Agent: the patrol added a £20 fitting charge. I've refunded the £20 "
            "now.\nCustomer: can I cancel the Parts Cover?\nAgent: Done - cancelled from "
            "today. This month's £4.50 has already been taken and isn't refundable.",
        ),
    )
    summary = "She had the £4.50-a-month Parts Cover cancelled (this month's payment not refunded)."
    assert not _found(summary, chat, "negated_action")
    assert _found("The agent would not refund the £20.", chat, "negated_action")


def test_one_of_two_deadlines_may_be_the_promises() -> None:
    note = (
        record(
            0,
            "agent",
            "Claim with the assessor, decision due by March 12. Agent promised a callback by "
            "March 14.",
            outcome="callback scheduled",
        ),
    )
    summary = "Decision due by March 12, callback promised by March 14."
    assert not _found(summary, note, "promise")
    # The decision's day given to the callback is still a moved deadline.
    assert _found("Callback promised by March 12.", note, "promise")


def test_the_times_of_another_act_are_no_count_of_contacts() -> None:
    post = (
        record(
            0,
            "chat",
            "Customer: the install is delayed AGAIN. That's the second "
            "delay.\nAgent: sorry, the earliest slot is the 19th.",
        ),
    )
    assert not _found("The install had been missed for the third time.", post, "count")
    assert _found("The install was delayed a third time.", post, "count")
    assert not _found("The install was delayed a second time.", post, "count")


def test_a_decision_or_a_request_told_in_plain_words_is_no_padding() -> None:
    chat = (record(0, "chat", "Customer: honestly I like it so I'll keep it.\nAgent: ok."),)
    assert not _found("The customer chose to keep it.", chat, "filler")
    assert not _found("Asked for seats, general admission only.", chat, "filler")


def _named(summary: str, history: tuple[Interaction, ...]) -> bool:
    """Whether a name of the summary is a finding (not an abstention)."""
    return "entity" in check_summary(summary, history, OPTIONS).by_category()


def test_a_person_under_the_same_title_is_a_rival_name() -> None:
    chat = (
        record(
            0,
            "chat",
            "Customer: can I book the booster?\nAgent: booked with Dr Okafor on "
            "Saturday.\nCustomer: thanks",
        ),
    )
    assert not _named("Booster booked with Dr Okafor.", chat)
    assert _named("Booster booked with Dr Eze.", chat)


def test_a_name_beside_the_same_word_is_a_rival_name() -> None:
    chat = (
        record(
            0,
            "chat",
            "Customer: who refunds me?\nAgent: the flight was a Coral Pacific codeshare, so "
            "the refund goes through them.\nCustomer: ok",
        ),
    )
    assert not _named("The flight was a Coral Pacific codeshare.", chat)
    assert _named("The flight was a Tasman Blue codeshare.", chat)


def test_a_name_written_short_is_no_rival_of_itself() -> None:
    chat = (
        record(
            0,
            "chat",
            "Customer: where is my refund?\nAgent: $149 back once it reaches our Auckland "
            "warehouse, within 5 working days.\nCustomer: ok",
        ),
    )
    assert not _named("$149 back within 5 WD of it reaching the Akl warehouse.", chat)
