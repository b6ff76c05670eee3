"""A town a summary names that no record gives is a swap when a record names another town
of the same country, away from it; otherwise, over an unlabelled conversation, it is only
an abstention."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, in_a_chat, questioned, record

from service.claims import check_summary
from service.claims.towns import rival_town
from service.models import Interaction

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


MENU = (
    record(
        0,
        "ivr",
        "IVR path: Main menu: English [1] > Account security [6] > Report fraud [1]\n"
        "Result: transferred to agent queue",
        outcome="transferred",
    ),
    record(1, "agent", "Customer reported a card charge of $80 she did not make.", "pending"),
)


def test_a_step_of_a_menu_path_opens_like_a_heading_and_later_names_still_count() -> None:
    # " > " set apart by spaces opens the next step of an IVR menu path: its capitalised
    # first word ("Billing") is a heading, not a name no record gives.
    summary = "IVR path: Main menu: English [1] > Billing [2] > Balance [1]. A $80 charge."
    report = check_summary(summary, MENU, OPTIONS)
    assert not [f for f in report.findings if f.category == "entity"], report.findings
    # A name after the step's first word is still a name.
    named = "IVR path: Main menu: English [1] > Account security [6] for Priya Raman."
    assert any(f.category == "entity" for f in check_summary(named, MENU, OPTIONS).findings)


FLIGHT = in_a_chat(
    "Agent: flight VT 1187 MAD-AMS on 22 March was oversold and you were denied boarding. "
    "Customer: ok. Agent: compensation of EUR 250 is approved."
)
GERMAN = in_a_chat(
    "Kunde: Ich ziehe nächsten Monat nach Berlin und möchte den Vertrag kündigen. "
    "Agent: Die Kündigung ist bestätigt."
)


@pytest.mark.parametrize(
    ("history", "summary", "swapped"),
    [
        (FLIGHT, "Denied boarding on VT 1187 from Madrid to Amsterdam; EUR 250 approved.", False),
        # The code MAD stands for Madrid: Barcelona is another Spanish town, a swap.
        (FLIGHT, "Denied boarding on VT 1187 from Barcelona to Amsterdam; EUR 250 approved.", True),
        (GERMAN, "The customer is moving to Berlin and cancelled the contract.", False),
        # A record the checker cannot read still names Berlin: Munich is a swap.
        (GERMAN, "The customer is moving to Munich and cancelled the contract.", True),
    ],
)
def test_a_town_a_code_stands_for_or_a_foreign_record_names_is_a_rival(
    history: tuple[Interaction, ...], summary: str, swapped: bool
) -> None:
    report = check_summary(summary, history, OPTIONS)
    assert any(f.category == "entity" for f in report.findings) is swapped


def test_a_code_the_summary_names_by_another_name_is_no_rival() -> None:
    # SAW is Istanbul's Sabiha Gökçen airport, which the summary names; TZX is no code the
    # checker knows, so Trabzon is not told against Istanbul.
    route = in_a_chat("Agent: GY 2841 SAW-TZX on 3 May, seat 12C refund approved.")
    summary = "On the 3 May Sabiha Gökçen–Trabzon flight the seat 12C fee was refunded."
    assert not any(f.category == "entity" for f in check_summary(summary, route, OPTIONS).findings)


def test_a_town_inside_a_longer_name_or_beside_another_script_is_no_rival() -> None:
    # "Shirakawa-an" is an inn, no town the records name.
    assert rival_town("Kyoto", "charged by Shirakawa-an, the ryokan", "in Kyoto") is None
    # Wellington holds Karori, which the records name: the summary names the city the
    # records' suburb is in, and Auckland is no rival.
    records = "moved from Karori; the Auckland office called"
    assert rival_town("Wellington", records, "in Wellington") is None
    # A record in another script may write the summary's town in its own letters.
    kanji = in_a_chat("お客様: 東京ドームのチケットについて。担当 Yamada が確認しました。")
    report = check_summary("The customer won a ticket at Tokyo Dome.", kanji, OPTIONS)
    assert not any(f.category == "entity" for f in report.findings)


def test_a_transcript_in_small_letters_names_its_towns_after_a_placing_word() -> None:
    said = "customer: yes she's in norwich i'm up in leeds so i can't just pop round"
    assert rival_town("Ipswich", said, "Mum's line in Ipswich, fault booked.") == "norwich"


def test_an_everyday_word_in_small_letters_is_no_town() -> None:
    # "reading" and "bath" are towns of England, and words first.
    said = "customer: i was reading in bath when the line went dead"
    assert rival_town("Ipswich", said, "Line in Ipswich went dead.") is None


def test_a_town_in_small_letters_without_a_placing_word_is_not_read() -> None:
    said = "customer: the norwich line crackles"
    assert rival_town("Ipswich", said, "Line in Ipswich crackles.") is None
