"""Per-sample signals: what each gate check, scorer and judge criterion sees in one summary.

A gate check decides on a whole run, but it rests on a per-sample signal: the hallucination
rate counts summaries whose claim check failed, a paired check adds up per-sample deltas.
The meta-evaluation asks each signal one question per labelled variant: does it tell the
variant from the known-good summary it was made from? A signal *fires* when the variant is
worse than its original by the signal's own rule:

- a flag (a scorer's pass/fail, a judge criterion) flips from pass to fail;
- a per-sample value worsens by more than the check's margin (paired checks), or at all
  (key-fact recall: a fact that is no longer stated).

When the original already fails a flag, the signal cannot tell the two apart: it answers
None (not assessable) rather than claiming a detection it did not make.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from eval.aggregate import CLAIM_RATES
from eval.gate.config import LOWER_IS_BETTER, GateConfig
from eval.types import Score
from service.claims import KINDS_BY_NAME

Scores = Mapping[str, Score]
Fires = Callable[[Scores, Scores], bool | None]
# "gate": an absolute gate check's per-sample flag; "paired": a paired gate check's per-sample
# delta (the check itself decides on the run mean; see eval.metaeval.runs).
SignalKind = Literal["gate", "paired", "scorer", "criterion"]


# How a run metric of an absolute check reads on one sample: the score it comes from and
# whether a value is "bad" for that sample. Metrics not listed (latency, cost, error and
# fallback rates) do not rest on a scorer and are not meta-evaluated.
def _claim_categories(categories: frozenset[str]) -> Callable[[Score], bool | None]:
    def bad(score: Score) -> bool | None:
        if score.value is None:
            return None
        found = score.metadata.get("categories") or {}
        return any(found.get(category) for category in categories)

    return bad


FLAG_METRICS: dict[str, tuple[str, Callable[[Score], bool | None]]] = {
    **{metric: ("claims", _claim_categories(cats)) for metric, cats in CLAIM_RATES.items()},
    "pii_leaks": ("pii_leak", lambda s: None if s.value is None else s.value > 0),
    "judge_pass_rate": ("judge", lambda s: None if s.passed is None else not s.passed),
    "judge_error_rate": ("judge", lambda s: s.value is None),
}
MEAN_METRICS: dict[str, str] = {
    "key_fact_recall_mean": "key_fact_recall",
    "judge_mean": "judge",
    "faithfulness_mean": "ragas_faithfulness",
    "bleu_mean": "bleu",
    "chrf_mean": "chrf",
}
PAIRED_SCORES: dict[str, str] = {"faithfulness": "ragas_faithfulness"}
# A scorer without a pass/fail of its own fires when its value worsens by more than this.
VALUE_TOLERANCE: dict[str, float] = {
    "bleu": 2.0,
    "chrf": 2.0,
    "key_fact_recall": 1e-9,
    "ragas_faithfulness": 0.05,
    "judge": 0.05,
    "open_items": 0.5,
}
TINY = 1e-9
# Paired scores that are a per-sample verdict as well: open_items is 0 when the summary
# leaves out what the records leave open, so a known-good text scoring 0 is a false alarm.
PAIRED_FLAGS: dict[str, Callable[[Score], bool | None]] = {
    "open_items": lambda s: None if s.value is None else s.value < 0.5,
}


@dataclass(frozen=True)
class Signal:
    """One per-sample signal: `fires(original_scores, variant_scores)`."""

    name: str
    kind: SignalKind
    score: str  # the score it reads (for reasons in reports)
    fires: Fires
    rule: str  # how it decides, for the report
    # For flag signals: whether one summary, as it stands, is flagged (None: cannot tell).
    # Read on known-good text, every flag is a false alarm.
    flags: Callable[[Scores], bool | None] | None = None


def _failed(score: Score) -> bool | None:
    return None if score.passed is None else not score.passed


def _flag(score_name: str, bad: Callable[[Score], bool | None]) -> Fires:
    def fires(original: Scores, variant: Scores) -> bool | None:
        before, after = original.get(score_name), variant.get(score_name)
        if before is None or after is None or bad(before) is not False:
            return None
        return bad(after) is True

    return fires


def _flagged(
    score_name: str, bad: Callable[[Score], bool | None]
) -> Callable[[Scores], bool | None]:
    def flags(scores: Scores) -> bool | None:
        score = scores.get(score_name)
        return None if score is None else bad(score)

    return flags


def _worsens(score_name: str, tolerance: float, *, lower_is_better: bool = False) -> Fires:
    def fires(original: Scores, variant: Scores) -> bool | None:
        before, after = original.get(score_name), variant.get(score_name)
        if before is None or before.value is None:
            return None
        if after is None or after.value is None:
            return True  # the variant lost a score its original had (e.g. a judge error)
        delta = after.value - before.value
        return delta > tolerance if lower_is_better else delta < -tolerance

    return fires


def _criterion(criterion: str) -> Fires:
    def verdict(score: Score) -> bool | None:
        per = score.metadata.get("per_criterion") or {}
        value = per.get(criterion)
        return None if value is None else not value

    return _flag("judge", verdict)


def gate_signals(config: GateConfig) -> list[Signal]:
    """A signal for every gate check that rests on a scorer (golden-scoped and `all` checks)."""
    signals: list[Signal] = []
    for check in config.absolute:
        if check.metric in FLAG_METRICS:
            score_name, bad = FLAG_METRICS[check.metric]
            rule = f"{score_name} flips from pass to fail"
            fires, flags = _flag(score_name, bad), _flagged(score_name, bad)
            signals.append(Signal(check.name, "gate", score_name, fires, rule, flags))
        elif check.metric in MEAN_METRICS:
            score_name = MEAN_METRICS[check.metric]
            rule = f"{score_name} lower than the original's"
            fires = _worsens(score_name, TINY)
            signals.append(Signal(check.name, "gate", score_name, fires, rule))
    for kind, categories in _kind_categories(config).items():
        rule = f"claims finds a {kind} it did not find in the original"
        bad = _claim_categories(categories)
        fires, flags = _flag("claims", bad), _flagged("claims", bad)
        signals.append(Signal(kind, "gate", "claims", fires, rule, flags))
    for paired in config.non_inferiority:
        score_name = PAIRED_SCORES.get(paired.metric, paired.metric)
        lower = paired.metric in LOWER_IS_BETTER
        fires = _worsens(score_name, paired.margin, lower_is_better=lower)
        rule = f"{score_name} worse than the original's by more than {paired.margin:g}"
        verdict = PAIRED_FLAGS.get(score_name)
        flagged = None if verdict is None else _flagged(score_name, verdict)
        signals.append(Signal(paired.name, "paired", score_name, fires, rule, flagged))
    return signals


def _kind_categories(config: GateConfig) -> dict[str, frozenset[str]]:
    """The finding categories of each claim kind the gate judges."""
    return {kind: frozenset(KINDS_BY_NAME[kind].categories) for kind in config.claims.kinds}


def scorer_signals(scorer_names: Sequence[str], criteria: Sequence[str]) -> list[Signal]:
    """A signal for every scorer and every judge criterion."""
    signals: list[Signal] = []
    for name in scorer_names:
        if name in VALUE_TOLERANCE:
            tolerance = VALUE_TOLERANCE[name]
            rule = f"value lower than the original's by more than {tolerance:g}"
            signals.append(Signal(name, "scorer", name, _worsens(name, tolerance), rule))
        else:
            rule = "passes on the original, fails on the variant"
            signals.append(Signal(name, "scorer", name, _flag(name, _failed), rule))
    for criterion in criteria:
        rule = "judge criterion passes on the original, fails on the variant"
        fires = _criterion(criterion)
        signals.append(Signal(f"judge.{criterion}", "criterion", "judge", fires, rule))
    return signals
