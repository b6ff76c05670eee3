"""Reviewers' labels: the QA form's criteria, a verdict per finding, and what was wrong.

Labels live in the project's store, `datasets/reviews/labels.jsonl` (one JSON object a
line, append-only, each with the whole item it labels), and are mirrored to MLflow as
assessments with source HUMAN (`eval.review.mirror`). The store is the record, not MLflow,
for the reasons `eval.findings.reviews` gives for finding reviews, and two more:
- one submission is a dozen assessments and MLflow writes each on its own, with no
  transaction across them; the store writes a submission as one line, whole or not at all;
- MLflow stores an assessment logged twice twice; the store refuses a submission id it has
  seen (a double submission) and keeps one standing label per item and reviewer.
`oci judge calibrate` reads these labels; finding verdicts also go through
`eval.findings.ReviewStore`, which the gate reads.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eval.findings import ReviewVerdict
from eval.findings.reviews import read_jsonl
from eval.review.items import ItemSnapshot, QueueName

REVIEWS_DIR = "reviews"  # under datasets/
LABELS_FILE = "labels.jsonl"
NotHelpfulVerdict = Literal["confirmed", "dismissed"]


class LabelError(ValueError):
    """A label file that cannot be used; the message names file, line and field."""


class DuplicateSubmissionError(ValueError):
    """A submission id that is already stored: the same form was sent twice."""


class Label(BaseModel):
    """One reviewer's labels on one item, as submitted.

    Attributes:
        label_id: The submission's id (one per rendered form): a resend is refused.
        item: The item's key (`<queue>:<id>`).
        criteria: QA-form criterion -> true (meets it), false (fails it), null (cannot tell).
        verdict: On a not-helpful summary: `confirmed` (it was not helpful) or `dismissed`.
        findings: Finding id -> `confirmed` or `false_alarm`.
        finding_reasons: Finding id -> why, when the reviewer said it for that finding.
        wrong: What was wrong, in the reviewer's words.
        snapshot: The item as the reviewer saw it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label_id: str = Field(min_length=8, max_length=64)
    item: str = Field(min_length=3)
    queue: QueueName
    reviewer: str = Field(min_length=1)
    submitted_at: str = Field(min_length=1)
    rubric: str = Field(min_length=1)
    criteria: dict[str, bool | None] = Field(default_factory=dict)
    verdict: NotHelpfulVerdict | None = None
    findings: dict[str, ReviewVerdict] = Field(default_factory=dict)
    finding_reasons: dict[str, str] = Field(default_factory=dict)
    wrong: str = ""
    snapshot: ItemSnapshot

    def says_same_as(self, other: Label) -> bool:
        """Whether `other` labels the item the same way (a resubmission changes nothing)."""
        fields = ("item", "reviewer", "criteria", "verdict", "findings", "finding_reasons", "wrong")
        return all(getattr(self, name) == getattr(other, name) for name in fields)

    @property
    def failed_criteria(self) -> list[str]:
        """The criteria the reviewer said the summary fails, in form order as stored."""
        return [name for name, ok in self.criteria.items() if ok is False]


class LabelStore:
    """The labels file of one reviews folder (`datasets/reviews/`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LABELS_FILE

    def all(self) -> list[Label]:
        """Every stored label, oldest first (errors name file, line and field)."""
        if not self.path.is_file():
            return []
        labels = []
        for number, record in read_jsonl(self.path):
            try:
                labels.append(Label.model_validate(record))
            except ValidationError as error:
                problem = error.errors()[0]
                where = ".".join(str(part) for part in problem["loc"]) or "<line>"
                raise LabelError(f"{self.path}:{number}: {where}: {problem['msg']}") from error
        return labels

    def standing(self) -> dict[tuple[str, str], Label]:
        """(item, reviewer) -> that reviewer's latest label on the item."""
        return {(label.item, label.reviewer): label for label in self.all()}

    def add(self, label: Label) -> bool:
        """Store `label` in one write; False when it says what the reviewer's standing label
        on the item says (counted once).

        Raises:
            DuplicateSubmissionError: Its `label_id` is already stored.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # one writer at a time; readers see whole lines
            handle.seek(0)
            standing: Label | None = None
            for line in handle.read().splitlines():
                if not line.strip():
                    continue
                record = json.loads(line)
                if record.get("label_id") == label.label_id:
                    raise DuplicateSubmissionError(
                        f"submission {label.label_id} is already recorded"
                    )
                if (record.get("item"), record.get("reviewer")) == (label.item, label.reviewer):
                    standing = Label.model_validate(record)
            if standing is not None and standing.says_same_as(label):
                return False
            handle.seek(0, os.SEEK_END)
            handle.write(label.model_dump_json() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return True


def reviewers_of(labels: Iterable[Label]) -> dict[str, set[str]]:
    """Item key -> the reviewers who labelled it."""
    found: dict[str, set[str]] = {}
    for label in labels:
        found.setdefault(label.item, set()).add(label.reviewer)
    return found
