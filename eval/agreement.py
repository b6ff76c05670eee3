"""Agreement between two raters' pass/fail verdicts: Cohen's kappa, TPR, TNR, with intervals.

Pure functions. "Positive" means *fails*: a judge is a detector of bad summaries, so its true
positive rate is the share of summaries a person failed that the judge failed too, and its
true negative rate the share a person passed that the judge passed. Kappa is not measurable
when a rater gives the same verdict every time (it is then 0 whatever the other rater does);
the result says so in words instead of printing 0.000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Interval = tuple[float, float]


@dataclass(frozen=True)
class Agreement:
    """How two raters agree on `n` items (a = reference rater, b = rater under test)."""

    n: int
    kappa: float | None
    kappa_ci: Interval | None
    tpr: float | None  # b fails | a fails
    tpr_ci: Interval | None
    tnr: float | None  # b passes | a passes
    tnr_ci: Interval | None
    observed: float | None
    not_measurable: str | None = None  # why kappa is None


def _constant(x: np.ndarray) -> bool:
    return bool(x.all() or (~x).all())


def _kappa(a: np.ndarray, b: np.ndarray) -> float | None:
    # With one rater constant, kappa is 0 whatever the other does: it measures nothing.
    if _constant(a) or _constant(b):
        return None
    observed = float(np.mean(a == b))
    pa, pb = float(np.mean(a)), float(np.mean(b))
    chance = pa * pb + (1 - pa) * (1 - pb)
    return None if chance >= 1.0 - 1e-12 else (observed - chance) / (1 - chance)


def _rate(hits: np.ndarray, among: np.ndarray) -> float | None:
    total = int(among.sum())
    return None if total == 0 else float((hits & among).sum() / total)


def _interval(values: list[float], confidence: float) -> Interval | None:
    if not values:
        return None
    alpha = (1 - confidence) / 2
    low, high = np.quantile(values, [alpha, 1 - alpha])
    return float(low), float(high)


def binary_agreement(
    reference: Sequence[bool],
    rater: Sequence[bool],
    *,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> Agreement:
    """Agreement of `rater` with `reference`, both lists of *passed* verdicts per item.

    Intervals are percentile bootstrap intervals over items (resamples where a statistic is
    undefined are left out of its interval).

    Raises:
        ValueError: The lists differ in length.
    """
    if len(reference) != len(rater):
        raise ValueError(f"raters differ in length: {len(reference)} != {len(rater)}")
    n = len(reference)
    if n == 0:
        return Agreement(0, None, None, None, None, None, None, None, "no items")
    a = ~np.asarray(reference, dtype=bool)  # True = fails
    b = ~np.asarray(rater, dtype=bool)
    kappa = _kappa(a, b)
    why = None
    if kappa is None:
        who = "the reference rater" if a.all() or (~a).all() else "the rater under test"
        verdict = (
            "failed" if (a.all() if who.startswith("the reference") else b.all()) else "passed"
        )
        why = f"not measurable: {who} {verdict} every item"
    rng = np.random.default_rng(seed)
    kappas, tprs, tnrs = [], [], []
    for _ in range(n_resamples):
        index = rng.integers(0, n, size=n)
        ra, rb = a[index], b[index]
        if (k := _kappa(ra, rb)) is not None:
            kappas.append(k)
        if (t := _rate(rb, ra)) is not None:
            tprs.append(t)
        if (t := _rate(~rb, ~ra)) is not None:
            tnrs.append(t)
    return Agreement(
        n=n,
        kappa=kappa,
        kappa_ci=_interval(kappas, confidence) if kappa is not None else None,
        tpr=_rate(b, a),
        tpr_ci=_interval(tprs, confidence),
        tnr=_rate(~b, ~a),
        tnr_ci=_interval(tnrs, confidence),
        observed=float(np.mean(a == b)),
        not_measurable=why,
    )
