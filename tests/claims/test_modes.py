"""Whether a claim reports, promises, requests or sets a condition: a plan asked for or
under way, what waits on something else, a time an act took, a condition told in the
past, a chase named as a noun."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import FRAUD_ORDER, OUTAGE_CHASED, categories_of, record

from service.claims.clause import read_clause
from service.models import Interaction

# A customer asking to pay in parts, still waiting.
SPLIT = (
    record(
        0,
        "chat",
        "Customer: I can't pay the whole $310.40 this month, can we split it. Agent: logged "
        "under PA-5120, first instalment confirmation expected by 03/09.",
        "pending_customer",
        "negative",
    ),
    record(
        8, "agent", "cx chasing PA-5120, nobody got back; still with the team", "WIP", "frustrated"
    ),
)


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
        # Asking to split what is owed asks for a payment plan; a refund nobody spoke of.
        ("Payment arrangement for the $310.40 still pending.", False),
        ("A refund of the $310.40 is still pending.", True),
        # A plan under way agrees with a record that only asks for it.
        ("The $310.40 is being paid in instalments; PA-5120 is still open.", False),
    ],
)
def test_a_plan_asked_for_and_under_way(summary: str, wrong: bool) -> None:
    found = categories_of(summary, SPLIT)
    assert bool(found & {"promise", "status"}) is wrong


@pytest.mark.parametrize(
    ("summary", "history", "wrong"),
    [
        # What waits on a form has not happened; said done, it is.
        (
            "FR-4471 opened; no credit issued yet, pending the signed declaration.",
            FRAUD_ORDER,
            False,
        ),
        ("FR-4471: the fraud team issued the $412.30 credit.", FRAUD_ORDER, True),
        # A note's arrow ends the clause before it.
        (
            "SIM swap at a kiosk cx never visited -> swap reversed; FR-4471 open.",
            FRAUD_ORDER,
            False,
        ),
        # "Tier 2 called back within 48 hours" reports a callback, which nobody made.
        ("Escalated to tier 2; a callback was promised within 48 hours.", FRAUD_ORDER, False),
        ("Escalated to tier 2, who called back within 48 hours.", FRAUD_ORDER, True),
    ],
)
def test_what_waits_and_what_took_a_time(
    summary: str, history: tuple[Interaction, ...], wrong: bool
) -> None:
    assert bool(categories_of(summary, history) & {"negated_action", "status"}) is wrong


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


def test_a_promise_kept_for_when_service_is_restored_is_a_condition() -> None:
    text = "Promised: an SMS update once service is restored, by 03/05. Still open; frustrated."
    assert categories_of(text, OUTAGE_CHASED) == set()


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Change fee waived as goodwill (TL Sanne ok'd)", "done"),
        ("cc'd billing on the refund", "done"),
        ("he'd like a refund", "request"),
    ],
)
def test_a_verb_made_from_a_short_word_is_a_past_not_would(text: str, mode: str) -> None:
    assert read_clause(text).mode == mode


@pytest.mark.parametrize(
    ("clause", "mode"),
    [
        # A span written short still sets the act ahead.
        ("Deposit refund w/in 30d after box returned", "promise"),
        ("Deposit refund within 30 days after box returned", "promise"),
        # A request that something was done to is no request.
        ("your pre-authorisation request has been approved", "done"),
        ("customer requested a refund", "request"),
    ],
)
def test_a_span_written_short_and_a_request_acted_on(clause: str, mode: str) -> None:
    assert read_clause(clause).mode == mode
