"""Candidate vs production, sample by sample: what changed, where, and by how much.

The report's regressions and improvements tables, its per-sample table and the extreme
samples beside each Δ plot all read from `compare_samples`, so a sample ranked worst in one
place is the same sample, with the same numbers, everywhere else.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from eval.aggregate import is_errored
from eval.report.common import missing_facts
from eval.stats import mean
from eval.types import EvalRun, EvalSample, SampleResult

# (score name, column label, scale to 0-1, higher is better)
DELTA_METRICS: tuple[tuple[str, str, float, bool], ...] = (
    ("judge", "judge", 1.0, True),
    ("key_fact_recall", "key facts", 1.0, True),
    ("bleu", "BLEU", 100.0, True),
    ("claims", "claim errors", 1.0, False),
)
_TOKENS = re.compile(r"\s*\S+\s*|\s+")


def is_empty_history(result: SampleResult) -> bool:
    """True when the history had nothing in the window.

    The summarizer calls no model only then, and answers "No interactions found"; reading
    `model_called` (kept in the output cache) keeps the heavy summarizer module unimported.
    """
    return result.error is None and not result.model_called


def sample_anchor(dataset: str, sample_id: str) -> str:
    """The HTML id of a sample's row in the per-sample table."""
    return "sample-" + re.sub(r"[^A-Za-z0-9_-]", "-", f"{dataset}-{sample_id}")


@dataclass(frozen=True)
class SampleComparison:
    """One sample in both runs (first trial shown), with the per-metric Δ and a net change.

    `change` is the mean of the metric deltas scaled to 0-1 and signed so that positive is
    better; an output that errored on one side only counts as -1 (or +1 when it recovered).
    """

    dataset: str
    sample_id: str
    candidate: SampleResult
    production: SampleResult | None
    deltas: dict[str, float]
    change: float
    empty_history: bool
    candidate_missing: tuple[str, ...]
    production_missing: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return sample_anchor(self.dataset, self.sample_id)

    @property
    def errored(self) -> bool:
        return is_errored(self.candidate)


def _sample_value(results: list[SampleResult], name: str) -> float | None:
    """Mean of score `name` over a sample's trials, errors and non-applicable scores left out."""
    values = [r.value(name) for r in results if not is_errored(r)]
    return mean([v for v in values if v is not None])


def _net_change(
    cand: list[SampleResult], prod: list[SampleResult], deltas: dict[str, float]
) -> float:
    cand_failed = all(is_errored(r) for r in cand)
    prod_failed = all(is_errored(r) for r in prod)
    if cand_failed != prod_failed:
        return -1.0 if cand_failed else 1.0
    signed = []
    for name, _, scale, higher in DELTA_METRICS:
        if name in deltas:
            step = deltas[name] / scale
            step = max(-1.0, min(1.0, step))
            signed.append(step if higher else -step)
    return sum(signed) / len(signed) if signed else 0.0


def compare_samples(candidate: EvalRun, production: EvalRun | None) -> list[SampleComparison]:
    """Every candidate sample, in sample order, beside its production result when there is one."""
    samples: dict[tuple[str, str], EvalSample] = {(s.dataset, s.id): s for s in candidate.samples}

    def grouped(run: EvalRun) -> dict[tuple[str, str], list[SampleResult]]:
        out: dict[tuple[str, str], list[SampleResult]] = {}
        for result in run.results:
            out.setdefault((result.dataset, result.sample_id), []).append(result)
        return out

    cand_groups = grouped(candidate)
    prod_groups = grouped(production) if production is not None else {}
    comparisons = []
    for key, cand in cand_groups.items():
        prod = prod_groups.get(key, [])
        deltas: dict[str, float] = {}
        for name, *_ in DELTA_METRICS:
            c, p = _sample_value(cand, name), _sample_value(prod, name)
            if c is not None and p is not None:
                deltas[name] = c - p
        sample = samples.get(key)
        comparisons.append(
            SampleComparison(
                dataset=key[0],
                sample_id=key[1],
                candidate=cand[0],
                production=prod[0] if prod else None,
                deltas=deltas,
                change=_net_change(cand, prod, deltas) if prod else 0.0,
                empty_history=any(is_empty_history(r) for r in cand + prod),
                candidate_missing=missing_facts(cand[0], sample),
                production_missing=missing_facts(prod[0], sample) if prod else (),
            )
        )
    return comparisons


def largest_changes(
    comparisons: list[SampleComparison], *, n: int = 10
) -> tuple[list[SampleComparison], list[SampleComparison]]:
    """(regressions, improvements): the `n` samples that got most worse and most better.

    Only samples with a production result and a non-zero net change count; ties keep the
    sample order, so the tables are stable from one render to the next.
    """
    paired = [c for c in comparisons if c.production is not None and c.change != 0.0]
    worse = sorted((c for c in paired if c.change < 0), key=lambda c: c.change)[:n]
    better = sorted((c for c in paired if c.change > 0), key=lambda c: -c.change)[:n]
    return worse, better


def _text(result: SampleResult | None) -> str:
    if result is None:
        return ""
    return result.output if result.output is not None else f"error: {result.error}"


def word_diff(production: str, candidate: str) -> tuple[Markup, Markup]:
    """Both texts as escaped HTML, removed words in `<del>` and added words in `<ins>`.

    Words are compared without their surrounding whitespace and shown with it, so the texts
    keep their line breaks and a run of changed words is marked as one span.
    """
    old, new = _TOKENS.findall(production), _TOKENS.findall(candidate)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(
        a=[t.strip() for t in old], b=[t.strip() for t in new], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        removed, added = escape("".join(old[a0:a1])), escape("".join(new[b0:b1]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if a1 > a0:
            left.append(f"<del>{removed}</del>")
        if b1 > b0:
            right.append(f"<ins>{added}</ins>")
    return Markup("".join(left)), Markup("".join(right))


def outputs_diff(comparison: SampleComparison) -> tuple[Markup, Markup]:
    """(production, candidate) outputs of a sample with their differing words marked."""
    return word_diff(_text(comparison.production), _text(comparison.candidate))


def judge_reason(result: SampleResult | None) -> str:
    """The judge's reason for one result, or its error."""
    if result is None:
        return ""
    judge = result.scores.get("judge")
    if judge is None:
        return result.error or ""
    if judge.value is None:
        return f"judge error: {judge.metadata.get('judge_error', judge.reason)}"
    return judge.reason
