"""The checker's report on one summary of the wild set's dev half, as the tests that
hold a reading to the summaries it came from need it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from eval.metaeval.wild import Conversation, WildSummary, load_half
from service.claims import check_summary
from service.claims.types import ClaimReport

ROOT = Path(__file__).resolve().parents[2]


@cache
def _dev_half() -> tuple[dict[str, Conversation], tuple[WildSummary, ...]]:
    conversations, summaries = load_half(ROOT / "datasets", "dev")
    return conversations, tuple(summaries)


def wild_report(conversation: str, family: str, style: str | None = None) -> ClaimReport:
    """The report on the dev half's one summary of `conversation` of `family` (and
    `style`, where the family has two)."""
    conversations, summaries = _dev_half()
    [summary] = [
        s
        for s in summaries
        if s.conversation == conversation
        and s.family == family
        and (style is None or s.style == style)
    ]
    held = conversations[conversation]
    return check_summary(summary.text, held.interactions, held.options)
