"""A figure a summary gives and no record reads is a finding in a conversation no label
sums up only beside a rival of its kind: a time of an event (a message's stamp is none),
a term of a near length. A stamp still supports a summary that states it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import chat, findings_of, record

from service.claims.stamps import without_stamps

STAMPED = chat(
    "[10:52] Agent Pooja: your pickup is rebooked for Monday, the rider will call first",
    "[10:55] Customer: ok fine",
)


@pytest.mark.parametrize(
    "line",
    [
        "[15:37] Tomás: hi",
        "11:13 Tom (Greyline): Morning",
        "Datum: 18.02.2026 14:14",
        "On Tue 24 Feb 2026 at 09:14, Dave wrote:",
        "2026-09-12 (Sat) 21:10 · agent Yuna",
        "queue SVC-HI | wait 04:12",
    ],
)
def test_a_message_stamp_is_blanked(line: str) -> None:
    assert not any(ch.isdigit() for ch in without_stamps(line).split(":")[-1][-6:])
    assert without_stamps(line) != line


@pytest.mark.parametrize(
    "line", ["flushing today 10:00-14:00", "slot 9:00 to 12:00", "the ETA is 6:40 pm"]
)
def test_the_time_of_an_event_is_kept(line: str) -> None:
    assert without_stamps(line) == line


@given(st.text(alphabet="0123456789:.[]- \nabT", max_size=40))
def test_blanking_keeps_every_offset(text: str) -> None:
    assert len(without_stamps(text)) == len(text)


def test_a_time_near_only_a_stamp_is_an_abstention() -> None:
    found, unsure = findings_of("Pickup rebooked for Monday 9-11am.", STAMPED, "date")
    assert found == []
    assert unsure != []


def test_a_time_near_an_event_the_records_give_stays_a_finding() -> None:
    history = chat("[08:01] Agent: pickup rebooked for Monday 9:00-11:00", "[08:02] Customer: ok")
    found, _ = findings_of("Pickup rebooked for Monday 9am-12pm.", history, "date")
    assert found != []


def test_a_stamp_supports_the_time_it_gives() -> None:
    found, unsure = findings_of("The agent answered at 10:52.", STAMPED, "date")
    assert found == [] and unsure == []


PLAN = chat(
    "Customer: my plan auto-renewed and took the money again",
    "Agent: yes, it renewed on 12 January, I can refund it within 14 days of renewal",
)


def test_a_term_no_record_rivals_is_an_abstention() -> None:
    found, unsure = findings_of("The 24-month plan renewed on 12 Jan.", PLAN, "count")
    assert found == []
    assert unsure != []


def test_a_term_near_one_the_records_give_stays_a_finding() -> None:
    history = chat("Agent: your 12 month contract renews on 12 January", "Customer: ok")
    found, _ = findings_of("His 24-month contract renews on 12 Jan.", history, "count")
    assert found != []


def test_a_labelled_note_holds_every_term_to_the_records() -> None:
    note = (record(0, "agent", "Plan renewed 12 Jan, refund offered.", outcome="refund offered"),)
    found, _ = findings_of("The 24-month plan renewed on 12 Jan.", note, "count")
    assert found != []
