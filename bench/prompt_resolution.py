"""Prompt resolution cost per request, and time from an alias move to serving it.

1. `ServedPairs.pick(account)` (attribute read + sha256 canary bucket) against a plain
   dict lookup of a pair, in ns per call, printed as a ratio; with and without a canary.
2. Against a sqlite MLflow store in a temporary directory, with a 1 s refresh interval:
   the time from `move_production` returning to the first `pick()` answering with the
   new version (expected around half an interval plus one registry load).

Usage: python bench/prompt_resolution.py [--calls 200000] [--moves 10]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.registry_cli import move_production, set_canary
from service.prompt_source import load_prompt_dir
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.serving import ServedPairs

REPO = Path(__file__).resolve().parent.parent


def per_call_ns(fn: object, accounts: list[str]) -> float:
    call = fn  # local name: keep attribute lookups out of the timed loop
    started = time.perf_counter_ns()
    for account in accounts:
        call(account)  # type: ignore[operator]
    return (time.perf_counter_ns() - started) / len(accounts)


def variant(tmp: Path, note: str) -> Path:
    text = (REPO / "prompts" / "omni-summary" / "prompt.yaml").read_text(encoding="utf-8")
    directory = tmp / f"omni-summary{note}"
    directory.mkdir()
    (directory / "prompt.yaml").write_text(
        text.replace("No greeting, no headings", f"No greeting{note}, no headings"),
        encoding="utf-8",
    )
    return directory


async def main(calls: int, moves: int) -> None:
    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        registry = MlflowPromptRegistry(f"sqlite:///{tmp / 'mlflow.db'}")
        versions = [
            registry.register(load_prompt_dir(variant(tmp, f"-{i}")), git_commit="b", author="b")
            for i in range(3)
        ]
        name = versions[0].name
        move_production(registry, name, versions[0].version, who="bench", force_reason="bench")
        served = ServedPairs(registry, name=name, lkg_path=tmp / "lkg.json")
        await served.start()
        accounts = [f"ACC{n:09d}" for n in range(calls)]
        table = {name: served.snapshot.production}
        baseline = per_call_ns(lambda _a: table[name], accounts)
        plain = per_call_ns(served.pick, accounts)
        set_canary(
            registry,
            name,
            versions[1].version,
            10,
            who="bench",
            force_reason="benchmark: canary routing cost",
        )
        await served.refresh_once()
        canary = per_call_ns(served.pick, accounts)
        print(f"dict lookup (lambda + dict[name])   {baseline:8.0f} ns/call")
        print(f"pick(), no canary                   {plain:8.0f} ns/call  x{plain / baseline:.2f}")
        print(
            f"pick(), canary at 10%               {canary:8.0f} ns/call  x{canary / baseline:.2f}"
        )

        set_canary(registry, name, None, 0, who="bench")
        stop = asyncio.Event()
        loop_task = asyncio.create_task(served.run(stop, interval_s=1.0))
        delays: list[float] = []
        phases = random.Random(0)
        for i in range(moves):
            # Alternate between two versions so every move is a real change, and move at a
            # random phase of the refresh cycle, as an operator would.
            target = versions[2 if i % 2 == 0 else 0].version
            await asyncio.sleep(phases.uniform(0.0, 1.0))
            await asyncio.to_thread(
                move_production, registry, name, target, who="bench", force_reason="bench"
            )
            moved_at = time.perf_counter()
            # Polling pick() on purpose: what a request sees is what is being measured.
            while served.pick("A").version != target:  # noqa: ASYNC110
                await asyncio.sleep(0.001)
            delays.append(time.perf_counter() - moved_at)
        stop.set()
        await loop_task
        served.close()
        print(
            f"alias move -> first pick of the new version (refresh 1 s, {moves} moves): "
            f"median {statistics.median(delays) * 1000:.0f} ms, "
            f"max {max(delays) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--moves", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.moves))
