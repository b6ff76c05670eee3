"""The gate rejects each degraded candidate for the right reason and passes an equivalent one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import gate_runs as g
import pytest

from eval.gate import GateConfigError, Verdict, decide, load_gate_config
from eval.types import EvalRun


def run(profile: g.Profile | None = None, **kwargs: Any) -> EvalRun:
    """A run with a regression set large enough for the regression checks to judge."""
    kwargs.setdefault("n_regression", 12)
    return g.build_run(profile, **kwargs)


@pytest.fixture(scope="module")
def production() -> object:
    return run(version="7")


@pytest.fixture(scope="module")
def config() -> object:
    return load_gate_config()


def failed_names(verdict: Verdict) -> set[str]:
    return {c.name for c in verdict.failed}


def test_gate_production_against_itself_passes(production, config) -> None:
    verdict = decide(production, production, config)
    assert verdict.passed, verdict.failed
    assert verdict.compared_with == "omni-summary@7"
    kinds = {c.kind for c in verdict.checks}
    assert kinds == {"absolute", "claims", "consistency", "non_inferiority", "regression"}


def test_gate_equivalent_rewrite_passes(production, config) -> None:
    verdict = decide(run(g.equivalent, version="8"), production, config)
    assert verdict.passed, [(c.name, c.detail) for c in verdict.failed]


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (
            g.drops_customer_data,
            {
                "bleu_non_inferior",
                "judge_non_inferior",
                "key_fact_recall_non_inferior",
                "open_items_non_inferior",
                "judge_pass_rate",
                "key_fact_recall",
                "regressions_judge",
            },
        ),
        (g.invents_amounts, {"unsupported_fact"}),
        (
            g.truncates,
            {
                "bleu_non_inferior",
                "key_fact_recall_non_inferior",
                "open_items_non_inferior",
                "key_fact_recall",
            },
        ),
        (g.slow, {"latency_p95"}),
        (g.expensive, {"cost_per_summary"}),
        (g.leaks_pii, {"pii_leaks"}),
        (g.worse_on_regressions, {"regressions_judge"}),
    ],
    ids=lambda p: getattr(p, "__name__", ""),
)
def test_gate_rejects_degraded_candidate_for_the_right_reason(
    production, config, profile, expected
) -> None:
    verdict = decide(run(profile, version="8"), production, config)
    assert not verdict.passed
    assert failed_names(verdict) == expected, [(c.name, c.detail) for c in verdict.failed]
    for check in verdict.checks:
        assert check.detail, check.name  # every check explains itself


def test_gate_non_inferiority_check_reports_ci_bound_and_margin(production, config) -> None:
    verdict = decide(run(g.truncates, version="8"), production, config)
    bleu = next(c for c in verdict.checks if c.name == "bleu_non_inferior")
    assert bleu.ci is not None and bleu.value == bleu.ci.low
    assert bleu.threshold == -2.0 and bleu.op == ">="
    assert "CI [" in bleu.detail and "n=200" in bleu.detail


def test_gate_refuses_runs_on_different_digests(production, config) -> None:
    other = run(g.equivalent, digest="sha256:" + "f" * 64)
    verdict = decide(other, production, config)
    digest = next(c for c in verdict.checks if c.name == "dataset_digests")
    assert not digest.passed and not verdict.passed
    assert "sha256:" + "f" * 64 in digest.detail and "sha256:" + "a" * 64 in digest.detail
    paired = [c for c in verdict.checks if c.kind in {"non_inferiority", "regression"}]
    assert paired and all(not c.passed and "not compared" in c.detail for c in paired)


def test_gate_refuses_to_compare_different_judges(production, config) -> None:
    verdict = decide(run(judge_model="bedrock/claude-judge"), production, config)
    assert "same_judge" in failed_names(verdict)


def test_gate_without_production_runs_absolute_checks_and_claim_ceilings_only(config) -> None:
    verdict = decide(run(), None, config)
    assert verdict.passed and verdict.compared_with is None
    assert {c.kind for c in verdict.checks} == {"absolute", "claims"}
    assert len(verdict.checks) == len(config.absolute) + len(config.claims.kinds)
    assert all("ceiling only" in c.detail for c in verdict.checks if c.kind == "claims")
    assert any("absolute checks and claim ceilings only" in note for note in verdict.notes)


def test_gate_fails_when_too_few_pairs(production, config) -> None:
    small = run(n_golden=10)
    verdict = decide(small, replace(production, datasets=small.datasets), config)
    assert {"bleu_non_inferior", "judge_non_inferior"} <= failed_names(verdict)
    bleu = next(c for c in verdict.checks if c.name == "bleu_non_inferior")
    assert "only 10 paired samples" in bleu.detail


def test_gate_regression_checks_pass_vacuously_without_regression_sets(config) -> None:
    production = run(n_regression=0)
    verdict = decide(run(g.equivalent, n_regression=0), production, config)
    regression = [c for c in verdict.checks if c.kind == "regression"]
    assert regression and all(
        c.passed and "no 'regressions' samples" in c.detail for c in regression
    )


def test_gate_unmeasured_metric_fails_closed(production, config) -> None:
    base = run()
    no_pii = replace(
        base,
        results=tuple(
            replace(r, scores={k: v for k, v in r.scores.items() if k != "pii_leak"})
            for r in base.results
        ),
    )
    verdict = decide(no_pii, None, config)
    pii = next(c for c in verdict.checks if c.name == "pii_leaks")
    assert not pii.passed and pii.value is None and "not measured" in pii.detail


def test_gate_config_errors_name_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "gate.yaml"
    bad.write_text(
        "absolute:\n  - {name: x, metric: latency_p95_ms, op: '<', threshold: 1}\n"
        "non_inferiority:\n  - {name: y, metric: rouge, margin: 1}\n",
        encoding="utf-8",
    )
    with pytest.raises(GateConfigError) as info:
        load_gate_config(bad)
    message = str(info.value)
    assert str(bad) in message and "absolute.0.op" in message
    assert "non_inferiority.0.metric" in message


def test_gate_config_rejects_unknown_metric_and_duplicates(tmp_path: Path) -> None:
    bad = tmp_path / "gate.yaml"
    bad.write_text(
        "absolute:\n  - {name: x, metric: speed, op: '<=', threshold: 1}\n", encoding="utf-8"
    )
    with pytest.raises(GateConfigError, match=r"absolute\.0\.metric.*unknown metric 'speed'"):
        load_gate_config(bad)
    bad.write_text(
        "absolute:\n  - {name: x, metric: error_rate, op: '<=', threshold: 1}\n"
        "  - {name: x, metric: error_rate, op: '<=', threshold: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(GateConfigError, match="duplicated: x"):
        load_gate_config(bad)
