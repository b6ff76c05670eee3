"""A length of time whose figure a record gives on a line in another language.

"7 iş günü içinde", "5 arkipäivän kuluessa", "2–3 munkanap alatt": the record gives the
length in words the checker cannot read, so a summary's "within 7 business days" it finds
nowhere is no clear evidence of an invented length or commitment: an abstention. The same
length against an English record that gives another is still a finding.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of
from service.claims.foreign_numbers import figures_given_abroad

_ABROAD = {
    "tr": "Temsilci: Montaj ücreti olan 1.750 TL kartınıza 7 iş günü içinde iade edilecek.",
    "fi": "Kun myyjä on vastaanottanut tuotteen, koko summa ja toimituskulut palautetaan"
    " alkuperäiselle maksutavalle 5 arkipäivän kuluessa.",
    "hu": "Holnap feladjuk újra, a csomag a 2–3 munkanap alatt megérkezik a CsomagPontba.",
}


@pytest.mark.parametrize(
    ("language", "figures"), [("tr", ["7"]), ("fi", ["5"]), ("hu", ["2", "3"])]
)
def test_a_figure_on_a_line_in_another_language_is_given_abroad(
    language: str, figures: list[str]
) -> None:
    assert figures_given_abroad(figures, _ABROAD[language])


@pytest.mark.parametrize(
    ("figures", "text"),
    [
        (["7"], "Agent: the refund will reach your card within 10 working days."),
        (["5"], "cx adv refund 5-7wd, esc T2, CB req Mon, cx ok"),
        (["9"], _ABROAD["tr"]),
        # A line the function words misread, whose figure stands before an English unit.
        (["2"], "same problem again, the late fee came back — apt 22d, il 62704, in 2 days"),
        ([], _ABROAD["fi"]),
    ],
)
def test_a_figure_in_english_or_in_no_record_is_not(figures: list[str], text: str) -> None:
    assert not figures_given_abroad(figures, text)


def _report(summary: str, notes: str) -> tuple[set[str], set[str]]:
    """(signals raised, kinds abstained on)."""
    report = check_summary(summary, [record(0, "chat", notes)], OPTIONS)
    raised = {kind_of(f.category).name for f in report.findings}
    return raised, {kind_of(f.category).name for f in report.abstentions}


_SUMMARY = "Refund of the cracked Kamerakulma lens within 5 working days once it is back."


def test_a_length_a_record_gives_in_another_language_is_an_abstention() -> None:
    notes = (
        "Customer: hi, the Kamerakulma lens arrived cracked, I posted it back on Monday,"
        " the courier said within 48 hours\n"
        f"Agent: {_ABROAD['fi']}\n"
        "Customer: ok thanks"
    )
    raised, abstained = _report(_SUMMARY, notes)
    assert raised == set()
    assert "unsupported_fact" in abstained


def test_a_length_an_english_record_gives_otherwise_is_a_finding() -> None:
    notes = (
        "Customer: hi, the Kamerakulma lens arrived cracked, I posted it back on Monday\n"
        "Agent: the refund goes back to your card within 10 working days once it is back\n"
        "Customer: ok thanks"
    )
    raised, _ = _report(_SUMMARY, notes)
    assert "unsupported_fact" in raised
