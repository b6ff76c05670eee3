"""The runner remembers the score of an unchanged output by unchanged scoring code: a warm
`make eval` does not score again, a changed output or scorer fingerprint does."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from eval.cache import EvalCache
from eval.dataset.loader import load_golden
from eval.runner import evaluate
from eval.samples import golden_samples
from eval.types import EvalSample, Score, Scorer
from service.gateway import ModelGateway
from service.local_models.provider import register_local_models
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[2]


def _counting(calls: list[str], fingerprint: str = "a") -> Scorer:
    async def score(sample: EvalSample, output: str) -> Score:
        calls.append(sample.id)
        return Score("words", float(len(output.split())), True, "counted", {"n": [1, 2]})

    return Scorer(name="words", version="1", score=score, fingerprint=fingerprint)


def _run(cache: EvalCache, scorer: Scorer, samples: list[EvalSample]) -> list[Score]:
    register_local_models()
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    run = asyncio.run(
        evaluate(
            pair,
            samples,
            (),
            gateway=ModelGateway(),
            scorers=[scorer],
            judge_model="none",
            judge_is_baseline=True,
            cache=cache,
        )
    )
    return [result.scores["words"] for result in run.results if result.scores]


def test_a_warm_run_reuses_scores_and_a_change_scores_again(tmp_path: Path) -> None:
    golden, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    samples = golden[:5]
    cache = EvalCache(tmp_path / "cache.sqlite")
    calls: list[str] = []
    first = _run(cache, _counting(calls), samples)
    scored = len(calls)
    assert scored == len(first) > 0

    second = _run(cache, _counting(calls), samples)
    assert len(calls) == scored  # nothing scored again
    assert second == first  # and the remembered scores are the same, metadata included

    _run(cache, _counting(calls, fingerprint="b"), samples)  # another judge or prompt set
    assert len(calls) == 2 * scored

    changed = [
        replace(s, options=s.options.model_copy(update={"max_interactions": 1})) for s in samples
    ]
    _run(cache, _counting(calls), changed)
    assert len(calls) > 2 * scored
    cache.close()
