"""promptfoo Python test generator: the golden set and every regression set, never a copy.

`tests: [{path: file://testcases.py:generate_tests, config: {...}}]` with `datasets_dir`,
`dataset_version` and an optional `limit` (the first N samples, as `make eval --limit`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.dataset.loader import DEFAULT_DATASET
from eval.inputs import load_eval_samples
from eval.types import EvalSample
from service.settings import Settings

REFERENCE_CHARS = 400  # enough for a reviewer to compare in the viewer, short enough to scan


def select_samples(datasets_dir: Path, dataset_version: str, limit: int | None) -> list[EvalSample]:
    """The eval samples the gate runs on, in `load_eval_samples` order, first `limit` only."""
    samples, _ = load_eval_samples(Settings(datasets_dir=datasets_dir), dataset_version)
    return samples[:limit] if limit else samples


def test_case(sample: EvalSample) -> dict[str, Any]:
    """One promptfoo test case: `vars` name the sample; the provider loads the sample itself."""
    reference = sample.references[0] if sample.references else (sample.rejected_summary or "")
    return {
        "description": f"{sample.dataset} {sample.id}",
        "vars": {
            "dataset": sample.dataset,
            "sample_id": sample.id,
            "scenario": str(sample.tags.get("scenario", "")),
            "reference": reference[:REFERENCE_CHARS],
        },
        "metadata": {"dataset": sample.dataset, "sample_id": sample.id},
    }


def generate_tests(config: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """promptfoo's test-generator entry point.

    Args:
        config: `datasets_dir` (default `datasets`), `dataset_version` (default `golden/v2`),
            `limit` (default: every sample).

    Returns:
        promptfoo test cases, one per eval sample.
    """
    config = config or {}
    limit = config.get("limit")
    samples = select_samples(
        Path(str(config.get("datasets_dir", "datasets"))),
        str(config.get("dataset_version", DEFAULT_DATASET)),
        int(limit) if limit else None,
    )
    return [test_case(sample) for sample in samples]
