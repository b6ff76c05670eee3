"""Contacts as an agent counts them: totals over a span, a channel's day, an IVR leg and
that day's call, and "nothing since" against the records."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import (
    OPTIONS,
    OUTAGE_CHASED,
    ROUTER,
    START,
    categories_of,
    in_a_chat,
    record,
)

from service.claims import read_history
from service.claims.facts import unsupported_facts
from service.claims.threads import most_messages
from service.models import Interaction


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The IVR legs handed to an agent are those calls; the company's text is no contact.
        ("The customer contacted us 3 times between Mar 2 and Mar 8 about the router.", False),
        ("The customer contacted us 6 times between Mar 2 and Mar 8 about the router.", False),
        ("The customer contacted us 2 times between Mar 2 and Mar 8 about the router.", True),
        ("The customer contacted us 7 times between Mar 2 and Mar 8 about the router.", True),
        # Contacts listed with their days, in an aside or after a comma: the span is theirs.
        (
            "They have been in touch three times (a call on Mar 2, a chat on Mar 5 and a call on "
            "Mar 8) about the router.",
            False,
        ),
        ("They have been in touch twice, by chat on Mar 5 and by phone on Mar 8, about it.", False),
        (
            "They have been in touch four times (a chat on Mar 5 and a call on Mar 8) about it.",
            True,
        ),
    ],
)
def test_contacts_are_counted_as_an_agent_counts_them(summary: str, wrong: bool) -> None:
    assert ("count" in categories_of(summary, ROUTER)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Contacts: phone on 3/2, chat on 3/5, phone on 3/8.", False),
        ("Contacts: phone on 2 Mar, chat on 5 Mar and phone on 8 Mar.", False),
        ("On Mar 5, the customer called about the router.", True),
        ("A Mar 8 chat chased the engineer.", True),
    ],
)
def test_a_list_of_channels_and_days_pairs_each_channel_with_its_own_day(
    summary: str, wrong: bool
) -> None:
    assert ("date" in categories_of(summary, ROUTER)) is wrong


@given(
    legs=st.lists(st.booleans(), min_size=1, max_size=6),
    notices=st.integers(min_value=0, max_value=3),
)
@settings(max_examples=60, deadline=None)
def test_the_customers_own_contacts_are_a_fair_total_and_one_more_than_every_record_is_not(
    legs: list[bool], notices: int
) -> None:
    # Each call may come through the IVR first; the company sends some texts.
    history: list[Interaction] = []
    for day, through_ivr in enumerate(legs):
        if through_ivr:
            history.append(record(day, "ivr", f"Menu leg {day}. Transferred.", "XFER"))
        history.append(record(day, "agent", f"Call {day} about the bill.", "open", "negative"))
    for n in range(notices):
        history.append(record(len(legs) + n, "sms", f"[OUT] Notice {n}.", "notify_sent"))
    records = tuple(sorted(history, key=lambda item: item.timestamp))
    last = records[-1].timestamp
    span = f"between {START:%b} {START.day} and {last:%b} {last.day}"
    for said, wrong in ((len(legs), False), (len(records), False), (len(records) + 1, True)):
        summary = f"The customer contacted us {said} times {span} about the bill."
        assert ("count" in categories_of(summary, records)) is wrong


def test_an_ivr_leg_and_that_days_call_are_one_contact() -> None:
    history = (
        record(0, "email", "Customer asks about the TV box.", "open", "negative"),
        record(8, "ivr", "Menu: tech support. Transferred.", "XFER"),
        record(8, "agent", "cx chasing the case, still open", "open", "frustrated"),
    )
    # The IVR leg at 09:30 and the agent call that day at 09:30 + minutes: one call; a leg
    # at midnight and a call that evening are one call too.
    late = (
        history[0],
        history[1].model_copy(update={"timestamp": history[1].timestamp.replace(hour=0)}),
        history[2],
    )
    summary = "The customer has been in touch twice since Mar 2 (e-mail on 3/2, phone on 3/10)."
    assert "count" not in categories_of(summary, late)


@pytest.mark.parametrize(
    "text",
    [
        "The customer called on 03/07 and has sent nothing further since that call.",
        "Outage OUT-4410 confirmed on 03/02, SMS update due 03/05; cx chased on 03/07. "
        "No contact from cx since then.",
    ],
)
def test_nothing_since_against_a_text_the_customer_started_is_contradicted(text: str) -> None:
    assert "negated_action" in categories_of(text, OUTAGE_CHASED)


def test_nothing_since_the_last_contact_passes() -> None:
    text = "cx texted on 03/09 that there is still no service; no contact from cx since then."
    assert "negated_action" not in categories_of(text, OUTAGE_CHASED)


def _count_facts(summary: str, history: tuple[Interaction, ...]) -> list[tuple[str, bool]]:
    reading = read_history(history, OPTIONS)
    found = unsupported_facts(summary, reading.source, reading.people)
    return [(fact.text, not fact.unsure_why) for fact in found if fact.kind == "count"]


ONE_CALL = (record(0, "agent", "Customer says the code failed, tried it three times."),)
ONE_THREAD = (record(0, "email", "From: customer. Re: Re: refund. Second reply below."),)


@pytest.mark.parametrize(
    ("summary", "history", "expected"),
    [
        # Tries inside one record are no contact total: the count is left unsure.
        ("They tried the code 4 times.", ONE_CALL, [("4 times", False)]),
        ("The code could not be used twice.", ONE_CALL, [("twice", False)]),
        # A verb of contacting makes it a total of contacts, held to the records.
        ("The customer has called 4 times.", ONE_CALL, [("4 times", True)]),
        # One e-mail record may be a thread of several messages.
        ("Three e-mails were exchanged.", ONE_THREAD, [("Three e-mails", False)]),
    ],
)
def test_a_count_is_a_contact_total_only_when_it_counts_contacts(
    summary: str, history: tuple[Interaction, ...], expected: list[tuple[str, bool]]
) -> None:
    assert _count_facts(summary, history) == expected


@pytest.mark.parametrize(
    ("said", "right", "wrong"),
    [
        ("this is my second chat about it", "Second chat about it.", "Fourth chat about it."),
        ("this is my third email about this", "Third email about this.", "Fifth email about this."),
    ],
)
def test_an_ordinal_of_a_chat_or_an_email_counts_the_repeats(
    said: str, right: str, wrong: str
) -> None:
    history = in_a_chat(f"Customer: {said}\nAgent: sorry")
    assert "count" not in categories_of(right, history)
    assert "count" in categories_of(wrong, history)


TWO_MESSAGE_THREAD = (
    record(0, "agent", "Cust reports card blocked after fraud call. New card ordered."),
    record(
        1,
        "email",
        "Subject: Your claim\nFrom: Customer\nHere is my reference.\n\n"
        "Subject: RE: Your claim\nFrom: Fraud Claims Team\nThanks, we will decide soon.",
    ),
)
TWO_CHATS = (
    record(0, "chat", "Customer: where is my parcel\nAgent: it left the depot today"),
    record(3, "chat", "Customer: still nothing\nAgent: trace opened"),
)


@pytest.mark.parametrize(
    ("summary", "history", "expected"),
    [
        # A thread's messages are read off its headers: a call and a two-message thread
        # can be three contacts, not four.
        (
            "Three contacts: a call and two e-mails.",
            TWO_MESSAGE_THREAD,
            [("Three contacts", False)],
        ),
        ("Four contacts: a call and then e-mails.", TWO_MESSAGE_THREAD, [("Four contacts", True)]),
        # A label's count is the number of every contact.
        ("Contacts: 3 (chat on 2 April, chat on 5 April).", TWO_CHATS, [("Contacts: 3", True)]),
        ("Contacts: 2 (chat on 2 April, chat on 5 April).", TWO_CHATS, []),
        ("Contact: 3pm callback booked.", TWO_CHATS, []),
        # Contacting a named company is contacting.
        ("Customer contacted DakExpress three times.", TWO_CHATS, [("three times", True)]),
        # Contacts the customer tells of may lie before the records.
        ("She had already called the hotline three times.", TWO_CHATS, [("three times", False)]),
        ("Says he contacted us 4 times about it.", TWO_CHATS, [("4 times", False)]),
        ("He has called us three times before.", TWO_CHATS, [("three times", False)]),
        # A total to date is no earlier contact, nor is what is said after the count.
        ("4 contacts so far.", TWO_CHATS, [("4 contacts", True)]),
        (
            "Customer has contacted us four times about terms they say were misrepresented.",
            TWO_CHATS,
            [("four times", True)],
        ),
        # The end of a date is no count: "3/24 emails" are the e-mails of March 24.
        ("3/23 + 3/24 emails: still with the team.", TWO_CHATS, []),
    ],
)
def test_a_total_of_contacts_is_held_to_the_contacts_the_records_can_hold(
    summary: str, history: tuple[Interaction, ...], expected: list[tuple[str, bool]]
) -> None:
    assert _count_facts(summary, history) == expected


def test_contacts_the_records_tell_of_before_their_own_leave_a_total_unsure() -> None:
    history = (record(0, "chat", "Customer: I called yesterday too and nobody helped"),)
    assert _count_facts("The customer has contacted us 3 times.", history) == [("3 times", False)]


@given(st.lists(st.tuples(st.sampled_from(["chat", "email", "agent"]), st.text(max_size=80))))
def test_the_records_hold_at_least_one_message_each_or_an_unknown_number(
    records: list[tuple[str, str]],
) -> None:
    history = [record(day, channel, notes) for day, (channel, notes) in enumerate(records)]
    held = most_messages(history)
    assert held is None or held >= len(history)


@pytest.mark.parametrize(
    ("summary", "certain"),
    [
        # "Contacts" count contacts, as the prompt states their number: a thread is one.
        ("3 contacts about the parcel.", True),
        ("Across three contacts the parcel was traced.", True),
        # A sentence that tells of e-mails or an exchange may count its messages.
        ("3 contacts: a chat, then e-mails back and forth.", False),
        ("Three contacts, including an e-mail exchange on 5 March.", False),
    ],
)
def test_contacts_counted_as_contacts_are_held_to_the_records_of_a_thread(
    summary: str, certain: bool
) -> None:
    threads = (
        record(0, "email", "From: customer\nwhere is my parcel\n\nFrom: support\nit left today"),
        record(3, "email", "From: customer\nstill nothing\n\nFrom: support\ntrace opened"),
    )
    found = _count_facts(summary, threads)
    assert len(found) == 1 and found[0][1] is certain
