"""Summarize many samples through the shared summarizer with bounded concurrency.

This is the runner's skeleton: the eval suite scores what it returns. A sample whose
summary fails is recorded with its error, never dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.gateway import AllModelsFailedError
from service.models import Interaction, SummaryOptions
from service.prompts import PromptPair
from service.summarizer import CompletionGateway, Summary, summarize


@dataclass(frozen=True)
class BatchItem:
    """One request to summarize: an id, a history and the options to apply."""

    sample_id: str
    interactions: tuple[Interaction, ...]
    options: SummaryOptions


@dataclass(frozen=True)
class BatchResult:
    """The summary of one item, or the error that prevented it."""

    sample_id: str
    summary: Summary | None
    error: str = ""


async def summarize_batch(
    items: Sequence[BatchItem],
    pair: PromptPair,
    gateway: CompletionGateway,
    *,
    concurrency: int = 16,
    on_done: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Summarize every item, at most `concurrency` at a time, results in input order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(item: BatchItem) -> BatchResult:
        async with gate:
            try:
                summary = await summarize(item.interactions, item.options, pair, gateway)
                result = BatchResult(item.sample_id, summary)
            except AllModelsFailedError as error:
                result = BatchResult(item.sample_id, None, str(error))
        if on_done is not None:
            on_done(result)
        return result

    return list(await asyncio.gather(*(one(item) for item in items)))
