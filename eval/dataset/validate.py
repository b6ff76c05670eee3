"""Validator for golden-set files: every problem, as `file:line: field: message`.

It checks what the schema cannot see from one record: unique ids, each key fact stated in a
reference, no PII copied into references, the scenario table in the README, and the digest;
samples under the v2 rules also get the checks of `eval.dataset.rules_v2`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

import pydantic

from eval.dataset import distribution
from eval.dataset.jsonl import file_digest
from eval.dataset.rules_v2 import sample_problems, set_problems
from eval.dataset.schema import Annotation, GoldenSample, HistorySample, SampleTags

M = TypeVar("M", bound=pydantic.BaseModel)

PART_SIZE = 50
EMPTY_REFERENCE_PHRASE = "no interactions found"
MANIFEST_KEYS = {"samples.jsonl": "digest", "histories.jsonl": "histories_digest"}

# Shapes of PII a reference must never repeat, whatever the notes contained.
_PII_PATTERNS = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
    ("a phone number", re.compile(r"\(?\b\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b")),
    ("a card number", re.compile(r"\b(?:\d[ -]?){12,18}\d\b")),
)


@dataclass(frozen=True)
class ValidationError:
    """One problem, located precisely enough to fix without searching."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def validate_file(
    path: Path,
    *,
    readme: Path | None = None,
    kind: Literal["samples", "histories"] | None = None,
    check_distribution: bool = True,
    check_digest: bool = True,
) -> list[ValidationError]:
    """Validate a `samples.jsonl` or `histories.jsonl` file.

    Args:
        path: The JSONL file.
        readme: README with the distribution table; defaults to the nearest one above `path`.
        kind: `histories` skips answer-key checks; inferred from the file name when omitted.
        check_distribution: Compare scenario/difficulty counts with the README table.
        check_digest: Compare the file with the digest in `manifest.json` (the build, which
            rewrites the manifest, skips it).

    Returns:
        All problems found, in file order; empty when the file is valid.
    """
    kind = kind or ("histories" if path.name.startswith("histories") else "samples")
    model: type[HistorySample] = HistorySample if kind == "histories" else GoldenSample
    errors: list[ValidationError] = []
    seen: dict[str, int] = {}
    tags: list[SampleTags] = []
    v2: list[tuple[int, GoldenSample]] = []
    for line, record in _records(path, errors):
        sample = _parse(model, record, path, line, errors)
        if sample is None:
            continue
        if sample.id in seen:
            errors.append(
                ValidationError(path, line, "id", f"{sample.id!r} repeats line {seen[sample.id]}")
            )
        seen.setdefault(sample.id, line)
        tags.append(sample.tags)
        if isinstance(sample, GoldenSample):
            errors.extend(ValidationError(path, line, f, m) for f, m in answer_key_problems(sample))
            if sample.is_v2:
                errors.extend(ValidationError(path, line, f, m) for f, m in sample_problems(sample))
                v2.append((line, sample))
    if v2:
        errors.extend(ValidationError(path, ln, f, m) for ln, f, m in set_problems(path, v2))
    if check_distribution:
        errors.extend(_distribution_errors(path, readme, tags))
    if check_digest:
        errors.extend(_digest_errors(path))
    return errors


def validate_annotations(part: Path, *, histories: Path) -> list[ValidationError]:
    """Check one annotator's `part-N.jsonl` against the histories it annotates.

    Reports malformed lines, unknown, duplicate, misplaced and missing ids, and every answer-key
    problem of the merged samples, so an annotator can check their 50 before anyone builds.
    """
    errors: list[ValidationError] = []
    history_by_id = {s.id: (line, s) for line, s in _histories(histories, errors)}
    expected = set(part_ids(list(history_by_id), part))
    seen: dict[str, int] = {}
    for line, record in _records(part, errors):
        annotation = _parse(Annotation, record, part, line, errors)
        if annotation is None:
            continue
        if annotation.id in seen:
            errors.append(
                ValidationError(
                    part, line, "id", f"{annotation.id!r} repeats line {seen[annotation.id]}"
                )
            )
            continue
        seen[annotation.id] = line
        if annotation.id not in history_by_id:
            errors.append(
                ValidationError(part, line, "id", f"{annotation.id!r} is not in {histories.name}")
            )
            continue
        if expected and annotation.id not in expected:
            errors.append(
                ValidationError(part, line, "id", f"{annotation.id!r} belongs to another part")
            )
        merged = merge(history_by_id[annotation.id][1], annotation)
        sample = _parse(GoldenSample, merged, part, line, errors)
        if sample is not None:
            errors.extend(ValidationError(part, line, f, m) for f, m in answer_key_problems(sample))
    for missing in sorted(expected - set(seen)):
        errors.append(ValidationError(part, 0, "id", f"{missing!r} has no annotation"))
    return errors


def answer_key_problems(sample: GoldenSample) -> list[tuple[str, str]]:
    """Cross-field problems of an annotated sample as `(field, message)` pairs."""
    problems = []
    for index, fact in enumerate(sample.key_facts):
        if not any(fact.is_stated_in(reference) for reference in sample.references):
            problems.append(
                (f"key_facts.{index}.match", f"none of {list(fact.match)} appears in any reference")
            )
    no_history = not sample.in_scope()
    for index, reference in enumerate(sample.references):
        if no_history and EMPTY_REFERENCE_PHRASE not in reference.lower():
            problems.append(
                (
                    f"references.{index}",
                    f"nothing is in scope, so the reference must say {EMPTY_REFERENCE_PHRASE!r}",
                )
            )
        if sample.account_number in reference:
            problems.append((f"references.{index}", "repeats the account number"))
        for label, pattern in _PII_PATTERNS:
            if pattern.search(reference):
                problems.append((f"references.{index}", f"contains {label}"))
    return problems


def part_ids(history_ids: list[str], part: Path) -> list[str]:
    """The ids `part-N.jsonl` must cover: block N of `PART_SIZE` in file order (none if unnamed)."""
    match = re.fullmatch(r"part-(\d+)\.jsonl", part.name)
    if match is None:
        return []
    number = int(match.group(1))
    return history_ids[(number - 1) * PART_SIZE : number * PART_SIZE]


def merge(history: HistorySample, annotation: Annotation) -> dict[str, object]:
    """The annotated record for a history: its fields plus the annotation's answer key."""
    data = history.model_dump(mode="json")
    data["references"] = list(annotation.references)
    data["key_facts"] = [fact.model_dump(mode="json") for fact in annotation.key_facts]
    return data


def _records(path: Path, errors: list[ValidationError]) -> Iterator[tuple[int, object]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(ValidationError(path, 0, "file", f"cannot read: {exc}"))
        return
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            errors.append(ValidationError(path, line, "json", "blank line"))
            continue
        try:
            yield line, json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(
                ValidationError(
                    path, line, "json", f"malformed JSON: {exc.msg} at column {exc.colno}"
                )
            )


def _histories(path: Path, errors: list[ValidationError]) -> Iterator[tuple[int, HistorySample]]:
    for line, record in _records(path, errors):
        sample = _parse(HistorySample, record, path, line, errors)
        if sample is not None:
            yield line, sample


def _parse(
    model: type[M], record: object, path: Path, line: int, errors: list[ValidationError]
) -> M | None:
    try:
        return model.model_validate(record)
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "record"
            message = error["msg"].removeprefix("Value error, ")
            # Model-level validators name their field as "path: message"; hoist it.
            head, sep, rest = message.partition(": ")
            if field == "record" and sep and re.fullmatch(r"[a-z_][\w.]*", head):
                field, message = head, rest
            errors.append(ValidationError(path, line, field, message))
        return None


def _distribution_errors(
    path: Path, readme: Path | None, tags: list[SampleTags]
) -> list[ValidationError]:
    readme = readme or distribution.find_readme(path)
    if readme is None:
        return [
            ValidationError(
                path, 0, "tags", "no README.md with a distribution table above this file"
            )
        ]
    rows, problems = distribution.read_table(readme)
    problems += distribution.compare(rows, tags)
    return [ValidationError(readme, p.line, "tags.scenario", p.message) for p in problems]


def _digest_errors(path: Path) -> list[ValidationError]:
    manifest = path.with_name("manifest.json")
    key = MANIFEST_KEYS.get(path.name)
    if key is None or not manifest.is_file():
        return []
    text = manifest.read_text(encoding="utf-8")
    recorded = json.loads(text).get(key)
    actual = file_digest(path)
    if recorded == actual:
        return []
    line = next((n for n, raw in enumerate(text.splitlines(), 1) if f'"{key}"' in raw), 1)
    message = f"manifest records {recorded}, {path.name} has {actual}; run the build again"
    return [ValidationError(manifest, line, key, message)]
