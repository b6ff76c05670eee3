"""Run-level aggregation: error handling, latency sources, corpus scores, per-dataset slices."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sacrebleu
from gate_runs import GOLDEN, REGRESSION, build_run, samples

from eval.aggregate import aggregate
from eval.types import EvalRun, Score


def test_aggregate_empty_run_gives_counts_and_nones() -> None:
    run = replace(build_run(), results=(), samples=())
    m = aggregate(run)
    assert (m.n_samples, m.n_results, m.n_scored) == (0, 0, 0)
    assert m.error_rate is None and m.corpus_bleu is None and m.latency_p95_ms is None
    assert m.pii_leaks is None and m.cost_per_summary_usd is None and m.by_dataset == {}


def test_aggregate_errors_count_in_error_rate_and_leave_quality_means() -> None:
    run = build_run()
    broken = tuple(
        replace(r, output=None, error="timeout", scores={}) if i < 10 else r
        for i, r in enumerate(run.results)
    )
    m = aggregate(replace(run, results=broken))
    assert m.n_errors == 10 and m.error_rate == pytest.approx(10 / 205)
    assert m.n_scored == 195
    scored = broken[10:]
    expected = sum(r.value("judge") or 0 for r in scored) / len(scored)
    assert m.judge_mean == pytest.approx(expected)
    # Errored requests still waited: their measured latency is in the percentiles.
    assert m.n_latency_measured == 205


def test_aggregate_latency_uses_measured_only_and_counts_cached() -> None:
    run = build_run()
    cached = tuple(
        replace(r, latency_source="cached", latency_ms=1.0) if i % 2 else r
        for i, r in enumerate(run.results)
    )
    m = aggregate(replace(run, results=cached))
    assert m.n_latency_cached == 102 and m.n_latency_measured == 103
    assert m.latency_p50_ms is not None and m.latency_p50_ms > 100


def test_aggregate_corpus_bleu_matches_sacrebleu_with_padded_reference_streams() -> None:
    run = build_run(n_regression=0, n_golden=6)
    m = aggregate(run)
    hyps = [r.output or "" for r in run.results]
    refs = [s.references for s in run.samples]
    streams = [[r[0] for r in refs], [r[1] if len(r) > 1 else None for r in refs]]
    assert m.corpus_bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, streams).score)
    assert m.corpus_chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, streams).score)
    # Production outputs equal their first reference: corpus BLEU is perfect.
    assert m.corpus_bleu == pytest.approx(100.0)


def test_aggregate_rates_costs_and_cache_share() -> None:
    run = build_run()
    m = aggregate(run)
    assert m.get("unsupported_fact_rate") == 0.0 and m.pii_leaks == 0 and m.fallback_rate == 0.0
    assert m.cache_read_share == pytest.approx(1000 / 1500)
    assert m.cost_per_summary_usd == pytest.approx(sum(r.cost_usd for r in run.results) / 205)
    assert m.faithfulness_mean is None  # ragas never ran: None, not 0
    assert m.judge_pass_rate is not None and m.judge_pass_rate > 0.9


def test_aggregate_breaks_down_by_dataset_and_scope() -> None:
    run: EvalRun = build_run()
    m = aggregate(run)
    assert set(m.by_dataset) == {GOLDEN, REGRESSION}
    assert m.by_dataset[GOLDEN].n_results == 200 and m.by_dataset[REGRESSION].n_results == 5
    assert m.by_dataset[REGRESSION].corpus_bleu is None  # reference-free
    golden_only = aggregate(run, scope="golden")
    assert golden_only.n_results == 200 and golden_only.n_samples == len(samples(200, 0))


def test_aggregate_unknown_metric_name_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="unknown metric"):
        aggregate(build_run()).get("bleu_score")


def test_aggregate_reads_faithfulness_from_the_ragas_scorer_name() -> None:
    run = build_run()
    with_ragas = tuple(
        replace(r, scores={**r.scores, "ragas_faithfulness": Score("ragas_faithfulness", 0.5)})
        for r in run.results
    )
    assert aggregate(replace(run, results=with_ragas)).faithfulness_mean == pytest.approx(0.5)
