"""A customer told as ending hostile ("remained angry and left the chat abruptly", "hung up
furious") whose own last words thank the company, or as ending delighted whose last words
shrug ("ok whatever"): the summary's mood is the wrong one. A customer told as ending
disappointed or frustrated may thank the agent all the same, one told as satisfied may
shrug, and praise that answers a refusal is sarcasm, no thanks.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of

_THANKS = (
    "[23:41] Lumora Assistant: Hi! What brings you here today?\n"
    "[23:41] You: cancel\n"
    "[23:49] Agent Mathieu: Hi Chloé, I understand you'd like to cancel, is that right?\n"
    "[23:49] You: yes. price went from 12.99 to 16.99 with no real warning\n"
    "[23:55] Agent Mathieu: Done, your subscription is cancelled.\n"
    "[23:56] You: yeah that's fine\n"
    "[23:57] You: ok merci, thanks for not making it difficult\n"
    "[23:57] Agent Mathieu: Avec plaisir! Have a good night, Chloé."
)
_SARCASM = (
    "CUSTOMER: can you not just send another order\n"
    "AGENT: unfortunately I can't reorder from the restaurant on your behalf tonight\n"
    "CUSTOMER: brilliant absolutely brilliant\n"
    "AGENT: is there anything else I can help with\n"
    "CUSTOMER: no that's it cheers\n"
    "[call ends]"
)
_DONE = "Subscription cancelled."


def _raised(summary: str, chat: str) -> set[str]:
    report = check_summary(summary, [record(0, "chat", chat)], OPTIONS)
    return {kind_of(f.category).name for f in report.findings}


@pytest.mark.parametrize(
    "mood",
    [
        "Customer remained angry and left the chat abruptly.",
        "Still furious at the end.",
        "She ended the chat furious.",
    ],
)
def test_a_hostile_ending_against_closing_thanks_is_a_finding(mood: str) -> None:
    assert "sentiment_flip" in _raised(f"{_DONE} {mood}", _THANKS)


@pytest.mark.parametrize(
    "mood",
    [
        "Customer was still disappointed about the price.",
        "Customer was angry at first, calmer by the end.",
        "Customer was a little annoyed about the price.",
    ],
)
def test_disappointment_or_an_earlier_anger_beside_thanks_is_not(mood: str) -> None:
    assert "sentiment_flip" not in _raised(f"{_DONE} {mood}", _THANKS)


def test_praise_that_answers_a_refusal_is_no_thanks() -> None:
    assert "sentiment_flip" not in _raised("No reorder possible. Still fuming at end.", _SARCASM)


_SHRUG = (
    "AGENT: unfortunately I can't refund the difference for the ad hoc charges\n"
    "CUSTOMER: that's not fair\n"
    "AGENT: I've reactivated your charging card, it can take up to fifteen minutes\n"
    "CUSTOMER: [sigh] okay whatever. so in fifteen minutes it works\n"
    "AGENT: yes, thank you for calling\n"
    "CUSTOMER: okay. bye"
)


def test_delight_against_a_shrug_is_a_finding() -> None:
    summary = "Card reactivated. The customer was delighted with the outcome."
    assert "sentiment_flip" in _raised(summary, _SHRUG)


def test_plain_satisfaction_against_a_shrug_is_not() -> None:
    summary = "Card reactivated. The customer accepted the outcome."
    assert "sentiment_flip" not in _raised(summary, _SHRUG)
