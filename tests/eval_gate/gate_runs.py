"""Synthetic EvalRuns for the gate and report tests: a production pair and degraded candidates.

Per-sample scores are drawn once from a seeded generator (the "production" pair); each
candidate profile transforms them the way a real defect would move them, so every test
starts from the same samples and the paired comparison is meaningful.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from eval.types import (
    DatasetInfo,
    EvalRun,
    EvalSample,
    KeyFactSpec,
    PairInfo,
    SampleResult,
    Score,
)
from service.models import SummaryOptions

GOLDEN = "golden/v1"
REGRESSION = "regressions/2026-W47"
JUDGE = "local/rubric-judge"
OPTIONS = SummaryOptions(as_of=datetime(2026, 1, 15, tzinfo=UTC))


@dataclass
class Values:
    """Mutable per-sample numbers a profile may change before they become a SampleResult."""

    dataset: str
    output: str
    bleu: float | None
    recall: float | None
    judge: float
    fabrication: int
    pii: int
    latency_ms: float
    cost_usd: float
    error: str | None = None


Profile = Callable[[int, Values, np.random.Generator], Values]


def samples(n_golden: int = 200, n_regression: int = 5) -> tuple[EvalSample, ...]:
    """Golden samples with one or two references and key facts; reference-free regressions."""
    out = []
    for i in range(n_golden):
        amount = 40 + i
        ref = f"Customer {i} disputed a ${amount}.00 late fee twice; promised a refund by Friday."
        refs = (
            (ref, f"Second call about the ${amount} late fee; refund promised.")
            if i % 3
            else (ref,)
        )
        facts = (
            KeyFactSpec(f"${amount} late fee", "amount", (f"${amount}",)),
            KeyFactSpec("refund promised", "promise", ("refund",)),
        )
        out.append(EvalSample(f"g{i:03d}", GOLDEN, (), OPTIONS, refs, facts))
    for i in range(n_regression):
        out.append(EvalSample(f"r{i:03d}", REGRESSION, (), OPTIONS, rejected_summary="Useless."))
    return tuple(out)


def _base_values(sample_list: tuple[EvalSample, ...], seed: int = 7) -> list[Values]:
    rng = np.random.default_rng(seed)
    values = []
    for s in sample_list:
        golden = s.dataset == GOLDEN
        values.append(
            Values(
                dataset=s.dataset,
                output=s.references[0] if golden else f"Summary for {s.id}: billing dispute.",
                bleu=float(np.clip(rng.normal(40, 10), 5, 95)) if golden else None,
                recall=float(rng.choice([0.5, 1.0, 1.0, 1.0])) if golden else None,
                judge=float(np.clip(rng.normal(0.88, 0.06), 0, 1)) if golden else 0.7,
                fabrication=0,
                pii=0,
                latency_ms=float(rng.lognormal(np.log(1200), 0.35)),
                cost_usd=float(rng.normal(0.009, 0.0005)),
            )
        )
    return values


def _result(sample_id: str, v: Values) -> SampleResult:
    scores = {
        "judge": Score("judge", v.judge, v.judge >= 0.7, "rubric: covers intent and next step"),
        "claims": Score(
            "claims",
            float(v.fabrication),
            v.fabrication == 0,
            metadata={
                "categories": {"amount": v.fabrication} if v.fabrication else {},
                "findings": [
                    {
                        "category": "amount",
                        "verdict": "unsupported",
                        "claim": f"invented amount {n}",
                        "reason": "no record gives this amount",
                        "evidence": [],
                    }
                    for n in range(v.fabrication)
                ],
            },
        ),
        "pii_leak": Score("pii_leak", float(v.pii), v.pii == 0),
        "bleu": Score("bleu", v.bleu),
        "key_fact_recall": Score("key_fact_recall", v.recall),
        # Open items stated follow key facts: a prompt that drops facts drops open items too.
        "open_items": Score("open_items", v.recall),
    }
    errored = v.error is not None
    return SampleResult(
        sample_id=sample_id,
        dataset=v.dataset,
        trial=0,
        output=None if errored else v.output,
        error=v.error,
        model_used="local/baseline",
        fallback_used=False,
        model_called=True,
        input_tokens=1500,
        output_tokens=120,
        cache_read_tokens=1000,
        cache_write_tokens=0,
        cost_usd=v.cost_usd,
        latency_ms=v.latency_ms,
        latency_source="measured",
        scores={} if errored else scores,
        judge_cost_usd=0.0,
    )


def build_run(
    profile: Profile | None = None,
    *,
    name: str = "omni-summary",
    version: str = "7",
    seed: int = 11,
    digest: str = "sha256:" + "a" * 64,
    judge_model: str = JUDGE,
    n_golden: int = 200,
    n_regression: int = 5,
) -> EvalRun:
    """A run of the production pair, or of a candidate when `profile` transforms its values."""
    sample_list = samples(n_golden, n_regression)
    rng = np.random.default_rng(seed)
    results = []
    for i, (s, v) in enumerate(zip(sample_list, _base_values(sample_list), strict=True)):
        results.append(_result(s.id, profile(i, v, rng) if profile else v))
    datasets = [DatasetInfo("golden", "v1", digest, n_golden)]
    if n_regression:
        datasets.append(DatasetInfo("regressions", "2026-W47", "sha256:" + "b" * 64, n_regression))
    return EvalRun(
        pair=PairInfo(name, version, "sha256:" + "c" * 12, "local/baseline", {}),
        datasets=tuple(datasets),
        results=tuple(results),
        samples=sample_list,
        judge_model=judge_model,
        judge_is_baseline=True,
        trials=1,
        wall_s=12.5,
    )


def _clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def equivalent(i: int, v: Values, rng: np.random.Generator) -> Values:
    """A reworded production prompt: small symmetric noise on every metric."""
    return replace(
        v,
        bleu=None if v.bleu is None else v.bleu + float(rng.normal(0, 1.5)),
        judge=_clip01(v.judge + float(rng.normal(0, 0.02))),
        latency_ms=v.latency_ms * float(rng.uniform(0.9, 1.1)),
    )


def drops_customer_data(i: int, v: Values, rng: np.random.Generator) -> Values:
    """The prompt loses the customer-data block: generic text, no facts, poor judge scores."""
    return replace(
        v,
        output="The customer contacted us about their account.",
        bleu=None if v.bleu is None else v.bleu * 0.2,
        recall=None if v.recall is None else 0.0,
        judge=_clip01(v.judge - 0.4),
    )


def invents_amounts(i: int, v: Values, rng: np.random.Generator) -> Values:
    """The model states amounts that are not in the history, on one golden summary in six."""
    if v.dataset != GOLDEN or i % 6:
        return v
    return replace(v, output=v.output + " Also charged $999.99 for roaming.", fabrication=1)


def truncates(i: int, v: Values, rng: np.random.Generator) -> Values:
    """Summaries cut off after a few words: references and key facts are lost."""
    return replace(
        v,
        output=v.output[:25],
        bleu=None if v.bleu is None else v.bleu * 0.4,
        recall=None if v.recall is None else v.recall * 0.4,
    )


def slow(i: int, v: Values, rng: np.random.Generator) -> Values:
    """Answers through a slow endpoint (the emulator's latency injection): same text, 3x time."""
    return replace(v, latency_ms=v.latency_ms * 3.0)


def expensive(i: int, v: Values, rng: np.random.Generator) -> Values:
    """A larger model: same quality at three times the price."""
    return replace(v, cost_usd=v.cost_usd * 3)


def leaks_pii(i: int, v: Values, rng: np.random.Generator) -> Values:
    """Echoes a card number into three summaries."""
    return (
        replace(v, pii=1, output=v.output + " Card 4111 1111 1111 1111.") if i in (3, 50, 97) else v
    )


def worse_on_regressions(i: int, v: Values, rng: np.random.Generator) -> Values:
    """As good as production on golden, clearly worse on the agents' not-helpful cases."""
    return replace(v, judge=_clip01(v.judge - 0.3)) if v.dataset == REGRESSION else v
