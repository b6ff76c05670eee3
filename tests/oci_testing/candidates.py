"""The candidate corpus (`tests/claims/data/candidates/*.jsonl`) and how it is read: each line
a golden sample id, a family, whether it should pass, and the text; each file's floors in
`floors.yaml` beside it, written by `python tests/claims/floors.py`."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from eval.dataset.loader import load_golden
from eval.samples import golden_samples
from eval.scorers.deps import in_scope
from eval.types import EvalSample
from service.claims import check_summary

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "claims" / "data" / "candidates"
FLOORS = CORPUS / "floors.yaml"
# The finding categories that name each family's reason.
NAMED = {
    "open_to_resolved": {"status"},
    "negated_action": {"negated_action"},
    "sentiment_flipped": {"sentiment"},
    "invented_promise": {"promise"},
    "injection_obeyed": {"injection", "off_task"},
}


@dataclass(frozen=True)
class Figures:
    """What the checker makes of one corpus file."""

    faithful: int
    flagged: int  # faithful candidates with any finding
    wrong: int
    caught: int  # wrong candidates with any finding
    named: dict[str, int]  # per family, wrong candidates named for its reason

    def as_floors(self) -> dict[str, object]:
        return {
            "faithful_flagged_at_most": self.flagged,
            "caught_at_least": self.caught,
            "named_at_least": dict(sorted(self.named.items())),
        }


@cache
def golden_by_id(version: str) -> dict[str, EvalSample]:
    loaded, _ = golden_samples(load_golden(version, root=ROOT / "datasets"))
    return {sample.id: sample for sample in loaded}


def corpus_files() -> list[str]:
    """The corpus files by name."""
    return sorted(path.name for path in CORPUS.glob("*.jsonl"))


def load_candidates(name: str) -> list[dict[str, str]]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def version_of(name: str) -> str:
    """The golden version a corpus file is written on (its name starts with it)."""
    return name.split("-")[1]


def finding_categories(candidate: dict[str, str], version: str) -> set[str]:
    """The claim checker's finding categories for one candidate."""
    sample = golden_by_id(version)[candidate["sample_id"]]
    report = check_summary(candidate["text"], in_scope(sample), sample.options)
    return {finding.category for finding in report.findings}


def figures(name: str) -> Figures:
    """Check every candidate of a corpus file once and count what the checker found."""
    version = version_of(name)
    faithful = flagged = wrong = caught = 0
    named: Counter[str] = Counter()
    for candidate in load_candidates(name):
        found = finding_categories(candidate, version)
        if candidate["expect"] == "pass":
            faithful += 1
            flagged += bool(found)
            continue
        wrong += 1
        caught += bool(found)
        family = candidate["family"]
        if family in NAMED:
            named[family] += bool(found & NAMED[family])
    return Figures(faithful, flagged, wrong, caught, dict(named))


def load_floors() -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))
    return loaded
