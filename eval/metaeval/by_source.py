"""A check is trusted only on its worst source of known-good text.

Each source (the references, the production pair's outputs, blind LLM-style briefings) is
text of another hand: a check fitted to one can be blind or noisy on another. So every
gate check is validated on each source apart — its detection of the families it claims,
its false alarms on meaning-preserving rewrites, and how often it flags the source's
known-good texts as they stand — and its status is the worst of them. A source on which a
check could not be measured says so; it never counts as validated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from eval.gate.config import RATE_METRICS, GateConfig
from eval.metaeval.detect import VariantOutcome
from eval.metaeval.signals import Signal
from eval.metaeval.table import (
    CheckValidationResult,
    Rate,
    Verdicts,
    family_rows,
    validate_checks,
)

STATUS_ORDER = ("validated", "not measured", "below minimum")


@dataclass(frozen=True)
class SourceValidation:
    """A check's validation on every source, and the verdict of the worst one."""

    overall: CheckValidationResult
    by_source: dict[str, CheckValidationResult] = field(default_factory=dict)
    known_good: dict[str, Rate] = field(default_factory=dict)  # flagged known-good texts


def validate_by_source(
    outcomes: Sequence[VariantOutcome],
    config: GateConfig,
    signals: Sequence[Signal],
    verdicts: Verdicts,
    unmeasured: Mapping[str, Sequence[str]],
    known_good: Mapping[str, Mapping[str, Rate]],
) -> list[SourceValidation]:
    """Each gate check validated per source; the overall status is the worst source's.

    Args:
        outcomes: Rule-made variants' outcomes (every source).
        config: The gate (requirements per check).
        signals: The signals the outcomes were read with.
        verdicts: Whole-run verdicts per (source, family).
        unmeasured: Source -> checks that fail its known-good run against itself.
        known_good: Source -> check -> known-good texts it flagged as they stand.
    """
    sources = sorted({o.source for o in outcomes} | set(known_good))
    per_source: dict[str, dict[str, CheckValidationResult]] = {}
    for source in sources:
        mine = [o for o in outcomes if o.source == source]
        results = validate_checks(
            family_rows(mine, signals),
            config,
            signals,
            {key: failed for key, failed in verdicts.items() if key[0] == source},
            mine,
            {source: unmeasured[source]} if source in unmeasured else {},
        )
        per_source[source] = {r.check: r for r in results}
    pooled = validate_checks(
        family_rows(outcomes, signals), config, signals, verdicts, outcomes, unmeasured
    )
    combined = []
    for overall in pooled:
        by_source = {s: per[overall.check] for s, per in per_source.items() if overall.check in per}
        flagged = {
            s: rates[overall.check] for s, rates in known_good.items() if overall.check in rates
        }
        allowance = known_good_allowance(overall.check, config)
        worst = _worst(overall, by_source, flagged, allowance)
        combined.append(SourceValidation(worst, by_source, flagged))
    return combined


def known_good_allowance(check: str, config: GateConfig) -> float:
    """How many known-good texts a check may flag before it is called noisy: the
    meta-evaluation's false-alarm maximum, or, for a rate check that tolerates failures by
    its own threshold (judge pass rate >= 80 %), that tolerance."""
    absolute = next((c for c in config.absolute if c.name == check), None)
    maximum = config.validation.requirement(check)[1]
    if absolute is None or absolute.op == "==" or absolute.metric not in RATE_METRICS:
        return maximum
    tolerance = absolute.threshold if absolute.op == "<=" else 1.0 - absolute.threshold
    return max(maximum, tolerance)


def _worst(
    pooled: CheckValidationResult,
    by_source: Mapping[str, CheckValidationResult],
    flagged: Mapping[str, Rate],
    allowance: float,
) -> CheckValidationResult:
    """The pooled result with the status and detail of the worst source."""
    noisy = {
        source: rate
        for source, rate in flagged.items()
        if rate.n and (rate.value or 0.0) > allowance
    }
    problems = [
        f"{source}: {result.detail}"
        for source, result in sorted(by_source.items())
        if result.status == "below minimum"
    ]
    problems += [
        f"{source}: known-good texts flagged {rate.text()} over {allowance:.0%}"
        for source, rate in sorted(noisy.items())
    ]
    unmeasured = sorted(s for s, r in by_source.items() if r.status == "not measured")
    measured = sorted(set(by_source) - set(unmeasured))
    if problems:
        return replace(pooled, status="below minimum", detail="; ".join(problems))
    if not measured:
        return replace(pooled, status="not measured", detail="no variants scored on any source")
    worst = max(
        (rate for rate in flagged.values() if rate.n),
        key=lambda rate: rate.value or 0.0,
        default=None,
    )
    noise = f"; known-good flagged at most {worst.text()}" if worst is not None else ""
    gaps = f"; not measured on {', '.join(unmeasured)}" if unmeasured else ""
    detail = f"validated on {', '.join(measured)}{noise}{gaps}; {pooled.detail}"
    return replace(pooled, status="validated", detail=detail)
