"""Two wrong claims a summary can make about where a matter stands:

- a count of contacts with a person that the records do not give, too many *or too few*
  ("2 agent contacts" after three conversations with agents), and
- a pending promise told as kept ("The engineer visit has been done.") while the records
  still have the matter open and none reports the promised thing done.

Histories and sentences are written for these tests, not taken from the golden set or the
phrase bank.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.person_contacts import person_contacts
from service.models import Interaction

# A router fault: three conversations with people (a call, a chat with a named adviser, an
# e-mail reply), a bot-only chat, an IVR menu, an SMS, and the call logged twice.
ROUTER = (
    record(0, "ivr", "Menu: Technical support > Internet. Result: transferred to agent queue"),
    record(0, "agent", "Caller says the router reboots nightly. Ran line test, no fault found."),
    record(0, "agent", "Caller says the router reboots nightly. Ran line test, no fault found."),
    record(1, "chat", "Bot: Hi, how can I help?\nCustomer: router still rebooting\nBot: Bye"),
    record(
        2,
        "chat",
        "Customer: still rebooting\nSam (adviser): An engineer visit will be booked for "
        "March 9 to swap the router.",
        outcome="engineer booked",
    ),
    record(3, "sms", "[OUT] Your engineer visit is on 03/09. Reply STOP to opt out"),
    record(
        4,
        "email",
        "From: Help Desk <helpdesk@example.org>\nSubject: Router\n\nHi, the engineer visit "
        "is still booked; we will confirm the time the day before.\n\nRegards, Dana",
        outcome="pending",
        sentiment="frustrated",
    ),
)


def categories(summary: str, history: tuple[Interaction, ...] = ROUTER) -> set[str]:
    return {finding.category for finding in check_summary(summary, history, OPTIONS).findings}


def test_the_records_say_which_contacts_reached_a_person() -> None:
    counted = person_contacts(ROUTER)
    assert counted.total == (3, 3)  # call (logged twice: once), adviser chat, e-mail reply
    assert counted.calls == (1, 1)
    assert counted.chats == (1, 1)


def test_a_chat_whose_speakers_cannot_be_told_apart_widens_the_range() -> None:
    unclear = (*ROUTER, record(5, "chat", "still rebooting. ok. thanks"))
    assert person_contacts(unclear).total == (3, 4)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("Three conversations with agents so far; the router still reboots.", False),
        ("3 agent contacts, the last one by e-mail.", False),
        ("2 agent contacts so far, the last one by e-mail.", True),  # too few
        ("Five agent contacts so far.", True),  # too many
        ("One agent call so far.", False),  # calls are some of the contacts
        ("Two agent calls so far.", True),  # more calls than the records hold
        ("2 agent contacts since March 3, the last one by e-mail.", False),  # a window
    ],
)
def test_a_count_of_contacts_with_people_is_held_to_the_records(sentence: str, wrong: bool) -> None:
    assert ("count" in categories(sentence)) is wrong, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The engineer visit has been done.",
        "Router fault: the engineer visit is now completed.",
        "An engineer visit was booked for March 9; the visit has since happened.",
    ],
)
def test_a_pending_promise_told_as_kept_is_a_status_contradiction(sentence: str) -> None:
    summary = f"Router reboots every night; line test found no fault. {sentence}"
    assert "status" in categories(summary), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "An engineer visit is booked for March 9 and still pending.",
        "Line test done, no fault found; engineer visit due March 9.",
        "The engineer visit will be confirmed the day before.",
    ],
)
def test_a_kept_promise_the_records_report_or_a_pending_one_is_no_finding(
    sentence: str,
) -> None:
    summary = f"Router reboots every night. {sentence}"
    assert "status" not in categories(summary), sentence


def test_a_promise_the_records_report_kept_may_be_told_as_kept() -> None:
    kept = (
        *ROUTER[:-1],
        record(6, "agent", "Engineer visit completed, router swapped.", outcome="pending"),
        record(7, "email", "Customer says the reboots continue after the swap.", "pending"),
    )
    assert "status" not in categories("The engineer visit has been done.", kept)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=8))
def test_only_the_true_total_of_contacts_with_people_passes(count: int) -> None:
    """For a history with an exact count, exactly one total is right."""
    summary = f"{count} agent contacts so far, the last one by e-mail."
    assert ("count" in categories(summary)) is (count != 3)
