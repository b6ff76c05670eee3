"""Reviewers' verdicts on the week's not-helpful summaries, in the weekly report: a confirmed
case carries its reason, a dismissed one leaves the set, and the report groups by reason."""

from __future__ import annotations

from pathlib import Path

from oci_testing.warehouse_store import WEEK

from eval.review.labels import REVIEWS_DIR, Label, LabelStore
from eval.review.sources import warehouse_items
from eval.samples import RegressionCase
from eval.warehouse.etl import WarehousePaths, connect
from eval.weekly.report import build_weekly_report
from eval.weekly.reviewed import DISMISSED

CASES = 12


def _label(item: object, label_id: str, verdict: str, failed: list[str], wrong: str) -> Label:
    return Label(
        label_id=label_id,
        item=item.key,  # type: ignore[attr-defined]
        queue="not_helpful",
        reviewer="qa-anna",
        submitted_at="2026-11-24T10:00:00+00:00",
        rubric="agent_summary@2",
        criteria={name: False for name in failed},
        verdict=verdict,  # type: ignore[arg-type]
        wrong=wrong,
        snapshot=item.snapshot,  # type: ignore[attr-defined]
    )


def test_weekly_report_applies_reviews_and_groups_not_helpful_by_reason(
    warehouse: WarehousePaths, tmp_path: Path
) -> None:
    datasets = tmp_path / "datasets"
    with connect(warehouse.database) as conn:
        _, not_helpful = warehouse_items(conn, WEEK, limit=CASES)
    confirmed, dismissed, also = not_helpful[:3]
    store = LabelStore(datasets / REVIEWS_DIR)
    store.add(_label(confirmed, "label-0001", "confirmed", ["states_open_items"], "open dispute"))
    store.add(_label(dismissed, "label-0002", "dismissed", [], "the summary was right"))
    store.add(_label(also, "label-0003", "confirmed", ["states_open_items", "no_fabrication"], "x"))
    with connect(warehouse.database) as conn:
        outcome = build_weekly_report(
            conn, WEEK, out_root=tmp_path / "reports", datasets_dir=datasets, regression_cases=CASES
        )
    assert outcome.regression_path is not None
    lines = outcome.regression_path.read_text().splitlines()
    cases = {c.source["request_id"]: c for c in map(RegressionCase.model_validate_json, lines)}
    assert len(cases) == outcome.report.regression_cases == CASES - 1
    assert dismissed.request_id not in cases
    reviewed = cases[confirmed.request_id].source
    assert reviewed["review_reason"] == "open dispute" and reviewed["reviewed_by"] == "qa-anna"
    groups = {g.reason: g.count for g in outcome.report.reviewed_reasons}
    assert groups == {"states_open_items": 2, "no_fabrication": 1, DISMISSED: 1}
    markdown = outcome.files["markdown"].read_text()
    assert "## Not-helpful summaries by reviewed reason" in markdown
    assert "| states_open_items | 2 | open dispute; x |" in markdown
    assert "by reviewed reason" in outcome.files["html"].read_text()


def test_weekly_report_without_reviews_has_no_reason_section(
    warehouse: WarehousePaths, tmp_path: Path
) -> None:
    with connect(warehouse.database) as conn:
        outcome = build_weekly_report(
            conn, WEEK, out_root=tmp_path / "reports", datasets_dir=tmp_path, regression_cases=4
        )
    assert outcome.report.reviewed_reasons == []
    assert "reviewed reason" not in outcome.files["markdown"].read_text()
