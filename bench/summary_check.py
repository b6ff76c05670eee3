"""The service's claim check per summary, beside the summarizer call it guards.

For every golden sample: summarize with the production pair (the local baseline model),
then time `check_summary` on the result cold (its caches cleared, as for a new request).
Prints p50/p95/p99 of the check and of the call, and their ratio; the goal is a check
p99 <= 5 ms, small beside any real model call (seconds).

Usage: python bench/summary_check.py [--dataset v1]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.dataset.loader import load_golden, parse_dataset
from eval.samples import golden_samples
from service.claims import check as claim_check
from service.claims import evidence
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir
from service.summarizer import summarize

ROOT = Path(__file__).resolve().parents[1]


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def _measure(dataset: str) -> tuple[list[float], list[float]]:
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    name, version = parse_dataset(dataset)
    samples, _ = golden_samples(load_golden(version, root=ROOT / "datasets", name=name))
    gateway = ModelGateway()
    calls, checks = [], []
    for sample in samples:
        started = time.perf_counter()
        summary = await summarize(sample.interactions, sample.options, pair, gateway)
        calls.append((time.perf_counter() - started) * 1000)
        if not summary.model_called:
            continue
        claim_check._check.cache_clear()
        evidence._build_evidence.cache_clear()
        started = time.perf_counter()
        claim_check.check_summary(
            summary.text, summary.interactions, sample.options,
            system_prompt=pair.template.system,
        )  # fmt: skip
        checks.append((time.perf_counter() - started) * 1000)
    return calls, checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="golden/v2")
    args = parser.parse_args()
    calls, checks = asyncio.run(_measure(args.dataset))
    print(f"summary check: {len(checks)} summaries of {args.dataset}")
    for label, values in (("claim check", checks), ("summarizer call", calls)):
        print(
            f"  {label:16} p50 {_pct(values, 50):6.2f} ms  p95 {_pct(values, 95):6.2f} ms  "
            f"p99 {_pct(values, 99):6.2f} ms"
        )
    ratio = _pct(checks, 99) / _pct(calls, 50)
    print(f"  check p99 / call p50: {ratio:.2f} (goal: check p99 <= 5 ms)")


if __name__ == "__main__":
    main()
