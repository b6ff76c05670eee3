"""An unchanged evaluation re-uses its corpus scores and its plots; any change recomputes.

Corpus BLEU/chrF and the report's plots are the slow parts of aggregating and reporting a
run. The runner computes the corpus scores once, through the eval cache, and the report
remembers each plot by the data it draws; neither may ever serve a stale figure.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest
import sacrebleu
from gate_runs import build_run, drops_customer_data
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.aggregate import aggregate
from eval.cache import EvalCache
from eval.corpus import CACHE_KIND, corpus_digest, corpus_inputs
from eval.dataset.loader import load_golden
from eval.gate import decide
from eval.gate.config import load_gate_config
from eval.report.plot_cache import PlotCache
from eval.report.plots import plot_delta, plot_distributions
from eval.runner import evaluate
from eval.samples import golden_samples
from eval.types import EvalRun, EvalSample
from service.gateway import ModelGateway
from service.local_models.provider import register_local_models
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[2]


def _evaluate(samples: list[EvalSample], cache: EvalCache) -> EvalRun:
    register_local_models()
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    return asyncio.run(
        evaluate(
            pair,
            samples,
            (),
            gateway=ModelGateway(),
            scorers=[],
            judge_model="none",
            judge_is_baseline=True,
            cache=cache,
        )
    )


def _sacrebleu(run: EvalRun) -> tuple[float, float]:
    refs = {(s.dataset, s.id): s.references for s in run.samples}
    hyps = [r.output or "" for r in run.results]
    width = max(len(refs[(r.dataset, r.sample_id)]) for r in run.results)
    streams = [
        [
            refs[(r.dataset, r.sample_id)][j] if j < len(refs[(r.dataset, r.sample_id)]) else None
            for r in run.results
        ]
        for j in range(width)
    ]
    return (
        sacrebleu.corpus_bleu(hyps, streams).score,  # type: ignore[arg-type]
        sacrebleu.corpus_chrf(hyps, streams).score,  # type: ignore[arg-type]
    )


def test_the_runner_remembers_corpus_scores_and_they_match_sacrebleu(tmp_path: Path) -> None:
    golden, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    cache = EvalCache(tmp_path / "cache.sqlite")
    first = _evaluate(golden[:6], cache)
    assert first.corpus, "the runner precomputed the corpus scores"
    digest = first.corpus[0][0]
    assert cache.get(CACHE_KIND, digest) is not None
    metrics = aggregate(first)
    bleu, chrf = _sacrebleu(first)
    assert metrics.corpus_bleu == pytest.approx(bleu)
    assert metrics.corpus_chrf == pytest.approx(chrf)

    # A warm run reads them back; they are the same figures.
    second = _evaluate(golden[:6], cache)
    assert second.corpus == first.corpus
    assert aggregate(second).corpus_bleu == pytest.approx(bleu)
    cache.close()


def test_a_run_edited_after_evaluation_never_reads_stale_corpus_scores(tmp_path: Path) -> None:
    golden, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    cache = EvalCache(tmp_path / "cache.sqlite")
    run = _evaluate(golden[:6], cache)
    cache.close()
    # Replace one output: the precomputed scores no longer describe this run's texts.
    edited = replace(
        run,
        results=(replace(run.results[0], output="Completely different words."), *run.results[1:]),
    )
    bleu, chrf = _sacrebleu(edited)
    assert aggregate(edited).corpus_bleu == pytest.approx(bleu)
    assert aggregate(edited).corpus_chrf == pytest.approx(chrf)
    assert aggregate(edited).corpus_bleu != aggregate(run).corpus_bleu


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=3),
    st.text(min_size=1, max_size=12),
)
def test_the_corpus_digest_changes_with_any_text(hyps: list[str], index: int, new: str) -> None:
    run = build_run(n_regression=0, n_golden=len(hyps))
    results = tuple(replace(r, output=h) for r, h in zip(run.results, hyps, strict=False))
    samples = {(s.dataset, s.id): s for s in run.samples}
    inputs = corpus_inputs(results, samples)
    assert inputs is not None
    position = index % len(results)
    if results[position].output == new:
        return
    edited = replace(results[position], output=new)
    changed = (*results[:position], edited, *results[position + 1 :])
    other = corpus_inputs(changed, samples)
    assert other is not None
    assert corpus_digest(inputs) != corpus_digest(other)


class _Counting:
    """Wraps a PlotCache and counts how many plots had to be drawn."""

    def __init__(self, cache: PlotCache) -> None:
        self.cache, self.drawn = cache, 0

    def png(self, kind: str, data: object, draw: object) -> bytes:
        def counted() -> bytes:
            self.drawn += 1
            return draw()  # type: ignore[operator, no-any-return]

        return self.cache.png(kind, data, counted)


def test_plots_are_drawn_once_per_distinct_data(tmp_path: Path) -> None:
    candidate = build_run(drops_customer_data, n_regression=0, n_golden=40)
    production = build_run(n_regression=0, n_golden=40)
    cache = _Counting(PlotCache(tmp_path / "plots"))

    first = plot_distributions(candidate, production, cache)
    assert cache.drawn == 1
    assert plot_distributions(candidate, production, cache) == first
    assert cache.drawn == 1  # remembered, byte for byte
    # Drawn without a cache, the same data gives the same picture.
    assert plot_distributions(candidate, production) == first

    slower = replace(
        candidate, results=tuple(replace(r, latency_ms=r.latency_ms * 3) for r in candidate.results)
    )
    assert plot_distributions(slower, production, cache) != first
    assert cache.drawn == 2  # new data, new plot

    verdict = decide(candidate, production, load_gate_config())
    check = next(c for c in verdict.checks if c.ci is not None)
    delta = plot_delta(candidate, production, check, empty=set(), cache=cache)
    again = plot_delta(candidate, production, check, empty=set(), cache=cache)
    assert cache.drawn == 3 and again == delta


def test_the_plot_cache_keeps_only_the_newest_plots(tmp_path: Path) -> None:
    cache = PlotCache(tmp_path / "plots", keep=3)
    for n in range(6):
        cache.png("n", n, lambda n=n: f"png {n}".encode())  # type: ignore[misc]
    assert len(list((tmp_path / "plots").glob("*.png"))) == 3
    assert not list((tmp_path / "plots").glob("*.tmp"))
