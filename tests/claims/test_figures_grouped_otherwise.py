"""Sums grouped with spaces and decimal commas beside a currency the checker does not know,
and days written day-dash-month after a word that introduces a day, as European records
write them."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import findings_of, record

from service.claims.mentions import dotted_days

# A Ukrainian utility's e-mail: the bill recalculated, in hryvnias written "грн".
BILL = (
    record(
        0,
        "email",
        "Перерахунок / Recalculation:\n - 654 кВт·год × 4,32 грн = 2 825,28 грн\n"
        " - previously billed: 5 011,20 грн\n - difference: 2 185,92 грн, credited in May.",
    ),
)


def _amounts(summary: str) -> tuple[list[str], list[str]]:
    found, unsure = findings_of(summary, BILL, "amount")
    return [f.claim for f in found], [f.claim for f in unsure]


def test_a_sum_grouped_otherwise_supports_the_summary() -> None:
    assert _amounts("The bill was recalculated to ₴2,825.28; ₴2,185.92 is credited.") == ([], [])


def test_a_sum_misstated_against_a_grouped_one_is_a_finding() -> None:
    found, _ = _amounts("The bill was recalculated to ₴2,285.28.")
    assert found != []


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("ik heb op 28-5 opgezegd", (5, 28)),
        ("abonnement geldig vanaf 1-3)", (3, 1)),
        ("Open: brief CJIB (uiterlijk 12-5)", (5, 12)),
    ],
)
def test_a_day_dash_month_after_a_word_for_on_is_a_date(said: str, day: tuple[int, int]) -> None:
    assert day in dotted_days(said)


@pytest.mark.parametrize(
    "said",
    [
        "levering op 3-5 werkdagen",
        "on 3-5 business days",
        "am 3-6 Uhr",
        "10-12 items",
        "Lieferung bis 3-4 Tage",
        "zwrot do 7-10 dni",
    ],
)
def test_ranges_of_days_hours_and_things_are_no_dates(said: str) -> None:
    assert dotted_days(said) == set()
