"""Eval runner wall time against the ideal, with the emulator at a fixed model latency.

Ideal = model calls × latency / concurrency (samples with nothing in scope make no call).
The whole eval runs as `make eval` would: production summarizer, all scorers (local judge),
no output cache, no MLflow logging. Prints the ratio; the goal is <= 1.15.

It also prints the p95 latency the eval reports beside the emulator's own: with
`--latency-ms 5 --wire openai` (the emulator's OpenAI-compatible route, a model string
`openai/...` with `api_base` ending in `/v1`) that shows whether model calls queue behind
scoring or behind each other (goal: within +10 ms), and how many calls the eval kept in flight.

Usage: python bench/eval_throughput.py [--latency-ms 1000] [--concurrency 16] [--limit 200]
       [--wire converse|openai]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.pipeline import run_eval
from eval.runner import RunOptions
from service.model_config import ModelConfig, ModelPrice
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=1000.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--wire", choices=("converse", "openai"), default="converse")
    args = parser.parse_args()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "OPENAI_API_KEY"):
        os.environ.setdefault(name, "emulator")
    committed = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    with tempfile.TemporaryDirectory() as scratch, EmulatorServer(plan, isolation="process") as emu:
        if args.wire == "openai":
            model = ModelConfig(
                primary="openai/emulated-model",
                api_base=f"{emu.base_url}/v1",
                prices={"openai/emulated-model": ModelPrice(input=0.15, output=0.6)},
            )
        else:
            model = ModelConfig(
                primary="bedrock/converse/us.amazon.nova-lite-v1:0",
                api_base=emu.base_url,
                aws_region_name="us-east-1",
            )
        pair = PromptPair(
            committed.name, "bench", committed.template, model, "bench-" + committed.content_hash
        )
        settings = Settings(
            state_dir=Path(scratch),
            reports_dir=Path(scratch) / "reports",
            datasets_dir=ROOT / "datasets",
            mlflow_tracking_uri=f"sqlite:///{scratch}/m.db",
            meta_eval="off",  # the runner's throughput only (bench/metaeval_time.py times that)
        )
        started = time.perf_counter()
        outcome = asyncio.run(
            run_eval(
                settings,
                pair,
                None,
                options=RunOptions(concurrency=args.concurrency),
                limit=args.limit,
                log_to_mlflow=False,
            )
        )
        wall = time.perf_counter() - started
        stats = emu.stats()
        calls = stats["total"]
        served_p95 = float(stats["served_ms"].get("p95", args.latency_ms))
    ideal = calls * args.latency_ms / 1000 / args.concurrency
    print(
        f"eval throughput ({args.wire}): {len(outcome.candidate.results)} samples, {calls} "
        f"model calls at {args.latency_ms:.0f} ms, at most {args.concurrency} in flight"
    )
    print(
        f"  runner (summaries and scores) {outcome.candidate.wall_s:6.2f} s; whole eval incl. "
        f"gate, reports {wall:6.2f} s; ideal {ideal:6.2f} s"
    )
    print(
        f"  ratio to ideal: runner {outcome.candidate.wall_s / ideal:.3f}, whole eval "
        f"{wall / ideal:.3f} (goal <= 1.15)"
    )
    # What the eval reports as latency must be the endpoint's, not the harness's queueing.
    measured = sorted(r.latency_ms for r in outcome.candidate.results if r.model_called)
    if measured:
        p95 = statistics.quantiles(measured, n=100, method="inclusive")[94]
        print(
            f"  reported latency p50 {statistics.median(measured):.1f} ms, p95 {p95:.1f} ms vs "
            f"the endpoint's own p95 {served_p95:.1f} ms (set {args.latency_ms:.0f} ms): "
            f"+{p95 - served_p95:.1f} ms (goal <= +10 ms with a 5 ms endpoint)"
        )


if __name__ == "__main__":
    main()
