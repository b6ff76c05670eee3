"""Turn the golden set and the regression sets into `EvalSample`s.

Regression sets live in `datasets/regressions/<week>.jsonl` (written by the weekly report
from agents' not-helpful feedback); every one of them is part of every eval.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from eval.dataset.loader import GoldenSet
from eval.dataset.schema import KeyFact, SampleOptions
from eval.types import DatasetInfo, EvalSample, KeyFactSpec
from service.models import Interaction

REGRESSIONS_DIR = "regressions"
# Regression cases from simulated traffic: kept apart (git-ignored, never read by the eval).
SIMULATED_REGRESSIONS_DIR = "synthetic/regressions"
SIMULATED = "simulated"
SIMULATED_MODEL_PREFIX = "sim/"  # eval.simulate.models.PROVIDER


class RegressionCase(BaseModel):
    """One not-helpful production summary, PII-redacted, kept as a case later pairs must pass."""

    model_config = ConfigDict(extra="forbid")

    id: str
    account_number: str
    ivr_intent: str = "misc"
    options: SampleOptions
    interactions: list[Interaction]
    rejected_summary: str
    key_facts: list[KeyFact] = Field(default_factory=list)
    feedback_comment: str | None = None
    source: dict[str, str] = Field(default_factory=dict)


def _facts(facts: list[KeyFact]) -> tuple[KeyFactSpec, ...]:
    return tuple(KeyFactSpec(f.fact, f.kind, tuple(f.match)) for f in facts)


def golden_samples(golden: GoldenSet) -> tuple[list[EvalSample], DatasetInfo]:
    """The golden set as eval samples, with its name, version and digest."""
    dataset = f"{golden.name}/{golden.version}"
    samples = [
        EvalSample(
            id=sample.id,
            dataset=dataset,
            interactions=tuple(sample.interactions),
            options=sample.summary_options(),
            references=tuple(sample.references),
            key_facts=_facts(list(sample.key_facts)),
            tags={**sample.tags.model_dump(mode="json"), "account_number": sample.account_number},
        )
        for sample in golden.samples
    ]
    info = DatasetInfo(golden.name, golden.version, golden.digest, len(samples))
    return samples, info


def regression_sets(root: Path) -> list[tuple[list[EvalSample], DatasetInfo]]:
    """Every `datasets/regressions/*.jsonl`, oldest first.

    Raises:
        ValueError: A line is not a valid regression case (file and line named).
    """
    folder = root / REGRESSIONS_DIR
    found: list[tuple[list[EvalSample], DatasetInfo]] = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        raw = path.read_bytes()
        samples: list[EvalSample] = []
        for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                case = RegressionCase.model_validate_json(line)
            except ValueError as error:
                first = str(error).splitlines()
                raise ValueError(f"{path}:{number}: {' '.join(first[:3])}") from error
            if case.source.get("traffic") == SIMULATED:
                continue  # copied here by hand: simulated traffic never gates a release
            samples.append(
                EvalSample(
                    id=case.id,
                    dataset=f"{REGRESSIONS_DIR}/{path.stem}",
                    interactions=tuple(case.interactions),
                    options=case.options.to_summary_options(case.ivr_intent),
                    key_facts=_facts(case.key_facts),
                    tags={"account_number": case.account_number, "scenario": "regression"},
                    rejected_summary=case.rejected_summary,
                )
            )
        digest = "sha256:" + hashlib.sha256(raw).hexdigest()
        found.append((samples, DatasetInfo(REGRESSIONS_DIR, path.stem, digest, len(samples))))
    return found


def sample_digest(sample: EvalSample) -> str:
    """Content digest of what the summarizer sees, for the output cache key."""
    payload = {
        "interactions": [item.model_dump(mode="json") for item in sample.interactions],
        "options": sample.options.model_dump(mode="json"),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
