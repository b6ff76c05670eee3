"""Names, days, hours and grades as notes, transcripts and other languages write them: a
town cut to its letters ("Mcr"), a carrier run together ("CanPost"), a letter heard as its
name ("cue box"), a span of slashed dates beside a ship called "Star", a Czech "12. 11.",
an hour written bare ("pm, after 2"), a grade with a star sign ("4*"). A faithful summary
that writes them otherwise is supported; the same sentence with the figure or name
changed is still a finding.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of
from service.claims.clock_times import times_given
from service.claims.mentions import dotted_days, read_dates


def _raised(summary: str, notes: str) -> set[str]:
    report = check_summary(summary, [record(0, "agent", notes)], OPTIONS)
    return {kind_of(f.category).name for f in report.findings}


# (faithful summary, its record's notes, the same summary with the slip)
_WRITTEN_OTHERWISE = [
    pytest.param(
        "Stolen phone (Mcr, Sat 14/2); line barred and IMEI blacklisted.",
        "Cx rang - phone stolen Sat night 14/02 Manchester city centre. Barred line + IMEI "
        "blacklisted at 10:09.",
        "Stolen phone (Mcr, Sat 15/2); line barred and IMEI blacklisted.",
        id="town-cut-to-its-letters",
    ),
    pytest.param(
        "The agent re-sent the trade-in kit by Canada Post, ETA 5-7 business days.",
        "Return kit never rcvd. Re-sent kit via CanPost, ETA 5-7 bd, trk # to email on file.",
        "The agent re-sent the trade-in kit by Purolator, ETA 5-7 business days.",
        id="carrier-run-together",
    ),
    pytest.param(
        "Q box upgrade (£49) offered, declined.",
        "AGENT: while I've got you there's the orbital cue box now which is uh forty nine "
        "pound one off\nCUSTOMER: no you're all right mate I'm not paying for a box",
        "Q box upgrade (£59) offered, declined.",
        id="letter-heard-as-its-name",
    ),
    pytest.param(
        "They missed their Melita Star cruise (9-16 May) when their flight landed late.",
        "Bkg MS-7Q-2093 | ms Melita Star 09/05–16/05, emb. Valletta. Guests missed "
        "embarkation, own flight landed 18:20.",
        "They missed their Melita Star cruise (9-18 May) when their flight landed late.",
        id="slashed-span-beside-a-star",
    ),
    pytest.param(
        "Dishwasher delivery moved from 12 November to 14 November.",
        "Dishwasher delivery moved at cx request from čt 12. 11. to so 14. 11., 8:00–12:00.",
        "Dishwasher delivery moved from 13 November to 14 November.",
        id="czech-day-and-month",
    ),
    pytest.param(
        "Claims handler to call back within 48h, afternoons after 2pm.",
        "Callback req: claims handler to call within 48h to confirm docs recv'd – cx "
        "prefers pm, after 2.",
        "Claims handler to call back within 48h, afternoons after 4pm.",
        id="bare-hour-after-its-word",
    ),
    pytest.param(
        "She had booked a 4-star hotel with a sea view for 10 nights.",
        "We booked and paid for a 4* sea view room for 10 nights.",
        "She had booked a 5-star hotel with a sea view for 10 nights.",
        id="grade-with-a-star-sign",
    ),
    pytest.param(
        "The old badge must be returned within 30 days to avoid a €20 fee.",
        "Replacement badge sent. Old badge: return in prepaid env w/in 30 j else frais "
        "non-restitution 20 EUR.",
        "The old badge must be returned within 14 days to avoid a €20 fee.",
        id="french-days-cut-to-j",
    ),
    pytest.param(
        "She chased on 4 March, after her first email of 1 March.",
        "> Op wo 4 mrt 2026 om 20:51 schreef Femke: nog steeds niks gezien?\n"
        ">> Op zo 1 mrt 2026 om 11:03 schreef Femke: geen laadsessies",
        "She chased on 5 March, after her first email of 1 March.",
        id="dutch-march-cut-short",
    ),
    pytest.param(
        "Ad hoc charging cost 0.79 CHF per kWh.",
        "CUSTOMER: i paid with the credit card at the station and that's seventy nine rappen "
        "per kilowatt hour",
        "Ad hoc charging cost 0.89 CHF per kWh.",
        id="hundredths-said-in-rappen",
    ),
]
_FIGURE_SIGNALS = {"unsupported_fact", "invented_promise"}


@pytest.mark.parametrize(("faithful", "notes", "slipped"), _WRITTEN_OTHERWISE)
def test_a_name_or_figure_written_otherwise_is_supported(
    faithful: str, notes: str, slipped: str
) -> None:
    assert not _raised(faithful, notes) & _FIGURE_SIGNALS


@pytest.mark.parametrize(("faithful", "notes", "slipped"), _WRITTEN_OTHERWISE)
def test_the_name_or_figure_changed_is_still_a_finding(
    faithful: str, notes: str, slipped: str
) -> None:
    assert _raised(slipped, notes) & _FIGURE_SIGNALS


def test_a_score_out_of_five_is_still_no_date() -> None:
    assert read_dates("rated the stay 4/5 stars") == ()
    assert read_dates("Melita Star 09/05")  # a leading zero is no score


def test_a_czech_day_needs_both_full_stops() -> None:
    assert dotted_days("čt 12. 11. 8:00") == {(11, 12)}
    assert dotted_days("step 12. 11 people") == set()


def test_a_bare_number_before_a_noun_is_no_hour() -> None:
    assert times_given("after 2 days") == frozenset()
    assert 16 * 60 in times_given("no sauna access after 16).")


def test_a_word_with_its_vowels_is_no_short_form_of_a_name() -> None:
    notes = "Parcel held at the Reading depot since Tuesday, cx to collect."
    assert "unsupported_fact" not in _raised("Parcel held at the Rdg depot.", notes)
    assert "unsupported_fact" in _raised("Parcel held at the Road depot.", notes)


def test_a_quantity_marked_with_a_times_sign_leaves_a_count_unsettled() -> None:
    notes = "Refunded one tube, $21.99. Receipt 13/12: SunGuard SPF50 200ml x3 $65.97."
    report = check_summary(
        "Charged for all three tubes of sunscreen.", [record(0, "agent", notes)], OPTIONS
    )
    assert not {kind_of(f.category).name for f in report.findings}
    assert "unsupported_fact" in {kind_of(f.category).name for f in report.abstentions}
    slipped = check_summary(
        "Charged for all four tubes of sunscreen.", [record(0, "agent", notes)], OPTIONS
    )
    assert "unsupported_fact" in {kind_of(f.category).name for f in slipped.findings}


def test_a_letter_heard_only_as_an_everyday_word_is_no_letter() -> None:
    notes = (
        "AGENT: are you still in the queue for the orbital cue box\n"
        "CUSTOMER: yes why do you ask, I see it on the bill"
    )
    assert "unsupported_fact" not in _raised("Q box upgrade offered.", notes)
    assert "unsupported_fact" in _raised("U box upgrade offered.", notes)
