"""One evaluation end to end: samples → runs (candidate and production) → gate → reports → MLflow.

The CLI (`oci eval`, `oci promote`) and the tests call `run_eval`; the pieces it composes
(runner, scorers, gate, reports, tracking) each stay small and separately tested.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from eval import preflight
from eval.aggregate import aggregate
from eval.cache import EvalCache
from eval.dataset.loader import DEFAULT_DATASET
from eval.findings import ReviewStore
from eval.gate import Verdict, decide
from eval.gate.config import DEFAULT_GATE_PATH, load_gate_config
from eval.inputs import DEFAULT_SCORERS, judge_config, load_eval_samples
from eval.report import PromptText, ReportContext, ReportPaths, write_reports
from eval.report.plot_cache import PlotCache
from eval.runner import RunOptions, evaluate
from eval.scorers import build_scorers
from eval.traces import TraceLog, log_run_traces
from eval.tracking import log_eval_run, open_eval_run
from eval.types import EvalRun, SampleResult
from eval.validation import attach, validation_state
from service.gateway import ModelGateway
from service.prompts import PromptPair
from service.settings import Settings


@dataclass(frozen=True)
class EvalOutcome:
    """What one evaluation produced; `context` is what the scorecard needs beyond the runs."""

    candidate: EvalRun
    production: EvalRun | None
    verdict: Verdict
    report: ReportPaths
    mlflow_run_id: str | None
    context: ReportContext = field(default_factory=ReportContext)
    traces: TraceLog | None = None  # the summaries' MLflow traces, when logged


def findings_dir(settings: Settings) -> Path:
    """Where people's reviews of claim findings are kept (`datasets/findings/`)."""
    return settings.datasets_dir / "findings"


def report_dir(settings: Settings, candidate: PromptPair) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", f"{candidate.name}-{candidate.version}")
    return settings.reports_dir / "eval" / f"{stamp}-{safe}"


async def run_eval(
    settings: Settings,
    candidate: PromptPair,
    production: PromptPair | None,
    *,
    options: RunOptions,
    dataset_version: str = DEFAULT_DATASET,
    gate_path: Path = DEFAULT_GATE_PATH,
    log_to_mlflow: bool = True,
    limit: int | None = None,
    on_start: Callable[[str, int], None] | None = None,
    on_result: Callable[[str, SampleResult | None], None] | None = None,
    anchor: PromptPair | None = None,
    on_validating: Callable[[int], None] | None = None,
    on_validated: Callable[[], None] | None = None,
    production_bootstrapped: bool = False,
) -> EvalOutcome:
    """Evaluate `candidate` (and `production`, when it is a different pair) and gate it.

    When the candidate is the production pair itself, only the absolute checks apply: a pair
    compared with itself proves nothing. When `anchor` (the gate's fixed anchor pair) is
    neither of the two, it is evaluated too and the non-inferiority checks are repeated
    against it (its outputs are usually cached, so this costs scoring time only).

    Each check's validation (`eval.validation`) is attached to the verdict per
    `settings.meta_eval`; `on_validating(n)` / `on_validated()` report progress when a
    detection table has to be computed. `production_bootstrapped` (production was set by the
    first-run bootstrap, not promoted) is shown in the reports' headers.
    """
    gate = load_gate_config(gate_path)
    samples, datasets = load_eval_samples(settings, dataset_version)
    if limit is not None:
        samples = samples[:limit]  # quick iteration; the gate still sees the same samples twice
    judge = judge_config(settings)
    pairs = [("candidate", candidate), ("production", production), ("anchor", anchor)]
    preflight.check(
        [(f"{role} {p.name}@{p.version}", p.model) for role, p in pairs if p is not None]
        + [("judge", judge.model_config)]
    )
    gateway = ModelGateway()
    cache = EvalCache(settings.state_dir / "eval-cache.sqlite")
    try:
        scorers = build_scorers(
            DEFAULT_SCORERS,
            judge=judge,
            gateway=gateway,
            cache=cache.judge_view(),
            system_prompts=[p.template.system for _, p in pairs if p is not None],
        )

        async def run(pair: PromptPair, role: str) -> EvalRun:
            # Progress counts two steps per sample: its model call, then its scoring.
            if on_start is not None:
                on_start(role, 2 * len(samples) * options.trials)
            return await evaluate(
                pair,
                samples,
                datasets,
                gateway=gateway,
                scorers=scorers,
                judge_model=judge.model,
                judge_is_baseline=judge.is_baseline,
                cache=cache,
                options=options,
                on_result=(lambda result: on_result(role, result)) if on_result else None,
                on_summarized=(lambda: on_result(role, None)) if on_result else None,
            )

        candidate_run = await run(candidate, "candidate")
        same = production is None or production.content_hash == candidate.content_hash
        production_run = None if same or production is None else await run(production, "production")
        compared = {candidate.content_hash, production.content_hash if production else ""}
        anchor_run = None
        if (
            production_run is not None
            and anchor is not None
            and gate.anchor.enabled
            and anchor.content_hash not in compared
        ):
            anchor_run = await run(anchor, "anchor")
        state = await validation_state(
            settings,
            samples,
            datasets[0],
            production or candidate,
            judge,
            gate,
            scorers,
            gateway=gateway,
            cache=cache,
            mode=settings.meta_eval,
            log_to_mlflow=log_to_mlflow,
            on_plan=on_validating,
            on_scored=on_validated,
        )
    finally:
        cache.close()
    reviews = ReviewStore(findings_dir(settings)).verdicts()
    verdict = decide(candidate_run, production_run, gate, anchor=anchor_run, reviews=reviews)
    verdict = attach(verdict, state)
    if production is not None and production_run is None:
        verdict = replace(
            verdict,
            notes=(
                f"the candidate is the production pair ({production.name}@{production.version}):"
                " compared with itself a paired check proves nothing, so only absolute checks and"
                " claim ceilings ran",
            ),
        )
    out = report_dir(settings, candidate)
    run_id = None
    if log_to_mlflow:
        # Opened before the report is written, so the report can name its run.
        run_id = open_eval_run(
            candidate_run,
            verdict,
            tracking_uri=settings.mlflow_tracking_uri,
            artifacts_dir=settings.mlflow_artifacts_dir,
            gate_config_path=gate_path,
            role="candidate",
        )
        candidate_run = replace(candidate_run, mlflow_run_id=run_id)
    context = ReportContext(
        candidate_prompt=PromptText.of(candidate),
        production_prompt=PromptText.of(production) if production is not None else None,
        production_label=(
            f"{production.name}@{production.version} ({production.model.primary})"
            if production is not None
            else None
        ),
        production_bootstrapped=production_bootstrapped,
        mlflow_run_id=run_id,
        reviews=reviews,
    )
    plots = PlotCache(settings.state_dir / "plot-cache")
    report = write_reports(candidate_run, production_run, verdict, out, context, plots)
    context = replace(context, report_path=report.html)
    if run_id is not None:
        log_eval_run(
            run_id,
            candidate_run,
            aggregate(candidate_run),
            verdict,
            tracking_uri=settings.mlflow_tracking_uri,
            report_dir=out,
            gate_config_path=gate_path,
        )
    traces = None
    if run_id is not None and settings.eval_traces:
        traces = _log_traces(settings, run_id, candidate_run, production_run)
    return EvalOutcome(candidate_run, production_run, verdict, report, run_id, context, traces)


def _log_traces(
    settings: Settings, run_id: str, candidate: EvalRun, production: EvalRun | None
) -> TraceLog:
    """Every summary of the runs as a trace of the eval's MLflow run (eval.traces)."""
    runs = [(candidate, "candidate")] + ([(production, "production")] if production else [])
    cache = EvalCache(settings.state_dir / "eval-cache.sqlite")
    try:
        return log_run_traces(
            runs,
            run_id=run_id,
            tracking_uri=settings.mlflow_tracking_uri,
            artifacts_dir=settings.mlflow_artifacts_dir,
            cache=cache,
        )
    finally:
        cache.close()


__all__ = ["EvalOutcome", "run_eval"]
