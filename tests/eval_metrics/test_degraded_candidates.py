"""Deliberately degraded candidates, summarized through the one summarizer code path and
scored: each is caught by the scorer that names its fault. Also prints the local baseline
summarizer's scores on golden samples (run with -s to see them)."""

from __future__ import annotations

import dataclasses
import re
import statistics
from functools import cache
from pathlib import Path
from typing import Any

from eval.dataset.loader import load_golden
from eval.dataset.schema import GoldenSample
from eval.judge.config import JudgeConfig
from eval.scorers import build_scorers
from eval.types import EvalSample, KeyFactSpec, Score
from service.gateway import ModelGateway
from service.local_models.extractive import summarize_prompt
from service.local_models.provider import register_local_models
from service.model_config import ModelConfig
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair, PromptTemplate
from service.summarizer import summarize

ROOT = Path(__file__).resolve().parents[2]
SCORERS = ("bleu", "chrf", "key_fact_recall", "claims", "pii_leak", "judge")
SAMPLE_IDS = tuple(f"gs-{n:03d}" for n in range(1, 201, 10))  # 20 spread over the set


@cache
def golden() -> dict[str, GoldenSample]:
    return {s.id: s for s in load_golden("v1", root=ROOT / "datasets").samples}


def to_eval(sample: GoldenSample) -> EvalSample:
    return EvalSample(
        id=sample.id,
        dataset="golden/v1",
        interactions=sample.interactions,
        options=sample.summary_options(),
        references=sample.references,
        key_facts=tuple(KeyFactSpec(k.fact, k.kind, k.match) for k in sample.key_facts),
        tags={"account_number": sample.account_number},
    )


def production_pair() -> PromptPair:
    return load_prompt_dir(ROOT / "prompts" / "omni-summary").pair


def with_model(pair: PromptPair, name: str) -> PromptPair:
    return dataclasses.replace(pair, model=ModelConfig(primary=f"local/{name}"))


def invent_amount(system: str, user: str) -> str:
    return summarize_prompt(system, user) + " A $250.00 goodwill credit was promised."


def truncate(system: str, user: str) -> str:
    # A max_tokens cut-off: stops mid-sentence, wherever the token budget ran out.
    return " ".join(summarize_prompt(system, user).split()[:18]).rstrip(".!?…")


def echo_pii(system: str, user: str) -> str:
    found = re.search(r"\(\d{3}\) \d{3}-\d{4}|(?:\d{4} ){3}\d{4}", user)
    return summarize_prompt(system, user) + (f" Contact: {found.group(0)}." if found else "")


async def score_pair(pair: PromptPair, ids: tuple[str, ...]) -> dict[str, dict[str, Score]]:
    register_local_models(
        extra={"amount-inventor": invent_amount, "truncator": truncate, "pii-echo": echo_pii}
    )
    gateway = ModelGateway()
    scorers = build_scorers(SCORERS, judge=JudgeConfig(), gateway=gateway)
    results: dict[str, dict[str, Score]] = {}
    for sample_id in ids:
        sample = to_eval(golden()[sample_id])
        summary = await summarize(sample.interactions, sample.options, pair, gateway)
        results[sample_id] = {s.name: await s.score(sample, summary.text) for s in scorers}
    return results


def mean(results: dict[str, dict[str, Score]], name: str) -> float:
    values = [r[name].value for r in results.values() if r[name].value is not None]
    return statistics.fmean(values) if values else 0.0


def passed(results: dict[str, dict[str, Score]], name: str) -> list[Any]:
    return [r[name].passed for r in results.values()]


async def test_local_baseline_summarizer_scores_are_plausible() -> None:
    results = await score_pair(production_pair(), SAMPLE_IDS)
    print("\nsample  bleu  chrf  recall judge  fabric pii")
    for sample_id, scores in results.items():
        row = [scores[n].value for n in ("bleu", "chrf", "key_fact_recall", "judge")]
        counts = [int(scores[n].value or 0) for n in ("claims", "pii_leak")]
        print(sample_id, *(f"{v:5.2f}" if v is not None else "  -  " for v in row), *counts)
    print("means:", {n: round(mean(results, n), 3) for n in SCORERS})
    assert 5 < mean(results, "bleu") < 60
    assert 0.3 < mean(results, "key_fact_recall") < 1.0
    assert passed(results, "pii_leak").count(True) == len(SAMPLE_IDS)  # the prompt forbids PII
    assert passed(results, "claims").count(True) >= len(SAMPLE_IDS) - 1  # extractive
    assert passed(results, "judge").count(True) >= len(SAMPLE_IDS) // 2


async def test_a_prompt_that_drops_the_customer_data_loses_recall_and_the_judge() -> None:
    pair = production_pair()
    template = PromptTemplate(
        system=pair.template.system,
        user='Current call: the IVR captured intent "{{ivr_intent}}".',
        variables=("ivr_intent",),
    )
    results = await score_pair(dataclasses.replace(pair, template=template), SAMPLE_IDS[:8])
    in_scope = [i for i in SAMPLE_IDS[:8] if golden()[i].in_scope()]
    assert mean({i: results[i] for i in in_scope}, "key_fact_recall") < 0.15
    assert all(
        results[i]["judge"].metadata["per_criterion"]["covers_contacts"] is False for i in in_scope
    )


async def test_a_model_that_invents_amounts_fails_the_claim_check() -> None:
    results = await score_pair(with_model(production_pair(), "amount-inventor"), SAMPLE_IDS[:6])
    in_scope = [i for i in SAMPLE_IDS[:6] if golden()[i].in_scope()]
    for sample_id in in_scope:
        assert results[sample_id]["claims"].passed is False
        assert "$250.00" in results[sample_id]["claims"].reason
        assert "no_fabrication" in results[sample_id]["judge"].metadata["failed_required"]


async def test_a_model_that_truncates_loses_recall_and_readability() -> None:
    ids = SAMPLE_IDS[:8]
    baseline = await score_pair(production_pair(), ids)
    truncated = await score_pair(with_model(production_pair(), "truncator"), ids)
    assert mean(truncated, "key_fact_recall") < mean(baseline, "key_fact_recall") - 0.15
    in_scope = [i for i in ids if golden()[i].in_scope()]
    assert all(
        truncated[i]["judge"].metadata["per_criterion"]["concise_and_readable"] is False
        for i in in_scope
    )


async def test_a_model_that_echoes_pii_fails_the_leak_check() -> None:
    pii_ids = tuple(i for i, s in golden().items() if "pii" in s.tags.traits)[:5]
    results = await score_pair(with_model(production_pair(), "pii-echo"), pii_ids)
    leaking = [i for i in pii_ids if results[i]["pii_leak"].passed is False]
    assert leaking, "no planted PII was echoed"
    assert all("no_pii" in results[i]["judge"].metadata["failed_required"] for i in leaking)
