"""Conversations with no outcome label: a status or an act read from their turns is an
abstention unless the conversation says in so many words where it ends."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.course import reported, settled_by_course, spoken

# A chat with no label: the matter's state is only what someone said in passing.
HEARSAY_CHAT = (
    record(
        0,
        "chat",
        "Customer: my router keeps dropping since Monday.\n"
        "Agent: sorry about that, I can see a fault on the line.\n"
        "Customer: the last agent said it was sorted already\n"
        "Agent: I have booked an engineer for Friday morning.\n"
        "Customer: ok thanks\n"
        "Agent: anything else?\n"
        "Customer: no",
    ),
)

# A chat with no label where the agent calls the fault fixed, then a polite close.
FIXED_IN_PASSING = (
    record(
        0,
        "chat",
        "Customer: no internet since this morning.\n"
        "Agent: I have reset the port, the fault is fixed now.\n"
        "Customer: ok\n"
        "Agent: anything else?\n"
        "Customer: no",
    ),
)

# A chat with no label that ends saying the matter is still open.
ESCALATED_CHAT = (
    record(
        0,
        "chat",
        "Customer: I was billed twice for March.\n"
        "Agent: I can see two charges of $40.\n"
        "Agent: I have escalated this to the billing team, they will call you back in 2 days.\n"
        "Customer: fine",
    ),
)

# A wrap-up note with no label that closes the case itself.
CLOSED_NOTE = (
    record(
        0,
        "agent",
        "Cust called re wrong late fee.\nRemoved $12 late fee, cust happy.\nCase closed - FCR.",
    ),
)


def test_a_status_the_turns_leave_unclear_is_an_abstention() -> None:
    report = check_summary("The fault is still open.", FIXED_IN_PASSING, OPTIONS)
    assert "status" not in report.by_category()
    assert "status" in report.abstained_by_category()


def test_reported_speech_does_not_settle_the_matter() -> None:
    report = check_summary("The fault is still open.", HEARSAY_CHAT, OPTIONS)
    assert all("shows it resolved" not in f.reason for f in report.findings)


def test_an_unclear_conversation_leaves_no_open_item_to_omit() -> None:
    report = check_summary("Router drops; engineer booked for Friday.", HEARSAY_CHAT, OPTIONS)
    assert report.open_items == () or report.open_items_stated


def test_a_conversation_that_says_it_is_escalated_is_open() -> None:
    assert settled_by_course(ESCALATED_CHAT[0].notes) == "open"
    report = check_summary("Double charge for March, $40 twice.", ESCALATED_CHAT, OPTIONS)
    assert report.open_items
    assert not report.open_items_stated


def test_a_note_that_closes_the_case_is_settled() -> None:
    assert settled_by_course(CLOSED_NOTE[0].notes) == "resolved"


def test_a_polite_close_settles_nothing() -> None:
    assert settled_by_course(HEARSAY_CHAT[0].notes) is None


def test_reported_speech_is_told_apart_from_a_statement() -> None:
    assert reported("he told me it was fixed")
    assert reported("the agent said it was sorted")
    assert not reported("the agent fixed it")


_TURN = st.sampled_from(
    [
        "Customer: it still drops",
        "Agent: let me check",
        "Customer: thanks",
        "Agent: the agent before said it was fixed",
        "Customer: ok",
        "Agent: anything else?",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_TURN, min_size=1, max_size=8))
def test_turns_without_settling_words_are_never_clear(turns: list[str]) -> None:
    assert settled_by_course("\n".join(turns)) is None


# Unlabelled chats whose customer ends in anger, in mixed words, or in plain thanks.
ANGRY_END = (
    record(
        0,
        "chat",
        "Customer: my parcel never came.\n"
        "Agent: I can only open a trace, it takes 10 days.\n"
        "Customer: this is ridiculous, 10 days??\n"
        "Agent: I understand.\n"
        "Customer: unbelievable. useless.",
    ),
)
MIXED_END = (
    record(
        0,
        "chat",
        "Customer: my parcel never came.\n"
        "Agent: I have sent a replacement.\n"
        "Customer: this was ridiculous but thanks for sorting it",
    ),
)


def test_an_angry_ending_contradicts_a_satisfied_customer() -> None:
    report = check_summary("The customer was satisfied at the end.", ANGRY_END, OPTIONS)
    assert "sentiment" in report.by_category()


def test_an_angry_ending_agrees_with_an_angry_customer() -> None:
    report = check_summary("The customer is angry about the wait.", ANGRY_END, OPTIONS)
    assert "sentiment" not in report.by_category()


def test_mixed_words_leave_the_mood_unread() -> None:
    for mood in ("The customer is satisfied.", "The customer is angry."):
        assert "sentiment" not in check_summary(mood, MIXED_END, OPTIONS).by_category()


# A call transcript: it speaks its figures, so a detail missing from it proves little.
CALL = (
    record(
        0,
        "agent",
        "Caller: hi um I was charged twice for my order\n"
        "Agent: let me look uh yes I see it\n"
        "Caller: um can I get it back\n"
        "Agent: yes uh I have put the refund through it takes five working days\n"
        "Caller: um okay thanks",
    ),
)


def test_a_transcript_is_told_from_a_typed_chat() -> None:
    assert spoken(CALL[0].notes)
    assert not spoken(ESCALATED_CHAT[0].notes)


def test_a_commitment_detail_missing_from_a_transcript_is_an_abstention() -> None:
    untimed = (record(0, "agent", CALL[0].notes.replace(" it takes five working days", "")),)
    report = check_summary("The refund will arrive within 9 working days.", untimed, OPTIONS)
    assert "promise" not in report.by_category()
    assert "promise" in report.abstained_by_category()


def test_a_commitment_detail_a_transcript_gives_otherwise_is_a_finding() -> None:
    # The call says "five working days": the summary's nine misstates it, and the
    # commitment resting on it is invented, however the rest of the call is spoken.
    report = check_summary("The refund will arrive within 9 working days.", CALL, OPTIONS)
    assert {"date", "promise"} <= set(report.by_category())


# A chat in which the agent tells the refund done in the first person.
REFUNDED_IN_CHAT = (
    record(
        0,
        "chat",
        "Customer: the promo code did not apply to my order\n"
        "Agent: sorry about that, I've refunded the discount to your card now\n"
        "Customer: great thanks",
    ),
)


def test_an_act_the_doer_told_done_is_contradicted_when_denied() -> None:
    report = check_summary(
        "The agent did not refund the discount to her card.", REFUNDED_IN_CHAT, OPTIONS
    )
    assert "negated_action" in report.by_category()


def test_an_act_only_asked_about_in_turns_is_no_clear_evidence() -> None:
    asked = (
        record(
            0,
            "chat",
            "Customer: can you refund the discount?\nAgent: let me check\nCustomer: ok",
        ),
    )
    report = check_summary("The agent refunded the discount.", asked, OPTIONS)
    assert "negated_action" not in report.by_category()


# A chat whose customer ends in warm thanks.
GRATEFUL_END = (
    record(
        0,
        "chat",
        "Customer: my card was blocked abroad\n"
        "Agent: I've unblocked it, try again now\n"
        "Customer: it works! thank you so much, really appreciate it",
    ),
)


def test_warm_thanks_at_the_end_contradicts_a_customer_told_still_angry() -> None:
    report = check_summary("The customer is still angry.", GRATEFUL_END, OPTIONS)
    assert "sentiment" in report.by_category()


def test_a_mood_told_of_the_start_is_not_set_beside_the_ending() -> None:
    report = check_summary("Card blocked abroad, customer anxious.", GRATEFUL_END, OPTIONS)
    assert "sentiment" not in report.by_category()


def test_plain_thanks_is_no_mood() -> None:
    polite = (
        record(0, "chat", "Customer: bill is wrong\nAgent: I have fixed it\nCustomer: ok thanks"),
    )
    report = check_summary("The customer is still angry.", polite, OPTIONS)
    assert "sentiment" not in report.by_category()


def test_an_offer_the_customer_says_a_rival_made_is_no_promise() -> None:
    switching = (
        record(
            0,
            "chat",
            "Customer: I'm leaving for another provider\n"
            "Agent: sorry to hear that, I have sent the cancellation form\n"
            "Customer: ok",
        ),
    )
    said = "He also said the new provider offered a voucher."
    assert "promise" not in check_summary(said, switching, OPTIONS).by_category()
    # Told as the agent's, with no turn naming it: not cleared, held as an abstention.
    plain = "The agent offered a voucher."
    assert "promise" in check_summary(plain, switching, OPTIONS).abstained_by_category()


def test_a_remedy_no_turn_names_is_an_abstention_while_the_matter_is_open() -> None:
    report = check_summary(
        "The $40 duplicate charge was refunded. Billing will call back in 2 days.",
        ESCALATED_CHAT,
        OPTIONS,
    )
    assert "status" not in report.by_category()
    assert "status" in report.abstained_by_category()


# A wrap-up note in agents' shorthand.
SHORTHAND_NOTE = (
    record(
        0,
        "agent",
        "Cx flight cxl by airline.\nEligible full rfnd, processed to card.\nCx calm.",
    ),
)


def test_a_refund_written_without_its_vowels_is_mentioned() -> None:
    report = check_summary("The agent processed a full refund.", SHORTHAND_NOTE, OPTIONS)
    assert "promise" not in report.by_category()


def test_a_question_about_a_refund_is_no_promise() -> None:
    asked = "She asks whether the gift card balance would be refunded if she closes the account."
    assert "promise" not in check_summary(asked, ESCALATED_CHAT, OPTIONS).by_category()


def test_an_act_no_turn_names_is_an_abstention_in_an_unlabelled_conversation() -> None:
    # A specific figure no record gives stays a finding; the act alone may be the
    # summary's "waived" for the turns' "took the fee off": turns word acts their own way.
    summary = "Router drops since Monday. The late fee was waived."
    report = check_summary(summary, HEARSAY_CHAT, OPTIONS)
    assert not [f for f in report.findings if f.category == "promise"]
    assert [f for f in report.abstentions if f.category == "promise"]


def test_the_same_act_is_a_finding_against_a_labelled_record() -> None:
    labelled = (
        record(
            0,
            "agent",
            "Router drops since Monday; engineer booked for Friday.",
            outcome="engineer booked",
        ),
    )
    summary = "Router drops since Monday. The late fee was waived."
    report = check_summary(summary, labelled, OPTIONS)
    assert [f for f in report.findings if f.category == "promise"]


def test_a_status_told_as_someones_words_is_an_abstention() -> None:
    note = (
        record(
            0,
            "agent",
            "Cx says heater still not working after the shop repair. Technician booked for "
            "Fri. Case still open.",
        ),
    )
    told = check_summary("The shop had told the customer the heater was fixed.", note, OPTIONS)
    assert not told.findings and [f.category for f in told.abstentions] == ["status"]
    stated = check_summary("The heater is fixed now.", note, OPTIONS)
    assert [f.category for f in stated.findings] == ["status"]
