"""Log a weekly report as an MLflow run in the experiment `omni-weekly-report`."""

from __future__ import annotations

from pathlib import Path

from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient

from eval.weekly.render import WeeklyReport

EXPERIMENT = "omni-weekly-report"


def _experiment_id(client: MlflowClient, artifacts_dir: Path | None) -> str:
    existing = client.get_experiment_by_name(EXPERIMENT)
    if existing is not None:
        return str(existing.experiment_id)
    location = None
    if artifacts_dir is not None:
        artifacts_dir.mkdir(parents=True, exist_ok=True)
        location = (artifacts_dir / EXPERIMENT).resolve().as_uri()
    return str(client.create_experiment(EXPERIMENT, artifact_location=location))


def log_weekly_report(
    report: WeeklyReport, out_dir: Path, *, tracking_uri: str, artifacts_dir: Path | None
) -> str:
    """One run per report: KPI values as metrics, the report folder as artifacts."""
    client = MlflowClient(tracking_uri=tracking_uri)
    numbers = report.numbers
    run = client.create_run(
        _experiment_id(client, artifacts_dir),
        tags={
            "mlflow.runName": f"weekly {numbers.week}",
            "oci.week": numbers.week,
            "oci.judge": report.judge,
        },
    )
    run_id = str(run.info.run_id)
    values: dict[str, float | None] = {name: kpi["value"] for name, kpi in numbers.kpis.items()}
    values.update(
        latency_p50_ms=numbers.performance.latency_p50,
        cost_per_summary=numbers.performance.cost_per_summary,
        judge_kappa=report.agreement.kappa,
        judge_kappa_low=report.agreement.low,
        judge_kappa_high=report.agreement.high,
        validation_failure_rate=numbers.performance.validation_failure.value,
        regression_cases=float(report.regression_cases),
        n_feedback=float(numbers.not_helpful.n),
    )
    for version in numbers.versions:
        values[f"validation_failure_rate.{version.prompt_version}"] = (
            version.performance.validation_failure.value
        )
    for row in numbers.helpful_by_pair:
        values[f"helpful_ratio.{row.prompt_version}.{row.model_used.replace('/', '_')}"] = (
            row.helpful.value
        )
    client.log_batch(
        run_id,
        metrics=[Metric(k, float(v), 0, 0) for k, v in values.items() if v is not None],
        params=[Param("week", numbers.week), Param("week_start", str(numbers.week_start))],
        tags=[
            RunTag("oci.regression_set", report.regression_path or "-"),
            RunTag("oci.simulated_regression_set", report.simulated_regression_path or "-"),
            RunTag("oci.judge_kappa", report.agreement.text),
        ],
    )
    client.log_artifacts(run_id, str(out_dir), artifact_path="report")
    client.set_terminated(run_id)
    return run_id
