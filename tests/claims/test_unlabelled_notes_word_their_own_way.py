"""An agent's note with no outcome label is its writer's shorthand ("part rec'd", "stn
mgr", "photo recvd 13/03"): that no such note names a promised thing, or reports it done,
is no clear evidence. Nor is a date a conversation gives to another of its matters: a
promise told with it may be told with that matter's date. Each abstention is paired with
the finding the same rule still makes over a labelled record."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, chat, record

from service.claims import check_summary
from service.models import Interaction

NOTE = record(
    0,
    "agent",
    "Cx fridge warm again. Part ordered, tech to fit it Fri 12-4. Cx asked food reimb, "
    "declined, written confirmation to follow by email.",
)
LABELLED = NOTE.model_copy(update={"outcome": "install booked"})


def _reasons(summary: str, history: tuple[Interaction, ...]) -> tuple[list[str], list[str]]:
    report = check_summary(summary, history, OPTIONS)
    return [f.reason for f in report.findings], [f.reason for f in report.abstentions]


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        # A promised thing no note names.
        ("Open: closure letter, to be emailed within 5 business days.", "mentions letter"),
        # A promised thing told done that no note reports.
        ("The part was received and fitted.", "promised part is done"),
    ],
)
def test_what_no_note_words_is_an_abstention_and_a_labelled_note_a_finding(
    summary: str, reason: str
) -> None:
    found, unsure = _reasons(summary, (NOTE,))
    assert not any(reason in told for told in found)
    assert any(reason in told for told in unsure)
    found, _ = _reasons(summary, (LABELLED,))
    assert any(reason in told for told in found)


BILL = chat(
    "Customer: my bill is due by 20 March and I can't pay it twice",
    "Agent: I'll arrange a callback from billing by 18 March",
    "Customer: ok",
)


def test_a_deadline_the_conversation_gives_another_matter_is_an_abstention() -> None:
    summary = "Agent promised a callback from billing by 20 March."
    found, unsure = _reasons(summary, BILL)
    assert not any("for another date" in reason for reason in found)
    assert any("another of its matters" in reason for reason in unsure)
    told = "Cx bill due by 20 March. Callback from billing promised by 18 March."
    note = record(0, "agent", told, outcome="callback promised")
    found, _ = _reasons(summary, (note,))
    assert any("for another date" in reason for reason in found)


def test_a_deadline_no_record_gives_stays_a_finding_in_a_conversation() -> None:
    found, _ = _reasons("Agent promised a callback from billing by 25 March.", BILL)
    assert found != []


FRENCH = chat(
    "Client : mon colis est introuvable depuis le 2 juillet",
    "Agent : je désactive l'ancien bracelet, le nouveau sera à la billetterie mercredi midi",
)
ENGLISH = chat(
    "Customer: my parcel has been missing since 2 July",
    "Agent: I've deactivated the old wristband; the new one is at the ticket desk Wednesday",
)
IN_FRENCH = "Le client a appelé pour son colis et le nouveau bracelet est à la billetterie."


def test_a_note_in_the_records_own_language_is_an_abstention() -> None:
    found, unsure = _reasons(IN_FRENCH, FRENCH)
    assert "not written in English" not in found
    assert any(reason.startswith("not written in English") for reason in unsure)


def test_another_language_over_english_records_stays_a_finding() -> None:
    found, _ = _reasons(IN_FRENCH, ENGLISH)
    assert "not written in English" in found
