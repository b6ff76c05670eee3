"""`make gate` verdicts as MLflow runs, with each check's validation as `make eval` shows it.

A pull request's gate is evidence like an eval's: each gated prompt becomes a run in the
prompt's `<name>-eval` experiment (role `pr-gate`), tagged with its verdict and the checks'
validation, read from the meta-evaluation store for the pair the head was compared with.
The PR gate never computes a detection table (it runs on a slice, in CI, under a time
budget): a table nobody computed for these inputs shows as stale or not validated.
"""

from __future__ import annotations

from pathlib import Path

from eval.aggregate import aggregate
from eval.gate.config import load_gate_config
from eval.gate.decision import Verdict
from eval.inputs import DEFAULT_SCORERS, judge_config
from eval.metaeval.known_good import load_known_good
from eval.metaeval.session import current_state, inputs_for
from eval.promptfoo.pr_comment import PromptOutcome
from eval.scorers import build_scorers
from eval.tracking import log_eval_run, open_eval_run
from eval.types import EvalRun
from eval.validation import attach
from service.gateway import ModelGateway
from service.prompts import PromptPair
from service.settings import Settings


def stored_validation(
    settings: Settings, run: EvalRun, compared_with: PromptPair, gate_path: Path, verdict: Verdict
) -> Verdict:
    """The verdict with each check's status from the stored table for these inputs."""
    judge = judge_config(settings)
    gate = load_gate_config(gate_path)
    scorers = build_scorers(
        DEFAULT_SCORERS,
        judge=judge,
        gateway=ModelGateway(),
        system_prompts=[compared_with.template.system],
    )
    golden = [d for d in run.datasets if d.name == "golden"] or list(run.datasets)
    inputs = inputs_for(
        run.samples,
        golden[0],
        compared_with,
        judge,
        gate,
        scorers,
        per_family_limit=settings.meta_eval_per_family,
        known_good=load_known_good(settings.datasets_dir, golden[0]),
    )
    return attach(verdict, current_state(settings, inputs))


def log_gate_outcome(
    settings: Settings, outcome: PromptOutcome, *, gate_path: Path, report_dir: Path
) -> tuple[str, Verdict] | None:
    """Log one gated prompt's verdict; returns its run id and the verdict with validation
    (None when the prompt got no verdict: removed, invalid, or promptfoo failed)."""
    if outcome.verdict is None or outcome.head_run is None or not outcome.head_run.datasets:
        return None
    verdict = outcome.verdict
    if outcome.base_pair is not None:
        verdict = stored_validation(
            settings, outcome.head_run, outcome.base_pair, gate_path, verdict
        )
    tracking_uri = settings.mlflow_tracking_uri
    run_id = open_eval_run(
        outcome.head_run,
        verdict,
        tracking_uri=tracking_uri,
        artifacts_dir=settings.mlflow_artifacts_dir,
        gate_config_path=gate_path,
        role="pr-gate",
    )
    log_eval_run(
        run_id,
        outcome.head_run,
        aggregate(outcome.head_run),
        verdict,
        tracking_uri=tracking_uri,
        report_dir=report_dir,
        gate_config_path=gate_path,
    )
    return run_id, verdict
