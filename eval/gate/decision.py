"""The promotion gate: absolute thresholds plus paired non-inferiority against production.

`decide` is pure: two frozen runs and a config in, a frozen `Verdict` out, listing every
check with its value, threshold and outcome. Nothing is skipped silently: a comparison that
cannot be made (different dataset digests, different judges, too few pairs) is a failed check
that says why.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from eval.aggregate import RunMetrics, aggregate
from eval.findings.model import RunFinding
from eval.gate.claims import counted_findings, judge_kind, overridden_findings
from eval.gate.config import (
    LOWER_IS_BETTER,
    RATE_METRICS,
    AbsoluteCheckConfig,
    GateConfig,
    PairedCheckConfig,
)
from eval.gate.paired import paired_outcome
from eval.stats import PairedCI, wilson_interval
from eval.types import EvalRun

CheckKind = Literal["absolute", "claims", "non_inferiority", "anchor", "regression", "consistency"]
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Check:
    """One gate check. For paired checks `value` is the CI bound compared with `threshold`."""

    name: str
    kind: CheckKind
    value: float | None
    threshold: float | None
    passed: bool
    detail: str
    op: str = ""
    metric: str = ""
    scope: str = ""
    ci: PairedCI | None = None
    judged: bool = True  # False: too few samples to judge (reported, not blocking)


@dataclass(frozen=True)
class CheckValidation:
    """How well a check is known to catch what it claims, from the meta-evaluation."""

    check: str
    status: str  # validated, below minimum, stale, not validated, not measured
    detail: str


@dataclass(frozen=True)
class Verdict:
    """The gate's decision: PASS only if every check passed.

    `validation` is attached after the decision (`eval.validation.attach`): it never changes
    PASS/FAIL, it says how far each check's pass can be trusted.
    """

    passed: bool
    checks: tuple[Check, ...]
    compared_with: str | None
    notes: tuple[str, ...] = ()
    anchor: str | None = None
    validation: tuple[CheckValidation, ...] = ()
    validation_current: bool = False
    validation_report: str | None = None
    # The candidate's claim findings that make a failed claim check fail (for review), and
    # those a reviewer marked false alarms and the gate therefore did not count.
    decisive_findings: tuple[RunFinding, ...] = ()
    overridden_findings: tuple[RunFinding, ...] = ()

    def validation_of(self, check: str) -> CheckValidation | None:
        """The check's validation, or None when the meta-evaluation does not cover it."""
        return next((v for v in self.validation if v.check == check), None)

    @property
    def unvalidated_passes(self) -> tuple[Check, ...]:
        """Passing checks that rest on a scorer whose detection is not validated."""
        return tuple(
            c
            for c in self.checks
            if c.passed
            and (found := self.validation_of(c.name)) is not None
            and found.status != "validated"
        )

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks that failed, in order."""
        return tuple(c for c in self.checks if not c.passed)

    @property
    def not_judged(self) -> tuple[Check, ...]:
        """Checks that had too few samples to judge (they do not block)."""
        return tuple(c for c in self.checks if not c.judged)


def decide(
    candidate: EvalRun,
    production: EvalRun | None,
    config: GateConfig,
    *,
    anchor: EvalRun | None = None,
    reviews: Mapping[str, str] | None = None,
) -> Verdict:
    """Judge a candidate run against the gate.

    Args:
        candidate: The candidate pair's run.
        production: The current production pair's run on the same datasets, or None when there
            is no production pair yet (first bootstrap): then only absolute checks and claim
            ceilings run.
        config: The gate configuration.
        anchor: The fixed anchor pair's run (see `AnchorConfig`), when it is neither the
            candidate nor production; its non-inferiority checks then run too.
        reviews: finding id -> `confirmed` or `false_alarm` (`eval.findings.ReviewStore`):
            claim findings reviewed as false alarms are not counted.

    Returns:
        A verdict listing every check; `passed` is True only if all of them passed.
    """
    metrics: dict[str, RunMetrics] = {}
    checks: list[Check] = []
    corpus = any(c.metric in ("corpus_bleu", "corpus_chrf") for c in config.absolute)
    for absolute in config.absolute:
        if absolute.scope not in metrics:
            metrics[absolute.scope] = aggregate(candidate, scope=absolute.scope, corpus=corpus)
        checks.append(_absolute(absolute, metrics[absolute.scope]))
    notes: list[str] = []
    consistency = [] if production is None else [_digest_check(candidate, production)]
    if production is not None and config.require_same_judge:
        consistency.append(_judge_check(candidate, production))
    # Claim findings do not depend on the judge; different datasets cannot be paired.
    paired_claims = production if all(c.passed for c in consistency[:1]) else None
    claim_checks, decisive = _claim_checks(candidate, paired_claims, config, reviews or {})
    checks.extend(claim_checks)
    overridden = overridden_findings(candidate, config.claims.scope, reviews or {})
    if production is None:
        notes.append(
            "no production pair to compare with: absolute checks and claim ceilings only "
            "(first bootstrap)"
        )
        return Verdict(
            all(c.passed for c in checks),
            tuple(checks),
            None,
            tuple(notes),
            decisive_findings=decisive,
            overridden_findings=overridden,
        )
    checks.extend(consistency)
    blocked = "; ".join(c.name for c in consistency if not c.passed)
    sections: tuple[tuple[CheckKind, tuple[PairedCheckConfig, ...]], ...] = (
        ("non_inferiority", config.non_inferiority),
        ("regression", config.regressions),
    )
    for kind, paired in sections:
        for cfg in paired:
            if blocked:
                checks.append(_not_compared(cfg, kind, f"not compared: {blocked} failed"))
            else:
                checks.append(_paired(cfg, kind, candidate, production, config))
    anchor_label = None
    if anchor is not None and config.anchor.enabled:
        anchor_label = _label(anchor)
        checks.extend(_anchor_checks(candidate, anchor, config))
    return Verdict(
        all(c.passed for c in checks),
        tuple(checks),
        _label(production),
        tuple(notes),
        anchor=anchor_label,
        decisive_findings=decisive,
        overridden_findings=overridden,
    )


def _claim_checks(
    candidate: EvalRun,
    production: EvalRun | None,
    config: GateConfig,
    reviews: Mapping[str, str],
) -> tuple[list[Check], tuple[RunFinding, ...]]:
    claims = config.claims
    if not claims.kinds:
        return [], ()
    cand = counted_findings(candidate, claims.scope, reviews)
    prod = counted_findings(production, claims.scope, reviews) if production else None
    checks: list[Check] = []
    decisive: list[RunFinding] = []
    for kind, rule in claims.kinds.items():
        outcome = judge_kind(kind, rule, claims, cand, prod, config.bootstrap)
        checks.append(
            Check(
                name=kind,
                kind="claims",
                value=outcome.value,
                threshold=outcome.threshold,
                passed=outcome.passed,
                detail=outcome.detail,
                op="<=",
                metric=f"{kind}_rate",
                scope=claims.scope,
                ci=outcome.ci,
            )
        )
        decisive.extend(outcome.decisive)
    return checks, tuple(decisive)


def _label(run: EvalRun) -> str:
    return f"{run.pair.name}@{run.pair.version}"


def _anchor_checks(candidate: EvalRun, anchor: EvalRun, config: GateConfig) -> list[Check]:
    consistency = _digest_check(candidate, anchor)
    if not consistency.passed:
        return [
            replace(
                consistency, name="anchor_dataset_digests", detail="anchor: " + consistency.detail
            )
        ]
    checks = []
    for cfg in config.non_inferiority:
        named = cfg.model_copy(update={"name": f"{cfg.name}_vs_anchor"})
        checks.append(
            _paired(
                named,
                "anchor",
                candidate,
                anchor,
                config,
                baseline_label=f"anchor {_label(anchor)}",
                margin_scale=config.anchor.margin_scale,
            )
        )
    return checks


def _absolute(cfg: AbsoluteCheckConfig, metrics: RunMetrics) -> Check:
    value = metrics.get(cfg.metric)
    base = Check(
        cfg.name, "absolute", value, cfg.threshold, False, "", cfg.op, cfg.metric, cfg.scope
    )
    if value is None:
        skipped = cfg.on_missing == "skip"
        why = "skipped by config" if skipped else "a metric that was not measured cannot pass"
        return replace(base, passed=skipped, detail=f"not measured on scope {cfg.scope!r}; {why}")
    n = metrics.rate_n.get(cfg.metric, 0)
    if cfg.metric in RATE_METRICS and cfg.bound == "interval" and cfg.op != "==" and n > 0:
        return _rate(cfg, base, value, n)
    passed = _OPS[cfg.op](value, cfg.threshold)
    detail = f"{cfg.metric} on scope {cfg.scope!r} ({metrics.n_results} results)"
    return replace(base, passed=passed, detail=detail)


def _rate(cfg: AbsoluteCheckConfig, base: Check, value: float, n: int) -> Check:
    """A rate judged on the far end of its Wilson interval: the rate the samples cannot rule
    out, not the one they happened to show.

    A quick subset may be too small to demonstrate the threshold at all (0 failures in 30
    samples leaves 11 % possible); it is then judged on the observed rate, and says so.
    """
    upper = cfg.op == "<="
    # The interval of the best possible outcome (no failures, or all passes).
    best_low, best_high = wilson_interval(0.0 if upper else float(n), n) or (0.0, 1.0)
    demonstrable = best_high <= cfg.threshold if upper else best_low >= cfg.threshold
    if not demonstrable:
        passed = _OPS[cfg.op](value, cfg.threshold)
        detail = (
            f"{cfg.metric} {value:.2%} of {n} samples on {cfg.scope!r}; too few samples to "
            f"demonstrate {cfg.op} {cfg.threshold:.2%} at 95%, judged on the observed rate"
        )
        return replace(base, passed=passed, detail=detail)
    low, high = wilson_interval(min(max(value * n, 0.0), n), n) or (value, value)
    bound, side = (high, "upper") if upper else (low, "lower")
    detail = (
        f"{cfg.metric} {value:.2%} of {n} samples on {cfg.scope!r}; "
        f"95% Wilson {side} bound {bound:.2%} must be {cfg.op} {cfg.threshold:.2%}"
    )
    return replace(base, value=bound, passed=_OPS[cfg.op](bound, cfg.threshold), detail=detail)


def _paired(
    cfg: PairedCheckConfig,
    kind: CheckKind,
    candidate: EvalRun,
    baseline: EvalRun,
    config: GateConfig,
    *,
    baseline_label: str = "production",
    margin_scale: float = 1.0,
) -> Check:
    outcome = paired_outcome(
        cfg,
        candidate,
        baseline,
        config.bootstrap,
        baseline_label=baseline_label,
        margin_scale=margin_scale,
        vacuous_without_samples=kind == "regression",
    )
    return Check(
        name=cfg.name,
        kind=kind,
        value=outcome.bound,
        threshold=outcome.threshold,
        passed=outcome.passed,
        detail=outcome.detail,
        op=outcome.op,
        metric=cfg.metric,
        scope=cfg.scope,
        ci=outcome.ci,
        judged=outcome.judged,
    )


def _not_compared(cfg: PairedCheckConfig, kind: CheckKind, detail: str) -> Check:
    threshold = cfg.margin if cfg.metric in LOWER_IS_BETTER else -cfg.margin
    op = "<=" if cfg.metric in LOWER_IS_BETTER else ">="
    return Check(cfg.name, kind, None, threshold, False, detail, op, cfg.metric, cfg.scope)


def _digest_check(candidate: EvalRun, production: EvalRun) -> Check:
    cand = {f"{d.name}/{d.version}": d.digest for d in candidate.datasets}
    prod = {f"{d.name}/{d.version}": d.digest for d in production.datasets}
    problems = [
        f"{key}: candidate {cand.get(key, '(absent)')} vs production {prod.get(key, '(absent)')}"
        for key in sorted(cand.keys() | prod.keys())
        if cand.get(key) != prod.get(key)
    ]
    detail = "; ".join(problems) if problems else f"same datasets and digests: {', '.join(cand)}"
    return Check("dataset_digests", "consistency", None, None, not problems, detail)


def _judge_check(candidate: EvalRun, production: EvalRun) -> Check:
    same = (candidate.judge_model, candidate.judge_is_baseline) == (
        production.judge_model,
        production.judge_is_baseline,
    )
    detail = (
        f"both judged by {candidate.judge_model}"
        if same
        else f"candidate judged by {candidate.judge_model}, production by {production.judge_model}"
    )
    return Check("same_judge", "consistency", None, None, same, detail)
