"""Acts the records show, denied in other words: a note left on the case, a reply sent, a
visit offered, a deadline given, an offer accepted, a contact made since, a text sent on
another day than the one a neighbouring clause names. Histories and wordings are written
for these tests (not from the golden set); each wrong claim is named negated_action, each
faithful wording of the same history passes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.models import Interaction

# An outage credit: a note for the team, a dated engineer visit offered, the customer
# chasing by phone later; still open.
OUTAGE = (
    record(
        0,
        "agent",
        "Broadband down since Friday, case OT-5512 logged. You can expect an engineer visit by "
        "03/05. I've added a note for the network team.",
        "open",
        "frustrated",
        intent="outage",
    ),
    record(1, "sms", "[OUT 09:12] Case OT-5512 is open. Next update by 03/05.", "delivered"),
    record(
        6,
        "agent",
        "cx chasing OT-5512, still down, engineer visit still pending",
        "open",
        "angry",
        intent="outage",
    ),
)
# A retention offer the customer took, and an e-mail the company answered.
RETENTION = (
    record(
        0,
        "agent",
        "Retention: offered $10/month off for 6 months. Cust accepted.",
        "offer_accepted",
        "neutral",
        intent="retention",
    ),
    record(
        2,
        "email",
        "From: Alex Doe <alex@example.org>\nSubject: my discount\n\nWhen does the discount start?",
        "awaiting",
        "neutral",
        intent="retention",
    ),
    record(
        3,
        "email",
        "From: Customer Care <support@example.net>\nSubject: RE: my discount\n\n"
        "It starts on your next bill.",
        "REPLIED-CLOSED",
        "neutral",
        intent="retention",
    ),
)
# An acknowledgement beside a promise, in one clause.
COMPLAINT = (
    record(
        0,
        "email",
        "Customer wrote to the CEO's office about the outage. Executive "
        "relations acknowledged, reply promised in 5 business days.",
        "complaint_logged",
        "angry",
        intent="complaint",
    ),
)
# An offer the customer refused.
DECLINED = (
    record(
        0,
        "agent",
        "Save desk offered a $15 monthly credit for a year to stay. Customer declined.",
        "offer_declined",
        "negative",
        intent="retention",
    ),
)

WRONG = [
    (DECLINED, "The $15 monthly credit for a year was taken up by the customer."),
    (DECLINED, "Save desk: the $15 credit offer got taken up."),
    (OUTAGE, "Broadband outage, case OT-5512; no note has been left for the team. Still open."),
    (OUTAGE, "Case OT-5512 logged, but the agent did not add any note. Still open; angry."),
    (OUTAGE, "Case OT-5512 is open; no engineer visit was offered. The customer is angry."),
    (OUTAGE, "Case OT-5512 is open. The customer was never given a date for the engineer visit."),
    (OUTAGE, "Case OT-5512: no engineer visit date was given. Still open, customer angry."),
    (
        OUTAGE,
        "Outage logged on Mar 1 as OT-5512. The customer has not chased the case since. "
        "Still open.",
    ),
    (
        OUTAGE,
        "Outage case OT-5512 logged by phone. There has been no further contact from the "
        "customer since Mar 1. Still open.",
    ),
    (
        OUTAGE,
        "Engineer visit promised by 03/05; no text messages were sent to the customer. Still open.",
    ),
    (
        RETENTION,
        "Retention offered $10/month off for 6 months, but the customer turned it "
        "down. They emailed about the discount.",
    ),
    (
        RETENTION,
        "Retention offered $10/month off for 6 months; the customer declined. The "
        "discount question was answered by email.",
    ),
    (
        RETENTION,
        "$10/month off for 6 months accepted. The customer's email about the discount "
        "has not been answered.",
    ),
    (
        COMPLAINT,
        "The customer complained to the CEO's office, but executive relations has not "
        "acknowledged it.",
    ),
]
FAITHFUL = [
    (
        OUTAGE,
        "Broadband outage, case OT-5512, logged Mar 1 with a note for the network team. "
        "Engineer visit promised by 03/05; a text confirmed the case is open. The "
        "customer chased by phone on Mar 7; still open, customer angry.",
    ),
    (
        OUTAGE,
        "- OT-5512: broadband down; agent added a note for the network team\n- Engineer "
        "visit due by Mar 5, still pending\n- Customer called again on Mar 7\n- Angry",
    ),
    (
        RETENTION,
        "The customer accepted $10/month off for 6 months. Their email asking when it "
        "starts was answered: from the next bill.",
    ),
    (RETENTION, "The $10/month discount for 6 months was taken up; the start date was answered."),
    (DECLINED, "A $15 monthly credit for a year was offered to keep the customer; declined."),
    (
        COMPLAINT,
        "The customer wrote to the CEO's office about the outage; executive relations "
        "acknowledged it and promised a reply in 5 business days. Angry.",
    ),
]


def _categories(history: tuple[Interaction, ...], text: str) -> set[str]:
    return {f.category for f in check_summary(text, history, OPTIONS).findings}


@pytest.mark.parametrize(("history", "text"), WRONG)
def test_an_act_denied_in_other_words_is_named(history: tuple[Interaction, ...], text: str) -> None:
    assert "negated_action" in _categories(history, text)


@pytest.mark.parametrize(("history", "text"), FAITHFUL)
def test_the_same_acts_told_faithfully_pass(history: tuple[Interaction, ...], text: str) -> None:
    assert _categories(history, text) == set()


def test_a_note_is_not_denied_by_a_note_about_something_else() -> None:
    # "No note of the engineer's arrival" is not the agent's note for the team.
    text = "Case OT-5512 is open; the engineer visit is still pending. Customer angry."
    assert _categories(OUTAGE, text) == set()


def test_an_unanswered_email_with_no_reply_on_record_passes() -> None:
    history = RETENTION[:2]
    text = "The customer accepted $10/month off; their email about the start date has not "
    text += "been answered yet."
    assert _categories(history, text) == set()


COMPLAINT = (
    record(0, "agent", "Speeds well below plan; escalated to tier 2.", "escalated", "angry"),
    record(4, "email", "Formal complaint received from the customer.", "complaint_logged", "angry"),
)


@pytest.mark.parametrize(
    "text",
    [
        "The customer emailed again on 03/06 but has not lodged a formal complaint.",
        "No complaint was logged; the case sits with tier 2.",
        "The customer emailed on 03/06; they never filed a complaint.",
    ],
)
def test_a_complaint_logged_is_an_act_a_summary_cannot_deny(text: str) -> None:
    found = {f.category for f in check_summary(text, COMPLAINT, OPTIONS).findings}
    assert "negated_action" in found


@pytest.mark.parametrize(
    "text",
    [
        "The customer lodged a formal complaint by e-mail on 03/06.",
        "Escalated to tier 2 on 03/02; a formal complaint was logged on 03/06.",
    ],
)
def test_a_complaint_logged_told_faithfully_passes(text: str) -> None:
    assert not check_summary(text, COMPLAINT, OPTIONS).findings


def test_tech_support_is_a_department_not_a_technician() -> None:
    # "I will have tech support call you back" promises a callback, not a technician: a
    # customer's quoted "like you promised" about it denies no technician visit.
    history = (
        record(
            0,
            "agent",
            "Wi-Fi drops. Agent: I will have tech support call you back by 03/06.",
            "CB_SCHED",
            "neutral",
            intent="tech_support",
        ),
        record(
            5,
            "chat",
            "Customer: nobody got back to me like you promised. Sent to agent.",
            "XFER",
            "frustrated",
            intent="tech_support",
        ),
    )
    summary = "Chat (Tech support > Wi-Fi): 'nobody got back to me like you promised'. Still open."
    assert not check_summary(summary, history, OPTIONS).findings


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["chased the case", "been in touch", "called us", "followed up"]))
def test_no_contact_since_a_day_before_a_later_contact_is_contradicted(verb: str) -> None:
    text = f"Outage case OT-5512 logged on Mar 1. The customer has not {verb} since. Open."
    assert "negated_action" in _categories(OUTAGE, text)


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        ("Customer: the parcel never came.", "The parcel arrived."),
        ("Customer: the engineer was a no-show.", "The engineer arrived."),
        ("Customer: the money hasn't hit my account.", "The money arrived."),
    ],
)
def test_what_never_came_is_what_did_not_arrive(said: str, wrong: str) -> None:
    history = (record(0, "chat", f"Customer: hi\n{said}\nCustomer: ok thanks\nAgent: bye"),)
    assert not check_summary(wrong.replace("arrived", "has not arrived"), history, OPTIONS).findings
    told = check_summary(wrong, history, OPTIONS)
    assert any(f.category == "negated_action" for f in told.findings + told.abstentions)


def _negated(summary: str, history: tuple[Interaction, ...]) -> bool:
    return "negated_action" in check_summary(summary, history, OPTIONS).by_category()


RENEWAL = (
    record(0, "agent", "Cx renewal sent by bank transfer 14 Feb not posted. Ticket raised."),
    record(
        2,
        "agent",
        "Payments traced the transfer to a wrong smartcard; reversed and applied.",
        outcome="payment_applied",
    ),
)


def test_an_act_the_summary_tells_done_later_was_denied_of_the_past() -> None:
    story = "Her renewal had not posted when she first called. On 19 Feb it was traced and applied."
    assert not _negated(story, RENEWAL)
    assert _negated("Payments did not apply the transfer.", RENEWAL)


def test_another_thing_done_later_does_not_undo_a_denial() -> None:
    fraud = (
        record(0, "agent", "SIM swap reversed, added port-out protection, case FR-66842."),
        record(3, "agent", "Added a verbal password and flagged the account high-risk."),
    )
    slip = "Swap reversed, but no port-out protection was added. Verbal password added."
    assert _negated(slip, fraud)


def test_what_cannot_be_done_now_says_nothing_of_the_test_it_is_done_to() -> None:
    lessons = (
        record(
            0,
            "agent",
            "Theory test passed on 2 May. We cannot move the practical test for her.",
            outcome="test_kept",
        ),
    )
    assert not _negated("Leanne explained the school can't move the test for her.", lessons)
