"""The matrix's leaderboard: one row per pair, its gate verdict, and the recommendation.

The leaderboard gives every quality metric with its paired 95 % interval against a baseline
pair, latency percentiles, cost per summary and per 1,000, cache-read share, error and
fallback rates, and the gate verdict each pair would get against production; the
recommendation is the cheapest pair that is non-inferior to the best one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.aggregate import RunMetrics, aggregate
from eval.gate import GateConfig, Verdict, decide, pair_values
from eval.matrix.pairs import Entry
from eval.stats import PairedCI, paired_bootstrap_ci
from eval.types import EvalRun

# Quality metrics compared pair by pair with the baseline (higher is better).
QUALITY = ("judge", "key_fact_recall", "bleu", "open_items")
# The margin within which a pair counts as non-inferior to the best, per metric.
MARGINS = {"judge": 0.05, "key_fact_recall": 0.05, "bleu": 2.0, "open_items": 0.02}


@dataclass(frozen=True)
class Row:
    """One pair's line of the leaderboard."""

    label: str
    run: EvalRun
    metrics: RunMetrics
    vs_baseline: dict[str, PairedCI | None]
    verdict: Verdict | None
    cost_per_1000_usd: float | None


def leaderboard(
    entries: Sequence[Entry],
    runs: Sequence[EvalRun],
    baseline: str,
    gate: GateConfig,
    production: EvalRun | None,
) -> list[Row]:
    """One row per pair, in the entries' order."""
    base = runs[[entry.label for entry in entries].index(baseline)]
    rows = []
    for entry, run in zip(entries, runs, strict=True):
        metrics = aggregate(run)
        deltas: dict[str, PairedCI | None] = {}
        for metric in QUALITY:
            paired = pair_values(run, base, metric, scope="golden")
            deltas[metric] = (
                paired_bootstrap_ci(paired.candidate, paired.production, seed=gate.bootstrap.seed)
                if len(paired.keys) >= 2
                else None
            )
        verdict = decide(run, production, gate) if production is not None else None
        per_1000 = (
            None if metrics.cost_per_summary_usd is None else metrics.cost_per_summary_usd * 1000
        )
        rows.append(Row(entry.label, run, metrics, deltas, verdict, per_1000))
    return rows


def recommend(rows: Sequence[Row], metric: str = "judge") -> tuple[Row, Row] | None:
    """(best, cheapest pair non-inferior to it) on `metric`, or None without scores.

    Non-inferior: the lower bound of the 95 % paired bootstrap interval of (pair - best) is
    at least -margin (`MARGINS`), the rule the gate applies to a candidate.
    """
    scored = [r for r in rows if getattr(r.metrics, f"{metric}_mean", None) is not None]
    if not scored:
        return None
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
    if not priced:
        return best, best
    return best, min(priced, key=lambda r: r.metrics.cost_per_summary_usd or 0.0)
