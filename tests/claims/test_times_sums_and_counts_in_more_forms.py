"""Times, sums, spans of days and counts of tries the records write in more forms: a slot
in Flemish, Swedish or bare before its day, a sum a note gives roughly or a caller reads
figure by figure, a span of days joined in French, German or Spanish, tries marked "2x"."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, questioned, record

from service.claims.clock_times import times_given
from service.claims.mentions import mentioned_dates
from service.models import Interaction


def _found(summary: str, history: tuple[Interaction, ...], category: str) -> bool:
    return category in categories_of(summary, history)


@pytest.mark.parametrize(
    ("written", "hours"),
    [
        ("levering op dinsdag 24/3 tussen 18u en 21u.", {18, 21}),
        ("levereras samma kväll, ca kl. 18–22. Budfirman sms:ar", {18, 22}),
        ("tech was supposed to come 8-12 today for my washer", {8, 12}),
        ("mellan 18 och 22", {18, 22}),
        ("내일 오후 6시까지 사진을 올려 주세요", {18}),
        ("午後6時まで、18時30分", {18}),
    ],
)
def test_a_slot_in_more_forms_gives_both_its_ends(written: str, hours: set[int]) -> None:
    given = times_given(written)
    assert all(hour * 60 in given for hour in hours)


def test_a_flemish_slot_supports_the_summarys_times() -> None:
    history = (record(3, "chat", "WasWeg: levering ingepland op dinsdag 24/3 tussen 18u en 21u."),)
    assert not questioned("Delivery Tue 24 Mar 6-9pm.", history, "date")
    assert questioned("Delivery Tue 24 Mar 6-10pm.", history, "date")


def test_a_sum_a_record_gives_roughly_supports_its_exact_figure() -> None:
    history = (record(0, "agent", "Split the bill into three payments: about £162 taken today."),)
    assert not _found("£162.07 was taken today by card.", history, "amount")
    assert questioned("£170.07 was taken today by card.", history, "amount")


def test_a_sum_a_caller_reads_figure_by_figure_supports_it() -> None:
    transcript = (
        "AGENT: um so that would be one six two oh seven today\n"
        "CALLER: uh okay yeah\nAGENT: um and the rest uh next month\nCALLER: um fine"
    )
    history = (record(0, "agent", transcript),)
    assert not questioned("£162.07 was taken today.", history, "amount")


@pytest.mark.parametrize(
    "written", ["11 jours (9 au 19 juillet)", "vom 9. bis 19. Juli", "del 9 al 19 de julio"]
)
def test_a_span_of_days_joined_in_another_language_gives_its_first_day(written: str) -> None:
    readings = {reading for _, found in mentioned_dates(written) for reading in found}
    assert {(7, 9), (7, 19)} <= readings


def test_tries_marked_with_an_x_after_the_verb_are_a_count() -> None:
    history = (record(1, "agent", "Cx tried calling 2x yday (Mon), lines busy. Callback booked."),)
    assert not _found("She had tried to call twice without getting through.", history, "count")


def test_a_slot_with_its_hour_word_after_it_gives_both_ends() -> None:
    given = times_given("Retiro del TV: Expreso Cuyo, mar 03/03, 9 a 18 hs. Cx keeps box.")
    assert {9 * 60, 18 * 60} <= given
    # Not a span of days or a sum.
    assert 5 * 60 not in times_given("Reembolso en 5 a 10 días hábiles.")


def test_a_length_of_time_in_italian_shorthand_supports_the_summarys() -> None:
    history = (record(0, "agent", "Rimborso APPROVATO, su carta orig. entro 7 gg lav."),)
    assert not questioned("Refund approved, due within 7 working days.", history, "date")
    assert questioned("Refund approved, due within 9 working days.", history, "date")
