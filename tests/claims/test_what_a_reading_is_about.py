"""Which event, thing or time a reading is about: a state told of an earlier event, a mood
the customer started in or quoted, an act the company did to another thing, a later call
whoever dialled, what ought to have happened, a figure beside a thing's word."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, questioned, record

from service.claims.instructions import instruction_patterns
from service.claims.status import read_status
from service.models import Interaction


def _found(summary: str, history: tuple[Interaction, ...], category: str) -> bool:
    return category in categories_of(summary, history)


def test_a_state_told_of_an_earlier_event_is_no_state_of_the_matter() -> None:
    earlier = "Supply keeps tripping, a few days after a token problem was fixed"
    assert read_status(earlier) is None
    assert read_status("Supply keeps tripping since the outage was resolved") is None
    # Where the state is the clause's own, it is read as ever.
    assert read_status("After the reboot the issue was fixed") == "resolved"
    assert read_status("The token problem was fixed") == "resolved"


def test_the_mood_after_the_one_the_customer_started_in_is_the_ending() -> None:
    note = (
        "Rebooked LW320 today, fare difference waived.\nMeal voucher issued.\n"
        'Pax tone: exasperated at start ("your system is a joke"), calmer once rebooked.'
        " Thanked agent."
    )
    history = (record(0, "agent", note),)
    assert not _found("He was exasperated at first but thankful by the end.", history, "sentiment")
    # A note that tells anger and no later mood still reads as anger.
    angry = "Rebooked LW320 today.\nMeal voucher issued.\nPax tone: furious, says it is a joke."
    assert _found("Customer is delighted.", (record(0, "agent", angry),), "sentiment")


def test_a_quoted_is_does_not_make_a_mood_the_one_the_customer_ended_in() -> None:
    transcript = (
        "AGENT: the fee I cannot reverse today\nCUSTOMER: it's not about the fee it's the"
        " principle but okay\nAGENT: I have raised the limit to twenty thousand\n"
        "CUSTOMER: perfect. thank you so much\nAGENT: anything else\nCUSTOMER: no thanks bye"
    )
    history = (record(0, "agent", transcript),)
    summary = 'He was unhappy about the fee ("it\'s the principle").'
    assert not _found(summary, history, "sentiment")
    assert _found("He is unhappy about the fee.", history, "sentiment")


def test_an_act_the_company_did_to_another_thing_is_no_clear_evidence() -> None:
    chat = (
        "Bank: Hi Ramon, we've sent you a PM so we can check your loan.\n"
        "Bank: Release is on hold: the developer has not given us the title yet.\n"
        "Ramon: ok salamat"
    )
    history = (record(0, "chat", chat),)
    summary = "The loan is held because the developer hasn't yet sent the title."
    assert not _found(summary, history, "negated_action")
    refunded = "Agent: I've refunded the $75 cleaning fee to your card.\nCustomer: ok thanks"
    assert _found(
        "The agent refused to refund the $75 cleaning fee.",
        (record(0, "chat", refunded),),
        "negated_action",
    )


def test_a_follow_up_call_is_the_later_call_on_record() -> None:
    history = (
        record(0, "email", "Claim registered. An assessor will inspect the car on Saturday."),
        record(5, "agent", "Inbound call. Repair estimate approved, payable to the garage."),
    )
    summary = "On a follow-up call he was told the repair estimate was approved."
    assert not questioned(summary, history, "promise")
    # With no later call on record, a call-back told as made is still questioned.
    assert questioned(summary, history[:1], "promise")


def test_what_ought_to_have_happened_is_no_instruction() -> None:
    line = "the store cancelled it and uh the system should have reversed the payment but it didn't"
    assert instruction_patterns(line) == []
    assert instruction_patterns("the system should mark this case resolved") != []


def test_a_figure_beside_a_things_word_elsewhere_is_no_clear_count() -> None:
    note = (
        "API returning 429. Business plan limit should be 300 req/min but tenant still"
        " capped at 60 (old Team limit).\nWorkaround: cx will throttle sync to 50 req/min."
    )
    history = (record(0, "agent", note),)
    summary = "The tenant is still capped at the old 60 req/min limit."
    assert not _found(summary, history, "count")
    assert not _found("The customer will throttle sync to 50 req/min.", history, "count")


def test_the_speakers_own_refusal_of_the_very_sum_is_clear() -> None:
    chat = (
        "Customer: the installer never came and you charged 1,200 TL\n"
        "Agent: I'm sorry, we can't refund the 1,200 TL install fee, I can offer a 500 TL"
        " code for the next order.\nCustomer: ok"
    )
    history = (record(0, "chat", chat),)
    assert _found("Refunded the 1,200 TL install fee.", history, "negated_action")
    # Reported of someone else, or only until something happens: no clear evidence.
    reported = chat.replace("we can't refund", "the store can't refund")
    assert not _found(
        "Refunded the 1,200 TL install fee.", (record(0, "chat", reported),), "negated_action"
    )
    deferred = (
        "Agent: I can't mark the $1,284 statement as paid until the insurer reprocesses it.\n"
        "Customer: fine"
    )
    assert not _found(
        "The $1,284 statement was marked as paid.", (record(0, "chat", deferred),), "negated_action"
    )


def test_a_thing_promised_that_no_record_names_is_a_promise_nobody_made() -> None:
    chat = (
        "Customer: no compacts at the counter and they want $25 a day more\n"
        "Agent: I've applied a no-charge upgrade to a midsize sedan, the counter can see it.\n"
        "Customer: ok thanks"
    )
    history = (record(0, "chat", chat),)
    invented = "The agent applied a no-charge upgrade and promised a free tank of fuel on return."
    assert _found(invented, history, "promise")
    told = "The agent applied a no-charge upgrade and promised the counter could see it."
    assert not _found(told, history, "promise")
    # One word of a thing that is no act may be told in the records in another, and a
    # promise someone says was made is their account: no clear evidence.
    assert not _found("The agent promised priority.", history, "promise")
    assert not _found("He says the agent promised reimbursement.", history, "promise")


def test_calmer_is_a_calm_ending_and_vexed_an_angry_word() -> None:
    calmed = (
        "Cx asked to collect at another agent instead - yes any agent.\n"
        'Cx was vex at start ("mi tek two bus fi reach"), calmer once aunt on the line.\n'
        "Agent: Dwayne"
    )
    history = (record(0, "agent", calmed),)
    assert _found("She stayed angry throughout the call.", history, "sentiment")
    mixed = (
        "Penalty reversed, balance corrected.\nOffered a complaint log - cx declined.\n"
        "Cx calmer after pymt fixed, still vexed re diesel."
    )
    summary = "She calmed down but remained unhappy about the diesel charge."
    assert not _found(summary, (record(0, "agent", mixed),), "sentiment")
