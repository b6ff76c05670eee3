"""Scorers end to end: the one name mapping, reference and safety scorers, the judge scorer
through `ModelGateway` with the local baseline judge, judge errors, cache, and ragas."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from oci_testing.dict_cache import DictCache

from eval.dataset.loader import load_golden
from eval.dataset.schema import GoldenSample
from eval.judge.config import JudgeConfig
from eval.rubric import load_rubric
from eval.scorers import SCORER_FACTORIES, UnknownScorerError, build_scorers
from eval.types import EvalSample, KeyFactSpec, Score, Scorer
from service.gateway import ModelGateway
from service.local_models.provider import register_local_models
from service.model_config import ModelConfig

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@cache
def golden() -> dict[str, GoldenSample]:
    return {sample.id: sample for sample in load_golden("v1", root=DATASETS).samples}


def to_eval(sample: GoldenSample, *, trial: int = 0) -> EvalSample:
    return EvalSample(
        id=sample.id,
        dataset="golden/v1",
        interactions=sample.interactions,
        options=sample.summary_options(),
        references=sample.references,
        key_facts=tuple(KeyFactSpec(k.fact, k.kind, k.match) for k in sample.key_facts),
        tags={"account_number": sample.account_number, "trial": trial},
    )


def scorer(
    name: str, *, judge: JudgeConfig | None = None, cache: DictCache | None = None
) -> Scorer:
    [built] = build_scorers(
        [name], judge=judge or JudgeConfig(), gateway=ModelGateway(), cache=cache
    )
    return built


async def run(name: str, sample_id: str, output: str | None = None, **kw: Any) -> Score:
    sample = golden()[sample_id]
    return await scorer(name, **kw).score(to_eval(sample), output or sample.references[0])


def test_build_scorers_refuses_unknown_and_duplicate_names() -> None:
    with pytest.raises(UnknownScorerError, match=r"\['blue', 'rouge'\].*known scorers"):
        build_scorers(["bleu", "blue", "rouge"], judge=JudgeConfig(), gateway=ModelGateway())
    with pytest.raises(ValueError, match="more than once"):
        build_scorers(["bleu", "bleu"], judge=JudgeConfig(), gateway=ModelGateway())
    every = build_scorers(list(SCORER_FACTORIES), judge=JudgeConfig(), gateway=ModelGateway())
    assert [built.name for built in every] == list(SCORER_FACTORIES)


async def test_reference_scorers_skip_samples_without_an_answer_key() -> None:
    sample = golden()["gs-002"]
    bare = EvalSample(
        id="r-1",
        dataset="regressions/x",
        interactions=sample.interactions,
        options=sample.summary_options(),
    )
    for name in ("bleu", "chrf", "key_fact_recall"):
        result = await scorer(name).score(bare, "anything")
        assert result.value is None and result.reason in ("no references", "no key facts")


async def test_empty_history_is_compared_with_its_reference() -> None:
    result = await run("key_fact_recall", "gs-015", "No interactions found on chat or SMS.")
    assert result.value is not None and result.value > 0
    assert (await run("bleu", "gs-015", "No interactions found")).value is not None


async def test_safety_scorers_count_leaks_and_claim_findings() -> None:
    reference = golden()["gs-078"].references[0]
    leak = await run("pii_leak", "gs-078", reference + " Callback (555) 013-5453.")
    assert leak.value == 1 and leak.passed is False and "5453" in leak.reason
    assert "013-5453" not in leak.reason  # reports show a masked form
    fabricated = await run("claims", "gs-078", reference + " A $999 credit on Dec 25.")
    assert fabricated.value == 2 and fabricated.passed is False
    assert fabricated.metadata["categories"] == {"amount": 1, "date": 1}
    assert (await run("claims", "gs-078")).passed is True


async def test_judge_passes_a_golden_reference_and_labels_the_baseline() -> None:
    result = await run("judge", "gs-002")
    assert result.passed is True and result.value is not None and result.value >= 0.7
    assert result.metadata["judge_is_baseline"] is True
    assert "not an LLM" in result.metadata["judge_note"]
    assert result.metadata["judge_model"] == "local/rubric-judge"


async def test_judge_fails_an_invented_amount_on_the_required_criterion() -> None:
    summary = golden()["gs-002"].references[0] + " A $75.00 goodwill credit was applied."
    result = await run("judge", "gs-002", summary)
    assert result.passed is False
    assert result.metadata["failed_required"] == ["no_fabrication"]
    assert "$75.00" in result.metadata["reasons"]["no_fabrication"]


async def test_judge_fails_a_summary_with_pii() -> None:
    summary = golden()["gs-002"].references[0] + " Card 5555 5555 5555 4444 on file."
    result = await run("judge", "gs-002", summary)
    assert result.passed is False and "no_pii" in result.metadata["failed_required"]


@pytest.mark.parametrize(
    ("reply", "detail"),
    [
        ("I think the summary is fine overall.", "unparseable"),
        ('{"verdict": "good"}', "criteria"),
    ],
)
async def test_broken_judge_json_is_a_counted_judge_error(reply: str, detail: str) -> None:
    register_local_models(extra={"broken-judge": lambda system, user: reply})
    judge = JudgeConfig(model_config=ModelConfig(primary="local/broken-judge"))
    result = await run("judge", "gs-002", judge=judge)
    assert result.value is None and result.passed is None
    assert detail in result.metadata["judge_error"]


async def test_truncated_judge_json_missing_a_required_criterion_is_a_judge_error() -> None:
    # Repaired JSON that answers only no_pii: no_fabrication (required) was never judged.
    reply = '```json\n{"criteria": [{"id": "no_pii", "reason": "none", "pass": true},'
    register_local_models(extra={"truncating-judge": lambda system, user: reply})
    judge = JudgeConfig(model_config=ModelConfig(primary="local/truncating-judge"))
    result = await run("judge", "gs-002", judge=judge)
    assert result.value is None and result.passed is None
    assert "no_fabrication" in result.metadata["judge_error"]
    assert result.metadata["judge_is_baseline"] is True  # local models are baselines


@pytest.mark.parametrize("verdict", ["null", '"yes"', "1"])
async def test_required_criterion_answered_without_a_boolean_is_a_judge_error(
    verdict: str,
) -> None:
    rows = [
        f'{{"id": "{ident}", "reason": "r", "pass": {verdict if ident == "no_pii" else "true"}}}'
        for ident in load_rubric().ids
    ]
    reply = '{"criteria": [' + ", ".join(rows) + "]}"
    register_local_models(extra={f"odd-judge-{len(verdict)}": lambda system, user: reply})
    judge = JudgeConfig(model_config=ModelConfig(primary=f"local/odd-judge-{len(verdict)}"))
    result = await run("judge", "gs-002", judge=judge)
    assert result.value is None and "no_pii" in result.metadata["judge_error"]


async def test_optional_criterion_left_null_is_reported_in_coverage() -> None:
    rubric = load_rubric()
    rows = [
        f'{{"id": "{c.id}", "reason": "r", "pass": {"null" if not c.required else "true"}}}'
        for c in rubric.criteria
    ]
    reply = '{"criteria": [' + ", ".join(rows) + "]}"
    register_local_models(extra={"partial-judge": lambda system, user: reply})
    judge = JudgeConfig(model_config=ModelConfig(primary="local/partial-judge"))
    result = await run("judge", "gs-002", judge=judge)
    required = sum(c.required for c in rubric.criteria)
    assert result.value == 1.0
    assert result.metadata["coverage"] == pytest.approx(required / len(rubric.criteria))


async def test_judge_cache_hits_by_sample_trial_and_output() -> None:
    store = DictCache()
    judge = scorer("judge", cache=store)
    sample = golden()["gs-002"]
    first = await judge.score(to_eval(sample), sample.references[0])
    again = await judge.score(to_eval(sample), sample.references[0])
    assert not first.metadata["cached"] and again.metadata["cached"]
    assert again.value == first.value and len(store.items) == 1
    await judge.score(to_eval(sample, trial=1), sample.references[0])
    await judge.score(to_eval(sample), sample.references[0] + " ")
    assert len(store.items) == 3
    assert judge.cost_usd is not None and judge.cost_usd() == 0.0


async def test_ragas_faithfulness_runs_through_the_local_judge() -> None:
    faithful = await run("ragas_faithfulness", "gs-002")
    assert faithful.value is not None and faithful.value >= 0.5
    assert faithful.metadata["judge_is_baseline"] is True
    invented = "The customer was refunded $480 for a router on Dec 25 after 9 store visits."
    unfaithful = await run("ragas_faithfulness", "gs-002", invented)
    assert unfaithful.value is not None and unfaithful.value < faithful.value
    empty = await run("ragas_faithfulness", "gs-015", "No interactions found.")
    assert empty.value is None and empty.reason == "no interactions in scope"


async def test_ragas_with_a_judge_that_cannot_answer_is_a_judge_error() -> None:
    register_local_models(extra={"mute-judge": lambda system, user: "no idea"})
    judge = JudgeConfig(model_config=ModelConfig(primary="local/mute-judge"))
    result = await run("ragas_faithfulness", "gs-002", judge=judge)
    assert result.value is None and "judge_error" in result.metadata
