"""People's reviews of claim findings: `confirmed` or `false_alarm`, with a reason, durably.

Reviews live in the project's store, `datasets/findings/reviews.jsonl` (one JSON object a
line, append-only), not only in MLflow, because:
- the gate must read them wherever it runs (CI, another machine): an embedded MLflow store
  is per machine, the repository is not;
- a reviewed finding is a labelled checker case (the summary, the sample, the finding and
  the verdict), which the checker's tests and the meta-evaluation read as data;
- a review is a decision about the gate, so it is reviewed itself, in a pull request.
`oci promote` copies the reviews it relied on to the MLflow run and the version's tags.

Each line holds the whole finding, so the file stands on its own as a labelled set. A later
review of the same finding replaces an earlier one; an identical review is stored once.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, cast

from eval.findings.model import RunFinding

ReviewVerdict = Literal["confirmed", "false_alarm"]
VERDICTS: tuple[ReviewVerdict, ...] = ("confirmed", "false_alarm")
REVIEWS_FILE = "reviews.jsonl"


class ReviewError(ValueError):
    """A review or a review file is invalid (the message names file, line and field)."""


@dataclass(frozen=True)
class Review:
    """One person's verdict on one finding."""

    finding: RunFinding
    verdict: ReviewVerdict
    reason: str
    reviewer: str
    reviewed_at: str
    pair: str = ""  # the pair whose output it was ("omni-summary@3"), when known

    @property
    def finding_id(self) -> str:
        return self.finding.id

    def as_record(self) -> dict[str, Any]:
        """The stored line."""
        return {
            "finding_id": self.finding.id,
            "verdict": self.verdict,
            "reason": self.reason,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at,
            "pair": self.pair,
            "finding": self.finding.as_record(),
        }

    def same_as(self, other: Review) -> bool:
        """Whether `other` says the same thing (a double submission)."""
        return (self.finding.id, self.verdict, self.reason, self.reviewer) == (
            other.finding.id,
            other.verdict,
            other.reason,
            other.reviewer,
        )


def _text(record: Mapping[str, Any], name: str, where: str) -> str:
    value = record.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ReviewError(f"{where}: field '{name}' is missing or empty")
    return value.strip()


def parse_verdict(value: Any, where: str) -> ReviewVerdict:
    """A review verdict, or a ReviewError naming `where`."""
    if value not in VERDICTS:
        raise ReviewError(f"{where}: field 'verdict' must be one of {', '.join(VERDICTS)}")
    return cast(ReviewVerdict, value)


def _review(record: Any, where: str) -> Review:
    if not isinstance(record, dict):
        raise ReviewError(f"{where}: a review must be a JSON object")
    finding = record.get("finding")
    if not isinstance(finding, dict):
        raise ReviewError(f"{where}: field 'finding' is missing")
    try:
        parsed = RunFinding.from_record(finding)
    except (TypeError, ValueError) as error:
        raise ReviewError(f"{where}: field 'finding' is incomplete ({error})") from error
    if _text(record, "finding_id", where) != parsed.id:
        raise ReviewError(f"{where}: field 'finding_id' does not match the finding's id")
    return Review(
        finding=parsed,
        verdict=parse_verdict(record.get("verdict"), where),
        reason=_text(record, "reason", where),
        reviewer=_text(record, "reviewer", where),
        reviewed_at=_text(record, "reviewed_at", where),
        pair=str(record.get("pair") or ""),
    )


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """(line number, parsed object) for every non-blank line; errors name file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ReviewError(f"{path}: cannot read: {error}") from error
    parsed = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            parsed.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise ReviewError(f"{path}:{number}: not JSON ({error.msg})") from error
    return parsed


class ReviewStore:
    """The reviews file of one findings folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / REVIEWS_FILE

    def all(self) -> list[Review]:
        """Every stored review, oldest first (validated; errors name file, line, field)."""
        if not self.path.is_file():
            return []
        return [_review(record, f"{self.path}:{n}") for n, record in read_jsonl(self.path)]

    def latest(self) -> dict[str, Review]:
        """The standing review of each finding: the latest one."""
        return {review.finding_id: review for review in self.all()}

    def verdicts(self) -> dict[str, ReviewVerdict]:
        """finding id -> standing verdict, what the gate reads."""
        return {key: review.verdict for key, review in self.latest().items()}

    def add(self, reviews: Sequence[Review]) -> list[Review]:
        """Append `reviews` in one write (all or nothing); returns those actually stored.

        A review identical to the finding's standing one is not stored again, so a double
        submission counts once.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # one writer at a time; readers see whole lines
            standing = self.latest()
            fresh: list[Review] = []
            for review in reviews:
                current = standing.get(review.finding_id)
                if current is not None and current.same_as(review):
                    continue
                standing[review.finding_id] = review
                fresh.append(review)
            if fresh:
                handle.write("".join(json.dumps(r.as_record()) + "\n" for r in fresh))
                handle.flush()
                os.fsync(handle.fileno())
        return fresh


def make_reviews(
    findings: Mapping[str, RunFinding],
    requests: Iterable[tuple[str, str, str, str]],
    *,
    reviewer: str,
    pair: str = "",
    now: str | None = None,
) -> list[Review]:
    """Reviews for (where, finding id, verdict, reason) requests, validated as a whole.

    Raises:
        ReviewError: An unknown finding id, verdict or an empty reason (naming `where`):
            nothing is made when any request is invalid.
    """
    stamp = now or datetime.now(UTC).isoformat(timespec="seconds")
    made = []
    for where, key, verdict, reason in requests:
        finding = findings.get(key)
        if finding is None:
            raise ReviewError(f"{where}: unknown finding id {key!r} (see `oci findings list`)")
        if not reason.strip():
            raise ReviewError(f"{where}: field 'reason' is missing or empty")
        made.append(
            Review(finding, parse_verdict(verdict, where), reason.strip(), reviewer, stamp, pair)
        )
    return made


def review_requests(path: Path) -> list[tuple[str, str, str, str]]:
    """(where, finding id, verdict, reason) from a review file: one JSON object a line with
    `finding_id`, `verdict` and `reason` (errors name file, line and field)."""
    requests = []
    for number, record in read_jsonl(path):
        where = f"{path}:{number}"
        if not isinstance(record, dict):
            raise ReviewError(f"{where}: a review must be a JSON object")
        requests.append(
            (
                where,
                _text(record, "finding_id", where),
                str(parse_verdict(record.get("verdict"), where)),
                _text(record, "reason", where),
            )
        )
    return requests
