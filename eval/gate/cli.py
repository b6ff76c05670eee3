"""`oci gate` (`make gate`): the prompt pull-request gate, on promptfoo, judged by eval.gate.

Finds the prompt directories changed against a base ref, runs `promptfoo eval` on each (base
and head side by side), converts promptfoo's JSON into `EvalRun`s and applies `eval.gate.decide`
with `eval/gate.yaml`. Writes `reports/gate/<name>.json` (promptfoo's results, importable into
its viewer with `promptfoo import --new-id`), `<name>.verdict.json` and `summary.md` (the PR
comment). Exit 1 when a head fails.
Heavy imports happen only once something changed, so "no prompt changed" stays quick.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from eval.dataset.loader import DEFAULT_DATASET
from eval.promptfoo.changes import (
    ChangedPrompt,
    GitError,
    PromptTree,
    changed_prompts,
    compare_point,
    default_base,
)
from service.prompts import PromptPair
from service.settings import Settings

if TYPE_CHECKING:
    from eval.promptfoo.gate_run import GateOptions, ProductionLookup
    from eval.promptfoo.pr_comment import PromptOutcome

console = Console()
err_console = Console(stderr=True)
SUMMARY_FILE = "summary.md"


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(2)


def registry_lookup(settings: Settings, scratch: Path) -> ProductionLookup:
    """`production` of a prompt from the registry, written as a prompt dir; None if there is none.

    An embedded registry whose database file does not exist yet is empty: it is not created
    (and MLflow not imported) just to find that out.
    """
    from eval.promptfoo.gate_run import write_pair

    uri = settings.mlflow_tracking_uri
    if uri.startswith("sqlite:///") and not Path(uri.removeprefix("sqlite:///")).is_file():
        return lambda name: None
    from service.composition import build_registry
    from service.registry.protocol import PRODUCTION, RegistryError

    registry = build_registry(settings)

    def lookup(name: str) -> tuple[PromptPair, Path] | None:
        try:
            version = registry.alias_version(name, PRODUCTION)
            pair = registry.load_version(name, version) if version else None
        except RegistryError as error:
            err_console.print(f"[yellow]registry:[/] {error}; using the base ref instead")
            return None
        return None if pair is None else (pair, write_pair(pair, scratch / "registry" / name))

    return lookup


def _log(
    settings: Settings, outcome: PromptOutcome, gate_path: Path, out_dir: Path
) -> tuple[str | None, PromptOutcome]:
    """Log the verdict as an MLflow run; returns its id and the outcome with the checks'
    validation. A tracking store that fails is reported, never a reason to fail the gate."""
    from mlflow.exceptions import MlflowException

    from eval.gate.tracking import log_gate_outcome

    try:
        logged = log_gate_outcome(settings, outcome, gate_path=gate_path, report_dir=out_dir)
    except (MlflowException, OSError) as error:
        err_console.print(f"[yellow]MLflow:[/] verdict not logged: {str(error).splitlines()[0]}")
        return None, outcome
    if logged is None:
        return None, outcome
    return logged[0], replace(outcome, verdict=logged[1])


def _verdict_record(outcome: PromptOutcome, run_id: str | None = None) -> dict[str, object]:
    verdict = outcome.verdict
    return {
        "mlflow_run_id": run_id,
        "validation": (
            {v.check: v.status for v in verdict.validation} if verdict is not None else {}
        ),
        "name": outcome.name,
        "status": outcome.status,
        "passed": outcome.passed,
        "head": outcome.head_label,
        "base": outcome.base_label,
        "base_reason": outcome.base_reason,
        "problem": outcome.problem,
        "failed_checks": list(outcome.failed_checks),
        "checks": [asdict(c) for c in verdict.checks] if verdict else [],
        "notes": list(verdict.notes) if verdict else [],
        "promptfoo_json": outcome.promptfoo_json,
    }


def gate_command(
    base: Annotated[str, typer.Option(help="Base git ref (default: origin/main, else main)")] = "",
    limit: Annotated[int, typer.Option(min=0, help="First N samples only (0: all)")] = 0,
    prompts_dir: Annotated[Path | None, typer.Option(help="Default: OCI_PROMPTS_DIR")] = None,
    gate_config: Annotated[Path, typer.Option(help="Gate thresholds")] = Path("eval/gate.yaml"),
    out_dir: Annotated[Path, typer.Option(help="Reports folder")] = Path("reports/gate"),
    workers: Annotated[int, typer.Option(min=1, max=32, help="Python workers/provider")] = 1,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="promptfoo -j")] = 4,
    promptfoo: Annotated[Path, typer.Option(help="promptfoo binary")] = Path(
        "node_modules/.bin/promptfoo"
    ),
    dataset_version: Annotated[
        str, typer.Option("--dataset-version", help="Dataset spec: golden/v2, golden/v1")
    ] = DEFAULT_DATASET,
    mlflow: Annotated[bool, typer.Option(help="Log each verdict as an MLflow run")] = True,
) -> None:
    """Gate the prompt directories a pull request changes (base vs head, on promptfoo)."""
    settings = Settings()
    prompts = prompts_dir or settings.prompts_dir
    try:
        tree = PromptTree.locate(prompts)
        base_ref = base or default_base(tree.root)
        since = compare_point(tree, base_ref)
        changed = changed_prompts(tree, since)
    except GitError as error:
        raise _fail(str(error)) from error
    out_dir.mkdir(parents=True, exist_ok=True)
    if not changed:
        from eval.promptfoo.pr_comment import render_summary

        (out_dir / SUMMARY_FILE).write_text(render_summary([], base=base_ref, since=since))
        console.print(
            f"no prompt changed under {tree.rel}/ since {base_ref} ({since[:10]}): nothing to gate"
        )
        return
    outcomes = _gate_all(
        settings,
        tree,
        changed,
        base_ref,
        since,
        locals_options(
            settings, limit, gate_config, out_dir, workers, concurrency, promptfoo, dataset_version
        ),
    )
    from eval.promptfoo.pr_comment import render_summary

    summary = render_summary(outcomes, base=base_ref, since=since)
    (out_dir / SUMMARY_FILE).write_text(summary, encoding="utf-8")
    for outcome in outcomes:
        run_id, outcome = (
            _log(settings, outcome, gate_config, out_dir) if mlflow else (None, outcome)
        )
        record = json.dumps(_verdict_record(outcome, run_id), indent=2, default=str)
        (out_dir / f"{outcome.name}.verdict.json").write_text(record, encoding="utf-8")
        mark = "[green]PASS[/]" if outcome.passed else "[bold red]FAIL[/]"
        failed = ", ".join(outcome.failed_checks) or next(iter(outcome.problem.splitlines()), "")
        console.print(
            f"{mark} {outcome.name} ({outcome.status}; base: {outcome.base_label})"
            + (f" — failed: {failed}" if not outcome.passed else "")
        )
        if run_id is not None:
            console.print(f"MLflow run: {run_id}", soft_wrap=True)
    console.print(f"summary: {out_dir / SUMMARY_FILE}")
    if not all(o.passed for o in outcomes):
        raise typer.Exit(1)


def locals_options(
    settings: Settings,
    limit: int,
    gate_config: Path,
    out_dir: Path,
    workers: int,
    concurrency: int,
    promptfoo: Path,
    dataset_version: str,
) -> GateOptions:
    """Resolve the command's options into absolute paths (promptfoo runs in another cwd)."""
    from eval.promptfoo.gate_run import GateOptions

    return GateOptions(
        datasets_dir=settings.datasets_dir.resolve(),
        dataset_version=dataset_version,
        limit=limit or None,
        workers=workers,
        concurrency=concurrency,
        promptfoo=promptfoo.resolve(),
        out_dir=out_dir.resolve(),
        gate_path=gate_config.resolve(),
    )


def _gate_all(
    settings: Settings,
    tree: PromptTree,
    changed: list[ChangedPrompt],
    base_ref: str,
    since: str,
    options: GateOptions,
) -> list[PromptOutcome]:
    from eval.gate.config import GateConfigError, load_gate_config
    from eval.inputs import judge_config
    from eval.promptfoo.gate_run import gate_prompt

    try:
        load_gate_config(options.gate_path)
    except GateConfigError as error:
        raise _fail(str(error)) from error
    judge = judge_config(settings)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="oci-gate-") as scratch:
        lookup = registry_lookup(settings, Path(scratch))
        for item in changed:
            console.print(f"gating {item.name} ({item.status}) against {base_ref} ...")
            outcomes.append(
                gate_prompt(
                    tree,
                    item,
                    since=since,
                    base_label=base_ref,
                    scratch=Path(scratch),
                    options=options,
                    judge=judge,
                    production=lookup,
                )
            )
    return outcomes
