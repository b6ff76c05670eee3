"""A model matrix against `promptfoo eval` with the same providers, end to end, in one run.

4 pairs (the committed prompt on four Bedrock model ids) x the eval samples against the
Converse emulator answering every call after a fixed 1 s, both ways, one after the other:

- `run_pairs` (what `oci matrix` runs, without MLflow logging and reports): every call, then
  every scorer of `make eval`, 16 calls in flight per pair, the pairs spread over one worker
  process per CPU (their start-up inside the clock);
- `promptfoo eval` with one provider per pair: the project's promptfoo provider, which runs
  the same `summarize()` and the same scorers inside promptfoo's persistent Python workers
  (`--workers` per provider, `-j` = pairs x 16), no assertions, no cache. Two workers per
  provider by default: each imports the whole scoring stack, and on 2 cores 16 of them starting
  at once miss promptfoo's readiness timeout and are restarted over and over.

Goal: the matrix's wall time <= promptfoo's. Prints both and the ratio.

Usage: python bench/matrix_vs_promptfoo.py [--limit 200] [--latency-ms 1000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.gate.config import DEFAULT_GATE_PATH, load_gate_config
from eval.inputs import DEFAULT_SCORERS, judge_config, load_eval_samples
from eval.matrix.harness import Harness
from eval.matrix.pairs import Entry, with_models
from eval.matrix.processes import run_pairs
from eval.promptfoo.gate_run import GateOptions, run_promptfoo, write_pair
from eval.promptfoo.promptfoo_config import Side, build_config, provider_entry
from eval.runner import RunOptions
from service.prompt_source import load_prompt_dir
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATASET = "golden/v2"
CONCURRENCY = 16
MODELS = (
    "bedrock/converse/us.amazon.nova-micro-v1:0",
    "bedrock/converse/us.amazon.nova-lite-v1:0",
    "bedrock/converse/us.amazon.nova-pro-v1:0",
    "bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",
)


def _matrix_s(entries: list[Entry], limit: int) -> float:
    settings = Settings(datasets_dir=ROOT / "datasets")
    # The samples promptfoo's test generator yields (`select_samples`): the first `limit`.
    samples, datasets = load_eval_samples(settings, DATASET)
    samples = samples[:limit]
    harness = Harness(
        DEFAULT_SCORERS,
        judge_config(settings),
        system_prompts=(entries[0].pair.template.system,),
    )
    started = time.perf_counter()
    run_pairs(
        entries,
        samples,
        datasets,
        harness=harness,
        options=RunOptions(concurrency=CONCURRENCY),
    )
    return time.perf_counter() - started


def _promptfoo_s(entries: list[Entry], scratch: Path, args: argparse.Namespace) -> float:
    options = GateOptions(
        datasets_dir=ROOT / "datasets",
        dataset_version=DATASET,
        limit=args.limit,
        workers=args.workers,
        concurrency=len(entries) * CONCURRENCY,
        promptfoo=ROOT / "node_modules" / ".bin" / "promptfoo",
        out_dir=scratch,
        gate_path=DEFAULT_GATE_PATH,
    )
    sides = [
        Side("head", write_pair(entry.pair, scratch / "pairs" / entry.label), entry.label)
        for entry in entries
    ]
    datasets = options.datasets_dir
    config = build_config(
        "matrix",
        sides[:1],
        gate=load_gate_config(options.gate_path),
        datasets_dir=datasets,
        dataset_version=DATASET,
        limit=args.limit,
        workers=args.workers,
    )
    providers = []
    for side in sides:
        provider = provider_entry(
            side, datasets_dir=datasets, dataset_version=DATASET, workers=args.workers
        )
        providers.append({**provider, "label": side.source})
    # Only the providers' work is compared: no promptfoo assertions on either side.
    config.update(providers=providers, defaultTest={})
    path = scratch / "promptfooconfig.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    output = scratch / "out.json"
    started = time.perf_counter()
    run_promptfoo(path, output, options)
    wall = time.perf_counter() - started
    results = json.loads(output.read_text()).get("results", {})
    errors = [row["error"] for row in results.get("results", []) if row.get("error")]
    if errors:
        # A timing of calls that failed compares nothing.
        raise SystemExit(f"{len(errors)} promptfoo rows errored; the first: {errors[0][:300]}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--latency-ms", type=float, default=1000.0)
    parser.add_argument("--workers", type=int, default=2, help="promptfoo workers per provider")
    args = parser.parse_args()
    if not (ROOT / "node_modules" / ".bin" / "promptfoo").is_file():
        subprocess.run(["make", "-s", "node_modules/.installed"], cwd=ROOT, check=True)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "emulator")
    base = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    with EmulatorServer(plan, isolation="process") as emulator:
        entries = with_models(base, MODELS, emulator.base_url)
        matrix_s = _matrix_s(entries, args.limit)
        with tempfile.TemporaryDirectory() as scratch:
            promptfoo_s = _promptfoo_s(entries, Path(scratch), args)
    print(
        f"matrix vs promptfoo: {len(entries)} pairs x {args.limit} samples, emulator at "
        f"{args.latency_ms:.0f} ms, calls and every scorer"
    )
    print(f"  run_pairs (16 in flight per pair)            {matrix_s:7.1f} s")
    print(
        f"  promptfoo eval ({args.workers} workers/provider, "
        f"-j {len(entries) * CONCURRENCY})  {promptfoo_s:7.1f} s"
    )
    verdict = "met" if matrix_s <= promptfoo_s else "not met"
    print(f"  ratio matrix / promptfoo {matrix_s / promptfoo_s:.2f} (goal <= 1): {verdict}")


if __name__ == "__main__":
    main()
