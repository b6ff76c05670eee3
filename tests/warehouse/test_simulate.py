"""The simulator drives the real service core; its week flows through ETL, report and MLflow."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from mlflow.tracking import MlflowClient

from eval.dataset.story import Planted
from eval.simulate.run import simulate_week
from eval.simulate.traffic import helpful_probability
from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.weekly.report import build_weekly_report
from service.backends.local_blobs import LocalBlobStore
from service.pii_at_rest import AtRest
from service.prompt_source import load_prompt_dir
from service.prompts import PromptTemplate, content_hash
from service.registry.protocol import ServingSet

REPO = Path(__file__).resolve().parents[2]
WEEK = "2026-W10"


def _registry_serving(canary_weight: int = 10) -> ServingSet:
    """What a registry serves: the committed prompt as version 3 and, as version 4, the same
    prompt held to 40 words, in a canary at `canary_weight` percent."""
    committed = load_prompt_dir(REPO / "prompts" / "omni-summary").pair
    production = replace(committed, version="3")
    system = committed.template.system.replace("at most 90 words", "at most 40 words")
    template = PromptTemplate(system, committed.template.user, committed.template.variables)
    canary = replace(
        committed,
        version="4",
        template=template,
        content_hash=content_hash(template, committed.model),
    )
    return ServingSet(production, canary if canary_weight else None, canary_weight)


def test_helpful_probability_rises_with_fact_recall() -> None:
    planted = Planted(amounts=["$45.00"], dates=["March 3"])
    none = helpful_probability("The customer called.", planted, model_called=True)
    half = helpful_probability("A $45.00 fee.", planted, model_called=True)
    full = helpful_probability("A $45.00 fee on March 3.", planted, model_called=True)
    assert none < half < full <= 1.0


def test_a_simulated_week_reaches_the_report_and_mlflow(tmp_path: Path) -> None:
    blobs = tmp_path / "blobs"
    report = asyncio.run(
        simulate_week(
            week=WEEK,
            monday=datetime(2026, 3, 2, tzinfo=UTC),
            n_requests=120,
            blobs=LocalBlobStore(blobs, fsync=False),
            serving=_registry_serving(),
            latency_scale=0.01,
            seed=5,
            # Few at a time: this test follows records through the pipeline; with 200 in
            # flight on a busy 2-core machine the model budget runs out and calls fail.
            concurrency=4,
            at_rest=AtRest.from_secret("simulation-secret"),
        )
    )
    assert report.cache_hits > 0 and report.feedback > 0
    assert report.processed_records == report.generated
    paths = WarehousePaths.under(tmp_path / "wh")
    etl = run_etl(paths, blob_root=blobs)
    assert etl.rows["omni_summaries"] == report.generated
    assert etl.rows["omni_requests"] == report.requests
    with connect(paths.database) as conn:
        versions = {
            row[0]
            for row in conn.execute("SELECT DISTINCT prompt_version FROM omni_summaries").fetchall()
        }
        stored_accounts = {
            row[0][:5]
            for table in ("omni_summaries", "omni_feedback")
            for row in conn.execute(f"SELECT DISTINCT account_number FROM {table}").fetchall()
        }
        tracking = f"sqlite:///{tmp_path / 'mlflow.db'}"
        outcome = build_weekly_report(
            conn,
            WEEK,
            out_root=tmp_path / "reports",
            datasets_dir=tmp_path / "datasets",
            tracking_uri=tracking,
            artifacts_dir=tmp_path / "artifacts",
            simulated=True,
        )
    assert versions == {"3", "4"}  # the registry's versions, production and its canary
    numbers = outcome.report.numbers
    assert {(v.prompt_version, v.role) for v in numbers.versions} == {
        ("3", "production"),
        ("4", "canary"),
    }
    assert {row.prompt_version for row in numbers.helpful_by_pair} <= {"3", "4"}
    assert numbers.requests.transfer_cache_hit_rate.n > 0
    assert stored_accounts <= {"acct-"}  # masked as the service masks them
    # Simulated cases go apart from the gated sets, and the report names their file.
    assert outcome.regression_path is None and outcome.simulated_regression_path is not None
    markdown = outcome.files["markdown"].read_text(encoding="utf-8")
    assert str(outcome.simulated_regression_path) in markdown
    assert "never read by an eval or the gate" in markdown
    assert "simulated traffic" in outcome.files["html"].read_text(encoding="utf-8")
    assert outcome.mlflow_run_id is not None
    run = MlflowClient(tracking_uri=tracking).get_run(outcome.mlflow_run_id)
    assert run.data.tags["oci.week"] == WEEK
    assert "not_helpful_rate" in run.data.metrics


def test_re_simulating_a_week_replaces_it_in_the_warehouse(tmp_path: Path) -> None:
    blobs = tmp_path / "blobs"
    paths = WarehousePaths.under(tmp_path / "wh")
    reports = []
    for run, (seed, n_requests) in (("1", (5, 90)), ("2", (6, 60))):
        reports.append(
            asyncio.run(
                simulate_week(
                    week=WEEK,
                    monday=datetime(2026, 3, 2, tzinfo=UTC),
                    n_requests=n_requests,
                    blobs=LocalBlobStore(blobs, fsync=False),
                    serving=_registry_serving(canary_weight=0),
                    latency_scale=0.01,
                    seed=seed,
                    run=run,
                )
            )
        )
        run_etl(paths, blob_root=blobs)  # loaded after each run: the second load is incremental
    latest = reports[-1]
    for full in (False, True):
        etl = run_etl(paths, blob_root=blobs, full=full)
        assert etl.rows["omni_requests"] == latest.requests
        assert etl.rows["omni_summaries"] == etl.rows["omni_summary_context"] == latest.generated
        assert etl.rows["omni_feedback"] == latest.feedback
    with connect(paths.database, read_only=True) as conn:
        for table in ("omni_requests", "omni_summaries", "omni_feedback", "omni_summary_context"):
            prefixes = conn.execute(
                f"SELECT DISTINCT regexp_extract(request_id, '^(sim-[^-]+-[^-]+-r[0-9]+)-', 1)"
                f" FROM {table}"
            ).fetchall()
            assert prefixes == [(f"sim-{WEEK}-r2",)], table
