"""`oci meta-eval run`: the detection table of every gate check, scorer and judge criterion.

The suite's labelled variants are made from the golden references and the production pair's
own outputs (read through the eval output cache, so a `make eval` before costs nothing),
scored with the configured judge, and turned into per-family detection and false-alarm
rates. The result is cached under a digest of everything that can change it (judge, rubric,
scorer code, suite, dataset, production pair, gate checks), which is how the eval report
knows whether each check's validation is current.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eval.cache import EvalCache
from eval.gate.config import GateConfig
from eval.judge.config import JudgeConfig
from eval.metaeval.by_source import SourceValidation, validate_by_source
from eval.metaeval.detect import VariantOutcome, distinct_jobs, outcomes, score_all, source_sample
from eval.metaeval.known_good import (
    BLIND,
    NO_KNOWN_GOOD,
    KnownGood,
    blind_outcomes,
    blind_variants,
    known_good_flags,
    rule_made_outcomes,
)
from eval.metaeval.production import production_outputs
from eval.metaeval.runs import family_verdicts
from eval.metaeval.signals import Signal, gate_signals, scorer_signals
from eval.metaeval.suite import generate_suite, reference_texts, suite_digest
from eval.metaeval.table import CheckValidationResult, FamilyRow, Rate, family_rows
from eval.rubric import load_rubric
from eval.scoring_code import scoring_code_digest
from eval.types import DatasetInfo, EvalSample, Scorer
from service.gateway import ModelGateway
from service.prompts import PromptPair

# The code that turns scores into a table (variants, whole-run verdicts, check statuses) and
# the gate it replays: a table from older code must not stand in for a new one.
TABLE_CODE = ("eval/metaeval", "eval/gate/decision.py", "eval/gate/paired.py")
# Variants per family and source: 40 x 2 sources gives each family's rate a Wilson interval
# about +-5 points wide at 95 %, and keeps a run on the local judge near a minute.
DEFAULT_PER_FAMILY = 40


@dataclass(frozen=True)
class MetaEvalInputs:
    """What a detection table is computed from."""

    samples: Sequence[EvalSample]
    dataset: DatasetInfo
    production: PromptPair
    judge: JudgeConfig
    gate: GateConfig
    scorers: Sequence[Scorer]
    seed: int = 0
    families: Sequence[str] | None = None
    # Known-good text from outside the project (blind briefings) and its authors' slips.
    known_good: KnownGood = NO_KNOWN_GOOD
    per_family_limit: int | None = DEFAULT_PER_FAMILY
    # Scorers too slow (or, with a paid judge, too costly) to run on every variant are run on
    # this many variants per family and source; their rates say over how many.
    expensive: frozenset[str] = frozenset({"ragas_faithfulness"})
    expensive_per_family: int = 8


@dataclass(frozen=True)
class MetaEvalResult:
    """A detection table with what it was computed from."""

    digest: str
    created: str
    inputs: dict[str, Any]
    rows: list[FamilyRow]
    rows_by_split: dict[str, list[FamilyRow]]
    rows_by_source: dict[str, list[FamilyRow]]
    checks: list[CheckValidationResult]
    signals: list[Signal]
    outcomes: list[VariantOutcome]
    verdicts: dict[tuple[str, str], tuple[str, ...]]  # (source, family) -> failed checks
    wall_s: float
    # source -> checks that fail its known-good run against itself (not measurable there)
    unmeasured: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # source -> gate check -> known-good texts it flags as they stand (false alarms)
    known_good_flags: dict[str, dict[str, Rate]] = field(default_factory=dict)
    # each gate check's validation on every source (its overall status is in `checks`)
    by_source: list[SourceValidation] = field(default_factory=list)
    # source -> the checker's first-run figures on its blind slips (see `KnownGood`)
    first_run: dict[str, Any] = field(default_factory=dict)


def describe(inputs: MetaEvalInputs) -> dict[str, Any]:
    """Everything a cached table depends on, as JSON-ready data."""
    rubric = load_rubric(inputs.judge.rubric_path)
    return {
        "judge_model": inputs.judge.model,
        "judge_config": inputs.judge.model_config.model_dump(mode="json"),
        "judge_is_baseline": inputs.judge.is_baseline,
        "rubric": f"{rubric.name}@{rubric.version}",
        "rubric_digest": rubric.digest(),
        "scorers": {s.name: s.version for s in inputs.scorers},
        "scoring_code": scoring_code_digest(),
        "table_code": scoring_code_digest(parts=TABLE_CODE),
        "suite": suite_digest(
            seed=inputs.seed, families=inputs.families, per_family_limit=inputs.per_family_limit
        ),
        "expensive": {
            "scorers": sorted(inputs.expensive),
            "per_family": inputs.expensive_per_family,
        },
        "dataset": f"{inputs.dataset.name}/{inputs.dataset.version}",
        "dataset_digest": inputs.dataset.digest,
        # A table made on a slice (`--limit`) must not stand in for the whole set.
        "samples": hashlib.sha256("\n".join(s.id for s in inputs.samples).encode()).hexdigest(),
        "production": f"{inputs.production.name}@{inputs.production.version}",
        "production_hash": inputs.production.content_hash,
        "gate_checks": inputs.gate.model_dump(
            mode="json", include={"absolute", "claims", "non_inferiority", "validation"}
        ),
        "known_good": hashlib.sha256(
            json.dumps(inputs.known_good.digest_material(), sort_keys=True).encode()
        ).hexdigest(),
    }


def digest_of(description: dict[str, Any]) -> str:
    """The cache key of a table: sha256 of its description."""
    material = json.dumps(description, sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(material.encode("utf-8")).hexdigest()


def _subsample(variants: Sequence[Any], per_family: int) -> list[int]:
    """Indexes of the first `per_family` variants of each (source, family)."""
    taken: dict[tuple[str, str], int] = {}
    chosen = []
    for index, variant in enumerate(variants):
        key = (variant.source, variant.family)
        if taken.get(key, 0) < per_family:
            taken[key] = taken.get(key, 0) + 1
            chosen.append(index)
    return chosen


async def run_meta_eval(
    inputs: MetaEvalInputs,
    *,
    gateway: ModelGateway,
    cache: EvalCache | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_scored: Callable[[], None] | None = None,
) -> MetaEvalResult:
    """Build the suite, score every variant and its original, and tabulate detections.

    Args:
        inputs: Samples, pairs, judge, gate and scorers.
        gateway: The model gateway (production outputs and judge calls).
        cache: The eval cache (production outputs are reused from `make eval`).
        on_plan: Called once with the number of distinct summaries to score.
        on_scored: Called after each distinct summary is scored (progress).
    """
    started = time.perf_counter()
    description = describe(inputs)
    production = await production_outputs(inputs.samples, inputs.production, gateway, cache=cache)
    sources = {
        "reference": reference_texts(inputs.samples),
        "production": production,
        **{name: dict(texts) for name, texts in inputs.known_good.texts.items()},
    }
    made = generate_suite(
        inputs.samples,
        sources,
        seed=inputs.seed,
        families=inputs.families,
        per_family_limit=inputs.per_family_limit,
    )
    variants = [*made, *blind_variants(inputs.known_good, inputs.samples)]
    by_id = {sample.id: sample for sample in inputs.samples}
    originals = [
        (source, sample)
        for source, texts in sources.items()
        for sample in inputs.samples
        if sample.id in texts
    ]
    jobs = distinct_jobs(variants, by_id)
    jobs += [
        (source_sample(sample, source), sources[source][sample.id]) for source, sample in originals
    ]
    cheap = [s for s in inputs.scorers if s.name not in inputs.expensive]
    costly = [s for s in inputs.scorers if s.name in inputs.expensive]
    sampled = _subsample(variants, inputs.expensive_per_family) if costly else []
    costly_jobs = [job for i in sampled for job in jobs[2 * i : 2 * i + 2]]
    if on_plan is not None:
        on_plan(len({(s.id, t) for s, t in jobs}) + len({(s.id, t) for s, t in costly_jobs}))
    scored = await score_all(jobs, cheap, on_scored=on_scored)
    extra = await score_all(costly_jobs, costly, on_scored=on_scored)
    for position, index in enumerate(sampled):
        scored[2 * index] = {**scored[2 * index], **extra[2 * position]}
        scored[2 * index + 1] = {**scored[2 * index + 1], **extra[2 * position + 1]}
    variant_scores = scored[1 : 2 * len(variants) : 2]
    original_scores = {
        (source, sample.id): (sources[source][sample.id], scores)
        for (source, sample), scores in zip(originals, scored[2 * len(variants) :], strict=True)
    }
    verdicts, unmeasured = family_verdicts(
        inputs.samples,
        inputs.dataset,
        original_scores,
        made,
        variant_scores[: len(made)],
        inputs.gate,
        (inputs.judge.model, inputs.judge.is_baseline),
    )
    rubric = load_rubric(inputs.judge.rubric_path)
    signals = gate_signals(inputs.gate) + scorer_signals(
        [s.name for s in inputs.scorers], rubric.ids
    )
    everything = outcomes(variants, scored[: 2 * len(variants)], signals)
    found, blind = rule_made_outcomes(everything), blind_outcomes(everything)
    rows = family_rows(found, signals)
    flags = known_good_flags({key: scores for key, (_, scores) in original_scores.items()}, signals)
    by_source = validate_by_source(found, inputs.gate, signals, verdicts, unmeasured, flags)
    return MetaEvalResult(
        digest=digest_of(description),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        inputs=description,
        rows=rows,
        rows_by_split={
            **{
                split: family_rows([o for o in found if o.split == split], signals)
                for split in ("dev", "heldout")
            },
            BLIND: family_rows(blind, signals),
        },
        rows_by_source={
            source: family_rows([o for o in found if o.source == source], signals)
            for source in sources
        },
        checks=[validation.overall for validation in by_source],
        signals=signals,
        outcomes=everything,
        verdicts=verdicts,
        wall_s=time.perf_counter() - started,
        unmeasured=unmeasured,
        known_good_flags=flags,
        by_source=by_source,
        first_run={name: dict(figures) for name, figures in inputs.known_good.first_run.items()},
    )
