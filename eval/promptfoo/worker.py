"""What one promptfoo Python worker process holds: a pair, the samples, the scorers, a loop.

promptfoo (>= 0.120) runs a Python provider in a pool of persistent worker processes
(`persistent_wrapper.py`), so everything here is built once per worker and per prompt
directory, not once per call. Each call then runs one sample through `eval.runner.evaluate`:
the same summarizer call, error handling and scorers as `make eval`.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from eval.inputs import DEFAULT_SCORERS, judge_config, load_eval_samples
from eval.promptfoo.assertions import METADATA_KEY
from eval.runner import RunOptions, evaluate
from eval.scorers import build_scorers
from eval.types import DatasetInfo, EvalSample, SampleResult, Scorer
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair
from service.settings import Settings


@dataclass
class PairWorker:
    """One pair's evaluation state inside a promptfoo worker process."""

    pair: PromptPair
    samples: dict[tuple[str, str], EvalSample]
    datasets: tuple[DatasetInfo, ...]
    scorers: list[Scorer]
    gateway: ModelGateway
    judge_model: str
    judge_is_baseline: bool
    # One loop for the worker's life: litellm caches async HTTP clients per loop, so a fresh
    # `asyncio.run` per call would leave them bound to closed loops.
    loop: asyncio.AbstractEventLoop

    def run(self, dataset: str, sample_id: str) -> SampleResult:
        """Summarize and score one sample (KeyError names an unknown sample)."""
        try:
            sample = self.samples[(dataset, sample_id)]
        except KeyError as error:
            raise KeyError(f"no sample {dataset}/{sample_id} in the eval datasets") from error
        run = self.loop.run_until_complete(
            evaluate(
                self.pair,
                [sample],
                self.datasets,
                gateway=self.gateway,
                scorers=self.scorers,
                judge_model=self.judge_model,
                judge_is_baseline=self.judge_is_baseline,
                cache=None,
                options=RunOptions(concurrency=1),
            )
        )
        return run.results[0]


_WORKERS: dict[tuple[str, str, str], PairWorker] = {}


def pair_worker(prompt_dir: str, datasets_dir: str, dataset_version: str) -> PairWorker:
    """The worker state for a prompt directory, built on first use in this process."""
    key = (prompt_dir, datasets_dir, dataset_version)
    if key not in _WORKERS:
        settings = Settings(datasets_dir=Path(datasets_dir))
        samples, datasets = load_eval_samples(settings, dataset_version)
        judge = judge_config(settings)
        gateway = ModelGateway()
        gateway.load()  # this worker exists to call the model: load the clients up front
        pair = load_prompt_dir(Path(prompt_dir)).pair
        _WORKERS[key] = PairWorker(
            pair=pair,
            samples={(s.dataset, s.id): s for s in samples},
            datasets=tuple(datasets),
            scorers=build_scorers(
                DEFAULT_SCORERS, judge=judge, gateway=gateway, system_prompts=[pair.template.system]
            ),
            gateway=gateway,
            judge_model=judge.model,
            judge_is_baseline=judge.is_baseline,
            loop=asyncio.new_event_loop(),
        )
    return _WORKERS[key]


def provider_response(worker: PairWorker, result: SampleResult) -> dict[str, Any]:
    """promptfoo's ProviderResponse for one result; the full `SampleResult` rides in metadata.

    `latencyMs` is the summarizer's own measurement (what `make eval` gates on); promptfoo
    prefers a provider-reported latency over its own, so its `latency` assertion sees it too.
    """
    record = json.loads(json.dumps(asdict(result), default=str))
    response: dict[str, Any] = {
        "output": result.output or "",
        "cost": result.cost_usd,
        "latencyMs": round(result.latency_ms, 3),
        "tokenUsage": {
            "prompt": result.input_tokens,
            "completion": result.output_tokens,
            "total": result.input_tokens + result.output_tokens,
        },
        "metadata": {
            METADATA_KEY: {
                "sample_result": record,
                "pair": f"{worker.pair.name}@{worker.pair.version}",
                "content_hash": worker.pair.content_hash,
                "model": worker.pair.model.primary,
                "judge_model": worker.judge_model,
                "judge_is_baseline": worker.judge_is_baseline,
            }
        },
    }
    if result.error is not None:
        response["error"] = result.error
    return response
