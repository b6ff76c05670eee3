"""The promotion gate: absolute thresholds plus paired non-inferiority against production.

`decide` is pure: two frozen runs and a config in, a frozen `Verdict` out, listing every
check with its value, threshold and outcome. Nothing is skipped silently: a comparison that
cannot be made (different dataset digests, different judges, too few pairs) is a failed check
that says why.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from eval.aggregate import RunMetrics, aggregate, in_scope, is_errored, score_value
from eval.gate_config import (
    DEFAULT_GATE_PATH,
    LOWER_IS_BETTER,
    AbsoluteCheckConfig,
    GateConfig,
    GateConfigError,
    PairedCheckConfig,
    load_gate_config,
)
from eval.stats import PairedCI, paired_bootstrap_ci
from eval.types import EvalRun

__all__ = [
    "DEFAULT_GATE_PATH",
    "Check",
    "GateConfig",
    "GateConfigError",
    "PairedValues",
    "Verdict",
    "decide",
    "load_gate_config",
    "pair_values",
]

CheckKind = Literal["absolute", "non_inferiority", "regression", "consistency"]
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


@dataclass(frozen=True)
class Verdict:
    """The gate's decision: PASS only if every check passed."""

    passed: bool
    checks: tuple[Check, ...]
    compared_with: str | None
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks that failed, in order."""
        return tuple(c for c in self.checks if not c.passed)


@dataclass(frozen=True)
class PairedValues:
    """Per-sample values of one metric on results present and scored in both runs."""

    keys: tuple[tuple[str, str, int], ...]
    candidate: tuple[float, ...]
    production: tuple[float, ...]


def pair_values(
    candidate: EvalRun, production: EvalRun, metric: str, *, scope: str = "all"
) -> PairedValues:
    """Pair score `metric` by (dataset, sample_id, trial) over datasets in `scope`.

    Errored results and scores that do not apply (value None) are left out on both sides;
    errors are the error-rate check's business, not a quality delta.
    """
    prod = {
        (r.dataset, r.sample_id, r.trial): score_value(r, metric)
        for r in production.results
        if in_scope(r.dataset, scope) and not is_errored(r)
    }
    keys: list[tuple[str, str, int]] = []
    cand_values: list[float] = []
    prod_values: list[float] = []
    for r in candidate.results:
        key = (r.dataset, r.sample_id, r.trial)
        value, base = score_value(r, metric), prod.get(key)
        if (
            in_scope(r.dataset, scope)
            and not is_errored(r)
            and value is not None
            and base is not None
        ):
            keys.append(key)
            cand_values.append(value)
            prod_values.append(base)
    return PairedValues(tuple(keys), tuple(cand_values), tuple(prod_values))


def decide(candidate: EvalRun, production: EvalRun | None, config: GateConfig) -> Verdict:
    """Judge a candidate run against the gate.

    Args:
        candidate: The candidate pair's run.
        production: The current production pair's run on the same datasets, or None when there
            is no production pair yet (first bootstrap): then only absolute checks run.
        config: The gate configuration.

    Returns:
        A verdict listing every check; `passed` is True only if all of them passed.
    """
    metrics: dict[str, RunMetrics] = {}
    checks: list[Check] = []
    for absolute in config.absolute:
        if absolute.scope not in metrics:
            metrics[absolute.scope] = aggregate(candidate, scope=absolute.scope)
        checks.append(_absolute(absolute, metrics[absolute.scope]))
    notes: list[str] = []
    if production is None:
        notes.append("no production pair to compare with: absolute checks only (first bootstrap)")
        return Verdict(all(c.passed for c in checks), tuple(checks), None, tuple(notes))
    consistency = [_digest_check(candidate, production)]
    if config.require_same_judge:
        consistency.append(_judge_check(candidate, production))
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
    label = f"{production.pair.name}@{production.pair.version}"
    return Verdict(all(c.passed for c in checks), tuple(checks), label, tuple(notes))


def _absolute(cfg: AbsoluteCheckConfig, metrics: RunMetrics) -> Check:
    value = metrics.get(cfg.metric)
    base = Check(
        cfg.name, "absolute", value, cfg.threshold, False, "", cfg.op, cfg.metric, cfg.scope
    )
    if value is None:
        skipped = cfg.on_missing == "skip"
        why = "skipped by config" if skipped else "a metric that was not measured cannot pass"
        return replace(base, passed=skipped, detail=f"not measured on scope {cfg.scope!r}; {why}")
    passed = _OPS[cfg.op](value, cfg.threshold)
    detail = f"{cfg.metric} on scope {cfg.scope!r} ({metrics.n_results} results)"
    return replace(base, passed=passed, detail=detail)


def _paired(
    cfg: PairedCheckConfig,
    kind: CheckKind,
    candidate: EvalRun,
    production: EvalRun,
    config: GateConfig,
) -> Check:
    lower_better = cfg.metric in LOWER_IS_BETTER
    op, threshold = ("<=", cfg.margin) if lower_better else (">=", -cfg.margin)
    base = Check(cfg.name, kind, None, threshold, False, "", op, cfg.metric, cfg.scope)
    pairs = pair_values(candidate, production, cfg.metric, scope=cfg.scope)
    n = len(pairs.keys)
    has_prod = any(in_scope(r.dataset, cfg.scope) for r in production.results)
    if n == 0 and kind == "regression" and not has_prod:
        return replace(base, passed=True, detail=f"no {cfg.scope!r} samples in either run")
    if n < cfg.min_pairs:
        return replace(
            base, detail=f"only {n} paired samples on {cfg.scope!r}; need {cfg.min_pairs}"
        )
    b = config.bootstrap
    ci = paired_bootstrap_ci(
        pairs.candidate,
        pairs.production,
        n_resamples=b.n_resamples,
        confidence=b.confidence,
        seed=b.seed,
    )
    assert ci is not None  # n >= min_pairs >= 1
    bound = ci.high if lower_better else ci.low
    side = "upper" if lower_better else "lower"
    detail = (
        f"Δ {cfg.metric} (candidate − production) mean {ci.mean_diff:+.4g}, "
        f"{b.confidence:.0%} CI [{ci.low:+.4g}, {ci.high:+.4g}], n={n}; "
        f"{side} bound must be {op} {threshold:+g}"
    )
    return replace(base, value=bound, passed=_OPS[op](bound, threshold), detail=detail, ci=ci)


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
