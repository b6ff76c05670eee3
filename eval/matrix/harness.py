"""What every pair of a matrix is evaluated with, as plain values a worker process rebuilds.

A worker cannot be handed the parent's gateway, scorers or open SQLite connection: it gets
this recipe (pickled by value, the gateway factory by name) and builds its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eval.cache import EvalCache
from eval.judge.config import JudgeConfig
from eval.types import Scorer
from service.gateway import ModelGateway

Built = tuple[ModelGateway, list[Scorer], EvalCache | None]


@dataclass(frozen=True)
class Harness:
    """What every pair is evaluated with, as plain values a worker process rebuilds it from."""

    scorer_names: tuple[str, ...]
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    cache_path: Path | None = None  # the eval cache's SQLite file; None: no cache
    system_prompts: tuple[str, ...] = ()
    # A class or module-level function, so that it pickles by name into a worker.
    gateway_factory: Callable[[], ModelGateway] = ModelGateway

    @contextlib.contextmanager
    def build(self) -> Iterator[Built]:
        """The gateway, the scorers and the open cache (closed on exit)."""
        from eval.scorers import build_scorers

        cache = EvalCache(self.cache_path) if self.cache_path is not None else None
        try:
            gateway = self.gateway_factory()
            scorers = build_scorers(
                self.scorer_names,
                judge=self.judge,
                gateway=gateway,
                cache=cache.judge_view() if cache is not None else None,
                system_prompts=self.system_prompts,
            )
            yield gateway, scorers, cache
        finally:
            if cache is not None:
                cache.close()
