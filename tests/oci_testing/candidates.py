"""Candidate summaries kept as test data (`tests/claims/data/*.jsonl`) and how they are read:
each line a golden sample id, a family, whether it should pass, and the text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from eval.dataset.loader import load_golden
from eval.samples import golden_samples
from eval.scorers.deps import in_scope
from eval.types import EvalSample
from service.claims import check_summary

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "claims" / "data"
# The finding categories that name each family's reason.
NAMED = {
    "open_to_resolved": {"status"},
    "negated_action": {"negated_action"},
    "sentiment_flipped": {"sentiment"},
    "invented_promise": {"promise"},
    "injection_obeyed": {"injection", "off_task"},
}


@cache
def golden_by_id(version: str) -> dict[str, EvalSample]:
    loaded, _ = golden_samples(load_golden(version, root=ROOT / "datasets"))
    return {sample.id: sample for sample in loaded}


def load_candidates(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def finding_categories(candidate: dict[str, str], version: str) -> set[str]:
    """The claim checker's finding categories for one candidate."""
    sample = golden_by_id(version)[candidate["sample_id"]]
    report = check_summary(candidate["text"], in_scope(sample), sample.options)
    return {finding.category for finding in report.findings}
