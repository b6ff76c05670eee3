"""What a reviewer reads: one summary, the records it was written from, and its findings.

Every queue's item has the same shape whatever its source (an eval's finding, a production
summary the validation agent flagged, a summary an agent voted not helpful, a calibration
item), so one page and one label format serve them all. The records are those the summary
was written from, numbered as the claim checker's evidence numbers them (1 = oldest).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eval.findings import RunFinding
from eval.findings.model import finding_id
from eval.traces import summary_key
from service.claims import check_summary, kind_of
from service.models import Interaction, SummaryOptions

QueueName = Literal["findings", "flagged", "not_helpful", "calibration"]
QUEUE_NAMES: tuple[QueueName, ...] = ("findings", "flagged", "not_helpful", "calibration")


class ItemSnapshot(BaseModel):
    """An item as stored with its label, so a label file stands on its own as data."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dataset: str = Field(min_length=1)
    sample_id: str = Field(min_length=1)
    options: SummaryOptions
    interactions: tuple[Interaction, ...]
    summary: str
    context: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class ReviewItem:
    """One summary to label.

    Attributes:
        key: Unique across queues: `<queue>:<id>`.
        queue: The queue it is in.
        title: One line for lists and the page header.
        snapshot: The summary, its records and what is known about it.
        findings: The claim checker's findings on the summary, with stable ids.
        decisive: Ids of the findings that decide a gate FAIL (findings queue).
    """

    key: str
    queue: QueueName
    title: str
    snapshot: ItemSnapshot
    findings: tuple[RunFinding, ...] = ()
    decisive: frozenset[str] = field(default_factory=frozenset)

    @property
    def summary(self) -> str:
        return self.snapshot.summary

    @property
    def records(self) -> tuple[Interaction, ...]:
        return self.snapshot.interactions

    @property
    def summary_key(self) -> str:
        """The key of this summary's MLflow trace (`eval.traces.summary_key`)."""
        return summary_key(self.snapshot.dataset, self.snapshot.sample_id, self.summary)

    @property
    def request_id(self) -> str:
        """The production request that served the summary ("" for others)."""
        return self.snapshot.context.get("request_id", "")

    def cited(self) -> dict[int, list[int]]:
        """Record position -> the 1-based numbers of the findings citing it."""
        cited: dict[int, list[int]] = {}
        for number, finding in enumerate(self.findings, start=1):
            for position in finding.evidence:
                cited.setdefault(position, []).append(number)
        return cited

    def finding(self, ident: str) -> RunFinding | None:
        return next((f for f in self.findings if f.id == ident), None)


def checked_findings(snapshot: ItemSnapshot) -> tuple[RunFinding, ...]:
    """The claim checker's findings on a snapshot's summary, with ids as an eval gives them."""
    if not snapshot.summary.strip():
        return ()
    report = check_summary(snapshot.summary, snapshot.interactions, snapshot.options)
    found = []
    seen: set[str] = set()
    for f in report.findings:
        ident = finding_id(
            snapshot.dataset, snapshot.sample_id, snapshot.summary, f.category, f.claim, f.reason
        )
        if ident in seen:
            continue
        seen.add(ident)
        found.append(
            RunFinding(
                id=ident,
                dataset=snapshot.dataset,
                sample_id=snapshot.sample_id,
                kind=kind_of(f.category).name,
                category=f.category,
                verdict=f.verdict,
                claim=f.claim,
                reason=f.reason,
                evidence=tuple(f.evidence),
                output=snapshot.summary,
            )
        )
    return tuple(found)


def abstained_on(item: ReviewItem) -> list[dict[str, str]]:
    """What the claim checker abstained on in the item's summary: findings the records do
    not settle (an unlabelled chat, a transcript, a language it cannot read), shown to the
    reviewer beside the findings for them to judge, never hidden as a pass."""
    snapshot = item.snapshot
    if not snapshot.summary.strip():
        return []
    report = check_summary(snapshot.summary, snapshot.interactions, snapshot.options)
    shown: dict[tuple[str, str, str], dict[str, str]] = {}
    for f in report.abstentions:
        key = (kind_of(f.category).name, f.claim, f.reason)
        shown.setdefault(key, {"kind": key[0], "claim": f.claim, "reason": f.reason})
    return list(shown.values())


def make_item(
    queue: QueueName,
    ident: str,
    title: str,
    snapshot: ItemSnapshot,
    *,
    findings: tuple[RunFinding, ...] | None = None,
    decisive: frozenset[str] = frozenset(),
) -> ReviewItem:
    """An item; its findings are the checker's on the summary unless given."""
    return ReviewItem(
        key=f"{queue}:{ident}",
        queue=queue,
        title=title,
        snapshot=snapshot,
        findings=checked_findings(snapshot) if findings is None else findings,
        decisive=decisive,
    )


def summary_segments(item: ReviewItem) -> list[tuple[str, tuple[int, ...]]]:
    """The summary as (text, numbers of the findings whose claim it is) pieces, in order.

    A claim is located by its first occurrence (case-insensitive when the exact text is not
    there); claims that overlap an earlier mark, or cannot be found, stay unmarked in the
    text and are listed with the findings only.
    """
    text = item.summary
    lowered = text.lower()
    spans: list[tuple[int, int, int]] = []
    for number, finding in enumerate(item.findings, start=1):
        claim = finding.claim.strip()
        if not claim:
            continue
        start = text.find(claim)
        if start < 0:
            start = lowered.find(claim.lower())
        if start < 0:
            continue
        spans.append((start, start + len(claim), number))
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, number in sorted(spans):
        if merged and start < merged[-1][1]:
            if (start, end) == merged[-1][:2]:
                merged[-1][2].append(number)
            continue
        merged.append((start, end, [number]))
    pieces: list[tuple[str, tuple[int, ...]]] = []
    cursor = 0
    for start, end, numbers in merged:
        if start > cursor:
            pieces.append((text[cursor:start], ()))
        pieces.append((text[start:end], tuple(numbers)))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], ()))
    return pieces


def records_view(item: ReviewItem) -> list[dict[str, Any]]:
    """The records for the page: position, fields, and which findings cite each."""
    cited = item.cited()
    return [
        {
            "position": position,
            "channel": record.channel,
            "when": record.timestamp.strftime("%Y-%m-%d %H:%M"),
            "intent": record.intent,
            "outcome": record.outcome,
            "sentiment": record.sentiment or "",
            "notes": record.notes,
            "cited_by": cited.get(position, []),
        }
        for position, record in enumerate(item.records, start=1)
    ]


def context_lines(item: ReviewItem) -> Mapping[str, str]:
    """What the page shows above the summary (the snapshot's context without internal ids)."""
    return {k: v for k, v in item.snapshot.context.items() if v}
