"""What an evaluation reads before it calls a model: its samples, its scorers, its judge.

Kept apart from `eval.pipeline` (which pulls in litellm, MLflow and the report plots) so that
processes needing only these — promptfoo's test generator and workers, the CLIs' set-up —
start without paying for imports they never use.
"""

from __future__ import annotations

from eval.dataset.loader import DECISION_SET, DEFAULT_DATASET, load_golden, parse_dataset
from eval.judge.config import JudgeConfig
from eval.samples import golden_samples, regression_sets
from eval.types import DatasetInfo, EvalSample
from service.model_config import ModelConfig
from service.settings import Settings

DEFAULT_SCORERS = (
    "bleu",
    "chrf",
    "key_fact_recall",
    "pii_leak",
    "claims",
    "open_items",
    "judge",
    "ragas_faithfulness",
)


def judge_config(settings: Settings) -> JudgeConfig:
    """The judge from settings: the local baseline by default, any litellm model otherwise."""
    if settings.judge_model.startswith("local/"):
        return JudgeConfig()
    return JudgeConfig(
        model_config=ModelConfig(
            primary=settings.judge_model,
            api_base=settings.judge_api_base,
            max_tokens=1500,
            timeout_s=60.0,
            total_budget_s=120.0,
        )
    )


def load_eval_samples(
    settings: Settings, dataset_version: str = DEFAULT_DATASET
) -> tuple[list[EvalSample], list[DatasetInfo]]:
    """The golden set plus every regression set, or the dev set alone.

    `dataset_version` is a dataset spec (`golden/v2`, `dev`, or a bare golden version such as
    `v1`). Regression sets join only the golden set: they are decision material, and a dev run
    is for tuning.
    """
    name, version = parse_dataset(dataset_version)
    golden, info = golden_samples(load_golden(version, root=settings.datasets_dir, name=name))
    samples, infos = list(golden), [info]
    if name != DECISION_SET:
        return samples, infos
    for regression, regression_info in regression_sets(settings.datasets_dir):
        samples.extend(regression)
        infos.append(regression_info)
    return samples, infos
