"""The report's numbers equal a direct pandas computation over the same raw documents."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from oci_testing.warehouse_store import WEEK, read_docs
from sklearn.metrics import cohen_kappa_score

from eval.warehouse.etl import WarehousePaths, connect
from eval.weekly.judging import cohen_kappa
from eval.weekly.report import ReportOutcome, build_weekly_report


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.fixture(scope="module")
def outcome(warehouse: WarehousePaths, tmp_path_factory: pytest.TempPathFactory) -> ReportOutcome:
    out = tmp_path_factory.mktemp("report")
    with connect(warehouse.database) as conn:
        return build_weekly_report(conn, WEEK, out_root=out / "reports", datasets_dir=out / "ds")


def _in_week(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    stamps = pd.to_datetime(frame[column].str.replace("Z", ""))
    return frame[(stamps >= "2026-11-16") & (stamps < "2026-11-23")]


def test_helpful_ratios_and_wilson_bounds_match_pandas(
    blob_root: Path, outcome: ReportOutcome
) -> None:
    feedback = pd.DataFrame(read_docs(blob_root, "feedback"))
    latest = feedback.sort_values(["received_at", "feedback_id"]).groupby("request_id").tail(1)
    week = _in_week(latest, "generation_timestamp")
    expected = week.groupby(["prompt_version", "model_used"])["feedback"].agg(
        n="size", helpful=lambda s: int((s == "helpful").sum())
    )
    stamps = pd.to_datetime(latest["generation_timestamp"].str.replace("Z", ""))
    prior = latest[(stamps >= "2026-11-09") & (stamps < "2026-11-16")]
    assert len(prior) > 0
    rows = {(r.prompt_version, r.model_used): r for r in outcome.report.numbers.helpful_by_pair}
    assert set(rows) == set(expected.index)
    for key, row in expected.iterrows():
        ratio = rows[key].helpful
        assert (ratio.successes, ratio.n) == (row["helpful"], row["n"])
        low, high = wilson(int(row["helpful"]), int(row["n"]))
        assert ratio.low == pytest.approx(low) and ratio.high == pytest.approx(high)
        before = prior[(prior["prompt_version"] == key[0]) & (prior["model_used"] == key[1])]
        if len(before):
            change = row["helpful"] / row["n"] - (before["feedback"] == "helpful").mean()
            assert rows[key].change == pytest.approx(change)
        else:
            assert rows[key].change is None
    not_helpful = outcome.report.numbers.not_helpful
    assert not_helpful.value == pytest.approx((week["feedback"] == "not_helpful").mean())
    headline = {h.name: h for h in outcome.report.numbers.headlines}["not_helpful_rate"]
    assert headline.current == not_helpful
    previous_rate = (prior["feedback"] == "not_helpful").mean()
    assert headline.previous.n == len(prior) and headline.previous.low is not None
    assert headline.previous.value == pytest.approx(previous_rate)
    assert headline.change == pytest.approx(not_helpful.value - previous_rate)


def test_latency_failover_and_cost_match_pandas(blob_root: Path, outcome: ReportOutcome) -> None:
    docs = pd.DataFrame(read_docs(blob_root, "processed")).drop_duplicates(
        ["contact_id", "generated_at"]
    )
    called = _in_week(docs[docs["model_used"] != "none"], "generated_at")
    perf = outcome.report.numbers.performance
    for q, value in ((50, perf.latency_p50), (95, perf.latency_p95), (99, perf.latency_p99)):
        assert value == pytest.approx(np.percentile(called["latency_ms"], q))
    assert perf.failover.value == pytest.approx(called["fallback_used"].mean())
    assert perf.cost_per_summary == pytest.approx(called["cost_usd"].mean())
    versions = {v.prompt_version: v for v in outcome.report.numbers.versions}
    assert versions["1"].role == "production" and versions["2"].role == "canary"
    assert versions["2"].performance.latency_p95 == pytest.approx(
        np.percentile(called[called["prompt_version"] == "2"]["latency_ms"], 95)
    )


def test_validation_failure_rate_per_version_matches_pandas(
    blob_root: Path, outcome: ReportOutcome
) -> None:
    docs = pd.DataFrame(read_docs(blob_root, "processed")).drop_duplicates(
        ["contact_id", "generated_at"]
    )
    called = _in_week(docs[docs["model_used"] != "none"], "generated_at")
    check = called["summary_check"].fillna("not_checked")
    assert (check == "not_checked").any()  # records from before the check count as unchecked
    versions = {v.prompt_version: v for v in outcome.report.numbers.versions}
    for version, rows in called.assign(check=check).groupby("prompt_version"):
        checked = rows[rows["check"] != "not_checked"]
        failed = checked["check"].isin(["regenerated", "redacted", "withheld"]).sum()
        ratio = versions[str(version)].performance.validation_failure
        assert (ratio.successes, ratio.n) == (failed, len(checked)) and failed > 0
    html = outcome.files["html"].read_text()
    assert "validation failures" in html and "validation_failure_rate" in html


def test_cache_hit_and_error_rates_match_pandas(blob_root: Path, outcome: ReportOutcome) -> None:
    requests = pd.DataFrame(read_docs(blob_root, "requests"))
    requests["at"] = pd.to_datetime(requests["received_at"].str.replace("Z", ""))
    requests = requests.sort_values(["unique_process_id", "at", "request_id"])
    gap = requests["at"] - requests.groupby("unique_process_id")["at"].shift()
    requests["transfer"] = gap <= pd.Timedelta(minutes=5)
    week = _in_week(requests, "received_at")
    numbers = outcome.report.numbers.requests
    transfers = week[week["transfer"]]
    assert numbers.transfer_cache_hit_rate.n == len(transfers)
    assert numbers.transfer_cache_hit_rate.value == pytest.approx(transfers["cache_hit"].mean())
    assert numbers.cache_hit_rate.value == pytest.approx(week["cache_hit"].mean())
    assert numbers.error_rate.value == pytest.approx((week["outcome"] == "error").mean())


def test_kappa_matches_sklearn_and_the_report_confusion(outcome: ReportOutcome) -> None:
    pairs = [(True, True)] * 20 + [(True, False)] * 5 + [(False, True)] * 10 + [(False, False)] * 15
    judge, agent = zip(*pairs, strict=True)
    assert cohen_kappa(pairs).kappa == pytest.approx(cohen_kappa_score(judge, agent))
    assert cohen_kappa([(True, True)] * 3).kappa is None  # chance agreement 1: undefined
    agreement = outcome.report.agreement
    cells = [
        agreement.confusion[j][a] for j in ("pass", "fail") for a in ("helpful", "not_helpful")
    ]
    assert sum(cells) == agreement.n > 0
    rebuilt = [
        (j == "pass", a == "helpful")
        for j in ("pass", "fail")
        for a in ("helpful", "not_helpful")
        for _ in range(agreement.confusion[j][a])
    ]
    assert agreement.kappa == pytest.approx(cohen_kappa(rebuilt).kappa)


def test_report_files_are_written(outcome: ReportOutcome) -> None:
    for name in ("html", "markdown", "metrics", "helpful", "kpis", "agreement"):
        assert outcome.files[name].stat().st_size > 0
    metrics = json.loads(outcome.files["metrics"].read_text())
    assert metrics["numbers"]["week"] == WEEK
    html = outcome.files["html"].read_text()
    assert "deterministic baseline" in html and "helpful_ratio.png" in html
