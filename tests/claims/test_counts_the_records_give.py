"""Numbers the records give, restated one word wrong: contacts since a day or over a dated
aside, a plan's instalments, how often a thing happened, and which time this is.

Histories and sentences are written for these tests, not taken from the golden set, the
generator or the phrase bank.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.models import Interaction

# A broadband fault over five contacts on Mar 2, 3, 5 and 9 (two on Mar 5).
FAULT = (
    record(0, "chat", "Customer reports the line drops at night. Bot ran a line test.", "BOT"),
    record(1, "agent", "Line drops again. Port reset on the exchange side.", "PORT_RST"),
    record(3, "sms", "Your fault ref LF-30412 is open. We'll text when it's fixed.", "SENT"),
    record(3, "agent", "Third time they have called about it. Engineer booked for Mar 12.", "ENG"),
    record(7, "email", "Customer asks whether the engineer visit on Mar 12 still stands.", "ASK"),
)
# Arrears on a plan: three payments agreed, the card declined twice on the first.
ARREARS = (
    record(0, "agent", "Arrears of $240.60 set up as 3 x $80.20; first due Mar 6.", "PLAN"),
    record(4, "ivr", "Caller paid by card on the payment line: card declined twice.", "FAIL"),
)


def _counts(summary: str, history: tuple[Interaction, ...]) -> list[str]:
    report = check_summary(summary, history, OPTIONS)
    return [f.reason for f in report.findings if f.category == "count"]


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The customer has contacted us 5 times since Mar 2 about the drops.", False),
        # The text the company sent is no contact of the customer's: 4 is a fair count too.
        ("The customer has contacted us 4 times since Mar 2 about the drops.", False),
        ("The customer has contacted us 3 times since Mar 2 about the drops.", True),
        ("The customer has contacted us 3 times since Mar 5 about the drops.", False),
        ("The customer has contacted us 2 times since Mar 5 about the drops.", False),
        ("The customer has contacted us once since Mar 5 about the drops.", True),
        ("They have been in touch 5 times in a week (Mar 2 to Mar 9) about the drops.", False),
        ("They have been in touch 6 times in a week (Mar 2 to Mar 9) about the drops.", True),
        ("They got in touch 2 times (Mar 2 chat, then a call on Mar 3) about it.", False),
        ("They got in touch 3 times (Mar 2 chat, then a call on Mar 3) about it.", True),
    ],
)
def test_a_total_since_a_day_or_over_a_dated_aside_is_the_records_of_that_span(
    summary: str, wrong: bool
) -> None:
    reasons = _counts(summary, FAULT)
    assert bool(reasons) is wrong, reasons
    if wrong:
        assert any("records hold" in reason for reason in reasons)


@pytest.mark.parametrize(
    "summary",
    [
        # "since" dates the matter, not the contacts.
        "The customer contacted us 2 times about drops that started since Mar 2.",
        # An aside that dates something else is no span of contacts.
        "The customer contacted us 2 times (engineer booked for Mar 12) about the drops.",
    ],
)
def test_a_date_that_is_not_the_contacts_span_leaves_the_total_alone(summary: str) -> None:
    assert _counts(summary, FAULT) == []


def test_a_record_logged_twice_may_be_counted_once() -> None:
    twice = (*FAULT, FAULT[-1])
    assert _counts("The customer contacted us 5 times since Mar 2 about it.", twice) == []
    assert _counts("The customer contacted us 6 times since Mar 2 about it.", twice) == []
    assert _counts("The customer contacted us 4 times since Mar 2 about it.", twice) == []
    assert _counts("The customer contacted us 3 times since Mar 2 about it.", twice)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Arrears of $240.60 are on a plan of 3 x $80.20, first due Mar 6.", False),
        ("Arrears of $240.60 are on a plan of three payments of $80.20.", False),
        ("Arrears of $240.60 are on a plan of 4 x $80.20, first due Mar 6.", True),
        ("Arrears of $240.60 are on a plan of six monthly instalments of $80.20.", True),
        ("The card was declined twice on the payment line on Mar 6.", False),
        ("The card was declined three times on the payment line on Mar 6.", True),
        ("The card was declined once on the payment line on Mar 6.", True),
    ],
)
def test_instalments_and_repetitions_are_the_numbers_the_notes_give(
    summary: str, wrong: bool
) -> None:
    assert bool(_counts(summary, ARREARS)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Customer says this is the third time they have called about the drops.", False),
        ("Customer says this is the fourth time they have called about the drops.", True),
        # Not what the customer said: the contact under way may be the sixth.
        ("This is the sixth contact about the drops.", False),
        ("This is the seventh contact about the drops.", True),
        ("Ninth call about the line dropping at night.", True),
        # A day of the month, not a repetition.
        ("On the Mar 9th call the customer asked about the visit.", False),
    ],
)
def test_which_time_this_is_is_what_the_notes_say_or_within_the_contacts(
    summary: str, wrong: bool
) -> None:
    assert bool(_counts(summary, FAULT)) is wrong


TWO_CONTACTS = (
    record(0, "email", "Customer: my refund has not arrived, it has been ten days."),
    record(3, "chat", "Customer: still no refund. Agent: I have chased the finance team."),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The contact under way may be the third...
        ("This is her third contact about the refund.", False),
        # ...but a contact told with its date is one of the records'.
        ("2nd contact - chatted 5/3, finance chased.", False),
        ("3rd contact - chatted 5/3, finance chased.", True),
        # A try is no contact: "3rd attempt" on a date counts deliveries.
        ("3rd attempt at delivery failed on 5/3.", False),
    ],
)
def test_a_dated_contact_numbered_past_the_records_is_a_wrong_count(
    summary: str, wrong: bool
) -> None:
    assert bool(_counts(summary, TWO_CONTACTS)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A contact told as past is one of the records': the one under way has not happened.
        ("This was her third contact about the refund.", True),
        ("This was her second contact about the refund.", False),
        ("On her third call the agent chased the finance team.", True),
        ("She called back three days later (her third contact); finance was chased.", True),
        ("She called back three days later (her second contact); finance was chased.", False),
        # Told as now, the third may be the contact under way.
        ("Her third contact about the refund, still waiting.", False),
    ],
)
def test_a_contact_told_as_past_numbered_past_the_records_is_a_wrong_count(
    summary: str, wrong: bool
) -> None:
    assert bool(_counts(summary, TWO_CONTACTS)) is wrong


NUMBERED_BY_THE_CUSTOMER = (
    record(0, "email", "Customer: my refund has not arrived, it has been ten days."),
    record(3, "chat", "Customer: this is my second time contacting you. still no refund."),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [("2nd contact, refund still missing.", False), ("3rd contact, refund still missing.", True)],
)
def test_records_that_number_their_own_last_contact_settle_the_count(
    summary: str, wrong: bool
) -> None:
    # The second record calls itself the second contact: no contact is left to be a third.
    assert bool(_counts(summary, NUMBERED_BY_THE_CUSTOMER)) is wrong


def test_a_contact_told_as_past_after_an_earlier_one_told_of_may_be_counted() -> None:
    told = (
        record(0, "chat", "Customer: I already did this chat earlier and the bot closed it."),
        record(2, "chat", "Customer: still nothing. Agent: chased again."),
    )
    assert not _counts("This was her third chat about the cold food.", told)


def test_a_contact_the_records_tell_of_before_their_own_may_be_counted() -> None:
    told = (record(0, "chat", "Customer: I already did this chat earlier and the bot closed it."),)
    assert not _counts("Second chat on 2 March about the cold food.", told)


@settings(max_examples=40, deadline=None)
@given(
    payments=st.integers(min_value=2, max_value=12),
    said=st.integers(min_value=2, max_value=12),
    cents=st.integers(min_value=1_000, max_value=99_999),
)
def test_a_plan_restated_is_flagged_exactly_when_its_count_differs(
    payments: int, said: int, cents: int
) -> None:
    amount = Decimal(cents) / 100
    history = (record(0, "agent", f"Arrangement agreed: {payments} x ${amount}.", "PLAN"),)
    reasons = _counts(f"A plan of {said} x ${amount} was agreed on Mar 2.", history)
    assert bool(reasons) is (said != payments)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The customer contacted us 2 times on Mar 5 about the drops.", False),
        ("The customer contacted us 2 times on Mar 7 about the drops.", True),
        ("The customer contacted us 3 times on Mar 5 about the drops.", True),
    ],
)
def test_a_total_on_one_day_is_the_contacts_of_that_day(summary: str, wrong: bool) -> None:
    report = check_summary(summary, FAULT, OPTIONS)
    assert bool(report.findings) is wrong, report.findings


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("A Mar 9 email asked whether the engineer visit still stands.", False),
        ("A Mar 5 email asked whether the engineer visit still stands.", True),
        ("On Mar 3 the customer called: the line drops again.", False),
        ("On Mar 9 the customer called: the line drops again.", True),
        ("Mar 2 chat: the bot ran a line test.", False),
        ("Mar 5 chat: the bot ran a line test.", True),
        # A call still to come is no contact on that day.
        ("On Mar 12 the engineer visit is due; a Mar 12 call back was not promised.", False),
        # Two sentences: the day ends the first.
        ("The visit is on 12 Mar. The customer called again about it.", False),
    ],
)
def test_a_contact_named_by_day_and_channel_is_in_the_records_that_day(
    summary: str, wrong: bool
) -> None:
    report = check_summary(summary, FAULT, OPTIONS)
    dated = [f for f in report.findings if f.category == "date"]
    assert bool(dated) is wrong, report.findings


# A call only a later note dates: the customer phoned on Mar 3, the records start on Mar 5.
NOTED_CALL = (
    record(3, "email", "Customer writes that they phoned on Mar 3 and were told to wait.", "IN"),
    record(4, "agent", "Engineer booked for Mar 12; customer accepted.", "ENG"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("On Mar 3 the customer called and was told to wait; an engineer is booked.", False),
        ("On Mar 4 the customer called and was told to wait; an engineer is booked.", True),
        # The engineer's date is in a note, but no contact happened on it.
        ("On Mar 12 the customer called about the engineer visit.", True),
    ],
)
def test_a_contact_a_note_dates_is_a_contact_on_that_day(summary: str, wrong: bool) -> None:
    report = check_summary(summary, NOTED_CALL, OPTIONS)
    dated = [f for f in report.findings if f.category == "date"]
    assert bool(dated) is wrong, report.findings


def test_a_summary_over_no_records_names_each_made_up_fact() -> None:
    report = check_summary("A $80.20 payment failed on Mar 6; dispute BD-55120 open.", (), OPTIONS)
    categories = {f.category for f in report.findings}
    assert {"amount", "date", "ticket", "off_task"} <= categories, report.findings
    said = check_summary("No interactions found in the last 90 days.", (), OPTIONS)
    assert said.findings == ()


# One record: the customer numbers the tweet in Hinglish.
THIRD_TWEET = (
    record(0, "chat", "@cust: @AutoWalaCare teesri baar tweet kar raha hoon, no reply to DMs"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("Nikhil tweeted for the third time about the fee.", False),
        ("Nikhil tweeted for the fourth time about the fee.", True),
    ],
)
def test_a_repetition_numbered_in_another_language_is_that_number(
    summary: str, wrong: bool
) -> None:
    assert bool(_counts(summary, THIRD_TWEET)) is wrong
