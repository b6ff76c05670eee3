"""The detection table: per family, how often each signal fired; per check, its validation.

Pure functions over `VariantOutcome`s. A rate is `k` of `n` variants with its Wilson 95 %
interval; for a perturbation family it is the detection rate, for a control family the
false-alarm rate. "Caught" means caught by at least one gate check, the only signals that
can stop a promotion.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from eval.gate.config import GateConfig
from eval.metaeval.detect import VariantOutcome
from eval.metaeval.signals import Signal
from eval.stats import wilson_interval


@dataclass(frozen=True)
class Rate:
    """`k` of `n`, with its Wilson 95 % interval."""

    k: int
    n: int

    @property
    def value(self) -> float | None:
        """k / n, or None when n is 0."""
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The Wilson 95 % interval, or None when n is 0."""
        return wilson_interval(self.k, self.n)

    def text(self) -> str:
        """'97% [93–99] (n=120)' for tables."""
        if not self.n:
            return "—"
        low, high = self.interval or (0.0, 0.0)
        return f"{self.k / self.n:.0%} [{low:.0%}–{high:.0%}] (n={self.n})"


@dataclass(frozen=True)
class FamilyRow:
    """One family of the suite and what caught it."""

    family: str
    kind: str
    trips: tuple[str, ...]
    caught: Rate  # by any gate check
    by_signal: dict[str, Rate]
    top_checks: tuple[tuple[str, int], ...]  # gate checks by how often they fired

    @property
    def n(self) -> int:
        """Variants in the family."""
        return self.caught.n


Status = Literal["validated", "below minimum", "not measured"]


@dataclass(frozen=True)
class CheckValidationResult:
    """One gate check against the evidence it must have."""

    check: str
    status: Status
    claims: tuple[str, ...]
    min_detection: float
    max_false_alarm: float
    detection: dict[str, Rate]  # per claimed family
    false_alarm: Rate
    detail: str


def family_rows(outcomes: Sequence[VariantOutcome], signals: Sequence[Signal]) -> list[FamilyRow]:
    """Rows for every family among `outcomes` (perturbations first, then controls)."""
    gate = [s.name for s in signals if s.kind == "gate"]
    grouped: dict[str, list[VariantOutcome]] = defaultdict(list)
    for outcome in outcomes:
        grouped[outcome.family].append(outcome)
    rows = []
    for family, items in grouped.items():
        n = len(items)
        caught = sum(item.detected_by(gate) for item in items)
        # A signal's rate is over the variants it could judge: a flag whose original already
        # failed, or a scorer run on a subsample only, cannot tell that variant apart.
        by_signal = {
            s.name: Rate(
                sum(bool(i.fired.get(s.name)) for i in items),
                sum(i.fired.get(s.name) is not None for i in items),
            )
            for s in signals
        }
        counts = Counter(name for item in items for name in gate if item.fired.get(name))
        rows.append(
            FamilyRow(
                family=family,
                kind=items[0].kind,
                # What the family's variants trip, together: one family can hold variants
                # of several kinds (an echoed instruction that carries a card number).
                trips=tuple(dict.fromkeys(trip for item in items for trip in item.trips)),
                caught=Rate(caught, n),
                by_signal=by_signal,
                top_checks=tuple(counts.most_common(3)),
            )
        )
    return sorted(rows, key=lambda row: (row.kind != "perturbation", row.family))


Verdicts = Mapping[tuple[str, str], tuple[str, ...]]  # (source, family) -> failed checks


def _run_rate(
    verdicts: Verdicts, family: str, check: str, unmeasured: Mapping[str, Sequence[str]]
) -> Rate:
    """In how many sources' whole-run comparisons `check` failed for `family`, over the
    sources on which it can be measured."""
    runs = [
        failed
        for (source, fam), failed in verdicts.items()
        if fam == family and check not in unmeasured.get(source, ())
    ]
    return Rate(sum(check in failed for failed in runs), len(runs))


def _claimed_rate(
    outcomes: Sequence[VariantOutcome], family: str, claims: set[str], signal: str
) -> Rate:
    """How often `signal` fired on the family's variants that trip an aspect it claims."""
    items = [o for o in outcomes if o.family == family and set(o.trips) & claims]
    return Rate(
        sum(bool(o.fired.get(signal)) for o in items),
        sum(o.fired.get(signal) is not None for o in items),
    )


def validate_checks(
    rows: Sequence[FamilyRow],
    config: GateConfig,
    signals: Sequence[Signal],
    verdicts: Verdicts | None = None,
    outcomes: Sequence[VariantOutcome] | None = None,
    unmeasured: Mapping[str, Sequence[str]] | None = None,
) -> list[CheckValidationResult]:
    """Each meta-evaluated gate check against `config.validation`.

    Absolute checks are judged on their per-sample signal, over the variants that trip an
    aspect the check claims (given `outcomes`; otherwise over the claimed family's rows): a
    PII check is not asked to catch an echoed instruction that carries no personal data.
    Paired checks decide on the mean of a whole run, so they are judged on whole-run
    verdicts (`verdicts`): a family counts as caught in each source whose changed run fails
    the check, and a control as a false alarm in each source whose reworded run fails it;
    a source on which the check is not measurable (`unmeasured`) is left out of both.
    """
    skip = unmeasured or {}
    controls = [row for row in rows if row.kind == "control"]
    paired = {c.name for c in (*config.non_inferiority, *config.regressions)}
    results = []
    for signal in signals:
        if signal.kind not in ("gate", "paired"):
            continue
        claims = config.validation.catches(signal.name)
        minimum, maximum = config.validation.requirement(signal.name)
        claimed = [
            row for row in rows if row.kind == "perturbation" and set(row.trips) & set(claims)
        ]
        if signal.name in paired and verdicts is not None:
            detection = {
                row.family: _run_rate(verdicts, row.family, signal.name, skip) for row in claimed
            }
            runs = [_run_rate(verdicts, row.family, signal.name, skip) for row in controls]
            false_alarm = Rate(sum(r.k for r in runs), sum(r.n for r in runs))
        else:
            detection = {
                row.family: row.by_signal[signal.name]
                if outcomes is None
                else _claimed_rate(outcomes, row.family, set(claims), signal.name)
                for row in claimed
            }
            false_alarm = Rate(
                sum(row.by_signal[signal.name].k for row in controls),
                sum(row.n for row in controls),
            )
        judged = _judge_check(signal.name, claims, minimum, maximum, detection, false_alarm)
        sources = sorted(source for source, names in skip.items() if signal.name in names)
        if sources:
            note = f"not measurable on the {', '.join(sources)} source (fails it against itself)"
            judged = replace(judged, detail=f"{judged.detail}; {note}")
        results.append(judged)
    return results


def _judge_check(
    name: str,
    claims: tuple[str, ...],
    minimum: float,
    maximum: float,
    detection: dict[str, Rate],
    false_alarm: Rate,
) -> CheckValidationResult:
    problems = []
    missing = [f for f, rate in detection.items() if rate.n == 0]
    low = {f: rate for f, rate in detection.items() if rate.n and (rate.value or 0.0) < minimum}
    if claims and not detection:
        problems.append(f"no variants of the families it claims ({', '.join(claims)})")
    if low:
        worst = min(low, key=lambda f: low[f].value or 0.0)
        problems.append(
            f"{len(low)} claimed families under {minimum:.0%} detection "
            f"(worst {worst}: {low[worst].text()})"
        )
    if false_alarm.n and (false_alarm.value or 0.0) > maximum:
        problems.append(f"false alarms {false_alarm.text()} over {maximum:.0%}")
    status: Status
    if not false_alarm.n and not detection:
        status, detail = "not measured", "no variants scored"
    elif problems or missing:
        status, detail = "below minimum", "; ".join(problems)
    else:
        caught = ", ".join(sorted(detection)) or "no claimed family"
        status = "validated"
        detail = f"catches {caught}; false alarms {false_alarm.text()}"
    return CheckValidationResult(
        name, status, claims, minimum, maximum, detection, false_alarm, detail
    )
