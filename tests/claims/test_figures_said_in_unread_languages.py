"""A record that says figures in words of a language the checker does not read: a figure
no record it reads gives is an abstention there, not a finding; English records, and the
languages it reads, keep their findings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import findings_of, record

from service.claims.foreign_numbers import foreign_numbers_as_digits
from service.claims.unread_numbers import UNREAD, unread_number_phrase
from service.models import Interaction


def _unread(text: str) -> str:
    return unread_number_phrase(foreign_numbers_as_digits(text))


@pytest.mark.parametrize(
    ("said", "phrase"),
    [
        # Two number words side by side, a number word beside a figure read in part, a day
        # said before its month's name.
        ("levering op twaalf juli tussen acht en twaalf", "twaalf juli"),
        ("odbiór dwudziesty trzeci maja", "dwudziesty trzeci"),
        ("hóa đơn hai mươi tám nghìn", "mươi tám"),
        ("kontrakt v l fyra fyra sex noll två", "noll 2"),
        ("kommer den fjortende marts", "fjortende marts"),
    ],
)
def test_figures_said_in_words_left_unread_are_found(said: str, phrase: str) -> None:
    assert _unread(said) == phrase


@pytest.mark.parametrize(
    "said",
    [
        # English words that other languages write numbers with, alone or in a row.
        "once the pump is set on fire the bin is due 30 Sep",
        "due to the fire, once again",
        # The languages the checker reads are read, not left over.
        "vinte e oito de março, setenta y dos horas, quatre-vingt-dix-neuf",
        # Articles that are also "one", and a lone number word of a record in Swedish.
        "eine 10-Euro-Gutschrift, een 10 euro tegoed, jag ringer om tre saker",
    ],
)
def test_english_and_read_languages_leave_nothing_unread(said: str) -> None:
    assert _unread(said) == ""


@given(st.lists(st.sampled_from(["once", "fire", "set", "due", "the", "10", "May"]), max_size=12))
def test_english_texts_never_read_as_unread_figures(words: list[str]) -> None:
    assert _unread(" ".join(words)) == ""


# A call in Danish: the engineer comes on the fourteenth of March, the bill is 2,500 kroner.
DANISH = (
    record(
        0,
        "agent",
        "AGENT: så kommer montøren den fjortende marts\nKUNDE: og regningen\n"
        "AGENT: den er på to tusind fem hundrede kroner\nKUNDE: okay tak",
    ),
)
# The same call in English.
ENGLISH = (
    record(
        0,
        "agent",
        "AGENT: so the engineer comes on the fourteenth of March\nCUSTOMER: and the bill\n"
        "AGENT: it comes to two thousand five hundred kroner\nCUSTOMER: okay thanks",
    ),
)


def _date_findings(summary: str, history: tuple[Interaction, ...]) -> tuple[list[str], list[str]]:
    found, unsure = findings_of(summary, history, "date")
    return [f.reason for f in found], [f.reason for f in unsure]


def test_a_date_a_danish_call_may_say_is_an_abstention() -> None:
    found, unsure = _date_findings("The engineer comes on 14 March.", DANISH)
    assert found == []
    assert any(UNREAD in reason for reason in unsure)


def test_the_same_date_against_an_english_call_is_a_finding() -> None:
    assert _date_findings("The engineer comes on 16 March.", ENGLISH)[0] != []
    assert _date_findings("The engineer comes on 14 March.", ENGLISH) == ([], [])
