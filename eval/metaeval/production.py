"""The "production" source: what the production pair writes for each sample, through the
one summarizer code path (the eval runner, so cached outputs of `make eval` are reused)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from eval.cache import EvalCache
from eval.runner import RunOptions, evaluate
from eval.types import EvalSample
from service.prompts import PromptPair
from service.summarizer import CompletionGateway


async def production_outputs(
    samples: Sequence[EvalSample],
    pair: PromptPair,
    gateway: CompletionGateway,
    concurrency: int = 16,
    *,
    cache: EvalCache | None = None,
    on_done: Callable[[], None] | None = None,
) -> dict[str, str]:
    """{sample id: summary text} from `pair` (`service.summarizer.summarize` per sample).

    A sample whose summary failed (every model failed) is absent from the result; callers
    compare lengths to report failures.
    """
    run = await evaluate(
        pair,
        samples,
        (),
        gateway=gateway,
        scorers=[],
        judge_model="none",
        judge_is_baseline=True,
        cache=cache,
        options=RunOptions(concurrency=concurrency),
        on_summarized=on_done,
    )
    return {result.sample_id: result.output for result in run.results if result.output}
