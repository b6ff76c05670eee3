"""Wrong claims per kind, judged against production on the same samples (`ClaimsConfig`).

A kind's per-sample value is 1 when the summary holds at least one finding of the kind that
no reviewer marked a false alarm, else 0 (trials averaged). The check passes when the upper
end of the paired 95 % bootstrap interval of (candidate − production) is at most the kind's
margin and the candidate's own share is at most its ceiling. The findings that make a
failed check fail — the candidate's counted findings of that kind on samples where
production has none — are returned with the checks, for people to review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from eval.aggregate import in_scope, is_errored
from eval.findings.model import RunFinding, result_findings, unique
from eval.gate.config import BootstrapConfig, ClaimKindCheck, ClaimsConfig
from eval.stats import PairedCI, mean, paired_bootstrap_ci
from eval.types import EvalRun

Key = tuple[str, str]  # (dataset, sample_id)


@dataclass(frozen=True)
class KindOutcome:
    """One kind's check before it becomes a gate `Check`."""

    kind: str
    passed: bool
    value: float | None  # the paired upper bound, or the share when judged on the ceiling
    threshold: float
    rate: float | None  # the candidate's share of summaries with a counted finding
    detail: str
    ci: PairedCI | None
    decisive: tuple[RunFinding, ...]  # what makes it fail (empty when it passes)


def counted_findings(
    run: EvalRun, scope: str, reviews: Mapping[str, str]
) -> dict[Key, list[list[RunFinding]]]:
    """Per sample in `scope`, per checked trial, the findings that count (not reviewed as
    false alarms). Errored and unchecked results are left out: they are the error rate's."""
    found: dict[Key, list[list[RunFinding]]] = defaultdict(list)
    for result in run.results:
        if not in_scope(result.dataset, scope) or is_errored(result):
            continue
        if "claims" not in result.scores:
            continue
        kept = [f for f in result_findings(result) if reviews.get(f.id) != "false_alarm"]
        found[(result.dataset, result.sample_id)].append(kept)
    return found


def kind_values(found: Mapping[Key, list[list[RunFinding]]], kind: str) -> dict[Key, float]:
    """Per sample, the share of its trials with a counted finding of `kind`."""
    values = {}
    for key, trials in found.items():
        share = mean([1.0 if any(f.kind == kind for f in trial) else 0.0 for trial in trials])
        if share is not None:
            values[key] = share
    return values


def judge_kind(
    kind: str,
    rule: ClaimKindCheck,
    config: ClaimsConfig,
    candidate: Mapping[Key, list[list[RunFinding]]],
    production: Mapping[Key, list[list[RunFinding]]] | None,
    bootstrap: BootstrapConfig,
) -> KindOutcome:
    """One kind's outcome (see the module docstring)."""
    cand = kind_values(candidate, kind)
    rate = mean(list(cand.values()))
    within = rate is None or rate <= rule.ceiling
    ceiling_text = (
        f"share {rate:.1%} of {len(cand)} summaries, ceiling {rule.ceiling:.0%}"
        if rate is not None
        else "no checked summaries"
    )
    prod = kind_values(production, kind) if production is not None else {}
    keys = [key for key in cand if key in prod]
    if production is None or len(keys) < config.min_pairs:
        why = (
            "no production pair to compare with"
            if production is None
            else f"only {len(keys)} paired samples (need {config.min_pairs})"
        )
        detail = f"{ceiling_text}; {why}: judged on the ceiling only"
        decisive = () if within else _decisive(candidate, kind, set())
        return KindOutcome(kind, within, rate, rule.ceiling, rate, detail, None, decisive)
    ci = paired_bootstrap_ci(
        [cand[k] for k in keys],
        [prod[k] for k in keys],
        n_resamples=bootstrap.n_resamples,
        confidence=bootstrap.confidence,
        seed=bootstrap.seed,
    )
    assert ci is not None  # len(keys) >= min_pairs >= 2
    paired_ok = ci.high <= rule.margin
    detail = (
        f"Δ share (candidate − production) {ci.mean_diff:+.3f}, "
        f"{bootstrap.confidence:.0%} CI [{ci.low:+.3f}, {ci.high:+.3f}], n={len(keys)}; "
        f"upper bound must be <= {rule.margin:+g}; {ceiling_text}"
    )
    passed = paired_ok and within
    clean = {k for k in keys if prod[k] == 0.0}
    decisive = () if passed else _decisive(candidate, kind, clean)
    return KindOutcome(kind, passed, ci.high, rule.margin, rate, detail, ci, decisive)


def _decisive(
    candidate: Mapping[Key, list[list[RunFinding]]], kind: str, clean: set[Key]
) -> tuple[RunFinding, ...]:
    """The candidate's counted findings of `kind`, on samples where production has none
    (`clean`; every sample when it is empty because nothing was paired)."""
    chosen = (
        f
        for key, trials in candidate.items()
        if not clean or key in clean
        for trial in trials
        for f in trial
        if f.kind == kind
    )
    return tuple(unique(chosen))


def overridden_findings(
    run: EvalRun, scope: str, reviews: Mapping[str, str]
) -> tuple[RunFinding, ...]:
    """The run's findings a reviewer marked false alarms (left out of the count)."""
    chosen = (
        f
        for result in run.results
        if in_scope(result.dataset, scope)
        for f in result_findings(result)
        if reviews.get(f.id) == "false_alarm"
    )
    return tuple(unique(chosen))
