"""Whole-run verdicts: would the gate fail a candidate that made one family's change everywhere?

Per-sample signals say how often a check notices a change; the gate decides on whole runs.
For each family and source, a candidate run is built from the known-good outputs with every
applicable sample replaced by its variant, and `eval.gate.decide` compares it with the run of
the originals. A perturbation family should fail the checks that claim it; a control family
should fail none.

A check that fails the known-good run compared with itself cannot tell a change from no
change on that source (BLEU of a text made from a sample's only reference has no other
reference to be scored against), so it is reported as not measurable there instead of as a
verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from eval.gate import decide
from eval.gate.config import GateConfig
from eval.metaeval.detect import VariantLike
from eval.types import DatasetInfo, EvalRun, EvalSample, PairInfo, SampleResult, Score

Scores = Mapping[str, Score]


def _result(sample: EvalSample, output: str, scores: Scores) -> SampleResult:
    return SampleResult(
        sample_id=sample.id,
        dataset=sample.dataset,
        trial=0,
        output=output,
        error=None,
        model_used="meta-eval",
        fallback_used=False,
        model_called=True,
        input_tokens=0,
        output_tokens=0,
        cache_read_tokens=0,
        cache_write_tokens=0,
        cost_usd=0.0,
        latency_ms=0.0,
        latency_source="measured",
        scores=dict(scores),
    )


def _run(
    label: str,
    samples: Sequence[EvalSample],
    dataset: DatasetInfo,
    outputs: Mapping[str, tuple[str, Scores]],
    judge: tuple[str, bool],
) -> EvalRun:
    kept = [s for s in samples if s.id in outputs]
    return EvalRun(
        pair=PairInfo("meta-eval", label, label, "meta-eval", {}),
        datasets=(dataset,),
        results=tuple(_result(s, *outputs[s.id]) for s in kept),
        samples=tuple(kept),
        judge_model=judge[0],
        judge_is_baseline=judge[1],
        trials=1,
        wall_s=0.0,
    )


def family_verdicts(
    samples: Sequence[EvalSample],
    dataset: DatasetInfo,
    originals: Mapping[tuple[str, str], tuple[str, Scores]],
    variants: Sequence[VariantLike],
    variant_scores: Sequence[Scores],
    gate: GateConfig,
    judge: tuple[str, bool],
) -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(source, family) -> names of the gate checks that fail the changed run, and
    source -> the checks not measurable on it (they fail the originals against themselves;
    left out of that source's verdicts).

    Args:
        samples: The golden samples, in order.
        dataset: Their dataset (the runs must carry the same digest).
        originals: (source, sample id) -> (known-good text, its scores), for every sample.
        variants: The labelled variants; `variant_scores` holds their scores, in order.
        gate: The gate configuration.
        judge: (judge model, is baseline), as the runs record them.
    """
    by_source: dict[str, dict[str, tuple[str, Scores]]] = defaultdict(dict)
    for (source, sample_id), pair in originals.items():
        by_source[source][sample_id] = pair
    changed: dict[tuple[str, str], dict[str, tuple[str, Scores]]] = defaultdict(dict)
    for variant, scores in zip(variants, variant_scores, strict=True):
        # A variant on an edited history (a planted instruction) replaces its sample too: the
        # run then holds that sample's summary of the edited history.
        changed[(variant.source, variant.family)][variant.sample_id] = (variant.text, scores)
    baselines = {
        source: _run(source, samples, dataset, base, judge) for source, base in by_source.items()
    }
    unmeasured = {
        source: tuple(c.name for c in decide(run, run, gate).failed)
        for source, run in baselines.items()
    }
    verdicts: dict[tuple[str, str], tuple[str, ...]] = {}
    for (source, family), swaps in changed.items():
        if source not in baselines:
            continue
        base = by_source[source]
        candidate = _run(f"{source}+{family}", samples, dataset, {**base, **swaps}, judge)
        verdict = decide(candidate, baselines[source], gate)
        skip = set(unmeasured[source])
        verdicts[(source, family)] = tuple(c.name for c in verdict.failed if c.name not in skip)
    return verdicts, {source: names for source, names in unmeasured.items() if names}
