"""Words that describe rather than tell: a writer's sign-off ends a note, a participle
before a noun ("for lost wages") is no act a refusal denies, a town's name in a list of
things ("Listening, Reading and Writing") is no place, and one of a record's own mixed
mood words is no opposite of that record's mood."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, record

from service.claims.layout import cut_off
from service.models import Interaction


def _found(summary: str, history: tuple[Interaction, ...], category: str) -> bool:
    return category in categories_of(summary, history)


def test_a_signed_note_is_finished_without_a_full_stop() -> None:
    assert not cut_off("Goodwill credit also showing. All sorted, she was happy ^AO")
    assert not cut_off("Gutschrift auf Juli-Rechnung. Kunde zufrieden. /Lukas")
    # A sign-off after words that dangle does not finish them.
    assert cut_off("Refund of ^AO")
    assert cut_off("Goodwill credit also showing. All sorted, she was")


def test_a_refused_ask_for_lost_wages_denies_no_loss() -> None:
    history = (
        record(
            0,
            "chat",
            "[DM] marcus 1:45 PM: I already lost a day's pay today. I want compensation\n"
            "[DM] marcus 1:50 PM: I lost $200 in wages today\n"
            "[DM] FixRight 1:55 PM: I'm sorry about the lost day. I'm not able to reimburse "
            "wages. The fee waiver is what I can do.",
        ),
    )
    assert not _found("Asked $200 for lost wages, declined per policy.", history, "negated_action")


def test_a_town_listed_among_things_is_no_place() -> None:
    history = (
        record(
            0,
            "agent",
            "CSET call wrap-up\nCand called re results. Test at the Vancouver centre.\n"
            "- L/R/W scored; SPK re-rating.",
        ),
    )
    summary = "Listening, Reading and Writing are scored; Speaking is being re-rated."
    assert not _found(summary, history, "entity")
    # A town told as a place is still held to the records' town.
    assert _found("The test was taken at the Toronto centre.", history, "entity")


def test_one_of_a_records_mixed_mood_words_is_no_opposite() -> None:
    notes = (
        "- cand calling re results not released, std is 4-5 days.\n"
        "- adv re-rating in progress, email update by Fri.\n"
        "- cand stressed but polite."
    )
    history = (record(0, "agent", notes),)
    assert not _found("Mood: stressed.", history, "sentiment")
