"""Gateways that break a matrix worker on purpose, importable by name in a spawned worker."""

from __future__ import annotations

import os

from service.gateway import Completion, ModelGateway
from service.model_config import ModelConfig
from service.prompts import RenderedPrompt

# The models these gateways break on; any other model is answered as usual.
EXITS_ON = "local/lead-baseline"
RAISES_ON = "local/extractive-summarizer"


class WorkerBreak(BaseException):
    """Not an `Exception`: the runner records those per sample; this one ends the pair."""


class BreakingGateway(ModelGateway):
    """Exits the process on `EXITS_ON` (a worker that dies) and raises `WorkerBreak` on
    `RAISES_ON` (a worker whose evaluation raises)."""

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion:
        if config.primary == EXITS_ON:
            os._exit(3)
        if config.primary == RAISES_ON:
            raise WorkerBreak(f"broken on purpose for {config.primary}")
        return await super().complete(rendered, config)
