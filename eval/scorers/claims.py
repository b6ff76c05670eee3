"""The claim scorer: the service's claim checker run on every output, claim by claim.

One deterministic checker (`service.claims.check_summary`) sees amounts, dates, counts, ids,
names, acts and their polarity, promises, open/resolved status, the customer's mood, and
instruction-following. The gate reads its findings by category (the hallucination rate,
status flips, negated acts, sentiment flips, invented promises, instruction safety), so a
candidate fails for a named reason. The local judge's `no_fabrication` criterion and the
local ragas stand-in also rest on this checker; reports say so (`SHARED_BY`).
"""

from __future__ import annotations

from dataclasses import asdict

from eval.scorers.deps import ScorerDeps, in_scope
from eval.types import EvalSample, Score, Scorer
from service.claims import check_summary

NAME = "claims"
VERSION = "2"
# Checks that rest on this one checker when the judge is the local baseline.
SHARED_BY = (
    "unsupported_fact and the other claim rates",
    "judge.no_fabrication (local judge)",
    "ragas faithfulness (local stand-in)",
)


def claims_scorer(deps: ScorerDeps) -> Scorer:
    """Value: number of findings (contradicted or unsupported claims); passed when none.

    Metadata: every finding with its category, verdict, reason and evidence records; every
    claim with its verdict; findings per category; the open items and whether they are stated.
    """
    system_prompt = "\n\n".join(deps.system_prompts) or None

    async def score(sample: EvalSample, output: str) -> Score:
        report = check_summary(
            output, in_scope(sample), sample.options, system_prompt=system_prompt
        )
        findings = [asdict(finding) for finding in report.findings]
        reason = (
            "every claim supported"
            if report.ok
            else "; ".join(f"{f.category}: {f.reason}" for f in report.findings[:6])
        )
        return Score(
            name=NAME,
            value=float(len(report.findings)),
            passed=report.ok,
            reason=reason,
            metadata={
                "findings": findings,
                "categories": report.by_category(),
                "claims": [
                    {"text": c.text, "verdict": c.verdict, "evidence": list(c.evidence)}
                    for c in report.claims
                ],
                "supported_share": report.supported_share,
                "open_items": list(report.open_items),
                "open_items_stated": report.open_items_stated,
                "instructions": len(report.instructions),
                # What the checker could not tell from these records: counted, never a pass.
                "abstentions": [asdict(a) for a in report.abstentions],
                "abstained": report.abstained_by_category(),
            },
        )

    return Scorer(name=NAME, version=VERSION, score=score)


def open_items_scorer(deps: ScorerDeps) -> Scorer:
    """Value 1 when the records leave something open and the summary says so, 0 when it
    leaves it out; None when nothing is open. Same checker as `claims` (one report)."""
    del deps

    async def score(sample: EvalSample, output: str) -> Score:
        report = check_summary(output, in_scope(sample), sample.options)
        if not report.open_items:
            return Score("open_items", None, None, "the records leave nothing open")
        stated = report.open_items_stated
        reason = "states what is open" if stated else f"omits: {'; '.join(report.open_items)}"
        return Score("open_items", 1.0 if stated else 0.0, stated, reason)

    return Scorer(name="open_items", version=VERSION, score=score)
