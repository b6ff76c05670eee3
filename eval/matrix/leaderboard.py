"""The matrix's leaderboard: one row per pair, its gate verdict, and the recommendation.

The leaderboard gives every quality metric with its paired 95 % interval against a baseline
pair, latency percentiles, cost per summary and per 1,000, cache-read share, error and
fallback rates, and the gate verdict each pair gets against production (the same
`eval.gate.decide` as `make eval`; absolute checks and claim ceilings only when there is no
production). The production pair is a row of its own, the reference the verdicts are
against.

The recommendation agrees with the gate: only a pair that passes it can be recommended (the
cheapest passing pair whose judge score is non-inferior to the best passing pair's); when
none passes, it says so and which checks they failed, and production stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eval.aggregate import RunMetrics, aggregate
from eval.gate import Check, GateConfig, Verdict, decide, pair_values
from eval.matrix.pairs import Entry
from eval.stats import PairedCI, paired_bootstrap_ci
from eval.types import EvalRun

# Quality metrics compared pair by pair with the baseline (higher is better).
QUALITY = ("judge", "key_fact_recall", "bleu", "open_items")
# The margin within which a pair counts as non-inferior to the best, per metric.
MARGINS = {"judge": 0.05, "key_fact_recall": 0.05, "bleu": 2.0, "open_items": 0.02}
PRODUCTION_LABEL = "production"


@dataclass(frozen=True)
class Row:
    """One pair's line of the leaderboard.

    `verdict` is the gate's against production (absolute checks and claim ceilings only
    without one); None on the production row itself, the reference the others are judged
    against.
    """

    label: str
    run: EvalRun
    metrics: RunMetrics
    vs_baseline: dict[str, PairedCI | None]
    verdict: Verdict | None
    cost_per_1000_usd: float | None
    is_production: bool = False

    @property
    def passed(self) -> bool:
        """Whether the gate would let this pair replace production."""
        return self.verdict is not None and self.verdict.passed

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        """The checks the pair failed, in the gate's order."""
        return self.verdict.failed if self.verdict is not None else ()


@dataclass(frozen=True)
class Recommendation:
    """What the matrix recommends, and why.

    Attributes:
        chosen: The cheapest passing pair non-inferior to the best passing one, or None.
        best: The passing pair with the best judge score, or None.
        passing: Every pair that passes the gate (production's row excluded).
        failing: Every pair that fails it.
        production: Production's row, when production was evaluated.
        compared_with_production: False when the verdicts are absolute checks and claim
            ceilings only.
    """

    chosen: Row | None
    best: Row | None
    passing: tuple[Row, ...]
    failing: tuple[Row, ...]
    production: Row | None
    compared_with_production: bool

    def common_failures(self) -> list[tuple[str, int]]:
        """Failed check names with how many failing pairs failed them, most common first."""
        counts = Counter(check.name for row in self.failing for check in row.failed_checks)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _row(
    label: str,
    run: EvalRun,
    base: EvalRun,
    gate: GateConfig,
    verdict: Verdict | None,
    is_production: bool,
) -> Row:
    metrics = aggregate(run)
    deltas: dict[str, PairedCI | None] = {}
    for metric in QUALITY:
        paired = pair_values(run, base, metric, scope="golden")
        deltas[metric] = (
            paired_bootstrap_ci(paired.candidate, paired.production, seed=gate.bootstrap.seed)
            if len(paired.keys) >= 2
            else None
        )
    per_1000 = None if metrics.cost_per_summary_usd is None else metrics.cost_per_summary_usd * 1000
    return Row(label, run, metrics, deltas, verdict, per_1000, is_production)


def leaderboard(
    entries: Sequence[Entry],
    runs: Sequence[EvalRun],
    baseline: str,
    gate: GateConfig,
    production: EvalRun | None,
) -> list[Row]:
    """One row per pair, in the entries' order, then production's unless a pair is it.

    A pair with production's content hash is production: its row is the reference (no
    verdict) under its own label.
    """
    base = runs[[entry.label for entry in entries].index(baseline)]
    reference = production.pair.content_hash if production is not None else None
    rows = []
    for entry, run in zip(entries, runs, strict=True):
        is_production = run.pair.content_hash == reference
        verdict = None if is_production else decide(run, production, gate)
        rows.append(_row(entry.label, run, base, gate, verdict, is_production))
    if production is not None and not any(row.is_production for row in rows):
        rows.append(_row(PRODUCTION_LABEL, production, base, gate, None, True))
    return rows


def recommend(rows: Sequence[Row], metric: str = "judge") -> Recommendation:
    """The recommendation among the pairs that pass the gate.

    Best: the passing pair with the highest mean `metric`. Chosen: the cheapest passing pair
    non-inferior to it, i.e. the lower bound of the 95 % paired bootstrap interval of
    (pair - best) is at least -margin (`MARGINS`), the rule the gate applies to a candidate.
    """
    candidates = [row for row in rows if not row.is_production]
    passing = tuple(row for row in candidates if row.passed)
    failing = tuple(row for row in candidates if not row.passed)
    production = next((row for row in rows if row.is_production), None)
    compared = production is not None
    scored = [r for r in passing if getattr(r.metrics, f"{metric}_mean", None) is not None]
    if not scored:
        return Recommendation(None, None, passing, failing, production, compared)
    best = max(scored, key=lambda r: getattr(r.metrics, f"{metric}_mean") or 0.0)
    fit = [best]
    for row in scored:
        if row is best:
            continue
        paired = pair_values(row.run, best.run, metric, scope="golden")
        ci = paired_bootstrap_ci(paired.candidate, paired.production) if paired.keys else None
        if ci is not None and ci.low >= -MARGINS[metric]:
            fit.append(row)
    priced = [r for r in fit if r.metrics.cost_per_summary_usd is not None]
    chosen = min(priced, key=lambda r: r.metrics.cost_per_summary_usd or 0.0) if priced else best
    return Recommendation(chosen, best, passing, failing, production, compared)
