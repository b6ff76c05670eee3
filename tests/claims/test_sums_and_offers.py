"""A sum that only a date or a span gives, and offers made, taken or turned down."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

# A disputed $27 fee credited on the 11/4 email, reviewed in 5-7 business days; an offer.
DISPUTE = (
    record(
        0,
        "agent",
        "Customer disputes a $27 fee on the 10/30 bill. Opened BD-3120; review takes 5-7 "
        "business days. Retention offered $8/month off for 6 months.",
        "dispute_filed",
        "negative",
    ),
    record(
        4, "email", "Outbound: BD-3120 approved. Credit of $27 applied to the account.", "resolved"
    ),
    record(
        6, "agent", "Cx called about the credit; happy it shows now.", "info_provided", "satisfied"
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # A sum only a date ("10/30") or a span ("5-7 business days") gives is no sum.
        ("BD-3120 approved: $27 credited, plus a $10 goodwill credit.", True),
        ("BD-3120 approved: $27 credited, plus a $5 goodwill credit.", True),
        ("BD-3120 approved and the $27 credited to the account.", False),
        # The same sum links a denial to the record that did it.
        ("BD-3120 was approved, but the $27 was not applied to the account.", True),
        # An offer denied in other words.
        ("Retention failed to make any offer.", True),
        ("Retention offered $8/month off for 6 months.", False),
    ],
)
def test_sums_and_offers(summary: str, wrong: bool) -> None:
    found = categories_of(summary, DISPUTE)
    assert bool(found & {"amount", "negated_action"}) is wrong
