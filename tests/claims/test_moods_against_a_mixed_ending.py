"""A mood told strongly as wholly one side, against a customer whose words at the end are
both angry and warmly thankful: "still furious" leaves out the thanks, "delighted" the
anger. A mood told mixed, mildly or plainly stays an abstention: half of the ending.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of
from service.claims.customer_mood import ending_moods
from service.claims.evidence import build_evidence

_MIXED = (
    "Customer: my parcel is lost again, third time this month\n"
    "Agent: I'm sorry, I've reshipped it today by express\n"
    "Customer: this is ridiculous honestly\n"
    "Agent: I understand. I've also added a £10 credit to your account\n"
    "Customer: ridiculous service but thank you so much for sorting it, you've been brilliant"
)
_THANKFUL = _MIXED.replace("this is ridiculous honestly", "ok").replace(
    "ridiculous service but ", ""
)
_DONE = "Parcel reshipped by express and a £10 credit added."


def _kinds(summary: str, chat: str) -> tuple[set[str], set[str]]:
    report = check_summary(summary, [record(0, "chat", chat)], OPTIONS)
    return (
        {kind_of(f.category).name for f in report.findings},
        {kind_of(f.category).name for f in report.abstentions},
    )


@pytest.mark.parametrize("mood", ["Mood: still furious.", "Mood: delighted with the help."])
def test_a_strong_one_sided_mood_against_a_mixed_ending_is_a_finding(mood: str) -> None:
    raised, _ = _kinds(f"{_DONE} {mood}", _MIXED)
    assert "sentiment_flip" in raised


@pytest.mark.parametrize(
    "mood",
    ["Mood: annoyed but thankful.", "Mood: frustrated.", "She was furious at first."],
)
def test_a_mixed_plain_or_earlier_mood_is_not(mood: str) -> None:
    raised, _ = _kinds(f"{_DONE} {mood}", _MIXED)
    assert "sentiment_flip" not in raised


def test_the_ending_tells_both_moods_only_where_both_are_said() -> None:
    both = ending_moods(build_evidence([record(0, "chat", _MIXED)], OPTIONS))
    assert both == {"negative", "positive"}
    assert "negative" not in ending_moods(build_evidence([record(0, "chat", _THANKFUL)], OPTIONS))


# The customer ends upset and calm, with no warm word: "still not happy but at least".
_UPSET_AND_CALM = (
    "AGENT: there's no compensation for refund delays but I can log a complaint\n"
    "CUSTOMER: yeah log it\n"
    "AGENT: done, complaint reference CMP9033\n"
    "CUSTOMER: right. well i'm still not happy but at least something's happening\n"
    "AGENT: i understand, anything else i can help with\n"
    "CUSTOMER: no ta"
)


def test_delight_against_an_ending_upset_and_calm_is_a_finding() -> None:
    evidence = build_evidence([record(0, "chat", _UPSET_AND_CALM)], OPTIONS)
    assert ending_moods(evidence) == {"negative"}
    summary = "Complaint logged. The customer was completely satisfied with the outcome."
    raised, _ = _kinds(summary, _UPSET_AND_CALM)
    assert "sentiment_flip" in raised


@pytest.mark.parametrize("mood", ["Mood: not happy but accepted it.", "Mood: satisfied."])
def test_a_plain_or_upset_mood_against_it_is_not(mood: str) -> None:
    raised, _ = _kinds(f"Complaint logged. {mood}", _UPSET_AND_CALM)
    assert "sentiment_flip" not in raised
