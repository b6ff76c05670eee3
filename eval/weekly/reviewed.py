"""Reviewers' verdicts on not-helpful summaries: what the regression set keeps, and why.

A not-helpful summary a reviewer confirmed stays a regression case and carries the review
in its `source` (`reviewed_by`, `review_reason`: what was wrong, `review_failed`: the QA
criteria it fails); one a reviewer dismissed (the summary was fine, the vote was not about
it) leaves the set; one nobody reviewed stays as the agent's vote made it. The weekly report
groups the reviewed ones by reason: each QA criterion the reviewers said the summary fails,
with their words. The review queue applies a verdict to the week's written sets at once;
`oci report` applies all of them when it writes the set again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eval.review.labels import REVIEWS_DIR, Label, LabelStore
from eval.samples import REGRESSIONS_DIR, SIMULATED_REGRESSIONS_DIR, RegressionCase

NOT_ON_THE_FORM = "not on the QA form"
DISMISSED = "dismissed: the summary was fine"


def not_helpful_labels(datasets_dir: Path, week: str | None = None) -> dict[str, Label]:
    """Request id -> the latest reviewer label on that not-helpful summary (of `week`)."""
    found: dict[str, Label] = {}
    for label in LabelStore(datasets_dir / REVIEWS_DIR).all():
        if label.queue != "not_helpful" or label.verdict is None:
            continue
        if week is not None and label.snapshot.context.get("week") != week:
            continue
        found[label.snapshot.sample_id] = label
    return found


def reviewed_case(case: RegressionCase, label: Label | None) -> RegressionCase | None:
    """The case as the review leaves it: unchanged, carrying the review, or None (dismissed)."""
    if label is None:
        return case
    if label.verdict == "dismissed":
        return None
    source = {
        **case.source,
        "reviewed_by": label.reviewer,
        "review_reason": label.wrong,
        "review_failed": ",".join(label.failed_criteria),
    }
    return case.model_copy(update={"source": source})


def apply_reviews(
    cases: Iterable[RegressionCase], labels: Mapping[str, Label]
) -> list[RegressionCase]:
    """Every case as its review leaves it (dismissed ones dropped)."""
    kept = []
    for case in cases:
        reviewed = reviewed_case(case, labels.get(case.source.get("request_id", "")))
        if reviewed is not None:
            kept.append(reviewed)
    return kept


def update_regression_sets(datasets_dir: Path, week: str, labels: Mapping[str, Label]) -> int:
    """Apply `labels` to the week's written regression sets (real and simulated); returns the
    number of cases changed or dropped. A set left without cases is removed."""
    changed = 0
    for folder in (REGRESSIONS_DIR, SIMULATED_REGRESSIONS_DIR):
        path = datasets_dir / folder / f"{week}.jsonl"
        if not path.is_file():
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        cases = [RegressionCase.model_validate_json(line) for line in lines]
        outcomes = [
            (case, reviewed_case(case, labels.get(case.source.get("request_id", ""))))
            for case in cases
        ]
        touched = sum(1 for case, after in outcomes if after != case)
        if not touched:
            continue
        changed += touched
        kept = [after for _, after in outcomes if after is not None]
        if not kept:
            path.unlink()
            continue
        text = "".join(
            json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n" for c in kept
        )
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return changed


@dataclass(frozen=True)
class ReasonGroup:
    """Reviewed not-helpful summaries that share a reason."""

    reason: str
    count: int
    words: list[str] = field(default_factory=list)  # the reviewers' own, one per summary


def reason_groups(labels: Sequence[Label]) -> list[ReasonGroup]:
    """Confirmed summaries per QA criterion they fail (one may fail several), then those
    failing none on the form, then the dismissed ones; largest group first."""
    groups: dict[str, list[str]] = {}
    dismissed = 0
    for label in labels:
        if label.verdict == "dismissed":
            dismissed += 1
            continue
        for reason in label.failed_criteria or [NOT_ON_THE_FORM]:
            groups.setdefault(reason, []).append(label.wrong)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    found = [ReasonGroup(reason, len(words), words) for reason, words in ordered]
    if dismissed:
        found.append(ReasonGroup(DISMISSED, dismissed))
    return found


def reason_lines(groups: Sequence[ReasonGroup]) -> list[str]:
    """The markdown section for the weekly report (none when nothing was reviewed)."""
    if not groups:
        return []
    lines = [
        "## Not-helpful summaries by reviewed reason",
        "",
        "| reason (QA criterion failed) | summaries | in the reviewers' words |",
        "|---|---|---|",
    ]
    for group in groups:
        words = "; ".join(w for w in group.words[:3] if w) or "—"
        lines.append(f"| {group.reason} | {group.count} | {words} |")
    return [*lines, ""]
