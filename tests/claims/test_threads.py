"""Where a matter stands is read from that matter's own records when the summary names it
only by a word its intent code carries ("the outage" -> the outage records), not from a
later contact about something else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.judgements import intent_stems


def two_threads(outage_intent: str, refund_intent: str) -> tuple:
    """An outage that ended (service back, credit given), then a refund still not paid."""
    return (
        record(0, "ivr", "Area event message played, ref NW-4410.", "evt_msg", None, outage_intent),
        record(
            1,
            "agent",
            "Service restored after NW-4410. Gave $8 goodwill for the lost day.",
            "CR-GOODWILL",
            "neutral",
            outage_intent,
        ),
        record(
            5,
            "chat",
            "Overpayment refund still not received; back office chased again.",
            "OPEN-BO",
            "angry",
            refund_intent,
        ),
    )


STYLES = [
    ("ServiceOutage", "RefundRequest"),
    ("SERVICE_OUTAGE", "REFUND_REQUEST"),
    ("service-outage", "refund-request"),
]


GROUND = "Area event NW-4410, then the overpayment refund chased by chat. "


def categories(summary: str, history: tuple) -> set[str]:
    report = check_summary(GROUND + summary, history, OPTIONS)
    return {f.category for f in report.findings}


@pytest.mark.parametrize(("outage", "refund"), STYLES)
@pytest.mark.parametrize(
    "summary",
    [
        "The outage is still ongoing.",
        "Service has not been restored.",
        "The outage remains unresolved.",
    ],
)
def test_a_matter_that_ended_said_open_is_a_status_flip(
    outage: str, refund: str, summary: str
) -> None:
    assert "status" in categories(summary, two_threads(outage, refund))


@pytest.mark.parametrize(("outage", "refund"), STYLES)
@pytest.mark.parametrize(
    "summary",
    [
        "The outage is over and an $8 goodwill credit was given; the refund is still pending.",
        "Service came back after NW-4410. The overpayment refund has still not arrived.",
        "The refund remains unresolved.",
    ],
)
def test_each_matter_said_as_it_stands_has_no_status_finding(
    outage: str, refund: str, summary: str
) -> None:
    assert "status" not in categories(summary, two_threads(outage, refund))


def test_a_generic_intent_word_does_not_pick_a_thread() -> None:
    # "issue" names no matter: both threads' intents carry it, and neither is chosen, so
    # "the issue is still open" is read against the whole history (open: no finding).
    history = two_threads("OutageIssue", "RefundIssue")
    assert "status" not in categories("The issue is still open.", history)
    assert intent_stems("RepeatIssue") == intent_stems("REPEAT-ISSUE") == frozenset()


def test_a_clause_naming_two_threads_falls_back_to_the_whole_history() -> None:
    history = two_threads("ServiceOutage", "ServiceRefund")
    # "service" is in both intents: no one thread; the newest record (open) decides.
    assert "status" not in categories("Service is still not sorted out.", history)


WORDS = st.lists(st.sampled_from(["service", "outage", "billing", "dispute", "move"]), min_size=1)


@given(WORDS)
def test_intent_code_styles_read_alike(words: list[str]) -> None:
    camel = "".join(word.capitalize() for word in words)
    assert intent_stems(camel) == intent_stems("_".join(words).upper())
    assert intent_stems(camel) == intent_stems("-".join(words))
