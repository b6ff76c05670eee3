"""Golden references reworded the way chat models word briefings pass the claim checker.

Each rule rewrites one recurring sentence of a reference into a model's phrasing with the
same facts (a lead-in, a closing label, the promise told as "was told to expect", the
handover as a "Recommended next step", the mood in prose). A rule that makes the checker
flag any reference is a false alarm a faithful candidate would fail the gate on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from eval.dataset.loader import load_golden
from eval.samples import golden_samples
from eval.scorers.deps import in_scope
from eval.types import EvalSample
from service.claims import check_summary

ROOT = Path(__file__).resolve().parents[2]
Rewrite = str | Callable[[re.Match[str]], str]
COUNTS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five"}

V2_RULES: list[tuple[str, Rewrite]] = [
    (r"^", "Here is a summary of the customer's recent interactions: "),
    (r"^", "Summary of recent interactions:\n"),
    (r"Sentiment moved from (\w+) to (\w+)\.", r"Initially \1, the customer is now \2."),
    (
        r"(\d) agent contacts? so far, latest by ([\w-]+)\.",
        lambda m: (
            f"{COUNTS[m.group(1)]} conversations with agents so far; the most recent "
            f"was via {m.group(2)}."
        ),
    ),
    (
        r"Next agent: check the case notes before committing to anything new\.",
        "Recommended next step: review the case notes before making any new commitments.",
    ),
    (r"Still open, nothing settled yet\.", "Status: Open - no resolution has been reached."),
    (r"Promised: (an? [^.]+?) by (\w+ \d+)\.", r"The customer was told to expect \1 by \2."),
    (
        r"The first promised update was missed\.",
        "The customer did not receive the first update they were promised.",
    ),
    (
        r"Resolved on (\w+ \d+); no action pending\.",
        r"This was resolved on \1, so nothing further is pending.",
    ),
    (r"Now escalated to tier 2\.", "The case has been escalated to Tier 2 support."),
]
V1_RULES: list[tuple[str, Rewrite]] = [
    (r"Customer sentiment: (\w+)\.", r"**Customer mood:** \1"),
    (r"Customer sentiment: (\w+)\.", r"Overall, the customer comes across as \1."),
    (r"Still unresolved\.", "The issue has not been resolved yet."),
    (r"Reversal still pending\.", "The reversal has not gone through yet."),
    (r"^", "Here's a summary of the customer's recent interactions:\n"),
]


@cache
def references(version: str) -> tuple[tuple[EvalSample, str], ...]:
    samples, _ = golden_samples(load_golden(version, root=ROOT / "datasets"))
    return tuple((sample, sample.references[0]) for sample in samples)


@pytest.mark.parametrize(
    ("version", "pattern", "rewrite"),
    [("v2", *rule) for rule in V2_RULES] + [("v1", *rule) for rule in V1_RULES],
    ids=lambda value: value if isinstance(value, str) and len(value) < 12 else None,
)
def test_a_model_phrasing_of_a_reference_passes(
    version: str, pattern: str, rewrite: Rewrite
) -> None:
    rewritten = flagged = 0
    for sample, reference in references(version):
        text = re.sub(pattern, rewrite, reference, count=1 if pattern == "^" else 0)
        if text == reference:
            continue
        rewritten += 1
        report = check_summary(text, in_scope(sample), sample.options)
        if report.findings:
            flagged += 1
            first = report.findings[0]
            print(sample.id, first.category, first.claim, first.reason)
    assert rewritten >= 4  # the rule applies to the set at all
    assert flagged == 0
