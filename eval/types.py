"""The eval suite's public vocabulary: samples in, scores and per-sample results out.

Small, frozen and typed, after inspect_ai's Task/Scorer/Score and simple-evals' EvalResult:
metrics are pure functions, scorers are thin adapters that return a `Score`, and
aggregation is a separate pure step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from service.models import Interaction, SummaryOptions

if TYPE_CHECKING:
    from service.prompts import PromptPair


@dataclass(frozen=True)
class KeyFactSpec:
    """An atomic fact a good summary states; `match` holds lowercase alternatives."""

    fact: str
    kind: str
    match: tuple[str, ...]


@dataclass(frozen=True)
class EvalSample:
    """One case to evaluate: a history, the request options and the answer key.

    Golden samples carry references and key facts; regression cases (from agents'
    not-helpful feedback) may carry neither, and reference-based scorers then return a
    `Score` with `value=None` (not applicable) rather than a zero.
    """

    id: str
    dataset: str  # e.g. "golden/v1" or "regressions/2026-W47"
    interactions: tuple[Interaction, ...]
    options: SummaryOptions
    references: tuple[str, ...] = ()
    key_facts: tuple[KeyFactSpec, ...] = ()
    tags: dict[str, Any] = field(default_factory=dict)
    # The summary production agents judged not helpful (regression cases only).
    rejected_summary: str | None = None


@dataclass(frozen=True)
class Score:
    """One scorer's verdict on one output.

    `value` is the metric (None when the scorer does not apply to the sample); `passed`
    is the per-sample pass/fail where the metric has one; `reason` says why, for reports.
    """

    name: str
    value: float | None
    passed: bool | None = None
    reason: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


ScorerFn = Callable[[EvalSample, str], Awaitable[Score]]


@dataclass(frozen=True)
class Scorer:
    """A named, versioned per-sample scorer (the version keys the judge-call cache)."""

    name: str
    version: str
    score: ScorerFn
    cost_usd: Callable[[], float] | None = None  # judge spend so far, for cost reporting
    # What else decides its score (judge config, known system prompts): part of the key under
    # which the runner remembers a score for an unchanged output.
    fingerprint: str = ""


LatencySource = Literal["measured", "cached"]


@dataclass(frozen=True)
class SampleResult:
    """Everything about one sample in one trial; an errored sample is kept, never dropped."""

    sample_id: str
    dataset: str
    trial: int
    output: str | None
    error: str | None
    model_used: str
    fallback_used: bool
    model_called: bool
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    cost_usd: float
    latency_ms: float
    latency_source: LatencySource
    scores: dict[str, Score] = field(default_factory=dict)
    judge_cost_usd: float = 0.0

    def value(self, name: str) -> float | None:
        """The value of score `name`, or None if absent or not applicable."""
        score = self.scores.get(name)
        return None if score is None else score.value


@dataclass(frozen=True)
class PairInfo:
    """Which prompt/model pair a run evaluated."""

    name: str
    version: str
    content_hash: str
    model_primary: str
    model_config: dict[str, Any]

    @classmethod
    def of(cls, pair: PromptPair) -> PairInfo:
        """What a run records about the pair it evaluated."""
        return cls(
            name=pair.name,
            version=pair.version,
            content_hash=pair.content_hash,
            model_primary=pair.model.primary,
            model_config=pair.model.canonical(),
        )


@dataclass(frozen=True)
class DatasetInfo:
    """Which dataset content a run used (digest included, so versions never mix silently)."""

    name: str
    version: str
    digest: str
    samples: int


@dataclass(frozen=True)
class EvalRun:
    """One evaluation of one pair: every per-sample result, in sample order."""

    pair: PairInfo
    datasets: tuple[DatasetInfo, ...]
    results: tuple[SampleResult, ...]
    samples: tuple[EvalSample, ...]
    judge_model: str
    judge_is_baseline: bool
    trials: int
    wall_s: float
    mlflow_run_id: str | None = None
    # (digest of the texts, corpus BLEU, corpus chrF) per slice, precomputed by the runner
    # (`eval.corpus`); empty when not, and `aggregate` computes them itself.
    corpus: tuple[tuple[str, float, float], ...] = ()
