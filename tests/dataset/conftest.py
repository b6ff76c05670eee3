"""A tiny annotated golden set under tmp_path: three generated histories with hand-written
answer keys, a README with its own distribution table, laid out like datasets/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from eval.dataset.generator import generate_sample
from eval.dataset.jsonl import write_jsonl
from eval.dataset.schema import SAMPLE_FIELDS, Annotation
from eval.dataset.validate import merge

README = """# tiny

<!-- golden-distribution:start -->
| scenario | samples | easy | medium | hard | what it tests |
|---|---:|---:|---:|---:|---|
| billing_dispute | 1 | 1 | 0 | 0 | dispute |
| outage | 1 | 0 | 1 | 0 | outage |
| empty_history | 1 | 1 | 0 | 0 | nothing |
| **total** | 3 | 2 | 1 | 0 | |
<!-- golden-distribution:end -->
"""

PLAN = (("billing_dispute", "easy"), ("outage", "medium"), ("empty_history", "easy"))

REFERENCES = (
    "Customer called twice this week about a disputed $45 late fee from the Nov 3 statement. "
    "A billing dispute was opened and review takes 5-7 business days; the credit is still "
    "unresolved. Customer sentiment: frustrated but cooperative.",
    "Customer reported an area outage on Dec 2 and was given a 6 hour restoration estimate. "
    "Service came back and a $10 outage credit was applied to the next bill. Customer accepted "
    "the credit but is unhappy about the lack of updates. Sentiment: negative.",
    "No interactions found in the last 90 days. Customer is calling about billing.",
)
FACTS = (
    [
        {"fact": "$45 late fee disputed", "kind": "amount", "match": ["$45", "45 dollars"]},
        {"fact": "dispute unresolved", "kind": "status", "match": ["unresolved", "pending"]},
        {"fact": "customer frustrated", "kind": "sentiment", "match": ["frustrated"]},
    ],
    [
        {"fact": "$10 outage credit", "kind": "amount", "match": ["$10"]},
        {"fact": "6 hour estimate", "kind": "promise", "match": ["6 hour", "six hour"]},
        {"fact": "negative sentiment", "kind": "sentiment", "match": ["negative", "unhappy"]},
    ],
    [
        {"fact": "no history", "kind": "status", "match": ["no interactions found"]},
        {"fact": "90-day window", "kind": "date", "match": ["90 days"]},
        {"fact": "calling about billing", "kind": "intent", "match": ["billing"]},
    ],
)


@dataclass(frozen=True)
class TinySet:
    """Paths of the tiny set."""

    root: Path  # the datasets/ folder
    folder: Path  # root/golden/v1
    histories: Path
    samples: Path
    readme: Path

    def lines(self) -> list[dict[str, object]]:
        """Records of samples.jsonl, for tests that break a copy."""
        return [json.loads(line) for line in self.samples.read_text("utf-8").splitlines()]

    def rewrite(self, records: list[dict[str, object]]) -> None:
        """Write records back to samples.jsonl."""
        write_jsonl(self.samples, records)


def annotations() -> list[Annotation]:
    """The hand-written answer keys of the tiny set, in history order."""
    return [
        Annotation.model_validate({"id": f"gs-{n:03d}", "references": [ref], "key_facts": facts})
        for n, (ref, facts) in enumerate(zip(REFERENCES, FACTS, strict=True), start=1)
    ]


@pytest.fixture
def tiny(tmp_path: Path) -> TinySet:
    root = tmp_path / "datasets"
    folder = root / "golden" / "v1"
    (folder / "annotations").mkdir(parents=True)
    readme = root / "README.md"
    readme.write_text(README, encoding="utf-8")
    histories = [
        generate_sample(scenario, difficulty, seed=7, sample_id=f"gs-{n:03d}").history  # type: ignore[arg-type]
        for n, (scenario, difficulty) in enumerate(PLAN, start=1)
    ]
    write_jsonl(folder / "histories.jsonl", histories)
    write_jsonl(folder / "annotations" / "part-1.jsonl", annotations())
    merged = [merge(h, a) for h, a in zip(histories, annotations(), strict=True)]
    samples = write_jsonl(
        folder / "samples.jsonl", [{k: record[k] for k in SAMPLE_FIELDS} for record in merged]
    )
    return TinySet(root, folder, folder / "histories.jsonl", samples, readme)
