"""The judge's verdict on rated production summaries, and its agreement with agents (kappa).

The judge is the eval suite's rubric judge scorer (the local deterministic baseline unless
`OCI_JUDGE_MODEL` names a model); it sees the interactions and options the production
summary was generated from, exactly as it would in an eval run.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eval.judge.config import JudgeConfig
from eval.scorers.deps import JudgeCache, ScorerDeps
from eval.scorers.judge import judge_scorer
from eval.types import EvalSample
from service.gateway import ModelGateway
from service.models import Interaction, SummaryOptions

_CONCURRENCY = 16


@dataclass(frozen=True)
class Judged:
    """One rated summary with the judge's verdict (None: the judge could not decide)."""

    row: dict[str, Any]
    passed: bool | None
    score: float | None
    reason: str


@dataclass(frozen=True)
class Agreement:
    """Cohen's kappa between judge pass/fail and agents' helpful/not-helpful.

    `confusion[judge][agent]` counts, with judge in {"pass", "fail"} and agent in
    {"helpful", "not_helpful"}. `kappa` is None when it cannot be measured: no pairs, or one
    rater gave the same answer every time (then agreement beyond chance is 0 by definition
    and says nothing about the judge); `unmeasurable` says why. `low`/`high`: its 95%
    interval (Cohen's large-sample standard error, clipped to [-1, 1]).
    """

    n: int
    kappa: float | None
    observed: float | None
    confusion: dict[str, dict[str, int]]
    low: float | None = None
    high: float | None = None
    unmeasurable: str | None = None

    @property
    def text(self) -> str:
        """`0.412 [0.31, 0.52]`, or `not measurable (why)`."""
        if self.kappa is None:
            return f"not measurable ({self.unmeasurable})"
        return f"{self.kappa:.3f} [{self.low:.2f}, {self.high:.2f}]"


def cohen_kappa(pairs: Sequence[tuple[bool, bool]], z: float = 1.96) -> Agreement:
    """Kappa of two binary raters over `(judge_passed, agent_found_helpful)` pairs."""
    confusion = {j: {a: 0 for a in ("helpful", "not_helpful")} for j in ("pass", "fail")}
    for judge, agent in pairs:
        confusion["pass" if judge else "fail"]["helpful" if agent else "not_helpful"] += 1
    n = len(pairs)
    if n == 0:
        return Agreement(0, None, None, confusion, unmeasurable="no rated summary judged")
    observed = (confusion["pass"]["helpful"] + confusion["fail"]["not_helpful"]) / n
    judge_pass = (confusion["pass"]["helpful"] + confusion["pass"]["not_helpful"]) / n
    helpful = (confusion["pass"]["helpful"] + confusion["fail"]["helpful"]) / n
    constant = _constant_rater(judge_pass, helpful)
    if constant:
        return Agreement(n, None, observed, confusion, unmeasurable=constant)
    chance = judge_pass * helpful + (1 - judge_pass) * (1 - helpful)
    kappa = (observed - chance) / (1 - chance)
    half = z * math.sqrt(observed * (1 - observed) / (n * (1 - chance) ** 2))
    return Agreement(
        n, kappa, observed, confusion, low=max(-1.0, kappa - half), high=min(1.0, kappa + half)
    )


def _constant_rater(judge_pass: float, helpful: float) -> str | None:
    """Why kappa cannot be measured when a rater never varied (None when both did)."""
    judge = {1.0: "the judge passed every summary", 0.0: "the judge failed every summary"}
    agents = {1.0: "agents found every summary helpful", 0.0: "agents found none helpful"}
    reasons = [text for text in (judge.get(judge_pass), agents.get(helpful)) if text]
    return "; ".join(reasons) or None


def sample_of(row: dict[str, Any]) -> EvalSample:
    """The eval sample a rated summary was generated from (options as of generation time)."""
    stamp = row["generation_timestamp"]
    as_of = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))
    channels = json.loads(row["channel_filter"]) if row["channel_filter"] else None
    interactions = tuple(Interaction.model_validate(i) for i in json.loads(row["interactions"]))
    options = SummaryOptions(
        ivr_intent=row["ivr_intent"],
        max_history_days=int(row["max_history_days"]),
        max_interactions=int(row["max_interactions"]),
        channel_filter=tuple(channels) if channels else None,
        as_of=as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC),
    )
    return EvalSample(
        id=str(row["request_id"]), dataset="production", interactions=interactions, options=options
    )


async def _judge_all(
    rows: Sequence[dict[str, Any]], config: JudgeConfig, cache: JudgeCache | None
) -> list[Judged]:
    scorer = judge_scorer(ScorerDeps(judge=config, gateway=ModelGateway(), cache=cache))
    limit = asyncio.Semaphore(_CONCURRENCY)

    async def one(row: dict[str, Any]) -> Judged:
        async with limit:
            score = await scorer.score(sample_of(row), str(row["summary_text"]))
        return Judged(row, score.passed, score.value, score.reason)

    return list(await asyncio.gather(*(one(row) for row in rows)))


def judge_rows(
    rows: Sequence[dict[str, Any]],
    config: JudgeConfig | None = None,
    cache: JudgeCache | None = None,
) -> list[Judged]:
    """Run the judge over rated summaries (the local baseline judge by default).

    With `cache` (the eval cache's judge namespace), answers are keyed like the eval suite's
    (judge config, rubric, scorer version, sample id = request id, output), so re-judging an
    unchanged summary costs nothing and yields the same verdict.
    """
    return asyncio.run(_judge_all(rows, config or JudgeConfig(), cache))


def warm_up(config: JudgeConfig | None = None) -> None:
    """Pay the local judge's one-off costs now: call it on a synthetic row, uncached.

    The first judge call of a process imports modules lazily and builds the tokenizer's
    tables inside litellm (0.3-0.4 s measured, once per process): the report runs this
    beside its warehouse queries rather than in front of the judge. Only for a local
    baseline judge; for an LLM judge it would be a paid call, and network time dwarfs that
    cost anyway.
    """
    config = config or JudgeConfig()
    if config.is_baseline:
        judge_rows([_synthetic_row()], config)


def _synthetic_row() -> dict[str, Any]:
    interaction = {
        "channel": "chat",
        "timestamp": "2026-01-01T09:00:00Z",
        "intent": "billing",
        "notes": "Customer asked about a late fee.",
        "outcome": "resolved",
    }
    return {
        "request_id": "warm-up",
        "generation_timestamp": "2026-01-02T09:00:00+00:00",
        "channel_filter": None,
        "interactions": json.dumps([interaction]),
        "ivr_intent": "billing_inquiry",
        "max_history_days": 90,
        "max_interactions": 10,
        "summary_text": "Customer chatted once about a late fee; resolved.",
    }


def agreement(judged: Sequence[Judged]) -> Agreement:
    """Kappa over the judged rows the judge could decide."""
    return cohen_kappa(
        [(item.passed, bool(item.row["helpful"])) for item in judged if item.passed is not None]
    )
