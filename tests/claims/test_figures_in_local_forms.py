"""Figures as people in many places write and say them: local currency marks, terms cut
short ("2yr", "<30d"), dates with no month or a dashed day, amounts and slots said in
another language, and look-alikes that are no figure of the kind (an age, a score, a code)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from oci_testing.claim_histories import (
    categories_of,
    in_a_chat,
    questioned,
    record,
    unsupported_of,
)

from service.claims.mentions import mentioned_dates, money_amounts
from service.claims.spoken import spoken_values


def test_a_code_is_read_as_written_not_as_the_shorthand_its_letters_are() -> None:
    # "CB" is also an agent's shorthand for a callback; "CB 214" is a flight.
    mail = record(0, "email", "Your claim for damage to your suitcase on flight CB 214 is open.")
    assert "entity" not in categories_of("Bag damaged on flight CB214.", (mail,))


def test_an_age_is_no_term() -> None:
    chat = in_a_chat("Customer: booked wheelchair help for my 78yo father, none came")
    assert "count" not in categories_of("Her 78-year-old father got no wheelchair.", chat)
    # A term no record gives is still questioned (an abstention in a chat with no rival).
    assert questioned("She signed a 3-year contract for the help.", chat, "count")


def test_days_a_note_cuts_short_support_a_length() -> None:
    note = record(0, "agent", "Cx asked to cancel, adv cancel <30d = 50% forfeited, cx kept it.")
    summary = "Told that cancelling within 30 days forfeits 50%."
    assert not questioned(summary, (note,), "date")


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("three thousand four fifty for the cylinder", "3450"),
        ("that is three thousand eight twenty five and data", "3825"),
    ],
)
def test_hundreds_said_after_thousands_as_a_pair_are_read(said: str, value: str) -> None:
    assert Decimal(value) in spoken_values(said)


@pytest.mark.parametrize(
    ("written", "value"),
    [("diesel levy N45k/month", "45000"), ("penalty N62,500", "62500"), ("GH₵432.59", "432.59")],
)
def test_the_naira_letter_and_the_cedi_sign_mark_sums(written: str, value: str) -> None:
    assert Decimal(value) in money_amounts(written)


def test_a_letter_and_a_small_figure_are_a_code_not_naira() -> None:
    assert money_amounts("level N4, accident on the N1") == set()


def test_a_sum_said_roughly_after_the_cedi_sign_stands_for_the_record() -> None:
    plan = (record(0, "email", "6 monthly instalments of GH₵432.59 from 28 June."),)
    assert categories_of("Six instalments of roughly GH₵432.60.", plan) == set()
    assert "amount" in categories_of("Six instalments of roughly GH₵452.60.", plan)


@pytest.mark.parametrize(
    "text", ["his brew day on the 20th may be tight", "refunded the $25 February fee"]
)
def test_a_modal_may_and_a_sum_before_a_month_are_no_dates(text: str) -> None:
    assert not mentioned_dates(text)


def test_a_dashed_day_and_month_in_a_note_supports_the_date_both_ways() -> None:
    note = (record(20, "agent", "Container at CFS, ground rent started 09-03. Cx asked waiver."),)
    assert unsupported_of("Ground rent running since 9 March.", note, "date") == []
    assert "date" in categories_of("Ground rent running since 19 March.", note)


def test_cents_said_after_the_currency_in_another_language_are_the_sums() -> None:
    said = "me ha llegado una factura de cuatrocientos doce euros con treinta y siete"
    call = (record(0, "agent", f"CLIENTE: {said}\nAGENTE: vale, lo reviso"),)
    assert unsupported_of("A bill of €412.37 arrived.", call, "amount") == []


def test_a_slot_said_in_another_language_gives_both_hours() -> None:
    said = "le programo el cierre el viernes de ocho a catorce horas"
    call = (record(0, "agent", f"AGENTE: {said}\nCLIENTE: perfecto"),)
    assert unsupported_of("Shut-off booked Friday 8am to 2pm.", call, "date") == []
    assert unsupported_of("Shut-off booked Friday 9am to 2pm.", call, "date") != []


def test_a_score_out_of_five_is_no_date() -> None:
    assert not mentioned_dates("she rated the chat 2/5 and left")
    assert mentioned_dates("booked 2/5 at 10am")


def test_a_day_before_a_hindi_postposition_is_a_day() -> None:
    # The call is on 24 April; the customer recharged on the 22nd, said with no month.
    call = (record(53, "agent", "CUSTOMER: recharge kiya tha twenty second ko\nAGENT: ok"),)
    assert unsupported_of("Recharged on 22 April.", call, "date") == []
    assert unsupported_of("Recharged on 18 April.", call, "date") != []


def test_a_term_cut_short_as_yr_is_read() -> None:
    note = (record(0, "agent", "Under 2yr mfr warranty - engineer booked Wed AM.", "booked"),)
    assert "count" not in categories_of("The chair is under a 2-year warranty.", note)
    assert "count" in categories_of("The chair is under a 3-year warranty.", note)
