"""A mood about what the contact gave the customer, or told "at end", is the mood they are
left in; a mood that eases ("calmer", "calmed down") is read as it eases.

"He was unhappy with the outcome" can only have been felt once the outcome was given: set
beside a customer who ends "happy w/ outcome, thanked", it is the opposite. "Was stressed,
calmer at end" ends calm.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of
from service.claims.mood_claims import read_moods

_WRAP = (
    "Call wrap - car share late return\n"
    "Member stuck in traffic, returned car 40 min late. Waived late return fee S$40.\n"
    "Member happy w/ outcome, thanked. Shared roadside assistance no. via SMS."
)


def _raised(summary: str) -> set[str]:
    report = check_summary(summary, [record(0, "agent", _WRAP)], OPTIONS)
    return {kind_of(f.category).name for f in report.findings}


@pytest.mark.parametrize(
    "summary",
    [
        "Late return fee of S$40 waived. He was unhappy with the outcome.",
        "Late return fee of S$40 waived. Angry at end.",
    ],
)
def test_a_mood_about_the_outcome_or_at_end_is_set_beside_the_ending(summary: str) -> None:
    assert "sentiment_flip" in _raised(summary)


@pytest.mark.parametrize(
    "summary",
    [
        "Late return fee of S$40 waived. He was happy with the outcome.",
        "Late return fee of S$40 waived. He was annoyed about the traffic.",
    ],
)
def test_the_ending_mood_or_a_mood_about_something_else_is_no_finding(summary: str) -> None:
    assert "sentiment_flip" not in _raised(summary)


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("Was stressed, calmer at end", "neutral"),
        ("she calmed right down by the end", "neutral"),
        ("got angrier as the call went on", "negative"),
    ],
)
def test_a_mood_that_changes_is_read_as_it_ends(text: str, last: str) -> None:
    assert read_moods(text)[-1] == last


_CALL = (
    "AGENT: the transfer was held for a name check, it is released now\n"
    "CUSTOMER: okay I will tell him uh okay thank you that's helpful actually\n"
    "AGENT: you're welcome is there anything else\n"
    "CUSTOMER: no that's all"
)


@pytest.mark.parametrize(
    ("summary", "flipped"),
    [
        ("Transfer released after a name check. She was still angry at the end.", True),
        ("Transfer released after a name check. She was relieved at the end.", False),
    ],
)
def test_thanks_for_help_given_ends_the_call_pleased(summary: str, flipped: bool) -> None:
    report = check_summary(summary, [record(0, "agent", _CALL)], OPTIONS)
    raised = {kind_of(f.category).name for f in report.findings}
    assert ("sentiment_flip" in raised) == flipped
