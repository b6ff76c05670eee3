"""How chat models write a briefing, read right: a customer's contacts counted as an agent
would count them, contacts listed with their days, a promise that was kept or missed, the
call that never came, and a history with nothing in it.

Histories and sentences are written for these tests, not taken from the golden set, the
generator, the phrase bank or the candidate sets.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, START, record

from service.claims import check_summary
from service.claims.clause import read_clause
from service.models import Interaction, SummaryOptions

# A router fault: an IVR leg handed to an agent, a text the company sent (answered "ok"),
# a chat, and a second call through the IVR. Four contacts by the customer, six records.
ROUTER = (
    record(0, "ivr", "Menu: tech support > internet. Transferred to agent.", "XFER"),
    record(
        0,
        "agent",
        "Router drops every hour. Reset remotely. Callback promised by Mar 4.",
        "open",
        "frustrated",
    ),
    record(0, "sms", "[OUT 10:02] Ticket RT-4410 is open. [IN 10:05] ok", "notify_sent"),
    record(3, "chat", "Customer: nobody got back to me like you promised", "open", "angry"),
    record(6, "ivr", "Menu: tech support > internet. Transferred to agent.", "XFER"),
    record(6, "agent", "Engineer booked for Mar 12; ticket RT-4410 still open.", "open", "angry"),
)


def _categories(summary: str, history: tuple[Interaction, ...]) -> set[str]:
    return {f.category for f in check_summary(summary, history, OPTIONS).findings}


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
    assert ("count" in _categories(summary, ROUTER)) is wrong


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
    assert ("date" in _categories(summary, ROUTER)) is wrong


@pytest.mark.parametrize(
    "summary",
    [
        "A callback was promised by Mar 4 and nobody called.",
        "The callback promised for Mar 4 never came.",
        "The callback due 4 March never came; the customer chased by chat.",
        "The customer had been promised a call back that never came.",
        "The promised callback had never come by the time they chatted on Mar 5.",
    ],
)
def test_a_promised_call_that_never_came_is_told_as_the_records_tell_it(summary: str) -> None:
    assert _categories(summary, ROUTER) == set()


@pytest.mark.parametrize(
    "summary",
    [
        "The agent called the customer back on Mar 4 as promised.",
        "The promised callback came on Mar 4.",
    ],
)
def test_a_missed_callback_told_as_made_is_named(summary: str) -> None:
    assert _categories(summary, ROUTER) & {"action_polarity", "status"}


# A callback that did happen: saying nobody called denies it.
CALLED_BACK = (
    record(0, "agent", "Bill too high. Callback promised by Mar 3.", "open", "negative"),
    record(
        1,
        "agent",
        "Called the customer back: explained the pro-rated charge.",
        "resolved",
        "neutral",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("A callback was promised for Mar 3 and the agent called back on Mar 3.", False),
        ("A callback was promised for Mar 3, but nobody called.", True),
        ("A callback was promised for Mar 3; no one ever got back to them.", True),
    ],
)
def test_nobody_called_denies_a_callback_the_records_show(summary: str, wrong: bool) -> None:
    assert ("action_polarity" in _categories(summary, CALLED_BACK)) is wrong


def test_a_promise_told_in_the_passive_is_a_promise() -> None:
    # "was promised" is no "as promised": the clause commits to a callback.
    assert read_clause("A billing callback was promised for April 2").mode == "promise"
    assert read_clause("The agent called back as promised").mode == "done"


# Nothing in scope: the channel filter left no record.
NOTHING = SummaryOptions(as_of=START, ivr_intent="billing_dispute", channel_filter=["email"])


@pytest.mark.parametrize(
    "summary",
    [
        "No e-mail interactions within the 90-day window, so there is no prior history to brief "
        "on. The customer is calling today about a billing dispute.",
        "Nothing on file: no interactions were found on e-mail in the last 90 days. Treat this as "
        "a first contact.",
        "There are no previous contacts from this customer in the window. The IVR captured a "
        "billing dispute for the current call.",
        "Here is the summary: the interaction history, filtered to e-mail, is empty. No cases, "
        "promises or sentiment to report.",
        "Today's call came in through the IVR as a billing dispute; there is no earlier history.",
    ],
)
def test_a_summary_of_nothing_may_say_so_in_its_own_words(summary: str) -> None:
    assert check_summary(summary, (), NOTHING).findings == ()


@pytest.mark.parametrize(
    "summary",
    [
        "No e-mail interactions in the window. A fee waiver has already been agreed for them.",
        "No earlier history. A technician visit was booked for Apr 2.",
        "Nothing on file. The customer was refunded $25 last month.",
    ],
)
def test_a_summary_of_nothing_that_grants_something_is_named(summary: str) -> None:
    found = {f.category for f in check_summary(summary, (), NOTHING).findings}
    assert found & {"promise", "amount", "date"}


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
        assert ("count" in _categories(summary, records)) is wrong
