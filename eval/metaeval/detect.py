"""Score labelled variants and their originals, and record which signals tell them apart.

Every variant is scored by the same scorers the eval suite uses (the same judge, through
the same gateway), next to its original on the same history: when a family also edits the
history (a planted instruction), the original is scored on the edited history too, so the
summary is the only difference. Identical (history, text) pairs are scored once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from eval.metaeval.signals import Signal
from eval.types import EvalSample, Score, Scorer
from service.models import Interaction


class VariantLike(Protocol):
    """What the detection needs of a labelled variant (see `eval.metaeval` for the type)."""

    @property
    def id(self) -> str: ...
    @property
    def sample_id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def family(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def trips(self) -> tuple[str, ...]: ...
    @property
    def original(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def change(self) -> str: ...
    @property
    def split(self) -> str: ...
    @property
    def interactions(self) -> tuple[Interaction, ...] | None: ...


@dataclass(frozen=True)
class VariantOutcome:
    """What every signal made of one variant: True fired, False silent, None not assessable."""

    variant_id: str
    sample_id: str
    source: str
    family: str
    kind: str
    trips: tuple[str, ...]
    split: str
    change: str
    fired: dict[str, bool | None]
    reasons: dict[str, str]  # signal -> the scorer's reason on the variant, where it fired

    def detected_by(self, names: Sequence[str]) -> bool:
        """Whether any of the named signals fired."""
        return any(self.fired.get(name) for name in names)


def _history_key(interactions: Sequence[Interaction]) -> str:
    material = json.dumps([i.model_dump(mode="json") for i in interactions], sort_keys=True)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:12]


def source_sample(sample: EvalSample, source: str) -> EvalSample:
    """The sample a text of `source` is scored on: for the "reference" source, without the
    reference the text was made from (`suite.reference_texts` takes the first), so BLEU and
    chrF compare it with the other references, as a candidate's output is compared; a
    reference scored against itself would make every rewording look like a loss."""
    if source != "reference" or not sample.references:
        return sample
    return replace(sample, id=f"{sample.id}~others", references=sample.references[1:])


def variant_sample(sample: EvalSample, variant: VariantLike) -> EvalSample:
    """The sample a variant is judged on: its own history when the family edited it.

    The id changes with the history, so caches keyed by sample id never mix the two.
    """
    sample = source_sample(sample, variant.source)
    if variant.interactions is None:
        return sample
    edited = tuple(variant.interactions)
    return replace(sample, id=f"{sample.id}~{_history_key(edited)}", interactions=edited)


async def score_all(
    jobs: Sequence[tuple[EvalSample, str]],
    scorers: Sequence[Scorer],
    *,
    concurrency: int = 8,
    on_scored: Callable[[], None] | None = None,
) -> list[dict[str, Score]]:
    """Scores of every (sample, text) job, each distinct job scored once, in job order."""
    distinct: dict[tuple[str, str], tuple[EvalSample, str]] = {}
    for sample, text in jobs:
        distinct.setdefault((sample.id, text), (sample, text))
    gate = asyncio.Semaphore(concurrency)
    results: dict[tuple[str, str], dict[str, Score]] = {}

    async def one(key: tuple[str, str], sample: EvalSample, text: str) -> None:
        async with gate:
            scores: dict[str, Score] = {}
            for scorer in scorers:
                try:
                    scores[scorer.name] = await scorer.score(sample, text)
                except Exception as error:  # noqa: BLE001 - a broken scorer is recorded, as in runs
                    reason = f"scorer error: {type(error).__name__}: {error}"[:300]
                    scores[scorer.name] = Score(scorer.name, None, None, reason)
            results[key] = scores
        if on_scored is not None:
            on_scored()

    await asyncio.gather(*(one(key, *job) for key, job in distinct.items()))
    return [results[(sample.id, text)] for sample, text in jobs]


def distinct_jobs(
    variants: Sequence[VariantLike], samples: Mapping[str, EvalSample]
) -> list[tuple[EvalSample, str]]:
    """(sample, original) and (sample, variant text) for every variant, in variant order."""
    jobs: list[tuple[EvalSample, str]] = []
    for variant in variants:
        sample = variant_sample(samples[variant.sample_id], variant)
        jobs += [(sample, variant.original), (sample, variant.text)]
    return jobs


def outcomes(
    variants: Sequence[VariantLike],
    scored: Sequence[dict[str, Score]],
    signals: Sequence[Signal],
) -> list[VariantOutcome]:
    """Which signals fired on each variant, from `score_all` over `distinct_jobs`."""
    found = []
    for index, variant in enumerate(variants):
        original, changed = scored[2 * index], scored[2 * index + 1]
        fired = {signal.name: signal.fires(original, changed) for signal in signals}
        reasons = {
            signal.name: _reason(signal, changed) for signal in signals if fired[signal.name]
        }
        found.append(
            VariantOutcome(
                variant_id=variant.id,
                sample_id=variant.sample_id,
                source=variant.source,
                family=variant.family,
                kind=variant.kind,
                trips=tuple(variant.trips),
                split=variant.split,
                change=variant.change,
                fired=fired,
                reasons=reasons,
            )
        )
    return found


def _reason(signal: Signal, scores: Mapping[str, Score]) -> str:
    score = scores.get(signal.score)
    if score is None:
        return ""
    if signal.kind == "criterion":
        reasons = score.metadata.get("reasons") or {}
        return str(reasons.get(signal.name.split(".", 1)[1], ""))[:200]
    return score.reason[:200]
