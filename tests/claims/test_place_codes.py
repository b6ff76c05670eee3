"""A place code a summary writes that no record does is a swap where the records write
another code in its place: another airport of the same town ("ORY" for "Paris CDG"), or
any place in a route ("DUB→LHR"). Three capitals outside a route ("ETA", "PIN") are no
place, and a code whose place a record names in words ("Heathrow") is supported."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, in_a_chat

from service.claims import check_summary

CLAIM = in_a_chat(
    "Agent: I have reviewed your claim for flight CR412 Dublin to Paris CDG on 2 March, "
    "which was cancelled. EU261 compensation of EUR 500 is approved. Your PIN is reset "
    "and the ETA of the payment is 14 days."
)


def _swapped(summary: str) -> list[str]:
    report = check_summary(summary, CLAIM, OPTIONS)
    return [f.reason for f in report.findings if f.category == "entity"]


@pytest.mark.parametrize(
    ("summary", "rival"),
    [
        # The same town's other airport, in a route or alone.
        ("Flight CR412 DUB→ORY on 2 March was cancelled.", "'ORY' is in no record, which name CDG"),
        ("Her CR412 flight to ORY was cancelled.", "'ORY' is in no record, which name CDG"),
        # Another town's airport in a route, read across the arrow.
        ("Flight CR412 DUB→LHR on 2 March was cancelled.", "'LHR' is in no record, which name CDG"),
        (
            "Flight CR412 DUB - LHR on 2 March was cancelled.",
            "'LHR' is in no record, which name CDG",
        ),
    ],
)
def test_a_place_code_in_the_place_of_the_records_is_a_finding(summary: str, rival: str) -> None:
    assert rival in _swapped(summary)


@pytest.mark.parametrize(
    "summary",
    [
        "Flight CR412 DUB→CDG on 2 March was cancelled; EU261 compensation approved.",
        # Short forms that are also airports' codes, outside a route.
        "PIN reset; payment ETA 14 days.",
        # The route written in words the records use.
        "Flight CR412 Dublin to Paris was cancelled.",
    ],
)
def test_the_records_codes_and_short_forms_are_no_swap(summary: str) -> None:
    assert not [r for r in _swapped(summary) if "which name" in r]


def test_a_code_whose_place_a_record_names_is_supported() -> None:
    orly = in_a_chat("Agent: CR412 Dublin to Paris CDG is cancelled; rebooked via Orly tomorrow.")
    report = check_summary("Rebooked DUB→ORY tomorrow.", orly, OPTIONS)
    assert not any("ORY" in f.reason for f in report.findings + report.abstentions)
