"""A code with figures, or a time of day, that no record gives is a finding in a
conversation no label sums up only when a record gives one it may misstate: a code a digit
or two off ("X5" for "X7"), a time within three hours on the clock face ("11am" for "1pm",
"9am" for "9pm"). With no such rival the summary's figure may be the records' said in a
form the checker does not read, or its own shorthand: an abstention, not a finding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import chat, findings_of, record

from service.models import Interaction

TOKENS = chat(
    "Agent: I've sent both key change tokens and your original token by SMS",
    "Agent: enter the first key change token, then the second, then the token itself",
    "Customer: ok got them, thanks",
)
MODELS = chat(
    "Customer: my X5 keeps rebooting since the update",
    "Agent: I've booked the X5 in for repair at the Leeds store, ref RP-20417",
)


def _entities(summary: str, history: tuple[Interaction, ...]) -> tuple[list[str], list[str]]:
    found, unsure = findings_of(summary, history, "entity")
    return [f.claim for f in found], [f.reason for f in unsure]


def test_a_code_no_record_rivals_is_an_abstention() -> None:
    found, unsure = _entities("Agent sent both KCTs and the token; cx enters KCT1, KCT2.", TOKENS)
    assert found == []
    assert any("KCT1" in reason for reason in unsure)


@pytest.mark.parametrize("code", ["X7", "X6", "XS5"])
def test_a_code_a_figure_off_the_records_stays_a_finding(code: str) -> None:
    found, _ = _entities(f"The customer's {code} was booked in for repair in Leeds.", MODELS)
    assert found != []


def test_a_code_the_summary_states_beside_it_is_no_rival() -> None:
    # The summary gives the records' X5 too: its "X9" has no rival of its own.
    found, unsure = _entities("The X5 was booked in with an X9 loan phone.", MODELS)
    assert found == []
    assert unsure != []


def test_a_labelled_note_holds_every_code_to_the_records() -> None:
    note = (record(0, "agent", "Cx X5 rebooting, booked repair Leeds.", outcome="repair booked"),)
    found, _ = _entities("Cx's X9 loan phone sent.", note)
    assert found != []


SHOP = chat(
    "Agent: the store is open 09:00 to 17:30",
    "Agent: the courier will collect the parcel tomorrow between 1pm and 2pm",
    "Customer: fine",
)


def _times(summary: str) -> tuple[list[str], list[str]]:
    found, unsure = findings_of(summary, SHOP, "date")
    return [f.claim for f in found], [f.claim for f in unsure]


@pytest.mark.parametrize("said", ["3pm", "11am", "1am", "4:30pm"])
def test_a_time_near_the_records_is_a_misstated_one(said: str) -> None:
    found, _ = _times(f"Courier collects the parcel tomorrow at {said}.")
    assert found != []


def test_a_time_hours_from_any_the_records_give_is_an_abstention() -> None:
    found, unsure = _times("Courier collects the parcel tomorrow at 4am.")
    assert found == []
    assert unsure != []


@given(st.integers(min_value=0, max_value=23))
def test_a_time_the_records_give_is_never_questioned(hour: int) -> None:
    history = chat(f"Agent: the engineer arrives at {hour:02d}:15 tomorrow", "Customer: ok")
    found, unsure = findings_of(f"Engineer due at {hour:02d}:15 tomorrow.", history, "date")
    assert found == [] and unsure == []
