"""With no sentiment label, the customer's mood is read from the customer's own lines: a
bot's rating prompt or an agent's smiley is no mood of theirs, and "not impressed" is no
praise."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.models import Interaction


def _flips(summary: str, history: tuple[Interaction, ...]) -> bool:
    return "sentiment" in check_summary(summary, history, OPTIONS).by_category()


def _chat(*lines: str) -> tuple[Interaction, ...]:
    return (record(0, "chat", "\n".join(("Customer: my refund never came.", *lines))),)


@pytest.mark.parametrize(
    "company_line",
    [
        "Davko (bot): Rate this chat 👍 👎",
        "Priya (Flexidrive): No robot is approving anything 🙂 the team will decide.",
        "Agent Kofi: Done 🙏",
    ],
)
def test_a_company_smiley_is_no_customer_mood(company_line: str) -> None:
    angry = _chat("Agent: it takes 10 working days.", "Customer: ridiculous.", company_line)
    # Anger alone at the end: the smiley does not make the ending mixed.
    assert _flips("The customer left happy.", angry)
    assert not _flips("The customer was annoyed at the wait.", angry)


def test_a_customer_smiley_still_tells_their_mood() -> None:
    pleased = _chat("Agent: refunded now, 3 days to show.", "Customer: 🙏 🙂")
    assert _flips("The customer was angry at the end.", pleased)


@pytest.mark.parametrize("words", ["not impressed tbh", "not satisfied with that"])
def test_praise_denied_is_displeasure(words: str) -> None:
    history = _chat("Agent: I can't close this until the team decides.", f"Customer: no. {words}")
    assert _flips("The customer was delighted.", history)
    assert not _flips("The customer was unhappy with the wait.", history)


def test_how_the_customer_behaved_is_no_padding_where_no_label_holds_it() -> None:
    history = _chat("Agent: refunded now, 3 days to show.", "Customer: ok thank you")
    behaved = "He was polite throughout and thanked the agent at the end of it."
    assert "filler" not in check_summary(behaved, history, OPTIONS).by_category()
    # Beside a sentiment label the same sentence is held to it as before.
    labelled = (record(0, "chat", "Customer asked about the refund.", "refund issued", "neutral"),)
    assert "filler" in check_summary(behaved, labelled, OPTIONS).by_category()


def test_a_mood_told_as_the_first_one_is_not_the_ending() -> None:
    pleased = _chat("Agent: refunded now, 3 days to show.", "Customer: 🙏 🙂 thanks so much")
    assert not _flips("Mood: Started angry.", pleased)
    assert _flips("Mood: angry.", pleased)
    # Told as the first and then as the one they are left in, it is the ending again.
    assert _flips("Mood: initially frustrated, still angry.", pleased)


def test_a_mood_stated_beside_the_customers_own_is_no_opposite() -> None:
    calm = _chat("Agent: the assessor visits on Tuesday.", "Customer: ok, I'm calm about it")
    assert not _flips("Mood: calm, slightly worried about the mould.", calm)
    assert _flips("Mood: worried about the mould.", calm)


def test_a_slight_worry_beside_a_calm_ending_is_no_opposite() -> None:
    calm = _chat("Agent: the assessor visits on Tuesday.", "Customer: ok, I'm calm about it")
    assert not _flips("Mood: polite, a little worried about the cat.", calm)
    angry = _chat("Agent: it takes 10 working days.", "Customer: ridiculous.")
    assert _flips("Mood: a little happier by the end.", angry)
    # A slight displeasure beside warm thanks is a shade of the mood too.
    thankful = _chat("Agent: the funds land in 1-2 banking days.", "Customer: thankful, salamat")
    assert not _flips("Mood: a little annoyed by the delay.", thankful)
    assert _flips("Mood: angry about the delay.", thankful)


def test_a_customer_who_threatens_the_ombudsman_ends_displeased() -> None:
    ending = _chat(
        "Agent: the review upheld the fine.", "Customer: I'll be going to the Ombudsman."
    )
    assert _flips("Mood: satisfied with the outcome.", ending)


def test_praise_the_company_answers_as_displeasure_is_no_clear_mood() -> None:
    sarcastic = _chat(
        "Agent: Claims are reviewed within 28 days.",
        "Customer: 28 days. brilliant. you lot are quick enough taking the money",
        "Agent: I understand it's frustrating. Anything else?",
        "Customer: no",
    )
    # "brilliant" alone would read as pleased; beside named frustration it is unsure.
    assert not _flips("Cx still cross about the wait.", sarcastic)
    pleased = _chat("Agent: refunded now.", "Customer: brilliant, thank you so much!")
    assert _flips("Cx still cross about the wait.", pleased)


def test_praise_right_after_a_refusal_is_no_clear_mood() -> None:
    refused = _chat(
        "Agent: unfortunately I can't reorder from the restaurant tonight, they're closed.",
        "Customer: brilliant absolutely brilliant",
        "Agent: anything else I can help with?",
        "Customer: no that's it",
    )
    assert not _flips("The customer ended the call still fuming.", refused)
    # The same praise after good news is the customer's mood.
    granted = _chat(
        "Agent: I've reordered it from the restaurant, it arrives in 30 minutes.",
        "Customer: brilliant absolutely brilliant",
        "Agent: anything else I can help with?",
        "Customer: no that's it",
    )
    assert _flips("The customer ended the call still fuming.", granted)


@pytest.mark.parametrize(
    "apology", ["sorry I was rude before, just stressed", "apologies for being so rude earlier"]
)
def test_an_apology_for_ones_own_anger_is_a_calm_ending(apology: str) -> None:
    said = "Agent: the amendment is submitted, 1-2 business days."
    assert not _flips(
        "Stressed at first, relieved at the end.", _chat(said, f"Customer: {apology}")
    )
    # The same anger with no apology is the ending's mood.
    angry = _chat(said, "Customer: that was rude, ridiculous")
    assert _flips("Stressed at first, relieved at the end.", angry)


def test_the_company_apologising_is_no_apology_of_the_customer() -> None:
    history = _chat(
        "Customer: ridiculous, I'm giving you 1 star.",
        "NabdApp: Sorry again for the trouble.",
    )
    assert _flips("The customer was pleased at the end.", history)


def test_distress_beside_politeness_is_a_mixed_ending() -> None:
    note = (
        record(
            0, "agent", "Options adv, cx to call back Thu.\nMood: stressed abt timing but polite."
        ),
    )
    assert not _flips("Mood: Stressed about timing.", note)


def test_a_mood_told_as_the_start_leaves_the_calm_ending() -> None:
    note = (
        record(0, "agent", "Outcome: resolved.\nCx v. rattled at start, calm + thankful by end."),
    )
    assert _flips("Customer remained angry.", note)


@pytest.mark.parametrize("denied", ["di fee ting mi nuh happy", "I no happy at all"])
def test_praise_denied_in_patois_or_pidgin_is_displeasure(denied: str) -> None:
    assert _flips("Left happy with the outcome.", _chat(f"Customer: {denied}"))


def test_a_thread_written_newest_first_ends_on_its_newest_message() -> None:
    thread = (
        record(
            0,
            "email",
            "From: Aoife\nSubject: RE: RE: Invoice\n\nThanks for that. OK I'll accept the 10% "
            "off, I just wanted someone to explain it. Really appreciate it, brilliant.\n\n"
            "> From: Ciaran, Practice Administrator\n> We can take 10% off the invoice.\n>\n"
            ">> From: Aoife\n>> I'm not happy, this is ridiculous, nobody rang me.",
        ),
    )
    assert not _flips("She sounds satisfied now that it has been explained.", thread)
    assert _flips("She is still furious about the bill.", thread)


def test_a_thread_written_oldest_first_still_ends_on_its_last_message() -> None:
    thread = (
        record(
            0,
            "email",
            "From: Dario\nSubject: price\n\nCan you keep my old price?\n\n---\n"
            "From: Support - Ines\nSubject: RE: price\n\nThank you, we really appreciate "
            "it.\n> Can you keep my old price?\n\n---\nFrom: Dario\nSubject: RE: RE: price"
            "\n\nOk. Ridiculous after 7 years, very disappointing.",
        ),
    )
    assert not _flips("Mood: disappointed.", thread)
    assert _flips("He left delighted.", thread)
