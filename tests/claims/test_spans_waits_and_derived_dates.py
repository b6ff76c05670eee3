"""Dates a duration's end supports, spans given in another unit, spoken day spans, and acts
the records set still to come.

"Within 5 business days" from the 20th supports "by about the 27th", a date told as when
something is due, not "paid on the 25th"; "3-4 days" told as "3-4 weeks" moves the unit;
"the twenty seventh and twenty eighth february" said on a call are two dates; "the refund
has yet to post" beside "allow 5-7 business days for it to post" is the wait the records
set, not an act denied.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, in_a_chat, record, unsupported_of

from service.claims import check_summary
from service.claims.mentions import mentioned_dates
from service.claims.spoken import spoken_as_digits
from service.models import Interaction

# 2 March 2026 is the record's day: "within 5 business days" ends from 9 to 13 March.
LETTER = (
    record(
        0,
        "agent",
        "Loan paid out on 1/3, loan closed, $0 bal. Closure letter raised, emailed within "
        "5 business days. Cx asked about the $150 fee - not refundable.",
    ),
)


@pytest.mark.parametrize(
    ("summary", "flagged"),
    [
        ("The closure letter should arrive by about 11 March.", False),
        ("Letter expected around 12 March.", False),
        ("He paid the loan off on 11 March.", True),
        ("He paid the loan off on 1 March.", False),
    ],
)
def test_a_durations_end_supports_a_date_told_as_due_only(summary: str, flagged: bool) -> None:
    assert bool(unsupported_of(summary, LETTER)) is flagged


WASHER = in_a_chat(
    "Customer: since 3-4 days drum is making khat khat sound. Agent: a technician visit is "
    "booked, 3-mth warranty on parts."
)


@pytest.mark.parametrize(
    ("summary", "flagged"),
    [
        ("Drum noisy for 3-4 days; a technician visit is booked.", False),
        ("Drum noisy for 3-4 weeks; a technician visit is booked.", True),
        ("Parts carry a three-month warranty.", False),
    ],
)
def test_a_span_the_records_give_in_another_unit_is_a_unit_moved(
    summary: str, flagged: bool
) -> None:
    assert any(certain for _, certain in unsupported_of(summary, WASHER)) is flagged


def test_spoken_ordinals_joined_by_and_are_two_dates() -> None:
    said = spoken_as_digits("two nights twenty seventh and twenty eighth february")
    assert said == "2 nights 27th and 28th february"
    read = {reading for _, found in mentioned_dates(said) for reading in found}
    assert read == {(2, 27), (2, 28)}
    span = {r for _, found in mentioned_dates("the 10th to the 13th december") for r in found}
    assert span == {(12, 10), (12, 13)}


def test_a_number_of_years_or_months_is_no_count_of_things() -> None:
    history = in_a_chat("Customer: 8 yrs banking with you. Agent: $12,000 over 5 years.")
    assert unsupported_of("$12k personal loan (5 yrs) declined.", history) == []


REFUND = (
    record(
        0,
        "email",
        "Seller did not respond, so I've approved the claim. $31.48 has been refunded to "
        "your card. Please allow 5-7 business days for it to post. I've also added a $5 "
        "credit for the hassle.",
    ),
)


def _negated(summary: str, history: tuple[Interaction, ...]) -> bool:
    report = check_summary(summary, history, OPTIONS)
    return any(f.category == "negated_action" for f in report.findings)


def test_an_act_told_still_to_come_that_the_records_set_to_come_is_no_denial() -> None:
    assert not _negated("The refund has yet to post to his card.", REFUND)
    # Said in another word than the wait's own, the act done is denied.
    assert _negated("The $5 credit has not been added yet.", REFUND)


def test_a_reminder_answered_by_a_later_confirmation_is_no_wait() -> None:
    history = (
        record(0, "sms", "Reminder: please confirm your appointment on 12 March by replying Y."),
        record(1, "sms", "Customer replied Y: appointment confirmed for 12 March."),
    )
    assert _negated("The customer hasn't confirmed the appointment yet.", history)
