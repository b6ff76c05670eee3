"""Wall time of a model matrix against the ideal, with the emulator at a fixed latency.

4 pairs (the committed prompt on four Bedrock model ids) x the golden samples, each pair at
concurrency 16, all pairs at once as `oci matrix` runs them, against the Converse emulator
answering every call after a fixed 1 s. Ideal = model calls x latency / (pairs x 16). Only
the model calls are timed (no scorers): the scheduling of the matrix, not the scoring, is
what this measures. Goal: wall <= 1.2 x ideal.

Usage: python bench/matrix_wall.py [--latency-ms 1000] [--concurrency 16] [--limit 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.dataset.loader import load_golden
from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.matrix import run_matrix, with_models
from eval.runner import RunOptions
from eval.samples import golden_samples
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[1]
MODELS = (
    "bedrock/converse/us.amazon.nova-micro-v1:0",
    "bedrock/converse/us.amazon.nova-lite-v1:0",
    "bedrock/converse/us.amazon.nova-pro-v1:0",
    "bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=1000.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "emulator")
    base = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    samples, info = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    samples = samples[: args.limit]
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    gateway = ModelGateway()
    with EmulatorServer(plan, isolation="process") as emulator:
        entries = with_models(base, MODELS, emulator.base_url)
        started = time.perf_counter()
        asyncio.run(
            run_matrix(
                entries,
                samples,
                [info],
                gateway=gateway,
                scorers=[],
                judge_model="none",
                judge_is_baseline=True,
                cache=None,
                options=RunOptions(concurrency=args.concurrency),
            )
        )
        wall = time.perf_counter() - started
        calls = emulator.stats()["total"]
    ideal = calls * args.latency_ms / 1000 / (len(MODELS) * args.concurrency)
    print(
        f"matrix wall: {len(MODELS)} pairs x {len(samples)} samples, {calls} model calls at "
        f"{args.latency_ms:.0f} ms, concurrency {args.concurrency} per pair"
    )
    print(f"  wall {wall:6.2f} s; ideal {ideal:6.2f} s; ratio {wall / ideal:.3f} (goal <= 1.2)")


if __name__ == "__main__":
    main()
