"""Aggregate one `EvalRun` into `RunMetrics`: a pure function over frozen per-sample results.

Conventions, stated once so every report reads the same way:
- Errored results (``error`` set or no output) count in ``error_rate`` and are excluded from
  every quality mean, rate and corpus score; ``n_scored`` says how many outputs were scored.
- Latency percentiles use every result's latency, errored requests included (a timeout is
  a real wait for the agent). A cached output carries the latency measured by the run that
  produced it (never a cache lookup time); ``n_latency_cached`` says how many did, and
  `--remeasure` calls the model again when fresh figures are wanted.
- A metric that cannot be computed (nothing to average) is None, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from eval.corpus import corpus_inputs, corpus_scores
from eval.stats import mean, percentile
from eval.types import EvalRun, EvalSample, SampleResult
from service.claims import CLAIM_KINDS

# Score names a metric may be recorded under; the ragas scorer names itself
# "ragas_faithfulness", the gate and reports call the metric "faithfulness".
SCORE_ALIASES: dict[str, tuple[str, ...]] = {"faithfulness": ("faithfulness", "ragas_faithfulness")}
# Run rates read from the claim checker's findings, one per kind of wrong claim
# (`service.claims.CLAIM_KINDS`): a sample counts when the checker found at least one
# problem of the kind. The metric is `<kind>_rate`; the gate check is named after the kind.
CLAIM_RATES: dict[str, frozenset[str]] = {
    kind.metric: frozenset(kind.categories) for kind in CLAIM_KINDS
}


@dataclass(frozen=True)
class RunMetrics:
    """Run-level metrics of one pair on one slice of the datasets (see module docstring).

    Rates are fractions in [0, 1]; BLEU/chrF are on the 0-100 scale; costs are USD.
    ``by_dataset`` maps each dataset name (e.g. ``golden/v1``) to its own metrics; it is
    empty inside those per-dataset entries.
    """

    n_samples: int
    n_results: int
    n_errors: int
    n_scored: int
    error_rate: float | None
    fallback_rate: float | None
    pii_leaks: int | None
    corpus_bleu: float | None
    corpus_chrf: float | None
    bleu_mean: float | None
    chrf_mean: float | None
    key_fact_recall_mean: float | None
    judge_mean: float | None
    judge_pass_rate: float | None
    judge_error_rate: float | None
    faithfulness_mean: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    latency_p99_ms: float | None
    n_latency_measured: int
    n_latency_cached: int
    cost_per_summary_usd: float | None
    judge_cost_per_sample_usd: float | None
    total_cost_usd: float
    total_judge_cost_usd: float
    cache_read_share: float | None
    by_dataset: Mapping[str, RunMetrics] = field(default_factory=dict)
    # `<kind>_rate` for every kind of wrong claim (see CLAIM_RATES); None when no summary
    # was claim-checked.
    claim_rates: Mapping[str, float | None] = field(default_factory=dict)
    # Share of claim-checked summaries with a claim the checker abstained on (the records
    # could not settle it): reported beside the rates, never counted as a pass or a finding.
    abstention_rate: float | None = None
    # For each rate metric, how many distinct samples it is a proportion of (the sample is
    # the unit: trials of one sample are not independent evidence).
    rate_n: Mapping[str, int] = field(default_factory=dict)

    def get(self, metric: str) -> float | None:
        """The numeric value of field `metric` (None when not computed).

        Raises:
            KeyError: If `metric` is not a numeric field of RunMetrics.
        """
        if metric not in NUMERIC_METRICS:
            raise KeyError(f"unknown metric {metric!r}; known: {', '.join(NUMERIC_METRICS)}")
        value = self.claim_rates.get(metric) if metric in CLAIM_RATES else getattr(self, metric)
        return None if value is None else float(value)


NUMERIC_METRICS: tuple[str, ...] = (
    *(
        name
        for name in RunMetrics.__dataclass_fields__
        if name not in {"by_dataset", "rate_n", "claim_rates"}
    ),
    *CLAIM_RATES,
)


def is_errored(result: SampleResult) -> bool:
    """True when the result has no usable output (the summarizer raised or returned nothing)."""
    return result.error is not None or result.output is None


def in_scope(dataset: str, scope: str) -> bool:
    """Whether a result's dataset belongs to `scope`: ``all`` or a dataset-name prefix."""
    return scope == "all" or dataset == scope or dataset.startswith(scope.rstrip("/") + "/")


def aggregate(run: EvalRun, *, scope: str = "all", corpus: bool = True) -> RunMetrics:
    """Aggregate a run, optionally restricted to datasets under `scope`.

    Args:
        run: The evaluated run; ``run.samples`` supplies references for corpus BLEU/chrF.
        scope: ``all`` or a dataset-name prefix such as ``golden`` or ``regressions``.
        corpus: Compute corpus BLEU/chrF (the slowest figures; None when False, for callers
            such as the gate that do not read them).

    Returns:
        Metrics of the slice plus a per-dataset breakdown. An empty run gives counts of 0
        and None for every ratio.
    """
    results = [r for r in run.results if in_scope(r.dataset, scope)]
    samples = [s for s in run.samples if in_scope(s.dataset, scope)]
    known = {digest: (bleu, chrf) for digest, bleu, chrf in run.corpus}
    by_dataset = {
        name: _metrics(
            [r for r in results if r.dataset == name],
            [s for s in samples if s.dataset == name],
            corpus=corpus,
            known=known,
        )
        for name in sorted({r.dataset for r in results} | {s.dataset for s in samples})
    }
    return _metrics(results, samples, by_dataset=by_dataset, corpus=corpus, known=known)


def corpus_slices(results: Sequence[SampleResult]) -> list[list[SampleResult]]:
    """The scored results `aggregate` computes corpus scores over: all, then each dataset."""
    scored = [r for r in results if not is_errored(r)]
    names = sorted({r.dataset for r in scored})
    return [scored] + [[r for r in scored if r.dataset == name] for name in names]


def _metrics(
    results: list[SampleResult],
    samples: list[EvalSample],
    *,
    by_dataset: Mapping[str, RunMetrics] | None = None,
    corpus: bool = True,
    known: Mapping[str, tuple[float, float]] | None = None,
) -> RunMetrics:
    scored = [r for r in results if not is_errored(r)]
    latencies = [r.latency_ms for r in results]
    measured = [r for r in results if r.latency_source == "measured"]
    claimed = [r for r in scored if r.scores.get("claims") is not None]
    claim_rates = {
        metric: _ratio(sum(claim_flag(r, metric) for r in claimed), len(claimed))
        for metric in CLAIM_RATES
    }
    with_judge = [r for r in scored if "judge" in r.scores]
    judge_scores = [r.scores["judge"] for r in with_judge]
    judged_results = [
        r
        for r in with_judge
        if r.scores["judge"].value is not None and r.scores["judge"].passed is not None
    ]
    judged = [r.scores["judge"] for r in judged_results]
    input_tokens = sum(r.input_tokens for r in results)
    total_cost = sum(r.cost_usd for r in results)
    total_judge = sum(r.judge_cost_usd for r in results)
    inputs = corpus_inputs(scored, {(s.dataset, s.id): s for s in samples}) if corpus else None
    corpus_bleu, corpus_chrf = corpus_scores(inputs, known or {}) if inputs else (None, None)
    return RunMetrics(
        n_samples=len(samples),
        n_results=len(results),
        n_errors=len(results) - len(scored),
        n_scored=len(scored),
        error_rate=_ratio(len(results) - len(scored), len(results)),
        # Over all attempts: an attempt that failed over and then errored still failed over.
        fallback_rate=_ratio(sum(r.fallback_used for r in results), len(results)),
        # None (not 0) when no PII scorer ran, so the gate cannot pass an unchecked run.
        pii_leaks=_total(_values(scored, "pii_leak")),
        corpus_bleu=corpus_bleu,
        corpus_chrf=corpus_chrf,
        bleu_mean=mean(_values(scored, "bleu")),
        chrf_mean=mean(_values(scored, "chrf")),
        key_fact_recall_mean=mean(_values(scored, "key_fact_recall")),
        judge_mean=mean([s.value for s in judged if s.value is not None]),
        judge_pass_rate=_ratio(sum(bool(s.passed) for s in judged), len(judged)),
        judge_error_rate=_ratio(sum(s.value is None for s in judge_scores), len(judge_scores)),
        faithfulness_mean=mean(_values(scored, "faithfulness")),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        latency_p99_ms=percentile(latencies, 99),
        n_latency_measured=len(measured),
        n_latency_cached=len(results) - len(measured),
        # Spend on failed attempts is real spend, so it is charged to the summaries delivered.
        cost_per_summary_usd=_ratio(total_cost, len(scored)),
        judge_cost_per_sample_usd=_ratio(total_judge, len(scored)),
        total_cost_usd=total_cost,
        total_judge_cost_usd=total_judge,
        # input_tokens already includes cache reads and writes (see service.gateway).
        cache_read_share=_ratio(sum(r.cache_read_tokens for r in results), input_tokens),
        by_dataset=dict(by_dataset or {}),
        claim_rates=claim_rates,
        abstention_rate=_ratio(sum(_abstained(r) for r in claimed), len(claimed)),
        rate_n={
            "error_rate": _units(results),
            "fallback_rate": _units(results),
            **{metric: _units(claimed) for metric in CLAIM_RATES},
            "judge_pass_rate": _units(judged_results),
            "judge_error_rate": _units(with_judge),
        },
    )


def _units(results: Iterable[SampleResult]) -> int:
    """Distinct samples among `results` (trials of one sample count once)."""
    return len({(r.dataset, r.sample_id) for r in results})


def _abstained(result: SampleResult) -> bool:
    score = result.scores.get("claims")
    return bool(score is not None and score.metadata.get("abstentions"))


def claim_flag(result: SampleResult, metric: str) -> bool:
    """Whether the claim checker found a problem counted by rate `metric` in `result`."""
    score = result.scores.get("claims")
    if score is None:
        return False
    categories = score.metadata.get("categories") or {}
    return any(categories.get(category) for category in CLAIM_RATES[metric])


def values_of(results: Iterable[SampleResult], name: str) -> list[float]:
    """Non-None values of score `name` over non-errored results, in order."""
    return _values([r for r in results if not is_errored(r)], name)


def score_value(result: SampleResult, name: str) -> float | None:
    """The value of metric `name` on one result, trying the score names it may be stored under."""
    for alias in SCORE_ALIASES.get(name, (name,)):
        value = result.value(alias)
        if value is not None:
            return value
    return None


def _values(results: Iterable[SampleResult], name: str) -> list[float]:
    return [v for v in (score_value(r, name) for r in results) if v is not None]


def _total(values: list[float]) -> int | None:
    return int(sum(values)) if values else None


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator
