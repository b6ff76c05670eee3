"""The suite on the real golden v1 set: every perturbation family applies to a fair share
of samples from both sources, every perturbation changes something, and every control
keeps the facts that can be read mechanically."""

from __future__ import annotations

import asyncio
from collections import Counter
from functools import cache
from pathlib import Path

from oci_testing.metaeval_cases import NEGATION, amounts, counts, dates

from eval.dataset.loader import load_golden
from eval.metaeval import FAMILIES, Variant, generate_suite, production_outputs, reference_texts
from eval.metaeval.cues import SENTIMENT_WORD, sample_status
from eval.samples import golden_samples
from eval.types import EvalSample
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[2]
# Families that need something most summaries have; the others need a rarer thing.
MIN_SHARE = 0.4
RARE = {"resolved_to_open": 0.05, "wrong_count": 0.3, "open_item_omitted": 0.3}


@cache
def golden() -> tuple[list[EvalSample], list[Variant]]:
    samples, _ = golden_samples(load_golden("v1", root=ROOT / "datasets"))
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    production = asyncio.run(production_outputs(samples, pair, ModelGateway(), 16))
    sources = {"reference": reference_texts(samples), "production": production}
    return samples, generate_suite(samples, sources, seed=0)


def test_every_perturbation_family_covers_a_fair_share_of_golden_v1() -> None:
    samples, variants = golden()
    made = Counter((v.family, v.source) for v in variants)
    for name, family in FAMILIES.items():
        if family.kind != "perturbation":
            continue
        for source in ("reference", "production"):
            share = made[(name, source)] / len(samples)
            assert share >= RARE.get(name, MIN_SHARE), (name, source, share)


def test_both_phrase_bank_halves_are_used_by_every_worded_family() -> None:
    _, variants = golden()
    halves = Counter((v.family, v.split) for v in variants)
    worded = {
        "negated_action",
        "open_to_resolved",
        "resolved_to_open",
        "sentiment_flipped",
        "invented_promise",
        "injection_obeyed",
        "injection_echoed",
        "padding",
    }
    for name in worded:
        assert halves[(name, "dev")] > 0 and halves[(name, "heldout")] > 0, name


def test_every_golden_perturbation_changes_the_summary_or_its_history() -> None:
    _, variants = golden()
    for variant in variants:
        if variant.kind == "perturbation":
            assert variant.text != variant.original or variant.interactions, variant.id


def test_every_golden_control_keeps_amounts_dates_counts_sentiment_and_status() -> None:
    samples, variants = golden()
    by_id = {sample.id: sample for sample in samples}
    controls = [v for v in variants if v.kind == "control"]
    assert len(controls) > 1000
    for v in controls:
        before, after = v.original, v.text
        assert amounts(after) == amounts(before), v.id
        assert counts(after) == counts(before), v.id
        words = [Counter(w.lower() for w in SENTIMENT_WORD.findall(t)) for t in (before, after)]
        assert words[0] == words[1], v.id
        sample = by_id[v.sample_id]
        assert sample_status(sample, after) == sample_status(sample, before), v.id
        if v.family == "date_format":
            assert len(dates(after)) == len(dates(before)), v.id
        else:
            assert dates(after) == dates(before), v.id
        if v.family == "contractions":
            assert len(NEGATION.findall(after)) == len(NEGATION.findall(before)), v.id
