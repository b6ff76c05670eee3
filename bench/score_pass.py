"""One timed scoring pass of a source tree's default scorer set, for `scoring_cost.py`.

Run with the tree on `PYTHONPATH` (this project's tree, or an older commit's checked out
by `scoring_cost.py --against`): it loads that tree's golden set, builds that tree's
default scorers and scores the given outputs, then prints one JSON line with the seconds
spent scoring (imports, loading and a short untimed warm-up excluded). It uses only entry
points both the current and the older trees have: `load_golden`, `golden_samples`,
`build_scorers`.

Usage: python bench/score_pass.py --outputs FILE --version v1 --system-prompt-file FILE
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

WARM_UP = 5


def _default_scorers() -> Sequence[str]:
    # The default set moved from eval.pipeline to eval.inputs; either tree has one of them.
    for module in ("eval.inputs", "eval.pipeline"):
        try:
            return tuple(importlib.import_module(module).DEFAULT_SCORERS)
        except (ImportError, AttributeError):
            continue
    raise SystemExit("score_pass: no DEFAULT_SCORERS in eval.inputs or eval.pipeline")


async def _score(scorers: list[Any], jobs: list[tuple[Any, str]]) -> float:
    started = time.perf_counter()
    for sample, output in jobs:
        for scorer in scorers:
            await scorer.score(sample, output)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=Path, required=True)
    parser.add_argument("--version", default="v1")
    parser.add_argument("--root", type=Path, required=True, help="the tree's datasets/ folder")
    parser.add_argument("--system-prompt-file", type=Path, required=True)
    args = parser.parse_args()

    from service.offline import apply_offline_defaults

    apply_offline_defaults()

    from eval.dataset.loader import load_golden
    from eval.judge.config import JudgeConfig
    from eval.samples import golden_samples
    from eval.scorers import build_scorers
    from service.gateway import ModelGateway

    outputs: dict[str, str] = json.loads(args.outputs.read_text(encoding="utf-8"))
    samples, _ = golden_samples(load_golden(args.version, root=args.root))
    jobs = [(sample, outputs[sample.id]) for sample in samples if sample.id in outputs]
    names = _default_scorers()
    options: dict[str, Any] = {"judge": JudgeConfig(), "gateway": ModelGateway()}
    if "system_prompts" in inspect.signature(build_scorers).parameters:
        options["system_prompts"] = [args.system_prompt_file.read_text(encoding="utf-8")]
    scorers = build_scorers(names, **options)

    async def warm_then_time() -> float:
        # The first outputs pay the one-time imports (litellm, ragas) the scorers defer;
        # they are scored untimed, so both trees are timed on the same warm footing.
        await _score(scorers, jobs[:WARM_UP])
        return await _score(scorers, jobs[WARM_UP:])

    seconds = asyncio.run(warm_then_time())
    timed = len(jobs) - WARM_UP
    print(json.dumps({"seconds": seconds, "outputs": timed, "scorers": list(names)}))


if __name__ == "__main__":
    main()
