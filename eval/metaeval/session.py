"""One meta-evaluation end to end: compute the table, write its reports, store it, log it.

Shared by `oci meta-eval run` and by `oci eval`, which computes the table on demand when the
current digest has none (the local judge makes that cheap) and otherwise reports the checks'
validation from the store.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient

from eval.cache import EvalCache
from eval.findings import CategoryPrecision, ReviewError, ReviewStore, precision_by
from eval.gate.config import GateConfig
from eval.judge.config import JudgeConfig
from eval.metaeval.known_good import NO_KNOWN_GOOD, KnownGood
from eval.metaeval.report import write_reports
from eval.metaeval.report_wild import wild_metrics
from eval.metaeval.run import (
    DEFAULT_PER_FAMILY,
    MetaEvalInputs,
    MetaEvalResult,
    describe,
    digest_of,
    run_meta_eval,
)
from eval.metaeval.store import ValidationState, save, to_json, validation_state
from eval.metaeval.wild import HALVES, WildFigures, measure_halves
from eval.types import DatasetInfo, EvalSample, Scorer
from service.gateway import ModelGateway
from service.prompts import PromptPair
from service.settings import Settings


@dataclass(frozen=True)
class MetaEvalOutput:
    """A computed table and where it went."""

    result: MetaEvalResult
    markdown: Path
    html: Path
    table: Path
    mlflow_run_id: str | None


def inputs_for(
    samples: Sequence[EvalSample],
    dataset: DatasetInfo,
    production: PromptPair,
    judge: JudgeConfig,
    gate: GateConfig,
    scorers: Sequence[Scorer],
    *,
    per_family_limit: int | None = DEFAULT_PER_FAMILY,
    families: Sequence[str] | None = None,
    known_good: KnownGood = NO_KNOWN_GOOD,
) -> MetaEvalInputs:
    """Inputs on the golden samples only (regression cases have no known-good summary);
    `known_good` adds the dataset's blind briefings and their slips (`load_known_good`)."""
    golden = [s for s in samples if s.dataset == f"{dataset.name}/{dataset.version}"]
    return MetaEvalInputs(
        samples=golden,
        dataset=dataset,
        production=production,
        judge=judge,
        gate=gate,
        scorers=scorers,
        families=families,
        per_family_limit=per_family_limit,
        known_good=known_good,
    )


def current_state(settings: Settings, inputs: MetaEvalInputs) -> ValidationState:
    """The gate checks' validation for these inputs, from the store (nothing computed)."""
    gate = inputs.gate
    names = [c.name for c in gate.absolute] + [c.name for c in gate.non_inferiority]
    names += list(gate.claims.kinds)
    return validation_state(settings.state_dir, digest_of(describe(inputs)), names)


def _log(
    settings: Settings, result: MetaEvalResult, report_dir: Path, extra: dict[str, float]
) -> str:
    client = MlflowClient(tracking_uri=settings.mlflow_tracking_uri)
    name = f"{result.inputs['production'].split('@')[0]}-metaeval"
    existing = client.get_experiment_by_name(name)
    if existing is not None:
        experiment = str(existing.experiment_id)
    else:
        location = (settings.mlflow_artifacts_dir / name).resolve()
        location.mkdir(parents=True, exist_ok=True)
        experiment = str(client.create_experiment(name, artifact_location=location.as_uri()))
    inputs = result.inputs
    tags = {
        "mlflow.runName": f"meta-eval {inputs['judge_model']} on {inputs['dataset']}",
        "oci.judge_model": inputs["judge_model"],
        "oci.judge_is_baseline": str(inputs["judge_is_baseline"]).lower(),
        "oci.rubric": inputs["rubric"],
        "oci.scorers": json.dumps(inputs["scorers"], sort_keys=True),
        "oci.scoring_code": inputs["scoring_code"][:16],
        "oci.suite": inputs["suite"][:23],
        "oci.table_digest": result.digest,
    }
    run = client.create_run(experiment, tags=tags)
    run_id = str(run.info.run_id)
    metrics = (
        [
            Metric(f"caught.{row.family}", float(row.caught.value or 0.0), 0, 0)
            for row in result.rows
            if row.n
        ]
        + [
            Metric(f"validated.{check.check}", 1.0 if check.status == "validated" else 0.0, 0, 0)
            for check in result.checks
        ]
        + [Metric(name, value, 0, 0) for name, value in sorted(extra.items())]
    )
    params = [Param("production", inputs["production"]), Param("dataset", inputs["dataset"])]
    client.log_batch(run_id, metrics=metrics, params=params, tags=[RunTag("oci.kind", "meta-eval")])
    with tempfile.TemporaryDirectory() as scratch:
        table = Path(scratch) / "detection_table.json"
        table.write_text(json.dumps(to_json(result), indent=1), encoding="utf-8")
        client.log_artifact(run_id, str(table))
    client.log_artifacts(run_id, str(report_dir), artifact_path="report")
    client.set_terminated(run_id)
    return run_id


async def compute(
    settings: Settings,
    inputs: MetaEvalInputs,
    *,
    gateway: ModelGateway,
    cache: EvalCache | None,
    log_to_mlflow: bool = True,
    with_wild: bool = False,
    on_plan: Callable[[int], None] | None = None,
    on_scored: Callable[[], None] | None = None,
) -> MetaEvalOutput:
    """Compute the table, write report.md/report.html, store it and (optionally) log it."""
    result = await run_meta_eval(
        inputs, gateway=gateway, cache=cache, on_plan=on_plan, on_scored=on_scored
    )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = settings.reports_dir / "metaeval" / f"{stamp}-{result.digest[7:15]}"
    wild = wild_figures(settings) if with_wild else []
    markdown, html = write_reports(result, out, reviewed_precision(settings), wild)
    run_id = _log(settings, result, out, wild_metrics(wild)) if log_to_mlflow else None
    table = save(settings.state_dir, result, report=str(html))
    return MetaEvalOutput(result, markdown, html, table, run_id)


def wild_figures(settings: Settings) -> list[WildFigures]:
    """The checker on each half of the wild set, when the datasets hold it (a project
    without one reports without the section)."""
    root = settings.datasets_dir
    halves = [h for h in HALVES if (root / "wild" / h / "summaries.jsonl").is_file()]
    return measure_halves(root, halves)


def reviewed_precision(settings: Settings) -> list[CategoryPrecision]:
    """The checker's precision per category on the standing reviews (none when unreadable:
    the report must not fail over a review file; `oci findings precision` names the line)."""
    try:
        standing = ReviewStore(settings.datasets_dir / "findings").latest().values()
    except ReviewError:
        return []
    return precision_by(standing, by="category")
