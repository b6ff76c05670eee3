"""The runner's first model call runs alone, then the rest at once: a client's one-time set-up
is paid by one sample, not reported as latency by every call in flight beside it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from eval.dataset.loader import load_golden
from eval.runner import RunOptions, evaluate
from eval.samples import golden_samples
from service.gateway import Completion
from service.model_config import ModelConfig
from service.model_usage import TokenUsage
from service.prompt_source import load_prompt_dir
from service.prompts import RenderedPrompt

ROOT = Path(__file__).resolve().parents[2]


class InFlight:
    """A model that only waits (as a remote one does) and records how many calls were in
    flight at each start; the first `failures` calls fail instead."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.now = 0
        self.at_start: list[int] = []

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion:
        self.now += 1
        self.at_start.append(self.now)
        try:
            await asyncio.sleep(0.2)  # any call allowed to run beside this one starts now
            if len(self.at_start) <= self.failures:
                raise TimeoutError("first call timed out")
            usage = TokenUsage(input_tokens=100, output_tokens=20)
            return Completion("A summary.", config.primary, usage, 0.0, 200.0, False)
        finally:
            self.now -= 1


@pytest.mark.parametrize("failures", [0, 1], ids=["answered", "failed"])
def test_the_first_call_runs_alone_and_the_rest_together(failures: int) -> None:
    golden, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    samples = [s for s in golden if s.interactions][:24]
    gateway = InFlight(failures)
    run = asyncio.run(
        evaluate(
            load_prompt_dir(ROOT / "prompts" / "omni-summary").pair,
            samples,
            (),
            gateway=gateway,
            scorers=[],
            judge_model="none",
            judge_is_baseline=True,
            options=RunOptions(concurrency=16),
        )
    )
    assert gateway.at_start[0] == 1
    # The rest together: calls that only wait are let in up to the maximum (eval.concurrency).
    assert 1 < max(gateway.at_start[1:]) <= 16
    assert [r.sample_id for r in run.results] == [s.id for s in samples]  # order kept
    assert sum(r.error is not None for r in run.results) == failures
