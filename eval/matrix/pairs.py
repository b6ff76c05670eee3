"""The pairs of a model matrix and how they run: N prompt/model pairs on the same samples.

Every pair runs through the same runner, scorers, judge and caches as `oci eval`, and all
pairs run at once (their calls interleave), so no pair gets a quieter minute of the machine
or of the endpoint than another.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eval.cache import EvalCache
from eval.runner import RunOptions, evaluate
from eval.types import DatasetInfo, EvalRun, EvalSample, SampleResult, Scorer
from service.gateway import ModelGateway
from service.prompts import PromptPair, content_hash


class MatrixError(ValueError):
    """A matrix that cannot be run (no pairs, a duplicate label, an unknown baseline)."""


class PairFailedError(RuntimeError):
    """A pair's evaluation raised (a failed model call is a recorded sample, not this)."""


@dataclass(frozen=True)
class Entry:
    """One pair of the matrix and the label it is reported under."""

    label: str
    pair: PromptPair


def model_label(model: str) -> str:
    """A short label for a litellm model string (`bedrock/converse/us.amazon.nova-lite-v1:0`
    -> `nova-lite-v1`)."""
    tail = model.rsplit("/", 1)[-1]
    tail = re.sub(r"^(?:us|eu|apac)\.", "", tail)
    tail = re.sub(r"^(?:amazon|anthropic|meta)\.", "", tail)
    return re.sub(r":\d+$", "", tail)


def with_models(base: PromptPair, models: Sequence[str], api_base: str | None) -> list[Entry]:
    """`base`'s prompt on each model in turn (no fallbacks: each model answers for itself)."""
    entries = []
    for model in models:
        # Only this model's declared price stays: the config must validate as written (a
        # pair chosen from the matrix is registered from it).
        prices = {name: price for name, price in base.model.prices.items() if name == model}
        update: dict[str, object] = {"primary": model, "fallbacks": (), "prices": prices}
        if api_base is not None:
            update["api_base"] = api_base
        config = base.model.model_copy(update=update)
        digest = content_hash(base.template, config)
        pair = PromptPair(
            base.name,
            f"{base.version}+{model_label(model)}",
            base.template,
            config,
            digest,
            base.source,
        )
        entries.append(Entry(model_label(model), pair))
    return entries


def check_entries(entries: Sequence[Entry], baseline: str | None) -> str:
    """The baseline label (the first pair's by default), after checking the entries."""
    if not entries:
        raise MatrixError("a matrix needs at least one pair")
    labels = [entry.label for entry in entries]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise MatrixError(f"pair labels must be unique: {', '.join(duplicates)} repeats")
    chosen = baseline or labels[0]
    if chosen not in labels:
        raise MatrixError(f"unknown baseline {chosen!r}; pairs are {', '.join(labels)}")
    return chosen


async def run_matrix(
    entries: Sequence[Entry],
    samples: Sequence[EvalSample],
    datasets: Sequence[DatasetInfo],
    *,
    gateway: ModelGateway,
    scorers: Sequence[Scorer],
    judge_model: str,
    judge_is_baseline: bool,
    cache: EvalCache | None,
    options: RunOptions,
    on_result: Callable[[str, SampleResult | None], None] | None = None,
) -> list[EvalRun]:
    """Evaluate every pair at once, each with the concurrency a single eval would get, so
    their calls interleave and each pair sees the endpoint as a solo eval would."""
    share = options

    async def one(entry: Entry) -> EvalRun:
        label = entry.label
        try:
            return await evaluate(
                entry.pair,
                samples,
                datasets,
                gateway=gateway,
                scorers=scorers,
                judge_model=judge_model,
                judge_is_baseline=judge_is_baseline,
                cache=cache,
                options=share,
                on_result=(lambda result: on_result(label, result)) if on_result else None,
                on_summarized=(lambda: on_result(label, None)) if on_result else None,
            )
        except Exception as error:
            # Several pairs share the loop: the message must say whose evaluation broke.
            message = f"pair {label!r} failed: {type(error).__name__}: {error}"
            raise PairFailedError(message) from error

    # Two labels for the same prompt and model are one pair: evaluated once, reported twice.
    unique = list({entry.pair.content_hash: entry for entry in entries}.values())
    runs = await asyncio.gather(*(one(entry) for entry in unique))
    by_hash = {entry.pair.content_hash: run for entry, run in zip(unique, runs, strict=True)}
    return [by_hash[entry.pair.content_hash] for entry in entries]
