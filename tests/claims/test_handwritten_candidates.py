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

from collections import Counter

import pytest
from oci_testing.candidates import NAMED, finding_categories, load_candidates

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


def candidates() -> list[dict[str, str]]:
    return load_candidates("handwritten_v2_candidates.jsonl")


def categories(candidate: dict[str, str]) -> set[str]:
    return finding_categories(candidate, "v2")


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
