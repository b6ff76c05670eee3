"""The eval runner: every sample through the production summarizer, then every scorer.

Bounded concurrency, per-sample results (an errored sample is recorded and counted, never
dropped), repeated trials for judge-noise estimates, and a cache of model outputs so an
unchanged pair costs nothing to re-run. Latency is never invented from the cache: a cached
output carries the latency measured when it was produced and is marked `cached`, unless
`remeasure` asks for fresh model calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import service
from eval.aggregate import corpus_slices
from eval.cache import EvalCache, cache_key
from eval.concurrency import AdaptiveLimit, steered
from eval.corpus import precompute
from eval.samples import sample_digest
from eval.scoring_code import scoring_digest
from eval.types import DatasetInfo, EvalRun, EvalSample, PairInfo, SampleResult, Score, Scorer
from service.prompts import PromptPair
from service.summarizer import CompletionGateway, summarize

OUTPUT_CACHE_VERSION = "1"
SCORE_CACHE_VERSION = "1"


@dataclass(frozen=True)
class RunOptions:
    """How to run: concurrency, trials, and whether to re-measure latency."""

    concurrency: int = 16
    trials: int = 1
    remeasure: bool = False


@lru_cache(maxsize=1)
def local_code_digest() -> str:
    """Digest of the embedded models', the local judge's and the claim checker's code."""
    root = Path(service.__file__).parent
    judge = Path(__file__).parent / "judge"
    files = sorted(
        [
            *(root / "local_models").glob("*.py"),
            *(root / "claims").glob("*.py"),
            *judge.glob("local_*.py"),
        ]
    )
    digest = hashlib.sha256()
    for path in [*files, root / "pii.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def local_model_code(pair: PromptPair) -> str:
    """A digest of the embedded models' code when the pair uses one, else "".

    An embedded model is code in this repository: a change to it changes its outputs under
    the same model name, so its cached outputs must not be reused.
    """
    models = (pair.model.primary, *pair.model.fallbacks)
    return local_code_digest() if any(m.startswith("local/") for m in models) else ""


async def _summarize_one(
    pair: PromptPair,
    sample: EvalSample,
    trial: int,
    gateway: CompletionGateway,
    cache: EvalCache | None,
    remeasure: bool,
) -> dict[str, Any]:
    """The summary fields of one sample/trial, from the cache or from the model."""
    key = cache_key(
        OUTPUT_CACHE_VERSION,
        pair.content_hash,
        sample.dataset,
        sample.id,
        sample_digest(sample),
        trial,
        local_model_code(pair),
    )
    if cache is not None and not remeasure:
        cached = cache.get("output", key)
        if cached is not None:
            return {**cached, "latency_source": "cached"}
    # The gateway loads its model clients on first use; that happens here, before the clock,
    # so the first sample's latency is the model's and not an import's.
    load = getattr(gateway, "load", None)
    if callable(load):
        load()
    started = time.perf_counter()
    try:
        summary = await summarize(sample.interactions, sample.options, pair, gateway)
    except Exception as error:  # noqa: BLE001 - recorded per sample, counted in error_rate
        # A failed call is not instant: the agent waited until it failed (a timeout waits
        # the whole budget), so the wait counts in the latency percentiles.
        return {
            "output": None,
            "error": f"{type(error).__name__}: {error}"[:500],
            "model_used": "none",
            "fallback_used": False,
            "model_called": False,
            "input_tokens": 0,
            "output_tokens": 0,
            "cache_read_tokens": 0,
            "cache_write_tokens": 0,
            "cost_usd": 0.0,
            "latency_ms": (time.perf_counter() - started) * 1000.0,
            "latency_source": "measured",
        }
    fields = {
        "output": summary.text,
        "error": None,
        "model_used": summary.model_used,
        "fallback_used": summary.fallback_used,
        "model_called": summary.model_called,
        "input_tokens": summary.input_tokens,
        "output_tokens": summary.output_tokens,
        "cache_read_tokens": summary.cache_read_tokens,
        "cache_write_tokens": summary.cache_write_tokens,
        "cost_usd": summary.cost_usd,
        "latency_ms": summary.latency_ms,
        "latency_source": "measured",
    }
    if cache is not None:
        cache.put("output", key, fields)
    return fields


def _score_key(scorer: Scorer, sample: EvalSample, output: str) -> str:
    return cache_key(
        SCORE_CACHE_VERSION,
        scorer.name,
        scorer.version,
        scorer.fingerprint,
        scoring_digest(),
        sample.dataset,
        sample.id,
        sample_digest(sample),
        str(sample.tags.get("trial", 0)),
        hashlib.sha256(output.encode("utf-8")).hexdigest(),
    )


async def _score(
    scorers: Sequence[Scorer], sample: EvalSample, output: str, cache: EvalCache | None = None
) -> dict[str, Score]:
    """Every scorer's score; a score of an unchanged output by unchanged code is remembered
    (scorers that spend on a judge keep their own judge-answer cache and are always run)."""
    scores: dict[str, Score] = {}
    for scorer in scorers:
        key = _score_key(scorer, sample, output) if cache and scorer.cost_usd is None else None
        cached = cache.get("score", key) if cache is not None and key is not None else None
        if cached is not None:
            scores[scorer.name] = Score(**cached)
            continue
        try:
            scores[scorer.name] = await scorer.score(sample, output)
        except Exception as error:  # noqa: BLE001 - a broken scorer must not sink the run
            scores[scorer.name] = Score(
                scorer.name, None, None, f"scorer error: {type(error).__name__}: {error}"[:300]
            )
            continue
        if cache is not None and key is not None:
            # Metadata that is not JSON is not remembered: it is scored again next time.
            with contextlib.suppress(TypeError, ValueError):
                cache.put("score", key, asdict(scores[scorer.name]))
    return scores


async def _warm_then_gather(
    call: Callable[[EvalSample, int], Awaitable[dict[str, Any]]],
    jobs: Sequence[tuple[EvalSample, int]],
) -> list[dict[str, Any]]:
    """Every job's summary fields, in order: one at a time until the first real model call
    (answered or failed), then the rest at once.

    The first call through a client pays its one-time set-up (provider modules, credentials,
    connection pool), about half a second on a 2-core machine; run beside it, every call in
    flight would wait for that too and report it as model latency.
    """
    done: list[dict[str, Any]] = []
    for sample, trial in jobs:
        fields = await call(sample, trial)
        done.append(fields)
        if fields["latency_source"] == "measured" and (fields["model_called"] or fields["error"]):
            break
    rest = jobs[len(done) :]
    done.extend(await asyncio.gather(*(call(sample, trial) for sample, trial in rest)))
    return done


async def evaluate(
    pair: PromptPair,
    samples: Sequence[EvalSample],
    datasets: Sequence[DatasetInfo],
    *,
    gateway: CompletionGateway,
    scorers: Sequence[Scorer],
    judge_model: str,
    judge_is_baseline: bool,
    cache: EvalCache | None = None,
    options: RunOptions = RunOptions(),
    on_result: Callable[[SampleResult], None] | None = None,
    on_summarized: Callable[[], None] | None = None,
) -> EvalRun:
    """Evaluate `pair` on `samples` (× trials) and return every per-sample result.

    All model calls run first (bounded by `options.concurrency`), then every output is
    scored: latency is the model's, not the model's plus the harness's scoring.
    """
    started = time.perf_counter()
    # Up to `concurrency` calls in flight, fewer while their own CPU work would make them
    # wait on each other (eval.concurrency): the latency recorded is the endpoint's.
    gate = AdaptiveLimit(options.concurrency)

    async def call(sample: EvalSample, trial: int) -> dict[str, Any]:
        async with gate:
            fields = await _summarize_one(pair, sample, trial, gateway, cache, options.remeasure)
        if fields["latency_source"] == "measured" and fields["model_called"]:
            gate.observe(fields["latency_ms"])
        if on_summarized is not None:
            on_summarized()
        return fields

    # Every model call first, scoring after: scoring is CPU work on this event loop, and a
    # call whose answer waited behind it would be timed as slower than the model was.
    jobs = [(sample, trial) for trial in range(options.trials) for sample in samples]
    async with steered(gate):
        summaries = await _warm_then_gather(call, jobs)
    results = []
    for (sample, trial), fields in zip(jobs, summaries, strict=True):
        tagged = replace(sample, tags={**sample.tags, "trial": trial})
        output = fields["output"]
        scores = await _score(scorers, tagged, output, cache) if output is not None else {}
        judge = scores.get("judge")
        judge_cost = float(judge.metadata.get("cost_usd", 0.0)) if judge is not None else 0.0
        result = SampleResult(
            sample_id=sample.id,
            dataset=sample.dataset,
            trial=trial,
            scores=scores,
            judge_cost_usd=judge_cost,
            **fields,
        )
        if on_result is not None:
            on_result(result)
        results.append(result)
    wall_s = time.perf_counter() - started
    # Once here, through the cache, rather than at every aggregation of this run.
    corpus = precompute(corpus_slices(results), samples, cache) if cache is not None else ()
    return EvalRun(
        pair=PairInfo.of(pair),
        datasets=tuple(datasets),
        results=tuple(results),
        samples=tuple(samples),
        judge_model=judge_model,
        judge_is_baseline=judge_is_baseline,
        trials=options.trials,
        wall_s=wall_s,
        corpus=corpus,
    )
