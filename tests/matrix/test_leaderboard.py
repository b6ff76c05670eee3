"""The matrix agrees with the gate: production is a row and a point, every pair carries the
verdict `make eval` would give it (failed checks with value and threshold), and only a pair
that passes is ever recommended; when none does, the recommendation says so and why."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from eval_gate.gate_runs import (  # the gate tests' synthetic runs (tests/eval_gate)
    Values,
    build_run,
    equivalent,
    expensive,
    invents_amounts,
)

from eval.gate import load_gate_config
from eval.matrix.leaderboard import Row, leaderboard, recommend
from eval.matrix.pairs import Entry
from eval.matrix.plots import plotted
from eval.matrix.report import gate_cell, recommendation_line, render_html, render_markdown
from eval.types import EvalRun
from service.prompt_source import load_prompt_dir

REPO = Path(__file__).resolve().parents[2]
GATE = load_gate_config()


def _pair_run(label: str, profile: object, *, seed: int = 11) -> EvalRun:
    run = build_run(profile, version=label, seed=seed)  # type: ignore[arg-type]
    return replace(run, pair=replace(run.pair, content_hash=f"sha256:{label}"))


def _cheaper(i: int, v: Values, rng: object) -> Values:
    return replace(equivalent(i, v, rng), cost_usd=v.cost_usd * 0.5)  # type: ignore[arg-type]


def _better_but_fabricates(i: int, v: Values, rng: object) -> Values:
    """The best judge score and the lowest price, and an invented amount in one in six."""
    v = invents_amounts(i, v, rng)  # type: ignore[arg-type]
    return replace(v, judge=min(1.0, v.judge + 0.08), cost_usd=v.cost_usd * 0.2)


def _rows(profiles: dict[str, object], *, with_production: bool = True) -> list[Row]:
    pair = load_prompt_dir(REPO / "prompts" / "omni-summary").pair
    entries = [Entry(label, pair) for label in profiles]
    runs = [_pair_run(label, profile) for label, profile in profiles.items()]
    production = build_run() if with_production else None
    return leaderboard(entries, runs, next(iter(profiles)), GATE, production)


@pytest.fixture(scope="module")
def mixed() -> list[Row]:
    return _rows(
        {
            "tempting": _better_but_fabricates,
            "same": equivalent,
            "cheaper": _cheaper,
            "pricey": expensive,
        }
    )


def test_production_is_a_row_and_a_point(mixed: list[Row]) -> None:
    [production] = [row for row in mixed if row.is_production]
    assert production.label == "production" and production.verdict is None
    assert gate_cell(production) == "production (the reference)"
    for x_attr in ("cost_per_summary_usd", "latency_p95_ms"):
        assert production in [row for row, _, _ in plotted(mixed, x_attr)]
    assert "| production |" in render_markdown(mixed, "tempting", emulated=False)


def test_failed_checks_show_their_value_and_threshold(mixed: list[Row]) -> None:
    by_label = {row.label: row for row in mixed}
    assert gate_cell(by_label["same"]) == "PASS"
    tempting = gate_cell(by_label["tempting"])
    assert tempting.startswith("FAIL: unsupported_fact 0.")
    # The threshold shown is the kind's margin as eval/gate.yaml holds it.
    assert f"(needs <= {GATE.claims.kinds['unsupported_fact'].margin:g})" in tempting
    assert "cost_per_summary 0.02" in gate_cell(by_label["pricey"])
    assert "(needs <= 0.012)" in gate_cell(by_label["pricey"])


def test_only_a_passing_pair_is_recommended(mixed: list[Row]) -> None:
    found = recommend(mixed)
    assert {row.label for row in found.passing} == {"same", "cheaper"}
    assert {row.label for row in found.failing} == {"tempting", "pricey"}
    # "tempting" has the best judge score and the lowest price: it fails the gate, so it
    # is neither the best nor the choice.
    assert found.chosen is not None and found.chosen.label == "cheaper"
    line = recommendation_line(mixed)
    assert line.startswith("Recommendation: cheaper: it passes the gate against production")
    assert "2 of 4 pairs" in line and "tempting" not in line
    page = render_html(mixed, "tempting", emulated=False)
    assert '<tr class="pass chosen">' in page and '<tr class="production">' in page


def test_when_no_pair_passes_the_recommendation_says_so_and_why() -> None:
    rows = _rows({"tempting": _better_but_fabricates, "pricey": expensive})
    found = recommend(rows)
    assert found.chosen is None and not found.passing
    line = recommendation_line(rows)
    assert line.startswith("No recommendation: none of the 2 pair(s) passes the gate against")
    assert "keep production" in line
    assert "unsupported_fact (1)" in line and "cost_per_summary (" in line


def test_without_production_the_verdicts_are_absolute_checks_only() -> None:
    rows = _rows({"same": equivalent, "pricey": expensive}, with_production=False)
    assert not any(row.is_production for row in rows)
    assert all(row.verdict is not None and row.verdict.compared_with is None for row in rows)
    assert "absolute checks" in recommendation_line(rows)
    assert recommend(rows).chosen is not None and recommend(rows).chosen.label == "same"
