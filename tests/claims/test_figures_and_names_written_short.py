"""Sums, days, times, codes and things as hurried notes, calls and other languages write
them: a faithful summary's figure the records give in another form is supported; the same
sentence with the figure changed is still a finding.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of
from service.claims.mentions import mentioned_dates
from service.claims.weekdays import named_weekdays

_TRANSCRIPT = "AGENT: okay um let me see uh one moment um okay uh "


def _signals(summary: str, *notes: str) -> tuple[set[str], set[str]]:
    """(signals raised, kinds abstained on) of `summary` against one record per note."""
    history = [record(day, "agent", text) for day, text in enumerate(notes)]
    report = check_summary(summary, history, OPTIONS)
    return (
        {kind_of(f.category).name for f in report.findings},
        {kind_of(f.category).name for f in report.abstentions},
    )


# (faithful summary, its records' notes, the same summary with the slip)
_WRITTEN_SHORT = [
    pytest.param(
        "Late father's account in sole name, balance €18,430.",
        "Balance on account €18,430.12, sole name. Probate docs requested.",
        "Late father's account in sole name, balance €18,431.",
        id="cents-left-off",
    ),
    pytest.param(
        "The data pack was bought from his balance, leaving him $0.60.",
        _TRANSCRIPT + "done sir the data pack is bought from the balance your balance left "
        "sixty cents",
        "The data pack was bought from his balance, leaving him $0.70.",
        id="cents-said-alone",
    ),
    pytest.param(
        "Zanele queried an R49-a-month Extra Member add-on.",
        "Query (Zanele): Extra Member add-on R49/pm on her stmt for Feb, Mar, Apr. Says never "
        "added.",
        "Zanele queried an R59-a-month Extra Member add-on.",
        id="sum-joined-to-words",
    ),
    pytest.param(
        "Burst main on Ojuelegba Rd, repair crew on site.",
        "Burst main on Ojuelegba Road. Repair crew on site since 12/3.",
        "Burst main on Ikorodu Rd, repair crew on site.",
        id="street-word-short",
    ),
    pytest.param(
        "Flight KA1187 Denver to Boston was cancelled (crew).",
        _TRANSCRIPT + "I see flight eleven eighty seven denver to boston on march sixth was "
        "cancelled due to crew availability",
        "Flight KA1187 Denver to Boston was cancelled (crew).",
        id="carrier-letters-unsaid",
    ),
    pytest.param(
        "The fine is €100, halved if paid within 20 days.",
        "The DGT will send the fine (100 EUR). If you pay within 20 natural days of receiving "
        "it you get the 50% reduction.",
        "The fine is €100, halved if paid within 30 days.",
        id="natural-days",
    ),
    pytest.param(
        "Priority delivery booked for Wednesday between 9am and 1pm.",
        _TRANSCRIPT + "tomorrow wednesday priority delivery in the first slot nine to one "
        "okay wednesday nine to one the driver will send you an sms",
        "Priority delivery booked for Wednesday between 10am and 1pm.",
        id="slot-said-nine-to-one",
    ),
    pytest.param(
        "Refund within 7 business days of the form.",
        "Sent bank transfer form link by SMS, refund w/in 7 biz days after form submitted.",
        "Refund within 5 business days of the form.",
        id="biz-days",
    ),
    pytest.param(
        "Glass repair booked at her work on Thursday between 10am and 2pm.",
        "Booked ClearView Glass mobile repair - Thu 12/2 btwn 10-2 at cx's work in Porirua.",
        "Glass repair booked at her work on Thursday between 11am and 2pm.",
        id="window-between",
    ),
    pytest.param(
        "Technician booked for Thursday 14 May, 10am to 1pm.",
        _TRANSCRIPT + "technician earliest is thursday fourteenth may morning ten to one okay",
        "Technician booked for Thursday 14 May, 11am to 1pm.",
        id="morning-ten-to-one",
    ),
    pytest.param(
        "Seen by Dr Brennan on Thursday at 14:40.",
        _TRANSCRIPT + "the first i have with doctor brennan is thursday at twenty to three",
        "Seen by Dr Brennan on Thursday at 14:50.",
        id="twenty-to-three",
    ),
    pytest.param(
        "The new blister pack arrived at about 3pm.",
        "Karen: New pack arrived about 3, all looks right. Thanks Euan.",
        "The new blister pack arrived at about 5pm.",
        id="arrived-about-three",
    ),
    pytest.param(
        "Neither his new nor his old SIM works.",
        "Cliente: el chip nuevo no funciona y el chip viejo tampoco, no tengo señal.",
        "Neither his new nor his old router works.",
        id="sim-called-chip",
    ),
]


# A figure no record gives is an unsupported fact, or an invented commitment when it is the
# time frame of one ("refund within 5 business days").
_FIGURE_SIGNALS = {"unsupported_fact", "invented_promise"}


@pytest.mark.parametrize(("faithful", "notes", "slipped"), _WRITTEN_SHORT)
def test_a_figure_written_otherwise_is_supported(faithful: str, notes: str, slipped: str) -> None:
    raised, _ = _signals(faithful, notes)
    assert not raised & _FIGURE_SIGNALS


@pytest.mark.parametrize(
    ("faithful", "notes", "slipped"),
    [case for case in _WRITTEN_SHORT if case.id != "carrier-letters-unsaid"],
)
def test_the_figure_changed_is_still_a_finding(faithful: str, notes: str, slipped: str) -> None:
    raised, _ = _signals(slipped, notes)
    assert raised & _FIGURE_SIGNALS


def test_a_code_whose_figures_alone_are_said_is_an_abstention() -> None:
    said = _TRANSCRIPT + "I see flight eleven eighty seven on march sixth was cancelled"
    raised, unsure = _signals("Flight KA1187 was cancelled.", said)
    assert "unsupported_fact" not in raised and "unsupported_fact" in unsure
    # Figures a record writes with letters of their own are another code's.
    raised, _ = _signals("Flight KA1187 was cancelled.", "Flight KQ1187 was cancelled (crew).")
    assert "unsupported_fact" in raised


def test_the_cents_of_a_sum_are_no_day() -> None:
    assert mentioned_dates("Ronan refunded the €58.12 of March interest.") == []
    assert mentioned_dates("The refund is due 12 of March.") != []


def test_a_weekday_joined_to_a_part_of_the_day_names_that_day() -> None:
    friday = 4
    for said in ("van vrijdagavond", "am Freitagabend", "fredagskväll", "perjantai-iltana"):
        assert [day for _, day in named_weekdays(said)] == [friday]


def test_a_change_from_one_length_to_another_is_no_range() -> None:
    notes = "Renewal £948.12. My no claims bonus has gone from 5 years to 3. Reply in 3 days."
    raised, _ = _signals("His no-claims bonus went from 5 to 3 years.", notes)
    assert "unsupported_fact" not in raised
    # A range told the usual way round is still read: "3-5 weeks" for the records' days.
    raised, _ = _signals("His no-claims bonus went from 3 to 5 weeks.", notes)
    assert "unsupported_fact" in raised


def test_tries_marked_after_whom_they_went_to_count() -> None:
    said = "the merchant has not answered his two emails about the £89.99 renewal"
    raised, _ = _signals(said, "Cx emailed merchant x2, no response. Disputing £89.99 renewal.")
    assert "unsupported_fact" not in raised
    raised, _ = _signals(said, "Cx emailed merchant, no response. Disputing £89.99 renewal.")
    assert "unsupported_fact" in raised
