"""Figures said in words of another language are read on the records' side, in digits, and
support a summary's figure written in digits; English words are left as they are."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.clock_times import times_given
from service.claims.foreign_numbers import foreign_numbers_as_digits


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("en setenta y dos horas", "en 72 horas"),
        ("vinte e oito de março", "28 de março"),
        ("soixante-douze euros", "72 euros"),
        ("quatre-vingt-dix-neuf", "99"),
        ("deux cents euros", "200 euros"),
        ("am achtundzwanzigsten oktober um zehn", "am 28 oktober um 10"),
        ("einundzwanzig euro, ein termin", "21 euro, ein termin"),
        # German hundreds and thousands inside the word, and ordinals of their own stem.
        ("am ersten september vierhundertneunundvierzig euro", "am 1 september 449 euro"),
        ("einhundertfünf, zweitausenddreihundert", "105, 2300"),
        ("erst morgen, am siebten", "erst morgen, am 7"),
        # Italian runs its number words together into one.
        ("addebitato trecento ottantacinque euro", "addebitato 385 euro"),
        ("trecentoquaranta euro, trentuno giorni", "340 euro, 31 giorni"),
        ("doscientos cuarenta y cinco mil pesos", "245000 pesos"),
        ("ventotto marzo", "28 marzo"),
        # Two figures joined by "y", and a code said digit by digit, are not one sum.
        ("entre treinta y cuarenta y cinco días", "entre 30 y 45 días"),
        ("cliente e h cuatro cinco uno cero dos", "cliente e h 4 5 1 0 2"),
        ("mil doscientos noventa pesos", "1290 pesos"),
    ],
)
def test_number_words_of_other_languages_are_written_in_digits(said: str, written: str) -> None:
    assert foreign_numbers_as_digits(said) == written


@pytest.mark.parametrize(
    "english", ["the agent said um ok, payment due tomorrow", "fifty cents", "once again"]
)
def test_english_words_are_left_alone(english: str) -> None:
    assert foreign_numbers_as_digits(english) == english


def test_a_time_said_in_german_supports_the_summarys_time() -> None:
    assert 10 * 60 in times_given("ich hätt einen termin am achtundzwanzigsten oktober um zehn")


# A call in Spanish: the new contract is to come in seventy-two hours.
CALL = (
    record(
        0,
        "agent",
        "AGENTE: el contrato nuevo se lo mandamos por correo en setenta y dos horas\n"
        "CLIENTE: mándelo al correo de mi hija",
    ),
)


def _length_findings(summary: str) -> list[str]:
    report = check_summary(summary, CALL, OPTIONS)
    return [f.reason for f in report.findings + report.abstentions if "length of time" in f.reason]


def test_a_length_said_in_spanish_supports_the_summary() -> None:
    assert _length_findings("The new contract will be e-mailed within 72 hours.") == []
    assert _length_findings("The new contract will be e-mailed within 48 hours.") != []


def test_letters_that_lower_to_two_keep_the_text_in_place() -> None:
    # "İ" lowers to two characters; the figure still lands where its words were.
    assert foreign_numbers_as_digits("İstanbul: setenta y dos horas") == "İstanbul: 72 horas"


# A call in Spanish: a refund to the card takes thirty to forty-five days.
RANGE_CALL = (
    record(
        0,
        "agent",
        "AGENTE: el reintegro a tarjeta lo pide cobranzas y demora entre treinta y cuarenta "
        "y cinco días\nCLIENTE: bueno dale",
    ),
)


def test_a_range_said_in_spanish_supports_the_summarys_range() -> None:
    found = check_summary("A refund to the card would take 30-45 days.", RANGE_CALL, OPTIONS)
    assert [f for f in found.findings if "length of time" in f.reason] == []
    moved = check_summary("A refund to the card would take 30-60 days.", RANGE_CALL, OPTIONS)
    assert [f for f in moved.findings + moved.abstentions if "length of time" in f.reason]


# A call in Spanish: a credit of one thousand two hundred and ninety pesos.
CREDIT_CALL = (
    record(
        0,
        "agent",
        "AGENTE: lo que puedo hacer es un crédito por mil doscientos noventa pesos en tu "
        "próxima factura\nCLIENTE: bueno dale hacé el crédito",
    ),
)


def _amount_findings(summary: str) -> list[str]:
    report = check_summary(summary, CREDIT_CALL, OPTIONS)
    return [f.claim for f in report.findings if f.category == "amount"]


def test_an_amount_said_in_spanish_is_a_rival_to_a_misstated_one() -> None:
    assert _amount_findings("Fixed with a $U 1.290 credit on the next bill.") == []
    assert _amount_findings("Fixed with a $U 1.920 credit on the next bill.") != []
