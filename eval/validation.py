"""Each gate check's validation for one eval: read from the meta-eval store, made on demand.

A gate verdict is evidence only if its checks are known to catch what they claim. The
meta-evaluation measures that (`eval/metaeval/`); this module attaches its result to a
verdict. With the local baseline judge a missing table is computed here (it costs CPU
only); with a paid judge it is never computed implicitly: `oci meta-eval run` does that on
purpose, and until then the checks show "not validated".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from eval.cache import EvalCache
from eval.gate import CheckValidation, Verdict
from eval.gate.config import GateConfig
from eval.judge.config import JudgeConfig
from eval.metaeval.known_good import load_known_good
from eval.metaeval.session import compute, current_state, inputs_for
from eval.metaeval.store import ValidationState
from eval.types import DatasetInfo, EvalSample, Scorer
from service.gateway import ModelGateway
from service.prompts import PromptPair
from service.settings import Settings

Mode = Literal["auto", "stored", "off"]


async def validation_state(
    settings: Settings,
    samples: Sequence[EvalSample],
    dataset: DatasetInfo,
    production: PromptPair,
    judge: JudgeConfig,
    gate: GateConfig,
    scorers: Sequence[Scorer],
    *,
    gateway: ModelGateway,
    cache: EvalCache,
    mode: Mode,
    log_to_mlflow: bool = True,
    on_plan: Callable[[int], None] | None = None,
    on_scored: Callable[[], None] | None = None,
) -> ValidationState | None:
    """The checks' validation for this eval's samples, judge and production pair.

    Returns None when `mode` is "off". The table is keyed by a digest of everything it
    depends on, so it is recomputed only after the judge, rubric, scoring code, suite,
    samples or production pair changed.
    """
    if mode == "off":
        return None
    inputs = inputs_for(
        samples,
        dataset,
        production,
        judge,
        gate,
        scorers,
        per_family_limit=settings.meta_eval_per_family,
        known_good=load_known_good(settings.datasets_dir, dataset),
    )
    state = current_state(settings, inputs)
    if state.current or mode == "stored" or not judge.is_baseline or not inputs.samples:
        return state
    await compute(
        settings,
        inputs,
        gateway=gateway,
        cache=cache,
        log_to_mlflow=log_to_mlflow,
        on_plan=on_plan,
        on_scored=on_scored,
    )
    return current_state(settings, inputs)


def attach(verdict: Verdict, state: ValidationState | None) -> Verdict:
    """The verdict with each of its checks' validation status (unchanged when None)."""
    if state is None:
        return verdict
    statuses = []
    for check in verdict.checks:
        found = state.status_of(check.name)
        if found is not None:
            statuses.append(CheckValidation(check.name, found.status, found.detail))
    return replace(
        verdict,
        validation=tuple(statuses),
        validation_current=state.current,
        validation_report=state.report,
    )
