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
from oci_testing.claim_histories import START, categories_of, record

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
    assert categories_of(summary, ROUTER) == set()


@pytest.mark.parametrize(
    "summary",
    [
        "The agent called the customer back on Mar 4 as promised.",
        "The promised callback came on Mar 4.",
    ],
)
def test_a_missed_callback_told_as_made_is_named(summary: str) -> None:
    assert categories_of(summary, ROUTER) & {"negated_action", "status"}


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
    assert ("negated_action" in categories_of(summary, CALLED_BACK)) is wrong


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
        assert ("count" in categories_of(summary, records)) is wrong


# A late fee that kept coming back, fixed in the end.
LATE_FEE = (
    record(
        0,
        "email",
        "Late fee of $20.99 charged again although autopay is on. Case RC-1101.",
        "open",
        "negative",
    ),
    record(2, "agent", "cx chasing RC-1101, CB missed, escalated to tier 2", "open", "angry"),
    record(5, "agent", "Autopay fixed, $20.99 credited, case closed.", "resolved", "satisfied"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # What the problem did is true of its history, whatever became of it.
        ("Issue: a recurring $20.99 late fee tied to autopay, case RC-1101.", False),
        ("The $20.99 late fee came back again despite autopay.", False),
        ("When no update came, the customer chased it by phone.", False),
        ("After a missed callback it was escalated to tier 2.", False),
        ("No follow-ups or promises are pending.", False),
        # Where it stands now is another claim.
        ("The $20.99 late fee is still unpaid and the case remains open.", True),
        ("As things stand the fee has not been sorted out.", True),
    ],
)
def test_what_a_problem_did_is_not_where_it_stands(summary: str, wrong: bool) -> None:
    found = categories_of(summary, LATE_FEE)
    assert bool(found & {"status", "negated_action"}) is wrong, found


# A move whose install is still to come.
MOVE = (
    record(
        0,
        "agent",
        "Move order MV-2231 created; install booked Mar 20, 8am-12pm. $49 fee.",
        "order_created",
        "neutral",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Nothing is outstanding beyond the upcoming install on Mar 20.", False),
        ("Nothing else is outstanding apart from the booked installation.", False),
        ("Nothing is outstanding; the move is complete.", True),
    ],
)
def test_nothing_outstanding_but_the_step_it_names(summary: str, wrong: bool) -> None:
    assert ("status" in categories_of(summary, MOVE)) is wrong


# An outage: a text promised once service is back, the customer chasing.
OUTAGE = (
    record(
        0,
        "agent",
        "Area outage OUT-7781. You can expect a restoration text by Mar 5.",
        "open",
        "neutral",
    ),
    record(4, "chat", "Customer: still no service and no text", "open", "frustrated"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("They were told to expect a text once service was restored, by Mar 5.", False),
        ("Once the outage was fixed, the case was closed.", True),
    ],
)
def test_a_condition_told_in_the_past_is_still_a_condition(summary: str, wrong: bool) -> None:
    assert ("status" in categories_of(summary, OUTAGE)) is wrong


def test_a_chase_named_as_a_noun_asks_for_nothing() -> None:
    clause = read_clause("After another chase on Mar 8 a supervisor callback was promised")
    assert clause.mode == "promise"
    assert read_clause("cx chasing the refund").mode == "request"


@pytest.mark.parametrize(
    "summary",
    [
        "The promised billing review callback (due Mar 4) never came.",
        "A promised update was missed and the case went to tier 2 with a callback due Mar 9.",
    ],
)
def test_a_bracketed_date_or_a_new_subject_keeps_each_act_with_its_own_words(
    summary: str,
) -> None:
    history = (
        record(0, "agent", "Callback promised by Mar 4.", "open", "negative"),
        record(
            3, "agent", "CB missed; escalated to tier 2; sup callback due 03/09.", "open", "angry"
        ),
        record(4, "chat", "Customer: nobody got back to me like you promised", "open", "angry"),
    )
    assert categories_of(summary, history) == set()


# A call transcript as a speech recogniser wrote it.
TRANSCRIPT = (
    record(
        0,
        "agent",
        "[00:12] CX: my tv box freezes\n[01:40] REP: technician replaced the "
        "mode um today, eighty one dollars creditsed, pay-per-view charge removed",
        "resolved",
        "satisfied",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The technician replaced the modem and $81 was credited.", False),
        ("The PPV charge was removed.", False),
        ("The technician replaced the router.", True),
        ("The HBO charge was removed.", True),
    ],
)
def test_words_a_transcript_misheard_are_read_as_said(summary: str, wrong: bool) -> None:
    found = categories_of(summary, TRANSCRIPT)
    assert bool(found & {"entity", "promise"}) is wrong, found


def test_a_list_ending_on_a_labelled_mood_is_not_cut_off() -> None:
    summary = (
        "**Summary**\n- **Contacts:** two calls.\n- **Latest:** callback still awaited.\n"
        "- **Sentiment:** frustrated"
    )
    assert "truncated" not in categories_of(summary, ROUTER)


def test_a_lead_in_sentence_is_layout() -> None:
    summary = (
        "Here is a summary of the customer's recent history. The customer reported hourly "
        "router drops; an engineer is booked for Mar 12. They are angry."
    )
    assert categories_of(summary, ROUTER) == set()


def test_a_span_of_days_dates_no_single_event() -> None:
    history = (
        record(0, "agent", "Price question about the streaming add-on.", "info", "neutral"),
        record(5, "chat", "Autopay set up for the 1st.", "done", "neutral"),
        record(9, "agent", "Move order created.", "order_created", "neutral"),
    )
    summary = "Mar 2-11: routine (add-on price question, autopay set up for the 1st)."
    assert "date" not in categories_of(summary, history)


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


# A refund chased, then issued and closed; the customer's last words in German.
CLOSED_LATER = (
    record(
        0, "agent", "Refund of $40 requested; supervisor callback due 03/04.", "open", "negative"
    ),
    record(
        3,
        "agent",
        "Caller: rückruf bitte, ich warte immer noch auf den Rückruf",
        "open",
        "frustrated",
    ),
    record(
        4, "email", "Still with the team, I've added a note for the team.", "open", "frustrated"
    ),
    record(
        6,
        "email",
        "Good news: refund of $40 issued, $40.00 credited. Case closed.",
        "resolved",
        "satisfied",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A state told of the past is history; a callback said not to have come is not.
        ("They called again and the case was still with the team.", False),
        ("Supervisor callback promised by Mar 4, not received.", False),
        ("Note added on Mar 6; the refund was issued on Mar 8.", False),
        ("The case is still with the team.", True),
    ],
)
def test_what_stood_then_is_not_what_stands_now(summary: str, wrong: bool) -> None:
    found = categories_of(summary, CLOSED_LATER)
    assert bool(found & {"status", "negated_action", "date"}) is wrong, found


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The $40 refund was issued and credited on Mar 8.", False),
        ("The agent also promised an extra $15 goodwill credit on the next bill.", True),
        ("A further goodwill credit was promised on the next bill.", True),
        ("The agent promised a confirmation call on Mar 12 once the credit shows.", True),
    ],
)
def test_a_promise_on_top_or_on_a_condition_is_still_a_promise(summary: str, wrong: bool) -> None:
    # The customer's words in German promise nothing the company did not.
    assert ("promise" in categories_of(summary, CLOSED_LATER)) is wrong


def test_a_cause_is_outside_what_a_negation_denies() -> None:
    clause = read_clause("No service due to a confirmed area outage")
    assert "servic" in clause.negated and not clause.negated & {"confirm", "outag"}
    assert "call-back" in read_clause("A callback is due to ring them back").acts


def test_a_heading_and_its_value_on_lines_of_their_own_end_the_summary() -> None:
    summary = "**Status**\nRefund issued; case closed.\n\n**Sentiment**\nSatisfied"
    assert "truncated" not in categories_of(summary, CLOSED_LATER)
    assert "truncated" in categories_of(summary[:-4], CLOSED_LATER)


def test_a_closing_not_received_denies_what_the_clause_named() -> None:
    clause = read_clause("supervisor callback promised by 13 May, not received")
    assert "call-back" in clause.negated
    assert "credit" in read_clause("refund requested, not issued").negated


# A dispute logged by e-mail, texts sent that day, a callback missed, the case still open.
LOGGED = (
    record(
        0,
        "email",
        "From: Customer Care <support@example.net>\nI have logged this under "
        "PA-6627. You can expect a first instalment confirmation by 10 Mar.",
        "open",
        "negative",
    ),
    record(0, "sms", "[OUT 14:19] Case PA-6627 is open. Next update by 03/10.", "notify_sent"),
    record(1, "sms", "[OUT 13:01] Good news! Case PA-6627 has been resolved.", "notify_sent"),
    record(8, "agent", "cx chasing PA-6627, CB missed, still w/ team", "open", "frustrated"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("SMS case updates were sent on 2 March.", False),
        (
            "Payment arrangement case PA-6627 was logged on 2 March with a first instalment "
            "confirmation due 10 March.",
            False,
        ),
        (
            "The customer had 4 interactions from 2 to 10 March: an e-mail, two texts and a call.",
            False,
        ),
        ("Although an SMS on 3 March said it was resolved, the callback was missed.", False),
        ("Nobody got back to them, and it was still open on 10 March.", False),
        ("The promised instalment confirmation was sent on 10 March.", True),
    ],
)
def test_messages_sent_and_spans_told_as_the_records_tell_them(summary: str, wrong: bool) -> None:
    assert bool(categories_of(summary, LOGGED) - {"count"}) is wrong


# A credit still owed after a fraud case: the follow-up is open.
CREDIT_OWED = (
    record(0, "agent", "SIM swap reversed, case FR-5120 opened.", "fraud_case_opened", "angry"),
    record(
        4, "agent", "Verbal password added. Still no credit issued.", "follow_up_pending", "angry"
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A negated act, then what is pending: two statements, the matter open.
        ("FR-5120: no credit issued yet, f/u pending.", False),
        ("No credit issued, follow-up still pending on FR-5120.", False),
        ("No credit yet, follow-up pending.", False),
        # A list of things none of which is pending says the matter is over.
        ("No credits, callbacks or follow-ups pending; FR-5120 is done.", True),
        ("No follow-ups or promises are pending.", True),
    ],
)
def test_a_negated_act_before_a_pending_step_leaves_the_matter_open(
    summary: str, wrong: bool
) -> None:
    assert ("status" in categories_of(summary, CREDIT_OWED)) is wrong
