"""The checker's table of towns whose names are everyday English words is what its builder
makes from the gazetteer and wordfreq, and holds the words it must."""

from __future__ import annotations

from eval.tables.town_words import TABLE, everyday_town_words, table_text
from service.claims.tables import words


def test_the_committed_table_is_what_the_builder_makes() -> None:
    made = table_text(everyday_town_words())
    assert TABLE.read_text(encoding="utf-8") == made, "run python -m eval.tables.town_words"


def test_everyday_words_are_listed_and_plain_town_names_are_not() -> None:
    table = words("towns_that_are_everyday_words")
    assert {"reading", "march", "bath", "mobile", "orange"} <= table
    assert {"norwich", "kumasi", "mombasa", "galway", "indore"}.isdisjoint(table)
