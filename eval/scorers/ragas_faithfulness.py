"""ragas Faithfulness through the judge model.

ragas 0.4's collections `Faithfulness` splits the summary into statements and asks the judge
model, statement by statement, whether the interaction records support it; the value is the
supported share (0..1). The call path is the one the project documents:
`instructor.from_litellm(litellm.acompletion)` + `ragas.llms.llm_factory(..., adapter="litellm")`.
Instructor runs in JSON mode (schema in the prompt, JSON in the reply), which any chat model
and the local baseline judge can follow; tool-calling mode would exclude both. With the
local judge the answers come from `eval.judge.local_ragas` (a baseline, not an LLM).

These calls bypass `ModelGateway` (ragas owns the loop), so the judge's fallbacks are not
tried and their cost is not counted in the judge cost.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

from eval.judge.config import JudgeConfig
from eval.judge.local_judge import BASELINE_NOTE, register_local_judge
from eval.scorers.deps import ScorerDeps, in_scope
from eval.types import EvalSample, Score, Scorer
from service.models import Interaction, SummaryOptions
from service.prompts import format_interaction

NAME = "ragas_faithfulness"
VERSION = "1"


def ragas_llm(config: JudgeConfig) -> Any:
    """A ragas structured-output LLM for the judge's primary model (imports ragas lazily)."""
    import instructor
    import litellm
    from ragas.llms import llm_factory

    model = config.model_config
    extra: dict[str, Any] = {}
    if model.api_base:
        extra["api_base"] = model.api_base
    if model.aws_region_name:
        extra["aws_region_name"] = model.aws_region_name
    client = instructor.from_litellm(litellm.acompletion, mode=instructor.Mode.JSON)
    return llm_factory(
        model.primary,
        client=client,
        adapter="litellm",
        temperature=model.temperature,
        max_tokens=max(model.max_tokens, 1024),
        timeout=model.timeout_s,
        **extra,
    )


async def faithfulness(
    llm: Any, summary: str, interactions: Sequence[Interaction], options: SummaryOptions
) -> float | None:
    """ragas Faithfulness of `summary` against the records (None when ragas finds no statement).

    Raises:
        ValueError: No interactions (ragas needs a context).
    """
    from ragas.metrics.collections import Faithfulness

    if not interactions:
        raise ValueError("faithfulness needs at least one interaction as context")
    records = [format_interaction(i, item) for i, item in enumerate(interactions, 1)]
    question = (
        "Summarize this customer's recent interactions for the agent taking the current call "
        f"(IVR intent: {options.ivr_intent})."
    )
    result = await Faithfulness(llm=llm).ascore(
        user_input=question, response=summary, retrieved_contexts=["\n".join(records)]
    )
    value = float(result.value)
    return None if math.isnan(value) else value


def ragas_faithfulness_scorer(deps: ScorerDeps) -> Scorer:
    """Build the ragas Faithfulness scorer on the judge model."""
    config = deps.judge

    # Built on the first score: ragas and litellm take seconds to import, and a run whose
    # every score is cached never needs them.
    @functools.cache
    def llm() -> Any:
        if config.uses_local_judge:
            register_local_judge()
        return ragas_llm(config)

    labels: dict[str, Any] = {"judge_model": config.model, "judge_is_baseline": config.is_baseline}
    if config.is_baseline:
        labels["judge_note"] = BASELINE_NOTE

    async def score(sample: EvalSample, output: str) -> Score:
        scope = in_scope(sample)
        if not scope:
            return Score(NAME, None, reason="no interactions in scope", metadata=labels)
        if not output.strip():
            return Score(NAME, None, reason="empty summary", metadata=labels)
        try:
            value = await faithfulness(llm(), output, scope, sample.options)
        except Exception as exc:  # noqa: BLE001 - ragas/instructor raise many types; all are judge errors
            detail = f"{type(exc).__name__}: {str(exc)[:300]}"
            return Score(
                NAME, None, None, "ragas judge call failed", {**labels, "judge_error": detail}
            )
        reason = (
            "no statements extracted" if value is None else f"{value:.0%} of statements supported"
        )
        return Score(NAME, value, reason=reason, metadata=labels)

    return Scorer(name=NAME, version=VERSION, score=score)
