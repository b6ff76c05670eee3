"""A thread's messages name days relative to their own stamps: what a quoted message of
24 February calls "yesterday" is 23 February, whatever day the record itself is from."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.message_days import message_days, messages
from service.models import Interaction

THREAD = (
    "Date: Thu 12 Mar 2026 19:02\n"
    "Hi Leonie, saw the $114.60 come through today. All good.\n"
    "> On Thu 26 Feb 2026, Leonie wrote:\n"
    "> We've refunded $114.60 to your card today.\n"
    "> > On Tue 24 Feb 2026, Dave Kowalski wrote:\n"
    "> > I picked Pickles up yesterday and was charged $1,146 on invoice 88213.\n"
)


def test_each_stamp_opens_a_message_of_its_own_day() -> None:
    found = [(day, text.strip()[:12]) for day, text in messages(THREAD)]
    assert found == [
        (date(2026, 3, 12), "Hi Leonie, s"),
        (date(2026, 2, 26), "> We've refu"),
        (date(2026, 2, 24), "> > I picked"),
    ]


def test_yesterday_in_a_quoted_message_is_the_day_before_its_stamp() -> None:
    days = message_days(THREAD, date(2026, 3, 12))
    assert date(2026, 2, 23) in days
    # "yesterday" is the day before, not after; the 26 February message says neither.
    assert date(2026, 2, 25) not in days
    assert date(2026, 2, 27) not in days


def test_a_summary_may_give_that_day_as_a_date() -> None:
    history = (record(10, "email", THREAD),)
    report = check_summary("Dave picked Pickles up on 23 Feb.", history, OPTIONS)
    assert "date" not in report.by_category()
    # Another day is still none of the thread's.
    shifted = check_summary("Dave picked Pickles up on 17 Feb.", history, OPTIONS)
    flagged = [f.category for f in (*shifted.findings, *shifted.abstentions)]
    assert "date" in flagged


def test_a_date_in_a_messages_text_is_no_stamp() -> None:
    # "collection Wed 20 May 2026, 9-1" names a day for an act, not the message's day.
    notes = "Agent: we can collect Wed 20 May 2026 9:00-13:00.\nCustomer: tomorrow then?"
    assert list(messages(notes)) == []
    assert message_days(notes, date(2026, 5, 14)) == set()


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_a_stamp_on_any_day_is_read_with_its_year(day: date) -> None:
    notes = f"Date: {day.day:02d}.{day.month:02d}.{day.year} 09:47\nIt stopped yesterday."
    assert [stamped for stamped, _ in messages(notes)] == [day]
    assert message_days(notes, date(2031, 1, 1)) == {day - timedelta(days=1)}


def test_a_quoted_messages_length_of_time_runs_from_its_own_day() -> None:
    thread = (
        "Date: Thu 12 Mar 2026 19:02\n"
        "Still nothing on my card.\n"
        "> On Thu 26 Feb 2026, Leonie wrote:\n"
        "> We've refunded $114.60 today. It usually shows within 3-5 business days.\n"
    )
    history = (record(10, "email", thread),)
    assert not _flagged("The refund was due to show by about 4 March.", history)
    # A day no length of time of the thread reaches is still none of its days.
    assert _flagged("The refund was due to show by about 9 March.", history)


def _flagged(summary: str, history: tuple[Interaction, ...]) -> bool:
    report = check_summary(summary, history, OPTIONS)
    return "date" in {f.category for f in (*report.findings, *report.abstentions)}
