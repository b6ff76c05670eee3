"""A matrix spread over worker processes: the same results as in one process, a shared
cache, and failures that name their pair."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from oci_testing.failing_gateway import EXITS_ON, RAISES_ON, BreakingGateway

from eval.dataset.loader import load_golden
from eval.matrix.harness import Harness
from eval.matrix.pairs import Entry, with_models
from eval.matrix.processes import run_pairs
from eval.matrix.workers import WorkerFailedError
from eval.runner import RunOptions
from eval.samples import golden_samples
from eval.types import DatasetInfo, EvalRun, EvalSample
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair, content_hash

ROOT = Path(__file__).resolve().parents[2]
MODELS = ("local/extractive-summarizer", "local/lead-baseline")


def _matrix() -> tuple[list[Entry], list[EvalSample], list[DatasetInfo]]:
    base = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    samples, info = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    entries = with_models(base, MODELS, None)
    # A second label for the first pair: evaluated once, reported under both.
    return [*entries, Entry("again", entries[0].pair)], samples[:4], [info]


def _per_sample(run: EvalRun) -> list[tuple[Any, ...]]:
    """Everything a sample's result says except how long it took."""
    return [
        (
            r.sample_id,
            r.output,
            r.error,
            r.model_used,
            r.input_tokens,
            r.output_tokens,
            r.cost_usd,
            {name: (score.value, score.passed) for name, score in sorted(r.scores.items())},
        )
        for r in run.results
    ]


def test_workers_give_the_in_process_results_and_share_the_cache(tmp_path: Path) -> None:
    entries, samples, datasets = _matrix()
    options = RunOptions(concurrency=2)
    scorers = ("bleu", "key_fact_recall", "judge")
    alone = run_pairs(
        entries, samples, datasets, harness=Harness(scorers), options=options, processes=1
    )
    cached = Harness(scorers, cache_path=tmp_path / "eval-cache.sqlite")
    steps: dict[str, int] = {}

    def count(label: str, n: int) -> None:
        steps[label] = steps.get(label, 0) + n

    spread = run_pairs(
        entries, samples, datasets, harness=cached, options=options, processes=2, on_steps=count
    )
    assert [_per_sample(run) for run in spread] == [_per_sample(run) for run in alone]
    assert spread[0] is spread[2]  # two labels, one evaluation
    # A summary and a score per sample, for every label, the second one's too.
    assert steps == {entry.label: 2 * len(samples) for entry in entries}
    again = run_pairs(entries, samples, datasets, harness=cached, options=options, processes=2)
    # The second run's workers read what the first run's workers wrote.
    sources = {r.latency_source for run in again for r in run.results if r.output is not None}
    assert sources == {"cached"}
    assert [_per_sample(run) for run in again] == [_per_sample(run) for run in alone]


def _marked(entry: Entry, label: str, max_tokens: int) -> Entry:
    """The entry's pair with another `max_tokens`, the mark `BreakingGateway` breaks on."""
    pair = entry.pair
    config = pair.model.model_copy(update={"max_tokens": max_tokens})
    digest = content_hash(pair.template, config)
    return Entry(label, PromptPair(pair.name, label, pair.template, config, digest, pair.source))


def test_a_worker_that_raises_or_dies_is_named_by_its_pair() -> None:
    entries, samples, datasets = _matrix()
    # Three processes: this one runs the first pair, a worker each of the others.
    marked = [
        entries[0],
        _marked(entries[0], "raises", RAISES_ON),
        _marked(entries[0], "exits", EXITS_ON),
    ]
    with pytest.raises(WorkerFailedError) as failure:
        run_pairs(
            marked,
            samples,
            datasets,
            harness=Harness((), gateway_factory=BreakingGateway),
            options=RunOptions(concurrency=2),
            processes=3,
        )
    message = str(failure.value)
    assert "worker for pair(s) raises: " in message
    assert "WorkerBreak: broken on purpose" in message
    assert "worker for pair(s) exits: the worker process exited with code 3" in message
    assert entries[0].label not in message
