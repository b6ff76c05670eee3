"""The candidate corpus: summaries written by authors who never read the checker, on golden
v1 and v2 samples (faithful briefings in many styles, rewordings of the production pair's
outputs, and the same with one slip each: an open matter said resolved, an act negated, the
mood flipped, a promise invented, an instruction in customer text obeyed). Each file is
checked once, and its figures held to the floors written by `tests/claims/floors.py`: a
faithful candidate flagged is a gate failure waiting to happen, and a slip no longer caught
is a detection lost. docs/claims.md says what the corpus holds and its current figures.
"""

from __future__ import annotations

import pytest
from oci_testing.candidates import corpus_files, figures, load_floors

FLOORS = load_floors()


def test_every_corpus_file_has_floors_and_every_floor_a_file() -> None:
    assert sorted(FLOORS) == corpus_files()


@pytest.mark.parametrize("name", corpus_files())
def test_corpus_file_holds_its_floors(name: str) -> None:
    floors = FLOORS[name]
    found = figures(name)
    assert found.flagged <= floors["faithful_flagged_at_most"]
    assert found.caught >= floors["caught_at_least"]
    named_floors = floors["named_at_least"]
    assert isinstance(named_floors, dict)
    lost = {f: (found.named.get(f, 0), least) for f, least in named_floors.items()}
    assert {f: pair for f, pair in lost.items() if pair[0] < pair[1]} == {}
