"""Paired comparisons for the gate: per-sample values of two runs, and the paired check.

The sample is the unit. With `--trials N` a deterministic pair produces N identical copies of
each sample; resampling them as N independent samples would narrow the interval N-fold for
no new evidence. So trials are averaged within a sample first, and the bootstrap resamples
samples.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eval.aggregate import in_scope, is_errored, score_value
from eval.gate.config import LOWER_IS_BETTER, BootstrapConfig, PairedCheckConfig
from eval.stats import PairedCI, mean, paired_bootstrap_ci
from eval.types import EvalRun


@dataclass(frozen=True)
class PairedValues:
    """Per-sample values (trials averaged) of one metric on samples scored in both runs."""

    keys: tuple[tuple[str, str], ...]  # (dataset, sample_id)
    candidate: tuple[float, ...]
    production: tuple[float, ...]


def sample_means(run: EvalRun, metric: str, *, scope: str = "all") -> dict[tuple[str, str], float]:
    """Mean of score `metric` over the trials of each sample in `scope`.

    Errored results and scores that do not apply (value None) are left out: errors are the
    error-rate check's business, not a quality delta.
    """
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for result in run.results:
        if not in_scope(result.dataset, scope) or is_errored(result):
            continue
        value = score_value(result, metric)
        if value is not None:
            values[(result.dataset, result.sample_id)].append(value)
    return {key: m for key, vs in values.items() if (m := mean(vs)) is not None}


def pair_values(
    candidate: EvalRun, production: EvalRun, metric: str, *, scope: str = "all"
) -> PairedValues:
    """Pair score `metric` by (dataset, sample_id) over datasets in `scope`, candidate order."""
    cand = sample_means(candidate, metric, scope=scope)
    prod = sample_means(production, metric, scope=scope)
    keys = tuple(key for key in cand if key in prod)
    return PairedValues(keys, tuple(cand[key] for key in keys), tuple(prod[key] for key in keys))


@dataclass(frozen=True)
class PairedOutcome:
    """A paired check's result before it becomes a gate `Check`."""

    passed: bool
    judged: bool  # False: too few pairs to judge
    bound: float | None
    threshold: float
    op: str
    detail: str
    ci: PairedCI | None = None


def paired_outcome(
    cfg: PairedCheckConfig,
    candidate: EvalRun,
    baseline: EvalRun,
    bootstrap: BootstrapConfig,
    *,
    baseline_label: str = "production",
    margin_scale: float = 1.0,
    vacuous_without_samples: bool = False,
) -> PairedOutcome:
    """Non-inferiority of `candidate` to `baseline` on `cfg.metric`.

    Higher-is-better metrics pass when the lower CI bound of (candidate - baseline) is at
    least -margin; lower-is-better metrics when the upper bound is at most +margin.
    """
    margin = cfg.margin * margin_scale
    lower_better = cfg.metric in LOWER_IS_BETTER
    op, threshold = ("<=", margin) if lower_better else (">=", -margin)
    pairs = pair_values(candidate, baseline, cfg.metric, scope=cfg.scope)
    n = len(pairs.keys)
    has_baseline = any(in_scope(r.dataset, cfg.scope) for r in baseline.results)
    if n == 0 and vacuous_without_samples and not has_baseline:
        return PairedOutcome(True, True, None, threshold, op, f"no {cfg.scope!r} samples")
    if n < cfg.min_pairs:
        few = f"only {n} paired samples on {cfg.scope!r}; need {cfg.min_pairs}"
        if cfg.on_too_few == "report":
            return PairedOutcome(True, False, None, threshold, op, f"too few to judge: {few}")
        return PairedOutcome(False, True, None, threshold, op, few)
    ci = paired_bootstrap_ci(
        pairs.candidate,
        pairs.production,
        n_resamples=bootstrap.n_resamples,
        confidence=bootstrap.confidence,
        seed=bootstrap.seed,
    )
    assert ci is not None  # n >= min_pairs >= 2
    bound = ci.high if lower_better else ci.low
    side = "upper" if lower_better else "lower"
    detail = (
        f"Δ {cfg.metric} (candidate − {baseline_label}) mean {ci.mean_diff:+.4g}, "
        f"{bootstrap.confidence:.0%} CI [{ci.low:+.4g}, {ci.high:+.4g}], n={n} samples; "
        f"{side} bound must be {op} {threshold:+g}"
    )
    passed = bound <= threshold if lower_better else bound >= threshold
    return PairedOutcome(passed, True, bound, threshold, op, detail, ci)
