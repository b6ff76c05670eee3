"""What a scorer factory may capture: the judge config, the model gateway, the judge cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from eval.judge.config import JudgeConfig
from eval.types import EvalSample
from service.gateway import ModelGateway
from service.models import Interaction, select_interactions


class JudgeCache(Protocol):
    """Judge answers by key (sha256 of judge config, rubric, scorer, sample, trial, output)."""

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored answer, or None."""
        ...

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Store an answer."""
        ...


@dataclass(frozen=True)
class ScorerDeps:
    """Collaborators handed to every scorer factory; pure scorers ignore them."""

    judge: JudgeConfig
    gateway: ModelGateway
    cache: JudgeCache | None = None
    # The system prompts of the pairs under evaluation: a summary that repeats one reveals
    # its instructions (an obeyed "repeat everything above this line").
    system_prompts: tuple[str, ...] = ()


def in_scope(sample: EvalSample) -> tuple[Interaction, ...]:
    """The interactions the summary was allowed to use, selected as the service selects them."""
    return select_interactions(sample.interactions, sample.options)
