"""A record that ends on a step still to come leaves its matter open, whatever its outcome code.

CRM outcome codes name the step a contact ended on ("LBL-OUT", "WO CREATED"); the notes say
what is still to come: a date after the contact, a span still running, a step booked. A
summary that calls such a matter resolved is a status contradiction; one that says what is
to come states the open item. Also here: acts the checker must read whatever their wording
("didn't open the case" against "opened case", "request sent" against "requested", two
events joined by "then").

Histories, outcome codes and sentences are written for these tests, not taken from the
golden set, the generator or the phrase bank.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, START, record

from service.claims import check_summary
from service.claims.awaiting import awaited_stems, names_a_step_ahead
from service.claims.clause import read_clause
from service.claims.text import sentences
from service.models import Interaction

# A router swap: the old unit must come back within 10 days; nothing since.
SWAP = (
    record(
        0,
        "agent",
        "Swapped the faulty router for a new one by courier. Old unit to be returned "
        "within 10 days, prepaid bag included.",
        outcome="LBL-OUT",
        sentiment="neutral",
    ),
)
# A plan set up with its first payment ahead of the contact.
PLAN = (
    record(
        0,
        "agent",
        "Balance of $310.40 in 2 payments; first payment of $155.20 on 03/12.",
        outcome="PLN_SETUP",
        sentiment="positive",
    ),
)
# A street fault: an estimate on the first day, the line back two days later.
FAULT = (
    record(
        0,
        "ivr",
        "Fault notice played for the caller's street (ref SF-20417); ETA for repair 5h.",
        outcome="NOTICE_PLAYED",
        sentiment="frustrated",
    ),
    record(
        2,
        "agent",
        "Line back after street fault SF-20417. Applied $9 goodwill credit.",
        outcome="CR_APPLIED",
        sentiment="neutral",
    ),
)


def categories(summary: str, history: tuple[Interaction, ...]) -> set[str]:
    return {finding.category for finding in check_summary(summary, history, OPTIONS).findings}


@pytest.mark.parametrize(
    ("summary", "history"),
    [
        ("The swap is done and nothing is left to chase.", SWAP),
        ("Router swap completed; the matter is closed.", SWAP),
        ("The payment plan is settled.", PLAN),
        ("The balance has been cleared and the plan is no longer an issue.", PLAN),
    ],
)
def test_a_matter_awaiting_a_step_called_resolved_is_contradicted(
    summary: str, history: tuple[Interaction, ...]
) -> None:
    assert "status" in categories(summary, history), summary


@pytest.mark.parametrize(
    ("summary", "history"),
    [
        ("A new router was couriered; the old one must go back within 10 days.", SWAP),
        ("Router swapped. The old unit is still to be returned.", SWAP),
        ("A plan in two payments for $310.40 was set up; the first $155.20 is due Mar 12.", PLAN),
        (
            "A street fault (SF-20417) with a 5-hour repair estimate on Mar 2; the line was "
            "back on Mar 4 and a $9 credit applied, so the fault is resolved.",
            FAULT,
        ),
    ],
)
def test_saying_what_is_to_come_or_what_a_later_record_settled_passes(
    summary: str, history: tuple[Interaction, ...]
) -> None:
    assert check_summary(summary, history, OPTIONS).findings == (), summary


def test_the_open_item_is_the_step_to_come_and_saying_it_states_it() -> None:
    told = check_summary("The old router must be returned within 10 days.", SWAP, OPTIONS)
    silent = check_summary("A new router was couriered to the customer.", SWAP, OPTIONS)
    assert told.open_items and told.open_items_stated
    assert silent.open_items and not silent.open_items_stated


def test_a_record_that_sets_nothing_to_come_says_nothing_about_status() -> None:
    done = (record(0, "agent", "Swapped the faulty router by courier.", outcome="SWP-OK"),)
    assert "status" not in categories("The swap is done and nothing is left.", done)


# Acts named in other words than the records use, denied.
CASES = (
    record(0, "agent", "Opened fraud case FR-55120 and locked the online login."),
    record(1, "agent", "Fee reversal request sent for $64."),
    record(2, "agent", "Retention offer of $12/month off. Customer accepted."),
)


@pytest.mark.parametrize(
    "summary",
    [
        "The agent locked the login but didn't open fraud case FR-55120.",
        "The $64 fee reversal could not be requested.",
        "The customer threatened to leave, then refused to accept $12/month off.",
    ],
)
def test_an_act_denied_in_other_words_is_contradicted(summary: str) -> None:
    assert "negated_action" in categories(summary, CASES), summary


@pytest.mark.parametrize(
    "summary",
    [
        "The agent opened fraud case FR-55120 and locked the login.",
        "A $64 fee reversal was requested.",
        "The customer threatened to leave, then accepted $12/month off.",
    ],
)
def test_the_same_acts_stated_as_the_records_have_them_pass(summary: str) -> None:
    assert "negated_action" not in categories(summary, CASES), summary


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=-20, max_value=40))
def test_a_payment_date_after_the_contact_is_what_keeps_the_plan_open(offset: int) -> None:
    due = START + timedelta(days=offset)
    plan = (
        record(
            0,
            "agent",
            f"Arrears split in two; first payment of $80 on {due:%b} {due.day}.",
            outcome="PLN_SETUP",
        ),
    )
    flagged = "status" in categories("The plan is settled.", plan)
    assert flagged == (offset > 0)


# A move with its install booked ahead and confirmed by the customer: nothing for anyone to
# do, and yet the matter is not over until the install happens.
MOVE = (
    record(
        0,
        "agent",
        "Relocation order RL-3391 raised; fitter booked for 03/20, 1-5pm.",
        outcome="RLC-RAISED",
    ),
    record(1, "sms", "Customer replied YES to the fitter appointment.", outcome="ACK"),
)


def test_nothing_to_do_beside_the_step_to_come_is_no_claim_the_matter_is_over() -> None:
    summary = "Order RL-3391 is set; nothing outstanding, with the fitter due Mar 20."
    assert "status" not in categories(summary, MOVE), summary


@pytest.mark.parametrize(
    "summary",
    [
        "Order RL-3391 was raised. Nothing outstanding.",
        "The relocation is complete; nothing left to chase, fitter due Mar 20.",
    ],
)
def test_nothing_to_do_alone_or_beside_a_claim_of_completion_is_contradicted(
    summary: str,
) -> None:
    assert "status" in categories(summary, MOVE), summary


@pytest.mark.parametrize(
    ("summary", "ahead"),
    [
        ("The refund should reach her bank in 7–10 banking days.", True),
        ("Backup modem posted (2-3 bus days).", True),
        ("Refund to card, 5-7 wd.", True),
        ("It may take 24-48 hours to reflect.", True),
        ("The refund went to Accounting under ACC-RF-2210.", False),
        ("She waited 3 days for a reply.", False),
    ],
)
def test_a_span_still_running_names_a_step_ahead(summary: str, ahead: bool) -> None:
    assert names_a_step_ahead(summary, date(2026, 3, 2)) is ahead


def test_a_thing_a_record_tells_closed_beside_a_step_to_come_is_that_things_state() -> None:
    history = (
        record(
            0,
            "agent",
            "Cx rang - paid payout 15/05, loan WF-PL306612 closed, $0 bal. Closure letter "
            "raised, emailed within 5 business days.",
        ),
    )
    assert "status" not in categories("The loan was closed with a nil balance.", history)
    assert "status" in categories("Everything is resolved, nothing outstanding.", history)


def _awaited(item: Interaction) -> frozenset[str]:
    return awaited_stems(item, [read_clause(s) for s in sentences(item.notes)])


def test_a_date_written_both_ways_on_the_contact_day_sets_nothing_to_come() -> None:
    # Sent on 9 March: "09-03-2026" is that day, not 3 September.
    received = record(
        7, "sms", "Dear Customer, payment of Rs.9,040.00 received towards your loan on 09-03-2026."
    )
    assert _awaited(received) == frozenset()
    # "15-04-2026" can only be 15 April: a date ahead.
    due = record(7, "sms", "Dear Customer, your next payment of Rs.9,040.00 falls on 15-04-2026.")
    assert _awaited(due)


def test_the_step_a_settling_record_still_sets_to_come_may_be_called_outstanding() -> None:
    cleared = (
        record(0, "email", "Customs hold at Felixstowe: HMRC queried the declared value."),
        record(
            3,
            "sms",
            "HLF-90233 cleared by HMRC. Duty+VAT GBP 1,146.22 paid, invoice to follow. "
            "Delivery booked Tue 19/03, AM.",
        ),
    )
    said = check_summary("Outstanding: the delivery on 19 March.", cleared, OPTIONS)
    assert "status" not in said.by_category()
    flipped = check_summary("Outstanding: HMRC clearance is still pending.", cleared, OPTIONS)
    assert "status" in flipped.by_category()
