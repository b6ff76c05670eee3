"""With no sentiment label, a note's own account of the customer ("Cx molesta but
cooperative") tells the mood, in English or in the language the note is written in; and
praise with a mark of sarcasm ("brilliant. 95 quid for the privilege 👏") is displeasure."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.mood_claims import read_moods


def _flips(summary: str, notes: str) -> bool:
    history = (record(0, "agent", notes),)
    return "sentiment" in check_summary(summary, history, OPTIONS).by_category()


@pytest.mark.parametrize(
    ("words", "mood"),
    [
        ("cliente molesta", "negative"),
        ("client énervé", "negative"),
        ("Kunde verärgert", "negative"),
        ("klient niezadowolony", "negative"),
        ("Kunde zufrieden", "positive"),
        ("cliente satisfecho", "positive"),
        ("cliente tranquila", "neutral"),
    ],
)
def test_a_mood_word_of_another_language_is_read(words: str, mood: str) -> None:
    assert read_moods(words) == (mood,)


@pytest.mark.parametrize("name", ["Ravi", "Marah", "Sakin"])
def test_a_name_is_no_mood(name: str) -> None:
    assert read_moods(f"Spoke to {name} at the desk") == ()


def test_a_notes_account_of_an_annoyed_customer_is_a_mixed_ending() -> None:
    notes = (
        "Cx asked for an advance - not applicable before the report.\n"
        'Cx molesta ("ya casi 3 semanas") but cooperative. Llamada 12 min.'
    )
    # Annoyed beside cooperative: neither reading of the summary is an opposite.
    assert not _flips("Mood: Annoyed but cooperative.", notes)
    assert not _flips("Mood: calm and cooperative.", notes)


def test_a_customer_calm_in_the_notes_words_still_flips_anger() -> None:
    notes = "Cx asked about the fee, agent explained.\nCustomer calm throughout, thanked agent."
    assert _flips("The customer was furious at the end.", notes)


@pytest.mark.parametrize(
    "line",
    [
        "brilliant. 95 quid for the privilege 👏",
        "perfect, just perfect",
        "lovely, thanks for nothing",
    ],
)
def test_praise_with_a_mark_of_sarcasm_is_displeasure(line: str) -> None:
    chat = (
        record(
            0,
            "chat",
            "Customer: is it the full amount?\n"
            "Agent: I can't confirm that before the assessor has looked at it.\n"
            f"Customer: {line}\n"
            "Customer: we'll see",
        ),
    )
    report = check_summary("He remained frustrated and sarcastic.", chat, OPTIONS)
    assert "sentiment" not in report.by_category()
    assert "sentiment" in check_summary("He left delighted.", chat, OPTIONS).by_category()
