"""Which model judges, and with which rubric."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eval.rubric import DEFAULT_RUBRIC
from service.model_config import ModelConfig, ModelPrice

LOCAL_PREFIX = "local/"
LOCAL_JUDGE_MODEL = "local/rubric-judge"


def default_judge_model() -> ModelConfig:
    """The local deterministic baseline judge: free, instant, and labelled as a baseline.

    Timeouts are longer than the summarizer's 5 s because an LLM judge writes a long JSON
    answer and nobody waits on it in real time.
    """
    return ModelConfig(
        primary=LOCAL_JUDGE_MODEL,
        temperature=0.0,
        max_tokens=1500,
        timeout_s=60.0,
        total_budget_s=120.0,
        prices={LOCAL_JUDGE_MODEL: ModelPrice(input=0.0, output=0.0)},
    )


@dataclass(frozen=True)
class JudgeConfig:
    """The judge model (any litellm model string, optional `api_base`) and the rubric file."""

    model_config: ModelConfig = field(default_factory=default_judge_model)
    rubric_path: Path = DEFAULT_RUBRIC

    @property
    def model(self) -> str:
        """The primary judge model string."""
        return self.model_config.primary

    @property
    def is_baseline(self) -> bool:
        """True when every configured judge model is a local deterministic baseline."""
        return all(model.startswith(LOCAL_PREFIX) for model in self.model_config.models)

    @property
    def uses_local_judge(self) -> bool:
        """True when the local rubric judge must be registered with litellm."""
        return LOCAL_JUDGE_MODEL in self.model_config.models
