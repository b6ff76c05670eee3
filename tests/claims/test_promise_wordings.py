"""Promises in other words: told in the passive, on top of another or on a condition, a
promised call that never came, a missed callback told as made, remedies to come."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import (
    CLOSED_LATER,
    FRAUD_ORDER,
    OPTIONS,
    ROUTER,
    categories_of,
    record,
)

from service.claims import check_summary
from service.claims.clause import read_clause

# A fee the customer complained of, reversed when the returned box was found.
RETURNED = (
    record(0, "ivr", 'Speech input: "you billed me $64.00 for a modem I returned"', "XFER"),
    record(0, "sms", "[OUT 09:10] Case RT-7712 is open. Next update by 03/05."),
    record(4, "agent", "return located, $64.00 fee reversed; RT-7712 closed", "RES", "neutral"),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A commitment's time frame or channel no record gives, whatever its condition.
        ("Once the declaration is in, the credit will be issued within 5 business days.", True),
        ("Tier 2 promised SMS updates until the case is closed.", True),
        ("CB promised w/in 24h.", True),
        ("CB promised w/in 48h.", False),
        # Advice to the reader that names the case is no promise and no filler.
        ("Confirm whether tier 2 has called back about FR-4471.", False),
        ("The next agent should check whether the declaration for FR-4471 arrived.", False),
        ("The agent should greet the customer warmly.", True),
        # A sentence opening with a verb before its gerund names nothing.
        ("Advised sending the signed declaration for FR-4471.", False),
    ],
)
def test_commitments_and_advice(summary: str, wrong: bool) -> None:
    found = categories_of(summary, FRAUD_ORDER)
    assert bool(found & {"promise", "filler", "entity"}) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The customer's own complaint, whatever word the records use for it.
        ("The customer disputed a $64.00 fee for a modem they had returned.", False),
        # A dated timeline ends as written, without full stops.
        (
            "Mar 2 \u2013 IVR: billed $64.00 for a returned modem\n"
            "Mar 6 \u2013 call: return located, fee reversed, RT-7712 closed\n"
            "Status: closed | Mood: neutral",
            False,
        ),
        # A remedy "to be refunded" by a day no record gives is an invented promise.
        ("RT-7712 open; the $64.00 fee to be refunded by Mar 12.", True),
    ],
)
def test_complaints_timelines_and_remedies_to_come(summary: str, wrong: bool) -> None:
    found = categories_of(summary, RETURNED)
    assert bool(found & {"promise", "truncated"}) is wrong


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


def test_a_promise_told_in_the_passive_is_a_promise() -> None:
    # "was promised" is no "as promised": the clause commits to a callback.
    assert read_clause("A billing callback was promised for April 2").mode == "promise"
    assert read_clause("The agent called back as promised").mode == "done"


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


# Options given in a note's own words ("Gave options: ..."), never called an offer.
OPTIONS_GIVEN = (
    record(
        0,
        "agent",
        "Flight moved, cx loses a night. Gave options: Miami routing same day or refund of "
        "unused night. Cx chose refund.",
        "refund_issued",
    ),
)


def test_an_offer_named_only_as_an_offer_is_an_abstention() -> None:
    told = check_summary(
        "Flight moved; two options offered, and the customer took the refund of the unused night.",
        OPTIONS_GIVEN,
        OPTIONS,
    )
    assert not told.findings and [f.category for f in told.abstentions] == ["promise"]
    invented = check_summary(
        "Flight moved; the agent offered a replacement router.", OPTIONS_GIVEN, OPTIONS
    )
    assert "promise" in {f.category for f in invented.findings}


LENSES = (
    record(
        0,
        "email",
        "We will remake both lenses to your current prescription at no cost. Spoke w/ PM "
        "(Julie) - agreed to rebill as NHS Band 2 £76.20.",
        # Labelled: over an unlabelled note, a thing no word of it names is an abstention
        # (`test_unlabelled_notes_word_their_own_way.py`).
        outcome="remake agreed",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The store arranged a free remake of both lenses.", False),
        ("The store arranged a free remake of both lenses and a taxi refund.", True),
        ("The practice manager agreed to rebill as NHS Band 2 (£76.20).", False),
        ("The practice manager agreed to rebill and to refund the taxis.", True),
    ],
)
def test_a_thing_given_free_or_agreed_to_is_held_to_what_was_given(
    summary: str, wrong: bool
) -> None:
    assert ("promise" in categories_of(summary, LENSES)) is wrong


def test_a_record_that_confirmed_something_promises_no_confirmation() -> None:
    texted = (
        record(0, "chat", "Agent chased the surgery for the missing item.", outcome="chased"),
        record(
            3,
            "sms",
            "MediPost: your GP has approved the sertraline; it is dispatched today.",
            outcome="dispatched",
        ),
    )
    summary = "An SMS on 5 March confirmed the GP had approved it and it was dispatched that day."
    assert "promise" not in categories_of(summary, texted)
    assert "promise" in categories_of("Agent promised a refund of the delivery fee.", texted)


def test_a_promise_whose_detail_the_records_misstate_is_invented_in_a_transcript() -> None:
    # A transcript may say a figure in words the checker does not read; but where the
    # records give a sum the summary's misstates, the promise's detail is a finding.
    call = (
        record(
            0,
            "agent",
            "Agent: um okay so I will send you a $50 voucher by email uh today\n"
            "Caller: uh perfect um thank you\nAgent: you are welcome",
        ),
    )
    report = check_summary("Agent will send a $10 voucher by email today.", call, OPTIONS)
    promises = [f for f in report.findings if f.category == "promise"]
    assert promises and "commitment no record made" in promises[0].reason
