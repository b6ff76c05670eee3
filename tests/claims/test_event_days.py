"""The day of an event: a span of days dates no single event; messages sent and spans are
told as the records tell them."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

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


def test_a_span_of_days_dates_no_single_event() -> None:
    history = (
        record(0, "agent", "Price question about the streaming add-on.", "info", "neutral"),
        record(5, "chat", "Autopay set up for the 1st.", "done", "neutral"),
        record(9, "agent", "Move order created.", "order_created", "neutral"),
    )
    summary = "Mar 2-11: routine (add-on price question, autopay set up for the 1st)."
    assert "date" not in categories_of(summary, history)


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


def test_an_event_a_later_record_dates_to_the_summarys_day_is_not_moved() -> None:
    history = (
        record(0, "agent", "Missing items refunded: MXN 189.00 issued as wallet credit."),
        record(3, "agent", "Cx says refund never arrived - $189 sitting in wallet since 03/02."),
    )
    assert "date" not in categories_of("Lupita refunded the $189 on 3/2.", history)
