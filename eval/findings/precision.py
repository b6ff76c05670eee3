"""The checker's precision on reviewed findings: of the findings people reviewed, how many
were real, per finding category or per kind of wrong claim, with a Wilson interval."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from eval.findings.reviews import Review
from eval.stats import wilson_interval


@dataclass(frozen=True)
class CategoryPrecision:
    """Reviewed findings of one category (or kind): confirmed of reviewed."""

    name: str
    confirmed: int
    false_alarms: int

    @property
    def reviewed(self) -> int:
        return self.confirmed + self.false_alarms

    @property
    def precision(self) -> float | None:
        """confirmed / reviewed, None when nothing was reviewed."""
        return self.confirmed / self.reviewed if self.reviewed else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """Wilson 95 % interval of the precision."""
        return wilson_interval(self.confirmed, self.reviewed)

    def text(self) -> str:
        """'83% [55–95] of 12 reviewed' for tables."""
        if not self.reviewed:
            return "none reviewed"
        low, high = self.interval or (0.0, 1.0)
        return f"{self.precision or 0.0:.0%} [{low:.0%}–{high:.0%}] of {self.reviewed} reviewed"


def precision_by(
    reviews: Iterable[Review], *, by: Literal["category", "kind"] = "kind"
) -> list[CategoryPrecision]:
    """Precision per finding category or per kind, over standing reviews, sorted by name."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for review in reviews:
        key = review.finding.category if by == "category" else review.finding.kind
        counts[key][0 if review.verdict == "confirmed" else 1] += 1
    return [CategoryPrecision(name, c, f) for name, (c, f) in sorted(counts.items())]
