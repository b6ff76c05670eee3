"""The judge's rubric as a QA form (seed 002): weighted criteria, required flags, a threshold.

`load_rubric` refuses a malformed file with an error naming the file and the field;
`weighted_score` turns per-criterion verdicts into the rubric's score and pass/fail. Both
are pure apart from reading the one file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RUBRICS_DIR = Path(__file__).resolve().parent / "rubrics"
DEFAULT_RUBRIC = RUBRICS_DIR / "agent_summary.yaml"
_CRITERION_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class RubricError(ValueError):
    """A rubric file that cannot be used; the message names the file and the field."""

    def __init__(self, path: Path | str, field: str, message: str) -> None:
        super().__init__(f"{path}: {field}: {message}")
        self.path = str(path)
        self.field = field


@dataclass(frozen=True)
class Criterion:
    """One question of the QA form."""

    id: str
    text: str
    weight: float
    required: bool


@dataclass(frozen=True)
class Rubric:
    """A validated QA form."""

    name: str
    version: str
    pass_threshold: float
    criteria: tuple[Criterion, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Criterion ids in form order."""
        return tuple(criterion.id for criterion in self.criteria)

    def digest(self) -> str:
        """sha256 of the rubric's content (part of the judge-cache key)."""
        canonical = json.dumps(
            {
                "name": self.name,
                "version": self.version,
                "pass_threshold": self.pass_threshold,
                "criteria": [vars(criterion) for criterion in self.criteria],
            },
            sort_keys=True,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RubricResult:
    """A weighted verdict.

    Attributes:
        score: Weighted share of passed criteria among those judged, 0..1 (None if none was).
        passed: Score at or above the threshold and no required criterion failed.
        failed_required: Ids of required criteria that failed.
        per_criterion: Each criterion's verdict; None where the judge could not assess it.
        unassessed_required: Ids of required criteria the judge did not answer.
    """

    score: float | None
    passed: bool
    failed_required: tuple[str, ...]
    per_criterion: dict[str, bool | None]
    unassessed_required: tuple[str, ...] = ()


def _number(path: Path, field: str, value: Any, *, low: float, high: float | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RubricError(path, field, f"must be a number, got {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise RubricError(path, field, f"must be {bound}, got {value}")
    return float(value)


def _criterion(path: Path, index: int, raw: Any) -> Criterion:
    where = f"criteria[{index}]"
    if not isinstance(raw, dict):
        raise RubricError(path, where, "must be a mapping with id, text, weight, required")
    unknown = set(raw) - {"id", "text", "weight", "required"}
    if unknown:
        raise RubricError(path, f"{where}.{sorted(unknown)[0]}", "unknown field")
    ident = raw.get("id")
    if not isinstance(ident, str) or not _CRITERION_ID.match(ident):
        raise RubricError(path, f"{where}.id", f"must be a snake_case identifier, got {ident!r}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RubricError(path, f"{where}.text", "must be a non-empty string")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise RubricError(path, f"{where}.required", f"must be true or false, got {required!r}")
    weight = _number(path, f"{where}.weight", raw.get("weight"), low=0.0, high=None)
    return Criterion(id=ident, text=" ".join(text.split()), weight=weight, required=required)


def parse_rubric(data: Any, *, path: Path | str = "<rubric>") -> Rubric:
    """Validate an already-parsed rubric document.

    Raises:
        RubricError: A field is missing, mistyped or inconsistent.
    """
    where = Path(path)
    if not isinstance(data, dict):
        raise RubricError(where, "<root>", "must be a mapping")
    unknown = set(data) - {"name", "version", "pass_threshold", "criteria"}
    if unknown:
        raise RubricError(where, sorted(unknown)[0], "unknown field")
    for key in ("name", "version"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RubricError(where, key, "must be a non-empty string")
    threshold = _number(where, "pass_threshold", data.get("pass_threshold"), low=0.0, high=1.0)
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise RubricError(where, "criteria", "must be a non-empty list")
    criteria = tuple(_criterion(where, index, raw) for index, raw in enumerate(raw_criteria))
    seen: set[str] = set()
    for index, criterion in enumerate(criteria):
        if criterion.id in seen:
            raise RubricError(where, f"criteria[{index}].id", f"duplicate id {criterion.id!r}")
        seen.add(criterion.id)
    if sum(criterion.weight for criterion in criteria) <= 0:
        raise RubricError(where, "criteria", "weights must not all be zero")
    return Rubric(data["name"], data["version"], threshold, criteria)


def load_rubric(path: Path | str = DEFAULT_RUBRIC) -> Rubric:
    """Read and validate a rubric YAML file.

    Raises:
        RubricError: The file is missing, not YAML, or fails validation.
    """
    where = Path(path)
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RubricError(where, "<file>", f"cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise RubricError(where, "<file>", f"not valid YAML: {exc}") from exc
    return parse_rubric(data, path=where)


def weighted_score(verdicts: Mapping[str, bool | None], rubric: Rubric) -> RubricResult:
    """Score verdicts against the rubric.

    Optional criteria the judge could not assess (None or absent) drop out of the
    denominator, so a baseline judge's blind spots neither help nor hurt. A required
    criterion it could not assess fails closed: the summary does not pass (it is listed in
    `unassessed_required`), since nobody has shown it is safe.

    Args:
        verdicts: Criterion id -> passed (None: not assessed). Unknown ids are ignored.
        rubric: The QA form.
    """
    per_criterion = {criterion.id: verdicts.get(criterion.id) for criterion in rubric.criteria}
    judged = [c for c in rubric.criteria if per_criterion[c.id] is not None]
    total = sum(criterion.weight for criterion in judged)
    earned = sum(criterion.weight for criterion in judged if per_criterion[criterion.id])
    score = earned / total if total > 0 else None
    failed_required = tuple(
        c.id for c in rubric.criteria if c.required and per_criterion[c.id] is False
    )
    unassessed = tuple(c.id for c in rubric.criteria if c.required and per_criterion[c.id] is None)
    passed = (
        score is not None
        and score >= rubric.pass_threshold
        and not failed_required
        and not unassessed
    )
    return RubricResult(score, passed, failed_required, per_criterion, unassessed)
