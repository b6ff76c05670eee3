"""Names and words a transcript misheard are read as they were said."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

# A call transcript as a speech recogniser wrote it.
TRANSCRIPT = (
    record(
        0,
        "agent",
        "[00:12] CX: my tv box freezes\n[01:40] REP: technician replaced the "
        "mode um today, eighty one dollars creditsed, pay-per-view charge removed",
        "resolved",
        "satisfied",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The technician replaced the modem and $81 was credited.", False),
        ("The PPV charge was removed.", False),
        ("The technician replaced the router.", True),
        ("The HBO charge was removed.", True),
    ],
)
def test_words_a_transcript_misheard_are_read_as_said(summary: str, wrong: bool) -> None:
    found = categories_of(summary, TRANSCRIPT)
    assert bool(found & {"entity", "promise"}) is wrong, found


ITINERARY = (
    record(
        0,
        "agent",
        "Cx package WF-88120 rebooked: Azura Air AZ 2231 MAN-TFS Mon 18 May, back 25 May. "
        "Her 1G fibre line at the villa drops every afternoon, fault raised.",
        "REBOOKED",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A summary spells out the airports a record writes as codes.
        ("Priya's Tenerife package (WF-88120) was rebooked to 18 May.", False),
        ("Priya's Lanzarote package (WF-88120) was rebooked to 18 May.", True),
        # A unit of measure is no name: "1 Gbps" is the record's "1G".
        ("Her 1 Gbps fibre line drops every afternoon; fault raised.", False),
    ],
)
def test_a_place_spelt_out_from_a_code_or_a_unit_is_no_unknown_name(
    summary: str, wrong: bool
) -> None:
    assert ("entity" in categories_of(summary, ITINERARY)) is wrong


def test_a_unit_no_record_writes_in_any_form_is_still_unknown() -> None:
    plan = (record(0, "agent", "Cx on the 500 Mbps plan; speeds low in the evening.", "TS"),)
    assert "entity" in categories_of("Customer on the 1 Gbps plan; speeds low.", plan)
    assert "entity" not in categories_of("Customer on the 500 Mbps plan; speeds low.", plan)


def test_a_name_spelt_out_from_the_initials_a_record_writes_is_no_unknown_name() -> None:
    pharmacy = (
        record(0, "agent", "Cx has DPS card - cap is EUR 80/mth. Added DPS to profile.", "TS"),
    )
    spelt = "She holds a Drugs Payment Scheme card capping costs at EUR 80 a month."
    assert "entity" not in categories_of(spelt, pharmacy)
    other = "She holds a Medical Card Scheme card capping costs at EUR 80 a month."
    assert "entity" in categories_of(other, pharmacy)


def test_a_unit_written_short_is_the_unit_the_records_write() -> None:
    plan = (
        record(0, "chat", "Lupita: paying 449 a month for 100 megas and getting like 20", "TS"),
    )
    assert "entity" not in categories_of("Lupita, 100 Mb plan, getting about 20.", plan)
    assert "entity" in categories_of("Lupita, 100 Gb plan, getting about 20.", plan)


def test_a_code_said_in_indonesian_digits_is_the_code() -> None:
    call = (record(0, "agent", "AGENT: nomor returnya R T N lima lima dua satu delapan", "TS"),)
    assert "entity" not in categories_of("Return approved as RTN55218.", call)
    assert "entity" in categories_of("Return approved as RTN55219.", call)
