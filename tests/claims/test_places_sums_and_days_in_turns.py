"""What a conversation no label sums up tells clearly enough: a place named after the same
word as the summary's ("to Mombasa" / "to Kisumu"), a sum a turn tells done, a span of
days written with a slashed date, a day a record itself gives, a contact named by its
channel and day, and a state that is another thing's."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, chat, questioned, record

from service.claims.mentions import mentioned_dates
from service.claims.status import read_status
from service.models import Interaction


def _found(summary: str, history: tuple[Interaction, ...], category: str) -> bool:
    return category in categories_of(summary, history)


def test_a_name_the_records_write_after_the_same_word_is_the_one_swapped() -> None:
    history = chat(
        "Customer: my parcel was lost by Parcelon last week, order 5521",
        "Agent: I'm sorry. I've opened a lost-parcel claim, LP-5521.",
        "Customer: ok thanks",
    )
    assert _found("The parcel was lost by FleetPost; a claim is open.", history, "entity")
    assert not _found("The parcel was lost by Parcelon; a claim is open.", history, "entity")


def test_a_day_a_person_a_street_or_the_same_name_is_no_rival_place() -> None:
    for line, place in (
        ("Customer: can you move it to Friday", "Turin"),
        ("Customer: I sent it to Mr Tan last week", "Turin"),
        ("Customer: can you ship it to Via Larga 12", "Turin"),
    ):
        history = chat(line, "Agent: Noted, I've updated the order.", "Customer: ok thanks")
        summary = f"Order updated, shipping to {place}."
        assert not _found(summary, history, "entity"), line
        assert questioned(summary, history, "entity"), line
    history = chat("Customer: can you ship it to Lyon", "Agent: Noted.", "Customer: ok thanks")
    assert _found("Order updated, shipping to Turin.", history, "entity")
    # The same town by another of its names is the town the records give.
    history = chat("Customer: can you ship it to Philadelphia", "Agent: Noted.", "Customer: ok")
    assert not questioned("Order updated, shipping to Philly.", history, "entity")


def test_a_turn_that_tells_the_very_sum_done_denies_a_refusal_of_it() -> None:
    history = chat(
        "Customer: the fridge stopped cooling, it's under warranty",
        "Agent: Technician booked Thursday. The K350 call-out fee is waived because you are"
        " under warranty.",
        "Customer: ok thanks",
    )
    assert _found("The agent would not waive the K350 call-out fee.", history, "negated_action")
    # Without the sum, the turn is no clear evidence: an abstention.
    summary = "The agent would not waive the call-out fee."
    assert not _found(summary, history, "negated_action")
    assert questioned(summary, history, "negated_action")


def test_a_span_of_days_with_a_slashed_date_gives_its_first_day() -> None:
    assert (4, 22) in set().union(*(found for _, found in mentioned_dates("2 nts 22-24/04")))
    assert (4, 22) in set().union(*(found for _, found in mentioned_dates("stay 04/22-24")))
    history = (record(0, "agent", "Group blk SVH-G-0419, 6 rms x 2 nts 22-24/04. Deposit pd."),)
    assert not _found("The group block is at the hotel on 22-24 April.", history, "date")
    assert _found("The group block is at the hotel on 21-24 April.", history, "date")


def test_a_record_that_gives_the_day_itself_dates_the_event() -> None:
    history = (
        record(0, "agent", "Reg hold - fees J$385,000 not cleared. Cx also paid J$12,000 deposit."),
        record(8, "agent", "2nd call. Disbursement still not received. Extended reg to 16/03."),
        record(14, "agent", "3rd call. NSFO disbursed J$385,000 on 15/03 - posted to acct."),
    )
    assert not _found("NSFO paid the full J$385,000 on 15 March.", history, "date")


def test_a_contact_named_by_its_channel_and_day_is_that_contact() -> None:
    history = (
        record(0, "email", "> About the refund LP-40771: it was sent on 28/02. Allow 5-10 days."),
        record(2, "sms", "Lumiera+: your refund of 13,99 EUR (ref LP-40771) went to your bank."),
    )
    assert not _found("An SMS of 4 Mar confirms it was sent (ref LP-40771).", history, "date")
    # Told as the day it happened, the day is set beside the record that tells it.
    assert _found("On 4 Mar it was sent (ref LP-40771).", history, "date")


def test_a_state_told_as_the_cause_of_another_things_fate_is_that_things() -> None:
    text = "her bank rejected the deposit because the account on her profile is closed"
    assert read_status(text) is None
    assert read_status("she cancelled the callback because the issue was fixed") == "resolved"


def test_the_customers_own_payment_is_no_payment_made_to_them() -> None:
    history = chat(
        "Customer: I paid the dentist $190 out of pocket because the claim got rejected",
        "Agent: I've approved the claim. Total $190, to your nominated account in 2-3 days.",
        "Customer: thank you",
    )
    summary = "The claim was approved: $190 to be paid to her account in 2-3 business days."
    assert "status" not in categories_of(summary, history)
    paid = chat(
        "Customer: where is my refund of $190",
        "Agent: We have paid the $190 to your account this morning.",
        "Customer: ok",
    )
    assert _found("The $190 is still to be paid to her account.", paid, "status")


def test_a_settling_act_told_as_a_state_is_done_unless_on_a_condition() -> None:
    waived = chat("Agent: The $40 late fee is waived this time.", "Customer: ok thanks")
    assert _found("The agent would not waive the $40 late fee.", waived, "negated_action")
    offered = chat("Agent: The $40 late fee is waived if you pay today.", "Customer: ok")
    assert not _found("The agent would not waive the $40 late fee.", offered, "negated_action")


def test_a_sum_promised_in_so_many_words_that_no_record_gives_is_invented() -> None:
    history = chat(
        "Customer: the courier missed the pickup twice",
        "Agent: So sorry. I've rebooked it for Thursday and will add a goodwill credit.",
        "Customer: ok thanks",
    )
    summary = "Pickup rebooked for Thursday; Sam promised a £20 goodwill credit for the trouble."
    assert _found(summary, history, "promise")
    # Told without the promise's verb, the sum alone is no clear evidence of one.
    told = "Pickup rebooked for Thursday; a £20 goodwill credit for the trouble."
    assert not _found(told, history, "promise")


def test_a_count_with_a_hyphenated_word_counts_the_thing_after_it() -> None:
    history = (record(0, "email", "The chip was already there. I have 3 photos from pickup."),)
    assert _found("Her five pick-up photos were reviewed.", history, "count")
    assert not _found("Her three pick-up photos were reviewed.", history, "count")


def test_a_thing_promised_outright_that_no_record_speaks_of_is_invented() -> None:
    history = chat(
        "Customer: the lost parcel still hasn't turned up",
        "Agent: I've asked my supervisor to chase the hub and logged case LP-2210.",
        "Customer: ok thanks",
    )
    invented = "The agent promised a supervisor callback within 24 hours."
    assert _found(invented, history, "promise")
    # Someone's account of a promise, or a note's label, stays unsure.
    for told in (
        "Says the last agent promised a supervisor callback.",
        "Promised: a supervisor callback.",
    ):
        assert not _found(told, history, "promise"), told
        assert questioned(told, history, "promise"), told
