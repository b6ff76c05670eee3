"""Wall time of a model matrix against the ideal, with the emulator at a fixed latency.

4 pairs (the committed prompt on four Bedrock model ids) x the golden samples, each pair at
concurrency 16, all pairs at once as `oci matrix` runs them, against the Converse emulator
answering every call after a fixed 1 s. Ideal = model calls x latency / (pairs x 16). Only
the model calls are made (no scorers): the scheduling of the matrix, not the scoring, is
what this measures. As `oci matrix` does, the worker processes (one fewer than --processes:
this process runs one share of the pairs itself) are started first and warm up (imports,
litellm) while the emulator starts; the clock starts when they are spawned, so their start-up
and the emulator's are inside it. Goal: wall <= 1.2 x ideal.

Usage: python bench/matrix_wall.py [--latency-ms 1000] [--concurrency 16] [--limit 200]
       [--processes 0]   # 0: oci matrix's default (one per CPU but one); 1: this process alone
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.dataset.loader import load_golden
from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.matrix.harness import Harness
from eval.matrix.pairs import with_models
from eval.matrix.processes import default_processes, run_pairs
from eval.matrix.workers import MatrixWorkers
from eval.runner import RunOptions
from eval.samples import golden_samples
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
    parser.add_argument("--processes", type=int, default=0)
    args = parser.parse_args()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "emulator")
    base = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    samples, info = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    samples = samples[: args.limit]
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    harness = Harness(scorer_names=())
    processes = args.processes or default_processes(len(MODELS))
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        workers = (
            stack.enter_context(MatrixWorkers(harness, processes - 1)) if processes > 1 else None
        )
        emulator = stack.enter_context(EmulatorServer(plan, isolation="process"))
        entries = with_models(base, MODELS, emulator.base_url)
        run_started = time.perf_counter()
        run_pairs(
            entries,
            samples,
            [info],
            harness=harness,
            options=RunOptions(concurrency=args.concurrency),
            processes=processes,
            workers=workers,
        )
        wall = time.perf_counter() - started
        run_wall = time.perf_counter() - run_started
        calls = emulator.stats()["total"]
    ideal = calls * args.latency_ms / 1000 / (len(MODELS) * args.concurrency)
    print(
        f"matrix wall: {len(MODELS)} pairs x {len(samples)} samples, {calls} model calls at "
        f"{args.latency_ms:.0f} ms, concurrency {args.concurrency} per pair, "
        f"{processes} process(es), {os.cpu_count()} CPUs"
    )
    print(f"  wall {wall:6.2f} s; ideal {ideal:6.2f} s; ratio {wall / ideal:.3f} (goal <= 1.2)")
    print(f"  of which the pairs' run, after start-up: {run_wall:6.2f} s")


if __name__ == "__main__":
    main()
