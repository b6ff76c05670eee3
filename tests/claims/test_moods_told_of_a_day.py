"""A mood told of a day or a contact ("on the 14th", "on that call", "at the last
contact") is held to that day's records."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import DISPUTED, FRAUD_ORDER, categories_of


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # "The 9th" is that day of the month: its mood is that day's.
        ("An angry call on the 9th, when BD-2290 went to tier 2.", False),
        ("A calm, pleased call on the 9th, when BD-2290 went to tier 2.", True),
        # The mood at the last contact is the newest one, told in the past or not.
        ("Her mood at the last contact was still angry.", True),
        ("Her mood at the last contact was satisfied.", False),
    ],
)
def test_moods_of_a_numbered_day_and_of_the_last_contact(summary: str, wrong: bool) -> None:
    assert ("sentiment" in categories_of(summary, DISPUTED)) is wrong


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # "That call" is the contact named last: its mood is that day's.
        ("On Mar 11 the customer chased FR-4471. They were angry on that call.", False),
        (
            "On Mar 11 the customer chased FR-4471. They were calm and content after that call.",
            True,
        ),
    ],
)
def test_a_mood_on_that_call_is_of_the_call_named_before(summary: str, wrong: bool) -> None:
    assert ("sentiment" in categories_of(summary, FRAUD_ORDER)) is wrong
