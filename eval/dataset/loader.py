"""Load a named, versioned golden set, with the digest every eval run records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eval.dataset.jsonl import file_digest
from eval.dataset.schema import GoldenSample
from eval.dataset.validate import ValidationError, validate_file

SAMPLES_FILE = "samples.jsonl"
# What `make eval`, the gate and promptfoo evaluate unless told otherwise. The gate decides on
# golden; `dev` is for prompt authors to tune on and never decides anything.
DEFAULT_DATASET = "golden/v2"
DEFAULT_VERSION = "v2"
DECISION_SET = "golden"


class DatasetError(Exception):
    """The dataset on disk is missing or invalid; `errors` holds every located problem."""

    def __init__(self, message: str, errors: list[ValidationError] | None = None):
        self.errors = errors or []
        details = "".join(f"\n  {error}" for error in self.errors[:50])
        super().__init__(message + details)


@dataclass(frozen=True)
class GoldenSet:
    """A loaded golden set.

    Attributes:
        name: Dataset name (the folder under `datasets/`, e.g. `golden`).
        version: Version folder, e.g. `v1`.
        digest: `sha256:<hex>` of the samples file's bytes; identical content, identical digest.
        samples: The samples in file order.
    """

    name: str
    version: str
    digest: str
    samples: tuple[GoldenSample, ...]

    def run_tags(self) -> dict[str, str]:
        """What an eval run records so its numbers can be traced to this exact content."""
        return {
            "dataset.name": self.name,
            "dataset.version": self.version,
            "dataset.digest": self.digest,
            "dataset.samples": str(len(self.samples)),
        }


def parse_dataset(spec: str) -> tuple[str, str]:
    """`(name, version)` for a dataset spec: `golden/v2`, `dev`, `golden`, or a bare golden
    version such as `v1` (the form older commands and configs pass)."""
    name, _, version = spec.strip().strip("/").partition("/")
    if re.fullmatch(r"v\d+", name) and not version:
        return "golden", name
    return name or "golden", version or DEFAULT_VERSION


def dataset_dir(root: Path, version: str, *, name: str = "golden") -> Path:
    """`<root>/<name>/<version>`, where `root` is the repository's `datasets/` folder."""
    return root / name / version


def load_golden(
    version: str = DEFAULT_VERSION, *, root: Path = Path("datasets"), name: str = "golden"
) -> GoldenSet:
    """Load and validate `datasets/<name>/<version>/samples.jsonl`.

    Args:
        version: Version folder to load.
        root: The `datasets/` folder.
        name: Dataset name.

    Raises:
        DatasetError: The file is missing (build it first) or fails validation.
    """
    path = dataset_dir(root, version, name=name) / SAMPLES_FILE
    if not path.is_file():
        raise DatasetError(f"{path} does not exist; build it from histories and annotations first")
    errors = validate_file(path, kind="samples")
    if errors:
        raise DatasetError(f"{path} is invalid ({len(errors)} problems)", errors)
    samples = tuple(
        GoldenSample.model_validate_json(line)
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    return GoldenSet(name=name, version=version, digest=file_digest(path), samples=samples)
