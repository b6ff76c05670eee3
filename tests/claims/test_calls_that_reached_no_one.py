"""Calls that reached no one ("the rider couldn't be reached (two calls)") are tries, not
contacts: a count of them above the records' is an abstention. Calls that reached someone
are still counted against the records."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import findings_of, record

NOTE = (
    record(
        0,
        "agent",
        "CALL NOTE: cx says order delivered to wrong tower.\nRider unreachable x2 calls.\n"
        "Refund to card submitted, 7-14 days. Cx calmer at end.",
    ),
)


def _counts(summary: str) -> tuple[list[str], list[str]]:
    found, unsure = findings_of(summary, NOTE, "count")
    return [f.claim for f in found], [f.claim for f in unsure]


@pytest.mark.parametrize(
    "summary",
    [
        "The rider couldn't be reached (two calls). Refund to card submitted.",
        "Two calls to the rider went unanswered; refund to card submitted.",
        "The rider did not pick up after two calls. Refund to card submitted.",
    ],
)
def test_calls_that_reached_no_one_are_no_contacts(summary: str) -> None:
    found, unsure = _counts(summary)
    assert found == []
    assert unsure != []


@pytest.mark.parametrize(
    "summary",
    [
        "The customer made two calls about the order. Refund to card submitted.",
        "She called three times and the agent answered each time; refund to card submitted.",
    ],
)
def test_contacts_that_reached_the_company_are_still_counted(summary: str) -> None:
    assert _counts(summary)[0] != []
