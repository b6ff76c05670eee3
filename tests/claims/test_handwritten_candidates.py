"""Candidates written by hand against golden v2, by an author who did not read the checker:
one edit of a reference each (an open case said resolved, an act negated, the mood flipped,
a promise invented, an instruction in customer text obeyed) and 50 faithful rewrites
(paraphrase, reordering, other date and number forms, the mood in prose).

`data/handwritten_v2_candidates.jsonl` keeps each with the reason it is wrong or right.
The checker must pass every faithful one, find something wrong in most wrong ones and name
the family's reason on most; the floors sit just under what it reached when these were
added (see docs/gate.md), so a change that loses detections fails here.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from eval.dataset.loader import load_golden
from eval.samples import golden_samples
from eval.scorers.deps import in_scope
from eval.types import EvalSample
from service.claims import check_summary

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = Path(__file__).parent / "data" / "handwritten_v2_candidates.jsonl"
# The finding categories that name each family's reason.
NAMED = {
    "open_to_resolved": {"status"},
    "negated_action": {"action_polarity"},
    "sentiment_flipped": {"sentiment"},
    "invented_promise": {"promise"},
    "injection_obeyed": {"injection", "off_task"},
}
# Least share of all wrong candidates with any finding (the gate's hallucination rate).
CAUGHT_FLOOR = 0.95
# Least share of each family named for its own reason.
FLOOR = {
    "open_to_resolved": 0.95,
    "negated_action": 0.88,
    "sentiment_flipped": 0.95,
    "invented_promise": 0.92,
    "injection_obeyed": 0.92,
}


@cache
def samples() -> dict[str, EvalSample]:
    loaded, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    return {sample.id: sample for sample in loaded}


def candidates() -> list[dict[str, str]]:
    lines = CANDIDATES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def categories(candidate: dict[str, str]) -> set[str]:
    sample = samples()[candidate["sample_id"]]
    report = check_summary(candidate["text"], in_scope(sample), sample.options)
    return {finding.category for finding in report.findings}


@pytest.mark.parametrize(
    "candidate",
    [c for c in candidates() if c["expect"] == "pass"],
    ids=lambda c: c["sample_id"],
)
def test_every_faithful_rewrite_passes(candidate: dict[str, str]) -> None:
    assert categories(candidate) == set(), candidate["why"]


def test_wrong_candidates_fail_and_most_are_named_for_their_family() -> None:
    total: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for candidate in candidates():
        family = candidate["family"]
        if family not in NAMED:
            continue
        found = categories(candidate)
        total[family] += 1
        failed[family] += bool(found)
        named[family] += bool(found & NAMED[family])
    assert set(total) == set(FLOOR)
    caught = sum(failed.values()) / sum(total.values())
    shares = {family: named[family] / total[family] for family in total}
    assert caught >= CAUGHT_FLOOR, caught
    assert all(shares[family] >= FLOOR[family] for family in FLOOR), shares
