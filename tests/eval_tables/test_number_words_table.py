"""The checker's table of other languages' number words and month names is what its builder
makes from num2words, wordfreq and Babel, and holds what the checker relies on."""

from __future__ import annotations

from eval.tables.number_words import TABLE, month_names, number_words, table_text
from service.claims.tables import words


def test_the_committed_table_is_what_the_builder_makes() -> None:
    made = table_text(number_words(), month_names())
    assert TABLE.read_text(encoding="utf-8") == made, "run python -m eval.tables.number_words"


def test_english_words_and_the_words_for_one_are_left_out() -> None:
    table = words("number_words_of_other_languages")
    assert {"once", "fire", "set", "due", "ein", "une", "een", "segundo"}.isdisjoint(table)
    assert {"vijfentachtig", "dwudziesty", "fjortende", "osamsto", "mươi"} <= table


def test_month_names_come_in_their_cases_and_not_in_english() -> None:
    months = words("month_names_of_other_languages")
    assert {"marca", "stycznia", "juli", "januari", "tammikuuta"} <= months
    assert "march" not in months
