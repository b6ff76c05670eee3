"""Scoring time of the gate's full scorer set beside the lexical scorers alone, in one run.

For every golden sample the production pair's output (local baseline model) is scored by
(A) the lexical scorers the gate started with (BLEU, chrF, key-fact recall, PII) and (B) every
default scorer (those plus the claim checker, open items, the local judge and ragas' local
stand-in). Caches are cleared before each pass, as for a new candidate; passes alternate
A B A B and each set's best pass is compared. The goal is B <= 2 x A.

Usage: python bench/scoring_cost.py [--dataset golden/v2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from claim_caches import forget_claim_readings

from eval.dataset.loader import load_golden, parse_dataset
from eval.inputs import DEFAULT_SCORERS
from eval.judge.config import JudgeConfig
from eval.metaeval import production_outputs
from eval.samples import golden_samples
from eval.scorers import build_scorers
from eval.types import EvalSample, Scorer
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[1]
LEXICAL = ("bleu", "chrf", "key_fact_recall", "pii_leak")


async def _score(
    scorers: list[Scorer], jobs: list[tuple[EvalSample, str]], spent: dict[str, float]
) -> float:
    forget_claim_readings()
    started = time.perf_counter()
    for sample, output in jobs:
        for scorer in scorers:
            began = time.perf_counter()
            await scorer.score(sample, output)
            spent[scorer.name] = spent.get(scorer.name, 0.0) + time.perf_counter() - began
    return time.perf_counter() - started


async def _run(dataset: str, rounds: int) -> tuple[int, list[float], list[float], dict[str, float]]:
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    name, version = parse_dataset(dataset)
    samples, _ = golden_samples(load_golden(version, root=ROOT / "datasets", name=name))
    gateway = ModelGateway()
    outputs = await production_outputs(samples, pair, gateway, 8)
    jobs = [(sample, outputs[sample.id]) for sample in samples if sample.id in outputs]
    judge = JudgeConfig()
    lexical = build_scorers(LEXICAL, judge=judge, gateway=gateway)
    full = build_scorers(
        DEFAULT_SCORERS, judge=judge, gateway=gateway, system_prompts=[pair.template.system]
    )
    a, b = [], []
    spent: dict[str, float] = {}
    for _ in range(rounds):
        a.append(await _score(lexical, jobs, {}))
        b.append(await _score(full, jobs, spent))
    shares = {name: seconds / rounds for name, seconds in spent.items()}
    return len(jobs), a, b, shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="golden/v2")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    n, a, b, shares = asyncio.run(_run(args.dataset, args.rounds))
    print(f"scoring cost: {n} production outputs of {args.dataset}, best of {args.rounds}")
    print(f"  A lexical scorers   {min(a):6.2f} s  ({1000 * min(a) / n:5.1f} ms per output)")
    print(f"  B every scorer      {min(b):6.2f} s  ({1000 * min(b) / n:5.1f} ms per output)")
    print(f"  B / A: {min(b) / min(a):.2f} (goal: <= 2.0)")
    print("  B per scorer (mean of passes; later scorers reuse the claim check's cache):")
    for name, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"    {name:20} {1000 * seconds / n:6.1f} ms per output")


if __name__ == "__main__":
    main()
