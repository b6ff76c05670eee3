"""`oci eval` and `oci promote`: the main job and the only way `production` moves on merit."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from eval import preflight
from eval.anchor import anchor_version
from eval.dataset.loader import DEFAULT_DATASET
from eval.findings import Review, ReviewStore
from eval.gate import Verdict
from eval.gate.config import load_gate_config
from eval.pipeline import EvalOutcome, findings_dir, run_eval
from eval.promotion import (
    PromotionLockedError,
    PromotionRefusedError,
    move_production,
    promote_evaluated,
    promotion_lock,
    record_eval,
)
from eval.report.scorecard import render_scorecard
from eval.runner import RunOptions
from eval.tracking import log_overrides
from service.composition import build_registry
from service.prompt_source import PromptSourceError, load_prompt_dir
from service.prompts import PromptPair
from service.registry.bootstrap import default_who
from service.registry.protocol import PRODUCTION, RegistryError
from service.settings import Settings

console = Console()
err_console = Console(stderr=True)

PromptOption = Annotated[str, typer.Option("--prompt", help="Prompt name")]
VersionOption = Annotated[str, typer.Option("--version", help="Registered version to evaluate")]
DirOption = Annotated[
    Path | None, typer.Option("--prompt-dir", help="Evaluate a local prompts/<name>/ directory")
]
Trials = Annotated[int, typer.Option(min=1, max=20, help="Repeat each sample (judge noise)")]
Concurrency = Annotated[int, typer.Option(min=0, max=512, help="0: OCI_EVAL_CONCURRENCY (16)")]
Remeasure = Annotated[bool, typer.Option(help="Call the model again instead of the output cache")]


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(2)


def resolve_pairs(
    settings: Settings, name: str, version: str, prompt_dir: Path | None
) -> tuple[PromptPair, PromptPair | None]:
    """(candidate, production): bootstraps a fresh registry first."""
    from eval.service_cli import bootstrap_registry

    bootstrap_registry(settings)
    registry = build_registry(settings)
    try:
        production_version = registry.alias_version(name, PRODUCTION)
        production = registry.load_version(name, production_version) if production_version else None
        if prompt_dir is not None:
            candidate = load_prompt_dir(prompt_dir).pair
        elif version:
            candidate = registry.load_version(name, version)
        elif production is not None:
            candidate = production
        else:
            raise _fail(f"prompt '{name}' has no production version; pass --version")
    except PromptSourceError as error:
        raise _fail(str(error)) from error
    except RegistryError as error:
        raise _fail(f"registry: {error}") from error
    return candidate, production


def production_bootstrapped(settings: Settings, name: str) -> bool:
    """Production was set by the first-run bootstrap and has not been moved on merit since."""
    try:
        trail = build_registry(settings).audit_trail(name)
    except RegistryError:
        return False
    moves = [entry for entry in trail if entry.alias == PRODUCTION]
    return bool(moves) and moves[-1].action == "bootstrap"


def resolve_anchor(settings: Settings, name: str) -> PromptPair | None:
    """The gate's anchor pair (see `eval.anchor`), or None when there is none yet."""
    config = load_gate_config()
    registry = build_registry(settings)
    try:
        version = anchor_version(config.anchor, registry.audit_trail(name))
        return registry.load_version(name, version) if version else None
    except RegistryError as error:
        raise _fail(f"registry: cannot load the gate's anchor version: {error}") from error


def evaluate_with_progress(
    settings: Settings,
    candidate: PromptPair,
    production: PromptPair | None,
    options: RunOptions,
    limit: int | None = None,
    anchor: PromptPair | None = None,
    dataset: str = DEFAULT_DATASET,
    bootstrapped: bool = False,
) -> EvalOutcome:
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console) as progress:
        tasks: dict[str, TaskID] = {}

        def start(role: str, total: int) -> None:
            pair = {"candidate": candidate, "production": production, "anchor": anchor}[role]
            label = f"{role} {pair.name}@{pair.version}" if pair else role
            tasks[role] = progress.add_task(label, total=total)

        def advance(role: str, _: object) -> None:
            progress.advance(tasks[role])

        def validating(total: int) -> None:
            tasks["meta-eval"] = progress.add_task("meta-eval (check validation)", total=total)

        try:
            return asyncio.run(
                run_eval(
                    settings,
                    candidate,
                    production,
                    options=options,
                    limit=limit,
                    dataset_version=dataset,
                    on_start=start,
                    on_result=advance,
                    anchor=anchor,
                    on_validating=validating,
                    on_validated=lambda: progress.advance(tasks["meta-eval"]),
                    production_bootstrapped=bootstrapped,
                )
            )
        except preflight.PreflightError as error:
            raise _fail(str(error)) from error


def eval_command(
    prompt: PromptOption = "",
    version: VersionOption = "",
    prompt_dir: DirOption = None,
    trials: Trials = 1,
    concurrency: Concurrency = 0,
    remeasure: Remeasure = False,
    limit: Annotated[int, typer.Option(min=0, help="Only the first N samples (0: all)")] = 0,
    dataset: Annotated[
        str, typer.Option(help="golden/v2 (decides), dev (tune on it), golden/v1 (comparison)")
    ] = DEFAULT_DATASET,
) -> None:
    """Evaluate a pair (default: production) on the golden and regression sets, and gate it.

    Tune on dev, decide on golden: on `--dataset dev` the golden-scoped checks are not
    measured, so the verdict there is a guide, never a decision.
    """
    settings = Settings()
    name = prompt or settings.prompt_name
    candidate, production = resolve_pairs(settings, name, version, prompt_dir)
    options = RunOptions(concurrency or settings.eval_concurrency, trials, remeasure)
    anchor = resolve_anchor(settings, name)
    outcome = evaluate_with_progress(
        settings,
        candidate,
        production,
        options,
        limit or None,
        anchor=anchor,
        dataset=dataset,
        bootstrapped=production_bootstrapped(settings, name),
    )
    render_scorecard(
        outcome.candidate,
        outcome.production,
        outcome.verdict,
        console=console,
        context=outcome.context,
    )
    if outcome.traces is not None:
        traces = outcome.traces
        console.print(
            f"traces:     {traces.written} new, {traces.reused} reused ({traces.seconds:.1f} s) "
            f"in MLflow experiment {traces.experiment_name}"
        )
    if version and prompt_dir is None and candidate.version != (production and production.version):
        # The evidence `oci registry canary set` asks for: this version against this production.
        record_eval(
            build_registry(settings),
            name,
            candidate.version,
            passed=outcome.verdict.passed,
            run_id=outcome.mlflow_run_id,
            against=production.version if production else None,
        )
    raise typer.Exit(0 if outcome.verdict.passed else 1)


def overridden_reviews(settings: Settings, verdict: Verdict) -> list[Review]:
    """The standing reviews behind the findings the verdict did not count."""
    standing = ReviewStore(findings_dir(settings)).latest()
    return [standing[f.id] for f in verdict.overridden_findings if f.id in standing]


def promote_command(
    prompt: PromptOption = "",
    version: VersionOption = "",
    force: Annotated[bool, typer.Option(help="Move production without a pass")] = False,
    reason: Annotated[str, typer.Option(help="Required with --force; audited")] = "",
    concurrency: Concurrency = 0,
    remeasure: Annotated[
        bool, typer.Option(help="Call the models again instead of reusing cached outputs")
    ] = False,
    limit: Annotated[
        int, typer.Option(min=0, help="First N samples only (0: all); the verdict says so")
    ] = 0,
) -> None:
    """Evaluate a registered version against production; move `production` only on PASS."""
    settings = Settings()
    name = prompt or settings.prompt_name
    if not version:
        raise _fail("--version is required (the registered version to promote)")
    if force and not reason.strip():
        raise _fail("--force needs --reason; it is recorded in the audit trail")
    try:
        with promotion_lock(settings.state_dir):
            _promote(
                settings,
                name,
                version,
                force=force,
                reason=reason,
                options=RunOptions(concurrency or settings.eval_concurrency, remeasure=remeasure),
                limit=limit or None,
            )
    except PromotionLockedError as error:
        raise _fail(str(error)) from error


def _promote(
    settings: Settings,
    name: str,
    version: str,
    *,
    force: bool,
    reason: str,
    options: RunOptions,
    limit: int | None,
) -> None:
    candidate, production = resolve_pairs(settings, name, version, None)
    registry = build_registry(settings)
    if force:
        entry = move_production(
            registry, name, version, who=default_who(), force_reason=reason.strip()
        )
        console.print(f"[yellow]forced[/]: production {entry.from_version} -> {version}")
        return
    anchor = resolve_anchor(settings, name)
    outcome = evaluate_with_progress(
        settings,
        candidate,
        production,
        options,
        limit,
        anchor=anchor,
        bootstrapped=production_bootstrapped(settings, name),
    )
    # The scorecard ends with the report path and the MLflow run id, PASS or FAIL.
    render_scorecard(
        outcome.candidate,
        outcome.production,
        outcome.verdict,
        console=console,
        context=outcome.context,
    )
    run_id = outcome.mlflow_run_id
    overrides = overridden_reviews(settings, outcome.verdict)
    if overrides and run_id is not None:
        log_overrides(run_id, overrides, tracking_uri=settings.mlflow_tracking_uri)
    try:
        entry = promote_evaluated(
            registry,
            name,
            version,
            outcome.verdict,
            run_id=run_id,
            against=production.version if production else None,
            who=default_who(),
            overrides=overrides,
        )
    except PromotionRefusedError as error:
        label = "gate FAILED" if error.failed_checks else "refused"
        failed = error.failed_checks
        # The scorecard above lists every failed check with its detail; one line here.
        if len(failed) > 3:
            detail = f"{len(failed)} checks, listed above"
        else:
            detail = ", ".join(failed) if failed else str(error)
        err_console.print(f"[bold red]{label}[/]: {detail}; production unchanged")
        raise typer.Exit(1) from None
    console.print(
        f"[green]promoted[/]: {name} production {entry.from_version} -> {version} "
        f"(eval run {run_id})"
    )
