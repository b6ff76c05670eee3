"""Wordings read right since the eighth blind round (docs/gate.md): a missed callback told
with a hedge or about its subject, a promise reported by the customer, a request addressed to
someone, a wish, and the clauses of a line that opens with the day it is about.

Histories and sentences are written for these tests, not taken from the golden set, the
generator, the phrase bank or the candidate sets.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

from service.models import Interaction

# A modem swap promised with a callback that never came; settled on the last contact.
MODEM = (
    record(
        0,
        "agent",
        "Modem keeps rebooting. Swap ordered, ticket MS-7712. Callback promised by Mar 4.",
        "open",
        "frustrated",
    ),
    record(3, "chat", "Customer: nobody got back to me like you promised", "open", "angry"),
    record(
        5,
        "agent",
        "Swap done, modem stable, ticket MS-7712 closed. Customer happy with the result.",
        "resolved",
        "satisfied",
    ),
)
# A refund still outstanding after a callback that never came, told by the customer twice.
REFUND = (
    record(
        0,
        "ivr",
        'Speech input: "I was promised a call back about my $64.20 refund and nobody called"',
        "XFER",
    ),
    record(
        0,
        "agent",
        "refund $64.20 escalated, CB overdue; escalated to tier 2 RF-3301; supervisor callback"
        " due Mar 8",
        "open",
        "negative",
    ),
    record(7, "agent", "cx chasing RF-3301, CB missed, still w/ team", "open", "frustrated"),
    record(
        12,
        "chat",
        "Customer: nobody got back to me like you promised\nAgent: still with the team.",
        "open",
        "angry",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A missed callback, hedged or told of what it was about, is a missed callback.
        ("The promised callback appears to have been missed.", False),
        ("The promised callback seems to have been missed; the refund is still open.", False),
        ("She called because a promised callback about the refund never came.", False),
        ("The customer said they had been promised a call back.", False),
        # Told as made, it is what the records deny.
        ("The promised callback was made on Mar 3; the refund is still open.", True),
        ("The customer said the promised callback came on Mar 3.", True),
    ],
)
def test_a_missed_callback_in_other_words(summary: str, wrong: bool) -> None:
    assert bool(categories_of(summary, REFUND) & {"negated_action", "status"}) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # Sent to someone, not dealt with; what the customer wants is no state.
        ("Her chat included a request addressed to the supervisor.", False),
        ("Mood: angry, and she wants it sorted this week.", False),
        ("She would like the refund case closed quickly.", False),
        # A state said outright is still one.
        ("She asked again and the refund case was closed.", True),
        ("The refund has been addressed.", True),
    ],
)
def test_requests_addressed_and_wishes_are_no_state(summary: str, wrong: bool) -> None:
    assert ("status" in categories_of(summary, REFUND)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A line that opens with its day tells where things stood that day.
        ("Mar 5 chat: nobody had got back to them; ticket still with the team.", False),
        ("History: Mar 5 chat - customer said nobody called; ticket still open.", False),
        # A bare mood after a dated clause is that day's mood.
        (
            "The customer chased by phone on Mar 5, frustrated, while it was still with the team.",
            False,
        ),
        ("On Mar 5 the customer chased, then on Mar 7 the swap was done; ticket closed.", False),
        # What the line says of now is held to now.
        ("Mar 5 chat: nobody had got back to them; the ticket is still open now.", True),
        ("On Mar 5 she chased by chat; she is angry now.", True),
        # Not a line that opens with its day: the state is held to now, as before.
        ("The customer chased on Mar 5, and the ticket is open.", True),
    ],
)
def test_a_line_that_opens_with_its_day_is_told_of_that_day(summary: str, wrong: bool) -> None:
    found = categories_of(summary, MODEM)
    assert bool(found & {"status", "sentiment"}) is wrong


def test_a_day_read_from_the_sentence_only_excuses_a_claim() -> None:
    # The day a line opens with does not bear this out, and neither does the newest record:
    # the day read from the sentence never makes a claim wrong that is right now.
    assert "status" not in categories_of("Mar 2 call: swap ordered; ticket closed now.", MODEM)
    assert "status" in categories_of("Mar 5 chat: nobody had called; ticket closed.", REFUND)


# A fault where the agent tried a remote reset before booking a visit, and a dispute whose
# acknowledgement promised a callback by a date.
RESET = (
    record(
        0,
        "agent",
        "no picture on the set-top box, remote reset; visit booked VS-5510 for Mar 6",
        "open",
        "negative",
    ),
)
DISPUTE = (
    record(
        0,
        "email",
        "Dispute DP-2290 logged for the $31.40 charge. You can expect a review callback by Mar 9.",
        "open",
        "neutral",
    ),
)


@pytest.mark.parametrize(
    ("summary", "history", "wrong"),
    [
        # A kind of act denied beside a booking told as done: denied in the past.
        ("The agent booked a visit without trying any troubleshooting first.", RESET, True),
        ("No troubleshooting was tried before the visit was booked.", RESET, True),
        ("A remote reset was tried, then a visit was booked for Mar 6.", RESET, False),
        # Denied ahead of the booking, it says nothing of what was done.
        ("A visit is booked; no troubleshooting will be done until then.", RESET, False),
        # A promise denied after its word, or its date denied for either of two things.
        ("Dispute DP-2290 was logged and the agent promised no callback.", DISPUTE, True),
        ("DP-2290 logged, but no callback or review date was given.", DISPUTE, True),
        ("DP-2290 logged; a review callback is expected by Mar 9.", DISPUTE, False),
        ("DP-2290 logged; the agent promised no refund.", DISPUTE, False),
    ],
)
def test_acts_denied_beside_a_booking_and_promises_of_nothing(
    summary: str, history: tuple[Interaction, ...], wrong: bool
) -> None:
    assert ("negated_action" in categories_of(summary, history)) is wrong
