"""Scoring time of the gate's scorer set beside the set it had before the claim checker.

The goal (issue "Semantic scorers"): scoring 200 samples with the new checks takes at most
2 x the time scoring took before them. Both are measured here, side by side in one run:

1. Before and after. The production pair's outputs on golden v1 (the set the gate scored
   when the goal was set) are scored by (A) the default scorers of the commit before the
   claim checker (`BEFORE`: BLEU, chrF, key-fact recall, PII, fabrication, the local judge,
   ragas' local stand-in), checked out into a temporary git worktree, and (B) this tree's
   default scorers. Each pass is a fresh process (`bench/score_pass.py`) with a short
   untimed warm-up, so deferred imports are paid by neither; passes alternate A B A B and
   each side's best is compared. Goal: B <= 2 x A.
2. Where the time goes, on `--dataset` (golden v2's long histories by default): (L) the
   lexical scorers alone and (F) every default scorer, in this process, caches cleared
   before each pass, with each scorer's share.

Usage: python bench/scoring_cost.py [--dataset golden/v2] [--rounds 2] [--against REV]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
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
# The last commit before the claim checker, its scorers and the meta-evaluation landed.
BEFORE = "182ad57eb29fe651a15a689608c83a068ebf5aa8"


def _pass(tree: Path, outputs: Path, system: Path) -> tuple[float, int]:
    """(seconds, outputs timed) of one fresh process of `tree` scoring `outputs` (golden v1)."""
    command = [sys.executable, str(ROOT / "bench" / "score_pass.py"), "--outputs", str(outputs)]
    command += ["--root", str(tree / "datasets"), "--system-prompt-file", str(system)]
    done = subprocess.run(
        command,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"score_pass failed in {tree}:\n{done.stderr[-2000:]}")
    timed = json.loads(done.stdout.strip().splitlines()[-1])
    return float(timed["seconds"]), int(timed["outputs"])


def _before_and_after(rounds: int, against: str) -> tuple[int, list[float], list[float]]:
    """(outputs timed, A passes, B passes) on golden v1; see the module docstring."""
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    samples, _ = golden_samples(load_golden("v1", root=ROOT / "datasets"))
    outputs = asyncio.run(production_outputs(samples, pair, ModelGateway(), 8))
    with tempfile.TemporaryDirectory(prefix="scoring-cost-") as scratch:
        work = Path(scratch)
        (work / "outputs.json").write_text(json.dumps(outputs), encoding="utf-8")
        (work / "system.txt").write_text(pair.template.system, encoding="utf-8")
        old = work / "before"
        git = ["git", "-C", str(ROOT), "worktree"]
        subprocess.run([*git, "add", "--detach", str(old), against], check=True)
        try:
            a, b = [], []
            for _ in range(rounds):
                seconds, timed = _pass(old, work / "outputs.json", work / "system.txt")
                a.append(seconds)
                b.append(_pass(ROOT, work / "outputs.json", work / "system.txt")[0])
        finally:
            subprocess.run([*git, "remove", "--force", str(old)], check=False)
    return timed, a, b


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
    parser.add_argument("--against", default=BEFORE, help="the commit whose scorers are A")
    args = parser.parse_args()
    n, a, b = _before_and_after(args.rounds, args.against)
    print(f"scoring cost: {n} production outputs of golden/v1, best of {args.rounds}")
    print(f"  A scorers at {args.against[:8]} (before the claim checker)")
    print(f"    {min(a):6.2f} s  ({1000 * min(a) / n:5.1f} ms per output)")
    print("  B this tree's default scorers")
    print(f"    {min(b):6.2f} s  ({1000 * min(b) / n:5.1f} ms per output)")
    print(f"  B / A: {min(b) / min(a):.2f} (goal: <= 2.0)")
    n, a, b, shares = asyncio.run(_run(args.dataset, args.rounds))
    print(f"where the time goes: {n} outputs of {args.dataset}, caches cleared")
    print(f"  L lexical scorers   {min(a):6.2f} s  ({1000 * min(a) / n:5.1f} ms per output)")
    print(f"  F every scorer      {min(b):6.2f} s  ({1000 * min(b) / n:5.1f} ms per output)")
    print(f"  F / L: {min(b) / min(a):.2f}")
    print("  F per scorer (mean of passes; later scorers reuse the claim check's cache):")
    for name, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"    {name:20} {1000 * seconds / n:6.1f} ms per output")


if __name__ == "__main__":
    main()
