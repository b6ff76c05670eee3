"""A claim finding as the gate sees it: one wrong claim in one output of one eval run.

The claim checker reports findings per summary (`service.claims.Finding`); the eval suite
keeps them in each result's `claims` score. Here each becomes a `RunFinding` with a stable
id, so a person can review it and the gate can count it or not. The id is a digest of what
the finding is about — the sample, the exact output text, the category, the claim and the
reason — so the same output checked again gets the same ids (a cached re-run keeps its
reviews), and a changed output gets new ones (a review never carries over to other text).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from eval.aggregate import is_errored
from eval.types import EvalRun, SampleResult
from service.claims import kind_of

ID_LENGTH = 12


def finding_id(
    dataset: str, sample_id: str, output: str, category: str, claim: str, reason: str
) -> str:
    """The stable id of one finding (12 hex digits)."""
    material = json.dumps(
        [dataset, sample_id, hashlib.sha256(output.encode()).hexdigest(), category, claim, reason]
    )
    return hashlib.sha256(material.encode()).hexdigest()[:ID_LENGTH]


@dataclass(frozen=True)
class RunFinding:
    """One finding of the claim checker on one output.

    Attributes:
        id: Stable id (see `finding_id`).
        dataset: The sample's dataset (`golden/v2`, `regressions/2026-W47`).
        sample_id: The sample.
        kind: The kind of wrong claim (`service.claims.CLAIM_KINDS`), the gate check's name.
        category: What exactly is wrong (an amount, a date, a flipped act ...).
        verdict: `contradicted` (a record says otherwise) or `unsupported` (none says it).
        claim: The summary text the finding is about.
        reason: Why, in the checker's words.
        evidence: 1-based positions of the records that decided it.
        output: The whole summary it was found in.
        trial: The trial of the result (0 unless `--trials`).
    """

    id: str
    dataset: str
    sample_id: str
    kind: str
    category: str
    verdict: str
    claim: str
    reason: str
    evidence: tuple[int, ...]
    output: str
    trial: int = 0

    def as_record(self) -> dict[str, Any]:
        """JSON-ready fields (for `findings.jsonl` and review files)."""
        record = asdict(self)
        record["evidence"] = list(self.evidence)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> RunFinding:
        """The inverse of `as_record` (fields it does not know are ignored)."""
        fields = {name: record[name] for name in cls.__dataclass_fields__ if name in record}
        fields["evidence"] = tuple(int(p) for p in fields.get("evidence", ()))
        return cls(**fields)


def result_findings(result: SampleResult) -> list[RunFinding]:
    """The claim findings of one result (none for an errored or unchecked result)."""
    score = result.scores.get("claims")
    if score is None or is_errored(result) or result.output is None:
        return []
    found = []
    for raw in score.metadata.get("findings") or ():
        category, claim, reason = str(raw["category"]), str(raw["claim"]), str(raw["reason"])
        found.append(
            RunFinding(
                id=finding_id(
                    result.dataset, result.sample_id, result.output, category, claim, reason
                ),
                dataset=result.dataset,
                sample_id=result.sample_id,
                kind=kind_of(category).name,
                category=category,
                verdict=str(raw.get("verdict", "")),
                claim=claim,
                reason=reason,
                evidence=tuple(int(p) for p in raw.get("evidence") or ()),
                output=result.output,
                trial=result.trial,
            )
        )
    return found


def run_findings(run: EvalRun) -> list[RunFinding]:
    """Every claim finding of a run, in result order (a finding repeated by trials once)."""
    return list(unique(f for result in run.results for f in result_findings(result)))


def unique(findings: Iterable[RunFinding]) -> Iterator[RunFinding]:
    """Findings with distinct ids, first occurrence kept."""
    seen: set[str] = set()
    for finding in findings:
        if finding.id not in seen:
            seen.add(finding.id)
            yield finding
