"""Merge generated histories and hand-written annotations into the samples file the loader reads.

Annotators write `annotations/part-N.jsonl` (block N of 50 ids in `histories.jsonl` order); the
build refuses to write anything until every history has exactly one valid annotation.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.dataset.jsonl import file_digest, write_jsonl
from eval.dataset.loader import SAMPLES_FILE, DatasetError, dataset_dir
from eval.dataset.schema import SAMPLE_FIELDS, Annotation, HistorySample
from eval.dataset.validate import (
    PART_SIZE,
    ValidationError,
    merge,
    validate_annotations,
    validate_file,
)

HISTORIES_FILE = "histories.jsonl"


def build_samples(version: str, root: Path, *, name: str = "golden") -> Path:
    """Write `<root>/<name>/<version>/samples.jsonl` and its `manifest.json`.

    Args:
        version: Version folder, e.g. `v1`.
        root: The `datasets/` folder.
        name: Dataset name.

    Returns:
        Path of the samples file.

    Raises:
        DatasetError: An annotation is missing, extra, duplicated or invalid, or the merged
            set fails validation; nothing is written in that case.
    """
    folder = dataset_dir(root, version, name=name)
    histories_path = folder / HISTORIES_FILE
    errors = validate_file(
        histories_path, kind="histories", check_distribution=False, check_digest=False
    )
    if errors:
        raise DatasetError(f"{histories_path} is invalid", errors)
    histories = [
        HistorySample.model_validate_json(line)
        for line in histories_path.read_text(encoding="utf-8").splitlines()
    ]
    parts = sorted((folder / "annotations").glob("part-*.jsonl"))
    annotations: dict[str, tuple[Path, Annotation]] = {}
    expected = [
        folder / "annotations" / f"part-{n}.jsonl"
        for n in range(1, -(-len(histories) // PART_SIZE) + 1)
    ]
    for part in parts:
        if part not in expected:
            errors.append(
                ValidationError(
                    part,
                    0,
                    "file",
                    f"unexpected; parts are {expected[0].name} to {expected[-1].name}",
                )
            )
            continue
        errors.extend(validate_annotations(part, histories=histories_path))
        for line, raw in enumerate(part.read_text(encoding="utf-8").splitlines(), start=1):
            try:
                annotation = Annotation.model_validate_json(raw)
            except ValueError:
                continue  # already reported by validate_annotations
            if annotations.setdefault(annotation.id, (part, annotation))[0] != part:
                first = annotations[annotation.id][0].name
                errors.append(
                    ValidationError(
                        part, line, "id", f"{annotation.id!r} is also annotated in {first}"
                    )
                )
    for part in expected:
        if part not in parts:
            errors.append(ValidationError(part, 0, "file", "missing; its ids have no annotations"))
    if errors:
        raise DatasetError(f"cannot build {folder / SAMPLES_FILE}", errors)
    rows = [_ordered(merge(history, annotations[history.id][1])) for history in histories]
    staging = write_jsonl(folder / f".{SAMPLES_FILE}.building", rows)
    errors = validate_file(staging, kind="samples", readme=None, check_digest=False)
    if errors:
        staging.unlink()
        raise DatasetError(f"merged set for {folder} is invalid", errors)
    target = staging.replace(folder / SAMPLES_FILE)
    manifest = {
        "name": name,
        "version": version,
        "samples": len(rows),
        "digest": file_digest(target),
        "histories_digest": file_digest(histories_path),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


def _ordered(record: dict[str, object]) -> dict[str, object]:
    # Schema order, so each line reads: id, request, history, answer key, tags.
    return {key: record[key] for key in SAMPLE_FIELDS}
