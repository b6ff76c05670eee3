"""Judge calibration against people's labels: per QA-form criterion, how the judge agrees.

`datasets/calibration/items.jsonl` holds (history, summary) pairs, each self-contained;
`datasets/calibration/labels/<annotator>.jsonl` holds one annotator's verdict per item and
criterion (true = the summary meets it, false = it does not, null = cannot tell). Loading
refuses a malformed line with an error naming file, line and field. `calibrate` asks the
configured judge about every item and compares it, criterion by criterion, with the people:
Cohen's kappa, true positive rate (failures the judge also fails) and true negative rate,
each with a bootstrap interval; and, where two people labelled an item, their agreement.

Labels come from `labels/<annotator>.jsonl` and from the review queue
(`datasets/reviews/labels.jsonl`, `review_labels`): a reviewer's QA-form answers on a
calibration item label that item; on any other summary (a flagged or not-helpful production
summary, an eval output) the label brings its item with it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from eval.agreement import Agreement, binary_agreement
from eval.review.labels import Label as ReviewLabel
from eval.rubric import Rubric
from eval.types import EvalSample
from service.models import Interaction, SummaryOptions

DEFAULT_DIR = Path("datasets") / "calibration"
CONSTRUCTION = "construction"  # labels written by `oci judge starter-set`, not by a person


class CalibrationError(ValueError):
    """A calibration file that cannot be used; the message names file, line and field."""


class Origin(BaseModel):
    """Where an item came from, for reports (not used to judge it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dataset: str
    sample_id: str
    source: str  # reference | production | perturbation
    family: str | None = None


class Item(BaseModel):
    """One (history, summary) pair to label."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str = Field(min_length=1)
    origin: Origin
    options: SummaryOptions
    interactions: tuple[Interaction, ...]
    summary: str

    def sample(self) -> EvalSample:
        """The item as an eval sample (its interactions are already in scope)."""
        return EvalSample(
            id=self.item,
            dataset="calibration",
            interactions=self.interactions,
            options=self.options,
        )


class Label(BaseModel):
    """One annotator's verdicts on one item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str = Field(min_length=1)
    annotator: str = Field(min_length=1)
    labels: dict[str, bool | None]
    note: str = ""

    @field_validator("labels")
    @classmethod
    def _some(cls, value: dict[str, bool | None]) -> dict[str, bool | None]:
        if not value:
            raise ValueError("must label at least one criterion")
        return value


def _read(path: Path, model: type[BaseModel]) -> list[Any]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CalibrationError(f"{path}: cannot read: {exc.strerror}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise CalibrationError(f"{path}:{number}: not JSON: {exc.msg}") from exc
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "<line>"
            raise CalibrationError(f"{path}:{number}: {field}: {err['msg']}") from exc
    return rows


def load_items(path: Path) -> list[Item]:
    """Items, unique ids, in file order."""
    items: list[Item] = _read(path, Item)
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        if item.item in seen:
            raise CalibrationError(f"{path}:{number}: item: duplicate id {item.item!r}")
        seen.add(item.item)
    return items


def load_labels(directory: Path, items: Sequence[Item], rubric: Rubric) -> list[Label]:
    """Every annotator file in `directory`, checked against the items and the rubric.

    An annotator's later line on the same item replaces the earlier one: a corrected label
    counts once.
    """
    known = {item.item for item in items}
    labels: dict[tuple[str, str], Label] = {}
    for path in sorted(directory.glob("*.jsonl")):
        rows: list[Label] = _read(path, Label)
        for number, label in enumerate(rows, 1):
            if label.item not in known:
                raise CalibrationError(f"{path}:{number}: item: unknown item {label.item!r}")
            unknown = sorted(set(label.labels) - set(rubric.ids))
            if unknown:
                raise CalibrationError(
                    f"{path}:{number}: labels.{unknown[0]}: unknown criterion; the rubric "
                    f"{rubric.name}@{rubric.version} has {', '.join(rubric.ids)}"
                )
            labels[(label.annotator, label.item)] = label
    return list(labels.values())


@dataclass(frozen=True)
class CriterionCalibration:
    """How the judge agrees with people on one criterion."""

    criterion: str
    judge: Agreement
    annotators: Agreement | None  # between people, every pair on the items both labelled
    ties: int  # items where annotators split evenly (left out of the judge comparison)


def consensus(labels: Sequence[Label], criterion: str) -> tuple[dict[str, bool], int]:
    """Per item, the annotators' majority verdict on `criterion`; and how many tied."""
    votes: dict[str, list[bool]] = defaultdict(list)
    for label in labels:
        verdict = label.labels.get(criterion)
        if verdict is not None:
            votes[label.item].append(verdict)
    agreed, ties = {}, 0
    for item, cast in votes.items():
        yes = sum(cast)
        if 2 * yes == len(cast):
            ties += 1
        else:
            agreed[item] = 2 * yes > len(cast)
    return agreed, ties


def between_annotators(labels: Sequence[Label], criterion: str) -> Agreement | None:
    """Agreement between people: every pair of people who labelled the same item, pooled
    (Cohen's kappa over those pairs; labels by construction are not a person's)."""
    by_item: dict[str, dict[str, bool]] = defaultdict(dict)
    for label in labels:
        verdict = label.labels.get(criterion)
        if verdict is not None and label.annotator != CONSTRUCTION:
            by_item[label.item][label.annotator] = verdict
    first: list[bool] = []
    second: list[bool] = []
    for verdicts in by_item.values():
        names = sorted(verdicts)
        for index, name in enumerate(names):
            for other in names[index + 1 :]:
                first.append(verdicts[name])
                second.append(verdicts[other])
    return binary_agreement(first, second) if first else None


def compare(
    labels: Sequence[Label], judged: dict[str, dict[str, bool | None]], rubric: Rubric
) -> list[CriterionCalibration]:
    """Per criterion, the judge's verdicts (`judged[item][criterion]`) against people's."""
    found = []
    for criterion in rubric.ids:
        agreed, ties = consensus(labels, criterion)
        items = [i for i in agreed if judged.get(i, {}).get(criterion) is not None]
        judge = binary_agreement(
            [agreed[i] for i in items], [bool(judged[i][criterion]) for i in items]
        )
        found.append(
            CriterionCalibration(criterion, judge, between_annotators(labels, criterion), ties)
        )
    return found


def review_labels(
    reviewed: Sequence[ReviewLabel], items: Sequence[Item]
) -> tuple[list[Item], list[Label]]:
    """The review queue's standing labels as calibration labels, and the items they bring.

    A label on a calibration item labels that item (the reviewer is the annotator); a label
    on another summary brings the summary as an item of its own (`<queue>:<id>`). Labels
    without a single criterion answered (only finding verdicts) are left out.
    """
    known = {item.item for item in items}
    extra: dict[str, Item] = {}
    found: list[Label] = []
    for review in reviewed:
        answered: dict[str, bool | None] = {
            c: v for c, v in review.criteria.items() if v is not None
        }
        if not answered:
            continue
        snapshot = review.snapshot
        if review.queue == "calibration" and snapshot.sample_id in known:
            item_id = snapshot.sample_id
        else:
            item_id = review.item
            extra.setdefault(
                item_id,
                Item(
                    item=item_id,
                    origin=Origin(
                        dataset=snapshot.dataset, sample_id=snapshot.sample_id, source=review.queue
                    ),
                    options=snapshot.options,
                    interactions=snapshot.interactions,
                    summary=snapshot.summary,
                ),
            )
        found.append(
            Label(item=item_id, annotator=review.reviewer, labels=answered, note=review.wrong)
        )
    return list(extra.values()), found
