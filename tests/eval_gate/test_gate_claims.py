"""Wrong claims are judged per kind against production: a few false findings do not fail a
better candidate, a real excess does, and reviewed false alarms are not counted."""

from __future__ import annotations

from dataclasses import replace

import gate_runs as g
import numpy as np
import pytest

from eval.findings import run_findings
from eval.gate import decide, load_gate_config
from eval.gate.config import GateConfig
from eval.types import EvalRun


@pytest.fixture(scope="module")
def config() -> GateConfig:
    return load_gate_config()


@pytest.fixture(scope="module")
def production() -> EvalRun:
    return g.build_run(version="7")


def check(verdict: object, name: str) -> object:
    return next(c for c in verdict.checks if c.name == name)  # type: ignore[attr-defined]


def flags_golden(every: int, *, offset: int = 0, better: bool = False) -> g.Profile:
    """A profile that adds one invented amount to every `every`-th golden summary; `better`
    also raises BLEU, key-fact recall and the judge score on every sample."""

    def profile(i: int, v: g.Values, rng: np.random.Generator) -> g.Values:
        if better and v.bleu is not None:
            v = replace(v, bleu=v.bleu + 5.0, recall=min(1.0, (v.recall or 0.0) + 0.1))
        if better:
            v = replace(v, judge=min(1.0, v.judge + 0.05))
        if v.dataset == g.GOLDEN and i % every == offset:
            return replace(v, fabrication=1)
        return v

    return profile


@pytest.mark.parametrize("false_findings", [1, 2])
def test_a_few_false_findings_do_not_fail_a_better_candidate(
    config, production, false_findings
) -> None:
    candidate = g.build_run(flags_golden(200 // false_findings, better=True), version="8")
    assert len(run_findings(candidate)) == false_findings
    verdict = decide(candidate, production, config)
    assert verdict.passed, [(c.name, c.detail) for c in verdict.failed]
    unsupported = check(verdict, "unsupported_fact")
    assert unsupported.kind == "claims" and unsupported.ci is not None
    assert 0 < unsupported.value <= unsupported.threshold


def test_five_percent_more_wrong_claims_than_production_fails(config, production) -> None:
    candidate = g.build_run(flags_golden(20, better=True), version="8")  # 10 of 200
    verdict = decide(candidate, production, config)
    assert {c.name for c in verdict.failed} == {"unsupported_fact"}
    unsupported = check(verdict, "unsupported_fact")
    assert unsupported.value > unsupported.threshold
    assert "upper bound must be <=" in unsupported.detail
    assert len(verdict.decisive_findings) == 10
    assert {f.kind for f in verdict.decisive_findings} == {"unsupported_fact"}


def test_findings_production_shares_do_not_count_against_the_candidate(config) -> None:
    both = flags_golden(20)
    production = g.build_run(both, version="7")
    candidate = g.build_run(both, version="8")
    verdict = decide(candidate, production, config)
    paired = check(verdict, "unsupported_fact")
    assert paired.ci is not None and paired.ci.mean_diff == 0.0
    # Both at 5 %: within the ceiling, so the check passes on the pairing alone.
    assert paired.passed


def test_the_ceiling_fails_a_pair_as_bad_as_a_bad_production(config) -> None:
    bad = flags_golden(10)  # 20 of 200 summaries, 10 %
    verdict = decide(g.build_run(bad, version="8"), g.build_run(bad, version="7"), config)
    failed = check(verdict, "unsupported_fact")
    assert not failed.passed and "ceiling 5%" in failed.detail
    assert failed.ci is not None and failed.ci.high <= failed.threshold  # the pairing is fine


def test_reviewed_false_alarms_are_not_counted_and_confirmed_ones_are(config, production) -> None:
    candidate = g.build_run(flags_golden(20, better=True), version="8")
    findings = run_findings(candidate)
    refused = decide(candidate, production, config)
    assert not refused.passed
    all_false = {f.id: "false_alarm" for f in findings}
    verdict = decide(candidate, production, config, reviews=all_false)
    assert verdict.passed, [(c.name, c.detail) for c in verdict.failed]
    assert {f.id for f in verdict.overridden_findings} == set(all_false)
    assert not verdict.decisive_findings
    confirmed = {f.id: "confirmed" for f in findings}
    assert not decide(candidate, production, config, reviews=confirmed).passed
    # All but two reviewed false: 2 of 200 left, within any margin the rule gives (its
    # floor is 3 %, which two stray findings among 200 always pass).
    most = {f.id: "false_alarm" for f in findings[2:]}
    assert decide(candidate, production, config, reviews=most).passed


def test_a_finding_id_is_stable_across_runs_and_changes_with_the_text(config) -> None:
    first = run_findings(g.build_run(flags_golden(20), version="8"))
    again = run_findings(g.build_run(flags_golden(20), version="9"))
    assert [f.id for f in first] == [f.id for f in again]
    shifted = run_findings(g.build_run(flags_golden(20, offset=1), version="8"))
    assert not {f.id for f in first} & {f.id for f in shifted}


def test_no_production_judges_claims_on_the_ceiling(config) -> None:
    within = decide(g.build_run(flags_golden(50), version="8"), None, config)
    assert check(within, "unsupported_fact").passed  # 4 of 200 = 2 %
    over = decide(g.build_run(flags_golden(10), version="8"), None, config)
    failed = check(over, "unsupported_fact")
    assert not failed.passed and "ceiling only" in failed.detail
    assert len(over.decisive_findings) == 20
