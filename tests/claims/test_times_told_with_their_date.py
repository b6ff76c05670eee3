"""A time of day told with its date ("exited at 1:20am on 19 March") where the records give
that time only with another date ("Exited 18/03 01:20"): a shifted date, though the time
and the date each appear somewhere in the history. A time the records also write alone
may be of any day: no evidence either way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, findings_of, record

from service.claims.dated_times import check_times_on_dates
from service.claims.sources import read_source

PARKING = (
    record(
        1,
        "agent",
        "WRAP-UP | SkyPark | 19/03/2026 10:42 | Pre-booked carpark 10/03 06:00 - 17/03 "
        "23:59, paid $98.00. Exited 18/03 01:20 -> charged extra $64.00. Disconnection "
        "scheduled for 31 October 2026 at 23:59.",
    ),
)


def test_a_time_moved_onto_another_date_is_a_finding() -> None:
    found, _ = findings_of("He exited at 1:20am on 19 March.", PARKING, "date")
    assert [f.reason for f in found] == ["'1:20am': the records give 1:20am only on 18/3"]
    found, _ = findings_of("Disconnection booked 30 Oct 23:59.", PARKING, "date")
    shifted = [f.reason for f in found if "23:59" in f.reason]
    assert shifted == ["'23:59': the records give 23:59 only on 17/3, 31/10"]


def test_a_time_told_with_its_own_date_is_supported() -> None:
    for said in (
        "He exited at 1:20am on 18 March.",
        "Exited 18/3 01:20, charged $64.",
        "Disconnection booked 31 Oct 23:59.",
        "Called 19 March at 10:42.",
    ):
        assert findings_of(said, PARKING, "date") == ([], []), said


def test_a_time_the_records_also_give_alone_is_no_evidence() -> None:
    history = (record(1, "agent", "Call at 14:10, ok. Effective 14:10 08/04, or 9/4 if held."),)
    assert findings_of("Live from 14:10 on 9/4.", history, "date") == ([], [])


@given(st.integers(1, 28), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59))
def test_a_pair_is_found_only_when_the_days_differ(
    record_day: int, said_day: int, hour: int, minute: int
) -> None:
    history = (record(1, "agent", f"Exited {record_day:02d}/03 {hour:02d}:{minute:02d}."),)
    said = f"He exited at {hour:02d}:{minute:02d} on {said_day} March."
    found, unsure = findings_of(said, history, "date")
    shifted = [f for f in found + unsure if "only on" in f.reason]
    assert bool(shifted) == (record_day != said_day)


def test_a_summary_with_no_time_beside_a_date_is_left_alone() -> None:
    source = read_source(PARKING, OPTIONS)
    assert check_times_on_dates("Refund of $64 on 19 March, at the desk.", source) == []
    assert check_times_on_dates("Exited 01:20, refund on 19 March.", source) == []
