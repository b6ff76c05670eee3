"""Scorers by name: the ONE mapping config names are checked against.

No scorer registers itself at import. A run's config lists scorer names; `build_scorers`
looks each up in `SCORER_FACTORIES` and fails fast, naming the unknown ones, before any
sample is summarized.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace

from eval.judge.config import JudgeConfig
from eval.scorers.claims import claims_scorer, open_items_scorer
from eval.scorers.deps import JudgeCache, ScorerDeps
from eval.scorers.judge import judge_scorer
from eval.scorers.ragas_faithfulness import ragas_faithfulness_scorer
from eval.scorers.reference import bleu_scorer, chrf_scorer, key_fact_recall_scorer
from eval.scorers.safety import pii_leak_scorer
from eval.types import Scorer
from service.gateway import ModelGateway

ScorerFactory = Callable[[ScorerDeps], Scorer]

SCORER_FACTORIES: dict[str, ScorerFactory] = {
    "bleu": bleu_scorer,
    "chrf": chrf_scorer,
    "key_fact_recall": key_fact_recall_scorer,
    "pii_leak": pii_leak_scorer,
    "claims": claims_scorer,
    "open_items": open_items_scorer,
    "judge": judge_scorer,
    "ragas_faithfulness": ragas_faithfulness_scorer,
}


class UnknownScorerError(ValueError):
    """Config names a scorer that `SCORER_FACTORIES` does not have."""

    def __init__(self, unknown: Sequence[str]) -> None:
        super().__init__(
            f"unknown scorer(s) {sorted(unknown)}; known scorers: {sorted(SCORER_FACTORIES)}"
        )
        self.unknown = tuple(unknown)


def build_scorers(
    names: Sequence[str],
    *,
    judge: JudgeConfig,
    gateway: ModelGateway,
    cache: JudgeCache | None = None,
    system_prompts: Sequence[str] = (),
) -> list[Scorer]:
    """Build the named scorers, in the given order.

    Raises:
        UnknownScorerError: A name is not in `SCORER_FACTORIES` (all unknown names listed).
        ValueError: A name appears twice.
    """
    unknown = [name for name in names if name not in SCORER_FACTORIES]
    if unknown:
        raise UnknownScorerError(unknown)
    duplicates = sorted({name for name in names if list(names).count(name) > 1})
    if duplicates:
        raise ValueError(f"scorer(s) listed more than once: {duplicates}")
    prompts = tuple(dict.fromkeys(system_prompts))
    material = json.dumps(
        [judge.model_config.model_dump(mode="json"), str(judge.rubric_path), prompts],
        sort_keys=True,
        default=str,
    )
    fingerprint = hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]
    deps = ScorerDeps(
        judge=judge,
        gateway=gateway,
        cache=cache,
        system_prompts=tuple(dict.fromkeys(system_prompts)),
    )
    return [replace(SCORER_FACTORIES[name](deps), fingerprint=fingerprint) for name in names]
