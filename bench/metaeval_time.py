"""Meta-evaluation wall time beside one eval of the same pair, in one run on one machine.

Both start cold in a scratch state directory, with the embedded defaults (local baseline
model and judge) on the whole golden set: first `run_eval` of the production pair (no
meta-eval), then the detection table `oci eval` computes on demand (every family, the
default number of variants per family and source). Prints both wall times and the ratio;
the goal is a table in <= 60 s.

Usage: python bench/metaeval_time.py [--dataset v1] [--per-family 40]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.cache import EvalCache
from eval.dataset.loader import load_golden, parse_dataset
from eval.gate.config import load_gate_config
from eval.inputs import DEFAULT_SCORERS, judge_config
from eval.metaeval.session import compute, inputs_for
from eval.pipeline import run_eval
from eval.runner import RunOptions
from eval.samples import golden_samples
from eval.scorers import build_scorers
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="golden/v2")
    parser.add_argument("--per-family", type=int, default=Settings().meta_eval_per_family)
    args = parser.parse_args()
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            state_dir=Path(scratch),
            reports_dir=Path(scratch) / "reports",
            datasets_dir=ROOT / "datasets",
            mlflow_tracking_uri=f"sqlite:///{scratch}/m.db",
            meta_eval="off",
        )
        started = time.perf_counter()
        asyncio.run(
            run_eval(
                settings,
                pair,
                None,
                options=RunOptions(),
                dataset_version=args.dataset,
                log_to_mlflow=False,
            )
        )
        eval_s = time.perf_counter() - started
        name, version = parse_dataset(args.dataset)
        golden, info = golden_samples(load_golden(version, root=settings.datasets_dir, name=name))
        judge = judge_config(settings)
        gateway = ModelGateway()
        cache = EvalCache(settings.state_dir / "eval-cache.sqlite")
        scorers = build_scorers(
            DEFAULT_SCORERS, judge=judge, gateway=gateway, system_prompts=[pair.template.system]
        )
        inputs = inputs_for(
            golden,
            info,
            pair,
            judge,
            load_gate_config(),
            scorers,
            per_family_limit=args.per_family,
        )
        started = time.perf_counter()
        try:
            output = asyncio.run(
                compute(settings, inputs, gateway=gateway, cache=cache, log_to_mlflow=False)
            )
        finally:
            cache.close()
        meta_s = time.perf_counter() - started
    variants = len(output.result.outcomes)
    print(f"meta-eval time: {args.dataset}, {len(golden)} samples, local judge")
    print(f"  one eval (200 summaries, all scorers)  {eval_s:7.1f} s")
    print(f"  meta-eval ({variants} variants)          {meta_s:7.1f} s  (goal <= 60 s)")
    print(f"  ratio meta-eval / eval: {meta_s / eval_s:.2f}")
    print(f"  per variant: {meta_s / max(variants, 1) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
