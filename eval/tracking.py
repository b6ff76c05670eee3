"""Record an evaluation as an MLflow run: params, metrics, dataset inputs, artifacts.

One run per evaluated pair, in the experiment `<prompt>-eval`, linked to the prompt version
it evaluated (when that version is registered). Everything is passed in; the tracking URI
is explicit, so nothing here depends on process-wide MLflow state.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import warnings
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
from mlflow.data.pandas_dataset import from_pandas
from mlflow.entities import DatasetInput, InputTag, Metric, Param, RunTag
from mlflow.tracking import MlflowClient

from eval.aggregate import NUMERIC_METRICS, RunMetrics
from eval.gate import Verdict
from eval.types import EvalRun


def results_frame(run: EvalRun) -> pd.DataFrame:
    """The per-sample table: one row per sample and trial, one column per score."""
    rows: list[dict[str, Any]] = []
    for result in run.results:
        row = {k: v for k, v in asdict(result).items() if k != "scores"}
        for name, score in result.scores.items():
            row[f"score.{name}"] = score.value
            row[f"passed.{name}"] = score.passed
            row[f"reason.{name}"] = score.reason
        rows.append(row)
    return pd.DataFrame(rows)


def _log_datasets(client: MlflowClient, run_id: str, run: EvalRun, frame: pd.DataFrame) -> None:
    """Each dataset as an MLflow dataset input: name, version and content digest."""
    for info in run.datasets:
        subset = frame[frame["dataset"] == f"{info.name}/{info.version}"]
        dataset = from_pandas(
            subset[["sample_id", "dataset", "trial"]],
            source=f"datasets/{info.name}/{info.version}",
            name=f"{info.name}/{info.version}",
            digest=info.digest.removeprefix("sha256:")[:32],
        )
        client.log_inputs(
            run_id,
            datasets=[
                DatasetInput(
                    dataset._to_mlflow_entity(), tags=[InputTag("mlflow.data.context", "eval")]
                )
            ],
        )


def _experiment_id(client: MlflowClient, name: str, artifacts_dir: Path) -> str:
    existing = client.get_experiment_by_name(name)
    if existing is not None:
        return str(existing.experiment_id)
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    location = (artifacts_dir / name).resolve().as_uri()
    return str(client.create_experiment(name, artifact_location=location))


def gate_config_digest(path: Path) -> str:
    """Digest of the gate config, so runs under different gates are told apart."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def log_eval_run(
    run: EvalRun,
    metrics: RunMetrics,
    verdict: Verdict,
    *,
    tracking_uri: str,
    artifacts_dir: Path,
    report_dir: Path,
    gate_config_path: Path,
    role: str,
) -> str:
    """Create the MLflow run for one evaluated pair; returns its run id.

    Args:
        role: "candidate" or "production", recorded as a tag.
    """
    client = MlflowClient(tracking_uri=tracking_uri)
    experiment = _experiment_id(client, f"{run.pair.name}-eval", artifacts_dir)
    tags = {
        "mlflow.runName": f"{run.pair.name}@{run.pair.version} ({role})",
        "oci.role": role,
        "oci.prompt_name": run.pair.name,
        "oci.prompt_version": run.pair.version,
        "oci.content_hash": run.pair.content_hash,
        "oci.verdict": "PASS" if verdict.passed else "FAIL",
        "oci.judge_model": run.judge_model,
        "oci.judge_is_baseline": str(run.judge_is_baseline).lower(),
        "oci.dataset_digests": ",".join(d.digest for d in run.datasets),
        "oci.gate_config_digest": gate_config_digest(gate_config_path),
    }
    mlflow_run = client.create_run(experiment, tags=tags)
    run_id = str(mlflow_run.info.run_id)
    params = {
        "prompt_name": run.pair.name,
        "prompt_version": run.pair.version,
        "content_hash": run.pair.content_hash,
        "model_primary": run.pair.model_primary,
        "model_config": json.dumps(run.pair.model_config, sort_keys=True)[:6000],
        "judge_model": run.judge_model,
        "trials": str(run.trials),
        "samples": str(len(run.samples)),
        "gate_config": str(gate_config_path),
    }
    for info in run.datasets:
        params[f"dataset.{info.name}/{info.version}"] = info.digest
    metric_values = {name: metrics.get(name) for name in NUMERIC_METRICS}
    client.log_batch(
        run_id,
        metrics=[
            Metric(name, float(value), 0, 0)
            for name, value in metric_values.items()
            if value is not None
        ]
        + [Metric("gate_passed", 1.0 if verdict.passed else 0.0, 0, 0)],
        params=[Param(key, value) for key, value in params.items()],
        tags=[RunTag("oci.checks_failed", ",".join(c.name for c in verdict.failed) or "-")],
    )
    frame = results_frame(run)
    with warnings.catch_warnings():
        # MLflow warns about schema inference and local sources it resolves correctly.
        warnings.simplefilter("ignore", UserWarning)
        _log_datasets(client, run_id, run, frame)
    with tempfile.TemporaryDirectory() as scratch:
        table = Path(scratch) / "per_sample_results.json"
        table.write_text(frame.to_json(orient="records", force_ascii=False, indent=1))
        client.log_artifact(run_id, str(table))
    client.log_artifacts(run_id, str(report_dir), artifact_path="report")
    client.set_terminated(run_id)
    return run_id
