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
        certain: False when the records give no clear evidence either way (a record the
            checker cannot read for this kind of claim: an unlabelled conversation, a
            transcript that speaks its numbers, reported speech). Such a finding is an
            abstention: reported beside the findings, never counted as one, never a pass.
    """

    category: Category
    verdict: Verdict
    claim: str
    reason: str
    evidence: tuple[int, ...] = ()
    certain: bool = True

    def unsure(self, why: str) -> Finding:
        """This finding as an abstention, saying why the records do not settle it."""
        return Finding(
            self.category, self.verdict, self.claim, f"{self.reason} ({why})", self.evidence, False
        )


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
    # What the checker would have flagged but cannot tell from these records: counted and
    # reported apart, never a finding and never a pass in disguise.
    abstentions: tuple[Finding, ...] = ()

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
        return _count(self.findings)

    def abstained_by_category(self) -> dict[str, int]:
        """Number of abstentions per category."""
        return _count(self.abstentions)

    @property
    def ok(self) -> bool:
        """True when nothing is contradicted or unsupported."""
        return not self.findings


def _count(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
    return counts
