"""Gateways that break a matrix worker on purpose, importable by name in a spawned worker."""

from __future__ import annotations

import os

from service.gateway import Completion, ModelGateway
from service.model_config import ModelConfig
from service.prompts import RenderedPrompt

# The `max_tokens` these gateways break on (a mark a test puts on a pair's model config);
# any other config is answered as usual.
EXITS_ON = 301
RAISES_ON = 302


class WorkerBreak(BaseException):
    """Not an `Exception`: the runner records those per sample; this one ends the pair."""


class BreakingGateway(ModelGateway):
    """Exits the process on `EXITS_ON` (a worker that dies) and raises `WorkerBreak` on
    `RAISES_ON` (a worker whose evaluation raises). Never for pairs this process runs."""

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion:
        if config.max_tokens == EXITS_ON:
            os._exit(3)
        if config.max_tokens == RAISES_ON:
            raise WorkerBreak(f"broken on purpose for max_tokens={config.max_tokens}")
        return await super().complete(rendered, config)
