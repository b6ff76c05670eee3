"""The assertions' slow path: run the project's scorers on an output no worker has scored."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eval.dataset.loader import DEFAULT_DATASET
from eval.inputs import DEFAULT_SCORERS, judge_config, load_eval_samples
from eval.scorers import build_scorers
from service.gateway import ModelGateway
from service.settings import Settings


def score_output(output: str, variables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every default scorer on `output` for the sample named by `variables`.

    Args:
        output: The summary text.
        variables: promptfoo test vars: `dataset`, `sample_id`, optional `datasets_dir`,
            `dataset_version`.

    Returns:
        Scores by name, as plain dicts (the shape the provider records).

    Raises:
        KeyError: No such sample in the eval datasets.
    """
    settings = Settings(datasets_dir=Path(str(variables.get("datasets_dir", "datasets"))))
    samples, _ = load_eval_samples(settings, str(variables.get("dataset_version", DEFAULT_DATASET)))
    wanted = (str(variables["dataset"]), str(variables["sample_id"]))
    sample = next((s for s in samples if (s.dataset, s.id) == wanted), None)
    if sample is None:
        raise KeyError(f"no sample {wanted[0]}/{wanted[1]} in {settings.datasets_dir}")
    gateway = ModelGateway()
    scorers = build_scorers(DEFAULT_SCORERS, judge=judge_config(settings), gateway=gateway)

    async def run() -> dict[str, dict[str, Any]]:
        return {s.name: asdict(await s.score(sample, output)) for s in scorers}

    return asyncio.run(run())
