"""Record an evaluation as an MLflow run: params, metrics, dataset inputs, artifacts.

One run per evaluated pair, in the experiment `<prompt>-eval`. The run is opened first
(`open_eval_run`) so the report can name it, then filled (`log_eval_run`): the HTML report
as its main artifact, the markdown summary as its description, and, when the evaluated pair
is a registered prompt version, MLflow's prompt-to-run link (the run page lists the version)
and verdict tags on that version, FAIL as well as PASS, the first of them (`oci.eval`) in a
few words where the MLflow UI shows it.

The tracking URI is explicit everywhere but in one call: MLflow's default store links a
prompt version to a run through the *process-wide* tracking store, which is pointed at the
run's store for that call only and restored after it.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from mlflow.data.pandas_dataset import from_pandas
from mlflow.entities import DatasetInput, InputTag, Metric, Param, RunTag
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient
from mlflow.utils.mlflow_tags import MLFLOW_RUN_NOTE

from eval.aggregate import NUMERIC_METRICS, RunMetrics
from eval.findings import Review
from eval.gate import Verdict
from eval.types import EvalRun, PairInfo
from service.registry.protocol import EVAL_HEADLINE_TAG

HASH_TAG = "oci.content_hash"  # the registry's tag: which content a version holds
CHECKS_ARTIFACT = "gate_checks.json"  # every check: value, threshold, outcome, validation
FINDINGS_ARTIFACT = "findings.jsonl"  # every claim finding, for `oci findings list`
REPORT_ARTIFACT = "report.html"


@contextmanager
def _process_tracking_store(tracking_uri: str) -> Iterator[None]:
    """MLflow's process-wide tracking store at `tracking_uri` for one call, then as before.

    `MlflowClient.link_prompt_version_to_run` resolves the run through that store, not the
    client's, and would otherwise look for the run in MLflow's default store.
    """
    if mlflow.get_tracking_uri() == tracking_uri:
        yield
        return
    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    mlflow.set_tracking_uri(tracking_uri)
    try:
        yield
    finally:
        # None unsets it again (and MLFLOW_TRACKING_URI with it), as MLflow itself restores.
        mlflow.set_tracking_uri(previous)  # type: ignore[arg-type]


def results_frame(run: EvalRun) -> pd.DataFrame:
    """The per-sample table: one row per sample and trial, one column per score."""
    rows: list[dict[str, Any]] = []
    for result in run.results:
        # Flat fields read directly: `asdict` would deep-copy every score's metadata (the
        # claim checker's findings) only for the row to drop it.
        row = {f.name: getattr(result, f.name) for f in fields(result) if f.name != "scores"}
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


def open_eval_run(
    run: EvalRun,
    verdict: Verdict,
    *,
    tracking_uri: str,
    artifacts_dir: Path,
    gate_config_path: Path,
    role: str,
) -> str:
    """Create the MLflow run for one evaluated pair, tagged with its verdict; returns its id.

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
    return str(client.create_run(experiment, tags=tags).info.run_id)


def registered_version(client: MlflowClient, pair: PairInfo) -> str | None:
    """The registry version holding exactly this pair's content, or None.

    A pair from a local prompt directory may carry a version number that the registry
    gives to different content; only a matching content hash makes it that version.
    """
    try:
        found = client.get_prompt_version(pair.name, pair.version)
    except (MlflowException, ValueError):  # ValueError: a version that is not a number
        return None
    if found is None or found.tags.get(HASH_TAG) != pair.content_hash:
        return None
    return str(found.version)


def _link_prompt(client: MlflowClient, run_id: str, tracking_uri: str, pair: PairInfo) -> str:
    """Link the run to its prompt version; returns what happened, for the run's tags."""
    version = registered_version(client, pair)
    if version is None:
        return "not linked: the pair is not a registered prompt version"
    with _process_tracking_store(tracking_uri):
        client.link_prompt_version_to_run(run_id, f"prompts:/{pair.name}/{version}")
    return f"linked: prompts:/{pair.name}/{version}"


def eval_headline(verdict: Verdict) -> str:
    """The verdict in a few words for the version's first tag, e.g. `FAIL vs omni-summary@1:
    2 checks` or `PASS (absolute checks and claim ceilings only)`."""
    word = "PASS" if verdict.passed else "FAIL"
    against = f" vs {verdict.compared_with}" if verdict.compared_with else ""
    failed = len(verdict.failed)
    detail = f": {failed} check{'s' if failed != 1 else ''}" if failed else ""
    return (
        f"{word}{against}{detail}"
        if against
        else f"{word} (absolute checks and claim ceilings only){detail}"
    )


def _tag_verdict(client: MlflowClient, run_id: str, run: EvalRun, verdict: Verdict) -> None:
    """The verdict on the evaluated prompt version, so the registry shows FAILs too."""
    version = registered_version(client, run.pair)
    if version is None:
        return
    tags = {
        # First: the registry wrote it first, and the MLflow UI shows a version's first tags.
        EVAL_HEADLINE_TAG: eval_headline(verdict),
        "oci.verdict": "PASS" if verdict.passed else "FAIL",
        "oci.eval_run_id": run_id,
        "oci.verdict_vs": verdict.compared_with or "absolute checks and claim ceilings only",
        "oci.verdict_samples": str(len(run.samples)),
        "oci.verdict_datasets": ",".join(f"{d.name}/{d.version}" for d in run.datasets),
        "oci.checks_failed": ",".join(c.name for c in verdict.failed) or "-",
    }
    for key, value in tags.items():
        client.set_prompt_version_tag(run.pair.name, version, key, value)


def check_rows(verdict: Verdict) -> list[dict[str, object]]:
    """Every check of a verdict with its value, threshold, outcome and validation status, as
    the reports' checks table shows them."""
    rows = []
    for check in verdict.checks:
        validation = verdict.validation_of(check.name)
        rows.append(
            {
                "check": check.name,
                "kind": check.kind,
                "passed": check.passed,
                "value": check.value,
                "op": check.op,
                "threshold": check.threshold,
                "validation": validation.status if validation is not None else "—",
                "detail": check.detail,
            }
        )
    return rows


def validation_summary(verdict: Verdict) -> str:
    """`validated 14, below minimum 2` over the checks the meta-evaluation covers, or
    `not measured` when none was attached."""
    counts: dict[str, int] = {}
    for item in verdict.validation:
        counts[item.status] = counts.get(item.status, 0) + 1
    return ", ".join(f"{status} {n}" for status, n in sorted(counts.items())) or "not measured"


def log_eval_run(
    run_id: str,
    run: EvalRun,
    metrics: RunMetrics,
    verdict: Verdict,
    *,
    tracking_uri: str,
    report_dir: Path,
    gate_config_path: Path,
) -> None:
    """Fill the run opened by `open_eval_run`: params, metrics, inputs, report, links.

    `report_dir` holds ``report.html`` (logged at the artifact root: the run's main
    artifact) and ``summary.md`` (also the run's description).
    """
    client = MlflowClient(tracking_uri=tracking_uri)
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
    summary = report_dir / "summary.md"
    tags = [
        RunTag("oci.checks_failed", ",".join(c.name for c in verdict.failed) or "-"),
        RunTag("oci.validation", validation_summary(verdict)),
    ]
    if summary.is_file():
        tags.append(RunTag(MLFLOW_RUN_NOTE, summary.read_text(encoding="utf-8")[:60000]))
    client.log_batch(
        run_id,
        metrics=[
            Metric(name, float(value), 0, 0)
            for name, value in metric_values.items()
            if value is not None
        ]
        + [Metric("gate_passed", 1.0 if verdict.passed else 0.0, 0, 0)],
        params=[Param(key, value) for key, value in params.items()],
        tags=tags,
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
        checks = Path(scratch) / CHECKS_ARTIFACT
        checks.write_text(json.dumps(check_rows(verdict), indent=1, default=str))
        client.log_artifact(run_id, str(checks))
    if (report_dir / REPORT_ARTIFACT).is_file():
        client.log_artifact(run_id, str(report_dir / REPORT_ARTIFACT))
    if (report_dir / FINDINGS_ARTIFACT).is_file():
        client.log_artifact(run_id, str(report_dir / FINDINGS_ARTIFACT))
    if summary.is_file():
        client.log_artifact(run_id, str(summary), artifact_path="report")
    client.set_tag(run_id, "oci.prompt_link", _link_prompt(client, run_id, tracking_uri, run.pair))
    _tag_verdict(client, run_id, run, verdict)
    client.set_terminated(run_id)


def log_overrides(run_id: str, overrides: Sequence[Review], *, tracking_uri: str) -> None:
    """Record on an eval run the reviews whose false alarms its gate did not count: a tag
    with their number and `findings_overridden.json` with each finding, reviewer and reason."""
    client = MlflowClient(tracking_uri=tracking_uri)
    client.set_tag(run_id, "oci.findings_overridden", str(len(overrides)))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "findings_overridden.json"
        path.write_text(json.dumps([r.as_record() for r in overrides], indent=1))
        client.log_artifact(run_id, str(path))
