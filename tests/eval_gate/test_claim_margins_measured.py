"""eval/gate.yaml holds the margins the rule derives from today's measured false alarms:
a checker that grows noisier (or quieter) fails here until the margins are re-derived
(`oci meta-eval margins`) and their comments say why."""

from __future__ import annotations

from pathlib import Path

from eval.gate import load_gate_config
from eval.metaeval.noise import known_good_texts, margin_rows, measure_noise

ROOT = Path(__file__).resolve().parents[2]


def test_gate_yaml_margins_follow_from_todays_measured_false_alarms() -> None:
    rows = margin_rows(measure_noise(known_good_texts(ROOT / "datasets")), load_gate_config())
    assert {row.kind for row in rows} == set(load_gate_config().claims.kinds)
    differing = [(r.kind, r.configured, r.derived) for r in rows if not r.agrees]
    assert not differing, f"update eval/gate.yaml (oci meta-eval margins): {differing}"
