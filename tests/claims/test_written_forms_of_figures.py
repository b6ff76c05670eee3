"""Figures in every written form: an amount, a date or a figure said aloud in a transcript
is the same fact however a record or a summary writes it, and another figure is still caught."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import (
    OPTIONS,
    categories_of,
    in_a_chat,
    questioned,
    record,
)

from service.claims import read_history
from service.claims.facts import unsupported_facts
from service.claims.mentions import AMOUNT, mentioned_dates, money_amounts, parse_amount
from service.claims.spoken import spoken_as_digits, spoken_values

# Sign, code or name before the figure, or a sign or name after it.
BEFORE = (
    "$",
    "£",
    "€",
    "₹",
    "Rs ",
    "Rs.",
    "rs ",
    "INR ",
    "EUR ",
    "GBP ",
    "USD ",
    "KES ",
    "$U ",
    "U$S ",
)
AFTER = (" rupees", " euro", " euros", " GBP", " dollars", " pounds", "€", " EUR")


def _written_amount(text: str) -> Decimal | None:
    match = AMOUNT.search(text)
    return None if match is None else parse_amount(match.group(1) or match.group(2))


@given(
    whole=st.integers(min_value=1, max_value=99_999),
    cents=st.integers(min_value=0, max_value=99),
    before=st.sampled_from(BEFORE),
    after=st.sampled_from(AFTER),
    commas=st.booleans(),
)
def test_an_amount_in_any_written_form_is_that_amount(
    whole: int, cents: int, before: str, after: str, commas: bool
) -> None:
    figure = f"{whole:,}" if commas else str(whole)
    expected = Decimal(f"{whole}.{cents:02d}")
    assert _written_amount(f"paid {before}{figure}.{cents:02d} today") == expected
    assert _written_amount(f"paid {figure}.{cents:02d}{after} today") == expected


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("€ 12,50 a month", "12.50"),
        ("1.235,00 EUR came back", "1235.00"),
        ("a refund of 187,20 €", "187.20"),
        ("R849 debit order", "849.00"),
        ("charged 214.67 twice", "214.67"),
        ("a $U 129 credit", "129.00"),
        ("a U$S 250 fee", "250.00"),
    ],
)
def test_european_marks_and_bare_cents_are_read_as_amounts(written: str, value: str) -> None:
    assert _written_amount(written) == Decimal(value)


@pytest.mark.parametrize("measure", ["1.25 GB of data", "a 3.5% rise", "at 12:30 today"])
def test_a_measure_or_a_time_is_not_an_amount(measure: str) -> None:
    assert _written_amount(measure) is None


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("it came to two hundred and fourteen", "214"),
        ("the bill is four hundred and twelve pounds thirty", "412.30"),
        # Hundreds said as "four eighty six", the cents after the money's name.
        ("it's uh four eighty six dollars and twelve cents", "486.12"),
        ("it's uh four eighty six dollars and twelve cents", "86.12"),
        ("normally about a hundred and eighty", "180"),
        ("a charge of nine ninety nine every month", "9.99"),
        ("renewal fifty nine ninety nine", "59.99"),
        ("the tv was six forty nine ninety nine", "649.99"),
        ("four fifty for the month", "4.50"),
        ("four fifty for the month", "450"),
        ("eight thousand nine hundred ninety nine", "8999"),
        ("twenty three of them", "23"),
    ],
)
def test_a_figure_said_in_words_is_read_every_way_it_can_be(said: str, value: str) -> None:
    assert Decimal(value).quantize(Decimal("0.01")) in spoken_values(said)


@given(st.integers(min_value=21, max_value=999))
def test_a_spoken_cardinal_reads_as_its_value(value: int) -> None:
    units = "zero one two three four five six seven eight nine".split()
    teens = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()

    def below_hundred(n: int) -> str:
        if n < 10:
            return units[n]
        if n < 20:
            return teens.split()[n - 10]
        return tens[n // 10 - 2] + ("" if n % 10 == 0 else f" {units[n % 10]}")

    hundreds, rest = divmod(value, 100)
    words = f"{units[hundreds]} hundred and {below_hundred(rest)}" if hundreds else ""
    words = words if rest else f"{units[hundreds]} hundred"
    said = words or below_hundred(value)
    assert Decimal(value).quantize(Decimal("0.01")) in spoken_values(f"it was {said} then")


@pytest.mark.parametrize(
    ("written", "month_day"),
    [
        ("due on the first of November", (11, 1)),
        ("renewed on august twelfth", (8, 12)),
        ("since the twenty first of march", (3, 21)),
    ],
)
def test_a_date_said_in_words_reads_as_its_day(written: str, month_day: tuple[int, int]) -> None:
    readings = {r for _, found in mentioned_dates(spoken_as_digits(written)) for r in found}
    assert month_day in readings


@pytest.mark.parametrize(
    ("written", "month_day"),
    [
        ("due 1Nov", (11, 1)),
        ("due 1 Nov", (11, 1)),
        ("due Nov 1st", (11, 1)),
        ("dated 09-Jan-2026", (1, 9)),
        ("Date: 19.02.2026", (2, 19)),
    ],
)
def test_a_date_in_a_compact_form_reads_as_its_day(
    written: str, month_day: tuple[int, int]
) -> None:
    readings = {r for _, found in mentioned_dates(written) for r in found}
    assert month_day in readings


def test_a_range_of_days_is_not_read_as_a_dashed_date() -> None:
    readings = {r for _, found in mentioned_dates("routine items Aug 26-Sep 8") for r in found}
    assert (9, 26) not in readings


TRANSCRIPT = (
    record(
        0,
        "agent",
        "agent: i see the annual renewal fifty nine ninety nine on august twelfth caller: yeah "
        "agent: so that is fifty nine ninety nine back to the card",
    ),
)
CHAT = (
    record(0, "chat", "Customer: the voucher was for €187,20 and I want cash. Agent: refunded."),
)


@pytest.mark.parametrize(
    ("summary", "history", "wrong"),
    [
        ("The $59.99 renewal of August 12 was refunded to the card.", TRANSCRIPT, False),
        ("The $69.99 renewal of August 12 was refunded to the card.", TRANSCRIPT, True),
        ("The $59.99 renewal of August 21 was refunded to the card.", TRANSCRIPT, True),
        ("A cash refund of €187.20 replaced the voucher.", CHAT, False),
        ("A cash refund of EUR 187.20 replaced the voucher.", CHAT, False),
        ("A cash refund of 178.20 euro replaced the voucher.", CHAT, True),
    ],
)
def test_a_figure_is_held_to_the_records_in_whatever_form_they_write_it(
    summary: str, history: tuple[object, ...], wrong: bool
) -> None:
    found = categories_of(summary, history)  # type: ignore[arg-type]
    assert bool(found & {"amount", "date"}) is wrong


def test_the_source_reads_the_amounts_a_transcript_says() -> None:
    assert Decimal("59.99") in money_amounts(TRANSCRIPT[0].notes)


def test_a_run_of_tens_and_units_is_also_read_apart() -> None:
    # "one forty one forty five": 140 and 145 said one after the other, or 1, 41, 45.
    values = spoken_values("the average is about one forty one forty five a month")
    assert {Decimal("140.00"), Decimal("145.00"), Decimal("41.00")} <= values


FLIGHT = (
    record(
        0,
        "agent",
        "caller: i was on the flight from lisbon e m two one seven and the bag never came out "
        "agent: your ticket is AK -381 and we will call you on the friday the ninth",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The bag did not arrive off flight EM217; ticket AK-381.", False),
        ("The bag did not arrive off flight EM271; ticket AK-381.", True),
    ],
)
def test_an_id_is_found_however_the_records_space_or_say_it(summary: str, wrong: bool) -> None:
    assert bool(categories_of(summary, FLIGHT) & {"entity", "ticket"}) is wrong


def _dates_unsupported(summary: str) -> list[str]:
    history = read_history(FLIGHT, OPTIONS)
    found = unsupported_facts(summary, history.source, history.people)
    return [fact.text for fact in found if fact.kind == "date"]


def test_a_day_told_without_its_month_supports_that_day_of_the_contacts_month() -> None:
    assert _dates_unsupported("The bag is to be traced by Mar 9.") == []
    assert _dates_unsupported("The bag is to be traced by Mar 19.") == ["Mar 19"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Contacts July 29th-August 9th were routine.", {(7, 29), (8, 9)}),
        ("Seen Sep 6-Oct 2, then again.", {(9, 6), (10, 2)}),
        ("Refund due 6-Jan.", {(1, 6)}),
    ],
)
def test_a_day_read_after_its_month_is_not_read_again_before_the_next(
    text: str, days: set[tuple[int, int]]
) -> None:
    read = {day for _, readings in mentioned_dates(text) for day in readings}
    assert read == days


def test_a_sign_that_opens_the_next_amount_is_not_the_last_ones() -> None:
    # "0\n$26": the "$" belongs to 26, not after the 0.
    assert Decimal("26.00") in money_amounts("0\n$26")
    assert [m.group(0).strip() for m in AMOUNT.finditer("0\n$26")][-1] == "$26"


PLAN = (
    record(
        0,
        "chat",
        "Jordan: we have an in-house plan, 0% interest over 6 months, so about $115.83/month. "
        "Customer: I paid N45,000 by transfer on 29 Jan.",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("She was offered a six-month plan (about $116 a month).", False),
        ("She was offered a six-month plan (roughly $120 a month).", False),
        # Told as exact, the rounded sum is an abstention (`_rounded_off`), no finding.
        ("She was offered a six-month plan ($116 a month).", False),
        ("She was offered a six-month plan (about $118 a month).", True),
        ("She was offered a six-month plan (about $100 a month).", True),
    ],
)
def test_a_figure_said_roughly_stands_for_the_records_figure_rounded(
    summary: str, wrong: bool
) -> None:
    assert ("amount" in categories_of(summary, PLAN)) is wrong


def test_an_amount_in_thousands_in_naira_names_nothing() -> None:
    assert categories_of("Site suspended though she paid N45k by transfer 29/1.", PLAN) == set()


DELAY = (
    record(
        0,
        "agent",
        "spk_0: the travel delay benefit is three hundred ringgit for every full six hours\n"
        "spk_1: okay\nspk_0: your reference is R F uh zero zero eight one five\n"
        "Retention: offrd £10 off TV for 12m, quoted BB only but needs new 18m contract",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The benefit is RM300 per person for each six hours.", False),
        ("The benefit is RM400 per person for each six hours.", True),
        ("Claim logged, ref RF00815.", False),
        ("Claim logged, ref RF00816.", True),
        (
            "She turned down £10 off for 12 months; broadband alone needs an 18-month contract.",
            False,
        ),
        ("She turned down £10 off for 24 months.", True),
    ],
)
def test_ringgit_ids_said_with_a_hesitation_and_terms_cut_short(summary: str, wrong: bool) -> None:
    assert bool(categories_of(summary, DELAY) & {"amount", "entity", "count", "ticket"}) is wrong


@pytest.mark.parametrize(
    ("note", "value", "wrong"),
    [
        ("Agent: we'll refund a tenner.", "10.00", "Refund of £15."),
        ("Agent: it's 50p per text.", "0.50", "Texts cost £0.70 each."),
        ("Agent: it's 99c per song.", "0.99", "Songs cost $1.99."),
        ("Agent: the credit is 1.2k.", "1200.00", "Credit of $2,100."),
        ("Agent: refund of 15 dollars and 50 cents.", "15.50", "Refund of $16.50."),
    ],
)
def test_a_sum_said_loosely_is_the_sum(note: str, value: str, wrong: str) -> None:
    assert Decimal(value) in money_amounts(note)
    assert questioned(wrong, in_a_chat(note), "amount")
