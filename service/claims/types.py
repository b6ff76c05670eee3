"""The claim checker's results: a verdict per claim, with the record that decided it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["supported", "contradicted", "unsupported"]
# What a finding is about; each maps to a gate check and a perturbation aspect.
Category = Literal[
    "amount",
    "date",
    "count",
    "number",
    "ticket",
    "channel",
    "intent",
    "entity",
    "negated_action",
    "status",
    "promise",
    "sentiment",
    "injection",
    "filler",
    "truncated",
    "off_task",
]
SEVERITY: dict[Verdict, int] = {"supported": 0, "unsupported": 1, "contradicted": 2}


@dataclass(frozen=True)
class Finding:
    """One problem with one claim of a summary.

    Attributes:
        category: What is wrong (a wrong amount, a flipped status, an obeyed instruction...).
        verdict: `contradicted` (a record says otherwise) or `unsupported` (no record says it).
        claim: The summary text the finding is about.
        reason: Why, in words an agent or a reviewer can check.
        evidence: 1-based positions of the records that decided it (empty: none supports it).
    """

    category: Category
    verdict: Verdict
    claim: str
    reason: str
    evidence: tuple[int, ...] = ()


@dataclass(frozen=True)
class ClaimVerdict:
    """One claim (a clause of the summary) and the verdict on it."""

    text: str
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    evidence: tuple[int, ...] = ()  # records that support it, when supported


@dataclass(frozen=True)
class ClaimReport:
    """Everything the checker found in one summary."""

    claims: tuple[ClaimVerdict, ...]
    findings: tuple[Finding, ...]
    open_items: tuple[str, ...] = ()  # what the records leave open
    open_items_stated: bool = True
    instructions: tuple[str, ...] = field(default=())  # instruction-like text in the records

    @property
    def contradicted(self) -> tuple[Finding, ...]:
        """Findings a record contradicts."""
        return tuple(f for f in self.findings if f.verdict == "contradicted")

    @property
    def unsupported(self) -> tuple[Finding, ...]:
        """Findings no record supports."""
        return tuple(f for f in self.findings if f.verdict == "unsupported")

    @property
    def supported_share(self) -> float | None:
        """Share of claims with no finding (None when the summary makes no claim)."""
        if not self.claims:
            return None
        return sum(c.verdict == "supported" for c in self.claims) / len(self.claims)

    def by_category(self) -> dict[str, int]:
        """Number of findings per category."""
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.category] = counts.get(finding.category, 0) + 1
        return counts

    @property
    def ok(self) -> bool:
        """True when nothing is contradicted or unsupported."""
        return not self.findings
