"""A summary of no records: saying so in its own words passes; any fact or promise beside
it is made up."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import START, categories_of

from service.claims import check_summary
from service.models import SummaryOptions

# Nothing in scope: the channel filter left no record.
NOTHING = SummaryOptions(as_of=START, ivr_intent="billing_dispute", channel_filter=["email"])


@pytest.mark.parametrize(
    "summary",
    [
        "No e-mail interactions within the 90-day window, so there is no prior history to brief "
        "on. The customer is calling today about a billing dispute.",
        "Nothing on file: no interactions were found on e-mail in the last 90 days. Treat this as "
        "a first contact.",
        "There are no previous contacts from this customer in the window. The IVR captured a "
        "billing dispute for the current call.",
        "Here is the summary: the interaction history, filtered to e-mail, is empty. No cases, "
        "promises or sentiment to report.",
        "Today's call came in through the IVR as a billing dispute; there is no earlier history.",
    ],
)
def test_a_summary_of_nothing_may_say_so_in_its_own_words(summary: str) -> None:
    assert check_summary(summary, (), NOTHING).findings == ()


@pytest.mark.parametrize(
    "summary",
    [
        "No e-mail interactions in the window. A fee waiver has already been agreed for them.",
        "No earlier history. A technician visit was booked for Apr 2.",
        "Nothing on file. The customer was refunded $25 last month.",
    ],
)
def test_a_summary_of_nothing_that_grants_something_is_named(summary: str) -> None:
    found = {f.category for f in check_summary(summary, (), NOTHING).findings}
    assert found & {"promise", "amount", "date"}


def test_no_history_in_other_words_is_a_no_data_summary() -> None:
    text = (
        "There is no contact history for this customer in the last 90 days, so there is "
        "nothing to summarise. Today's IVR intent is misc; treat this as a first contact."
    )
    assert categories_of(text, ()) == set()


def test_a_promise_beside_no_data_is_still_made_up() -> None:
    text = "No interactions were found. A courtesy callback has been booked for Mar 18."
    assert "promise" in categories_of(text, ())
