"""How a claim kind's margin follows from the checker's measured false-alarm rate.

A careful model still draws false findings: on known-good text the checker flags a share
`noise` of summaries with a kind it did not commit. Against a production pair the checker
was built around (its own text draws none), such a model shows an excess of about `noise`,
and the gate must let it through; a pair that makes real mistakes must not pass. So:

1. take the number of false findings a careful model draws on `n` samples in 19 runs of
   20: the 95th percentile of Binomial(n, noise);
2. the margin is the upper end of the paired bootstrap interval such a run shows (the
   97.5th percentile of Binomial(n, k/n), over n);
3. never below `FLOOR` (two stray findings among 200 pass even when none was measured) and
   never above `CAP` (a candidate with 5 % more wrong claims than production fails: its
   interval's upper end is then about 8 %).

A kind whose noise puts its margin at the cap is noisier than the gate can absorb on 200
samples: the careful model passes less often than 19 in 20, and its findings need review.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FLOOR = 0.03
CAP = 0.05
DECISION_SAMPLES = 200  # the golden set the gate decides on


def binomial_quantile(q: float, n: int, p: float) -> int:
    """The smallest k with P(Binomial(n, p) <= k) >= q."""
    if p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    total = 0.0
    for k in range(n + 1):
        total += math.comb(n, k) * p**k * (1.0 - p) ** (n - k)
        if total >= q:
            return k
    return n


def careful_upper_bound(noise: float, n: int = DECISION_SAMPLES) -> float:
    """The paired upper bound a careful model with false-finding share `noise` shows in 19
    runs of 20 against a production pair with none (steps 1 and 2 above)."""
    k = binomial_quantile(0.95, n, noise)
    return binomial_quantile(0.975, n, k / n) / n


def derived_margin(noise: float, n: int = DECISION_SAMPLES) -> float:
    """The margin for a kind whose worst measured false-alarm share is `noise`."""
    return round(min(CAP, max(FLOOR, careful_upper_bound(noise, n))), 3)


@dataclass(frozen=True)
class MeasuredNoise:
    """A kind's false-alarm share on one source of known-good text."""

    kind: str
    source: str
    flagged: int
    texts: int

    @property
    def share(self) -> float:
        return self.flagged / self.texts if self.texts else 0.0


def worst_noise(measured: list[MeasuredNoise], kind: str) -> MeasuredNoise | None:
    """The source on which `kind` is flagged most often (None when none measured it)."""
    mine = [m for m in measured if m.kind == kind and m.texts]
    return max(mine, key=lambda m: m.share) if mine else None
