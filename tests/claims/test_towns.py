"""A town a summary names that no record gives is a swap when a record names another town
of the same country, away from it; otherwise, over an unlabelled conversation, it is only
an abstention."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, in_a_chat, questioned

from service.claims import check_summary
from service.claims.towns import rival_town

WASHER = in_a_chat(
    "Customer: machine is front load 7kg bought Oct 2024 from Croma Pune. since 3-4 days "
    "drum is making noise. Agent: a technician visit is booked for Saturday."
)


def _entity(summary: str) -> tuple[bool, bool]:
    report = check_summary(summary, WASHER, OPTIONS)
    return (
        any(f.category == "entity" for f in report.findings),
        any(f.category == "entity" for f in report.abstentions),
    )


@pytest.mark.parametrize(
    ("summary", "certain", "unsure"),
    [
        ("Washer bought from Croma in Pune; a technician visits Saturday.", False, False),
        # Another Indian town far from Pune: a swap.
        ("Washer bought from Croma in Nagpur; a technician visits Saturday.", True, False),
        # No town of that country in the records to have been swapped: unsure.
        ("Washer bought from Croma in Lisbon; a technician visits Saturday.", False, True),
        # A name that is no town: unsure, as any name over a conversation.
        ("Washer bought from Croma via Zorblax; a technician visits Saturday.", False, True),
    ],
)
def test_a_town_swapped_for_one_the_records_name_is_a_finding(
    summary: str, certain: bool, unsure: bool
) -> None:
    assert _entity(summary) == (certain, unsure)


def test_a_town_in_another_language_a_suburb_or_a_short_form_is_no_rival() -> None:
    # The records' "Torino" is Turin.
    assert rival_town("Turin", "Via Roma, Torino. Linea Aurora store.", "in Turin") is None
    # Karori is part of Wellington.
    assert rival_town("Wellington", "trip from Karori late Saturday", "in Wellington") is None
    # "Mon" is a weekday written short, whatever towns share it.
    assert rival_town("Wellington", "drop-off Mon 4 May", "in Wellington") is None
    # A rival the summary names itself is not the one it swapped.
    assert rival_town("Nagpur", "bought from Croma Pune", "from Pune to Nagpur") is None


RAIL = in_a_chat(
    "Customer: the 07:05 Heuston>Cork was cancelled, I'll take the coach instead and "
    "paid €24 for it. Agent: we will refund the fare and the coach."
)


def _rail_entity(summary: str) -> bool:
    return any(f.category == "entity" for f in check_summary(summary, RAIL, OPTIONS).findings)


def test_a_town_after_a_route_mark_or_run_on_from_a_word_is_still_read() -> None:
    # ">" between two words is a route, not a quoted line's opening.
    assert _rail_entity("07:05 Heuston>Galway cancelled, coach €24, refund to come.")
    assert not _rail_entity("07:05 Heuston>Cork cancelled, coach €24, refund to come.")
    # "tak" is a stem of the records' "take", no short form of Takoradi: a name no
    # record gives, questioned.
    summary = "Cork train cancelled; she took a coach to Takoradi for €24."
    assert questioned(summary, RAIL, "entity")
