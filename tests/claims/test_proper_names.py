"""Proper names a summary uses that no record gives: a town, a company, a carrier or a
person swapped for another is a finding over labelled records and an abstention over an
unlabelled conversation (unless it is a town and a record names another: test_towns.py);
a record's code spelt out, a heading, a language or a sentence's first word is neither,
and a name spelt one letter off is an abstention."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary

TRIP_NOTES = (
    "Customer: my bag never arrived on PA1186 SFO-SEA last night\n"
    "Agent: sorry Ana, I've logged it with the Seattle baggage desk, ref SEA-4471.\n"
    "Customer: I also wrote on Messenger and nobody answered\n"
    "Agent: Rakesh from our team will call you tomorrow.\n"
    "Customer: ok"
)
# The same chat with an outcome code, as a labelled record, and as an unlabelled export.
TRIP = (record(0, "chat", TRIP_NOTES, outcome="BaggageTraceOpened"),)
TRIP_UNLABELLED = (record(0, "chat", TRIP_NOTES),)
SPOKEN = (
    record(
        0,
        "agent",
        "spk_0: hi um yes my flight out of j f k to denver was delayed three hours\n"
        "spk_1: uh i'm sorry about that let me check um the flight\n"
        "spk_0: um ok\n"
        "spk_1: uh i've added a voucher",
    ),
)
CYRILLIC = (
    record(
        0,
        "email",
        "From: Пётр Иванов\nPlease refund the duplicate charge.\nAgent: refund issued today.",
    ),
)


def entity_reasons(summary: str, records: tuple[object, ...] = TRIP) -> list[str]:
    report = check_summary(summary, records, OPTIONS)  # type: ignore[arg-type]
    return [f.reason for f in report.findings if f.category == "entity"]


def unsure_reasons(summary: str, records: tuple[object, ...] = TRIP) -> list[str]:
    report = check_summary(summary, records, OPTIONS)  # type: ignore[arg-type]
    return [f.reason for f in report.abstentions if f.category == "entity"]


def test_a_town_swapped_for_another_is_a_finding() -> None:
    reasons = entity_reasons("Ana's bag was logged with the Portland baggage desk.")
    assert any("'Portland'" in reason for reason in reasons)


def test_a_name_no_record_gives_in_an_unlabelled_conversation_is_an_abstention() -> None:
    summary = "Ana said Zorvane would know more."
    assert not [r for r in entity_reasons(summary, TRIP_UNLABELLED) if "'Zorvane'" in r]
    assert any("'Zorvane'" in r for r in unsure_reasons(summary, TRIP_UNLABELLED))
    # Beside the word a record writes another name beside, it is that name swapped.
    beside = "Ana's bag was logged with the Zorvane baggage desk."
    assert any("which name Seattle" in r for r in entity_reasons(beside, TRIP_UNLABELLED))
    # A town where the records name another town of its country is a swap even there.
    swapped = "Ana's bag was logged with the Portland baggage desk."
    assert any("which name Seattle" in r for r in entity_reasons(swapped, TRIP_UNLABELLED))


def test_a_person_swapped_for_another_is_a_finding_or_an_abstention() -> None:
    # "Ramesh" is one letter off the record's "Rakesh": a swap or a typo, so an abstention.
    assert any("'Ramesh'" in r for r in unsure_reasons("Ana will get a call from Ramesh."))
    assert any("'Lopez'" in r for r in entity_reasons("Ana will get a call from Lopez."))


def test_the_records_names_and_codes_spelt_out_are_supported() -> None:
    summary = (
        "Ana's bag did not arrive on the Pacifica Air flight from San Francisco to Seattle. "
        "She had written on Facebook with no answer, and Rakesh will call her tomorrow."
    )
    assert entity_reasons(summary) == []
    assert unsure_reasons(summary) == []


def test_a_code_a_transcript_spells_letter_by_letter_is_supported() -> None:
    assert entity_reasons("The caller's flight from New York to Denver ran late.", SPOKEN) == []


def test_headings_languages_and_sentence_openings_are_not_names() -> None:
    summary = "Baggage Status: logged. Customer wrote in English. Tomorrow Rakesh calls back."
    assert entity_reasons(summary) == []
    for language in ("Pidgin", "Taglish", "Creole"):
        mixed = f"Customer wrote angrily, in {language}, about the bag."
        assert entity_reasons(mixed) == []


def test_a_name_spelt_from_another_script_is_an_abstention() -> None:
    summary = "Pyotr Ivanov asked for the duplicate charge back; it was refunded."
    assert entity_reasons(summary, CYRILLIC) == []
    assert any("'Ivanov'" in r for r in unsure_reasons(summary, CYRILLIC))


NAMES = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=9).map(str.capitalize)


@settings(max_examples=40, deadline=None)
@given(NAMES)
def test_any_name_no_record_gives_is_a_finding_or_an_abstention(name: str) -> None:
    summary = f"Ana's bag was logged with the {name} baggage desk."
    said = entity_reasons(summary) + unsure_reasons(summary)
    assert any(f"'{name}'" in reason for reason in said)
