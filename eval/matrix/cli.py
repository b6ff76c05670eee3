"""`oci matrix`: several prompt/model pairs on the same samples, one leaderboard.

oci matrix --models bedrock/converse/us.amazon.nova-micro-v1:0,bedrock/converse/...
oci matrix --version 3 --version 4 --prompt-dir prompts/cheaper
oci matrix --models ... --emulator      # offline: the Converse emulator's model zoo
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from eval.matrix.leaderboard import Row, leaderboard
from eval.matrix.pairs import Entry, MatrixError, check_entries, with_models
from service.settings import Settings

console = Console()
err_console = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(2)


def _entries(
    settings: Settings,
    name: str,
    models: str,
    versions: list[str],
    prompt_dirs: list[Path],
    api_base: str | None,
) -> tuple[list[Entry], Entry | None]:
    from eval.eval_cli import resolve_pairs

    base, production = resolve_pairs(settings, name, "", None)
    entries = with_models(base, [m.strip() for m in models.split(",") if m.strip()], api_base)
    for version in versions:
        pair, _ = resolve_pairs(settings, name, version, None)
        entries.append(Entry(f"v{version}", pair))
    for directory in prompt_dirs:
        pair, _ = resolve_pairs(settings, name, "", directory)
        entries.append(Entry(directory.name, pair))
    prod = None
    if production is not None:
        prod = Entry("production", production)
    return entries, prod


def _log(settings: Settings, name: str, rows: list[Row], out: Path, emulated: bool) -> str:
    """One MLflow parent run, a child run per pair (the UI's run comparison works on them)."""
    from mlflow.entities import Metric, Param, RunTag
    from mlflow.tracking import MlflowClient

    from eval.matrix.report import failed_check_text, gate_word
    from eval.tracking import _experiment_id

    client = MlflowClient(tracking_uri=settings.mlflow_tracking_uri)
    experiment = _experiment_id(client, f"{name}-matrix", settings.mlflow_artifacts_dir)
    parent = client.create_run(
        experiment,
        tags={
            "mlflow.runName": f"matrix of {len(rows)} pairs",
            "oci.emulated_models": str(emulated).lower(),
        },
    )
    parent_id = str(parent.info.run_id)
    for row in rows:
        child = client.create_run(
            experiment,
            tags={
                "mlflow.parentRunId": parent_id,
                "mlflow.runName": row.label,
                "oci.prompt": row.run.pair.name,
                "oci.prompt_version": row.run.pair.version,
                "oci.content_hash": row.run.pair.content_hash,
            },
        )
        values = {
            k: v
            for k, v in asdict(row.metrics).items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        }
        metrics = [Metric(key, float(value), 0, 0) for key, value in values.items()]
        params = [Param("model", row.run.pair.model_primary)]
        verdict = gate_word(row)
        failed = "; ".join(failed_check_text(check) for check in row.failed_checks)
        client.log_batch(
            str(child.info.run_id),
            metrics=metrics,
            params=params,
            tags=[
                RunTag("oci.gate_vs_production", verdict),
                # MLflow keeps tag values up to 5,000 characters here; the report has all.
                RunTag("oci.gate_failed_checks", failed[:4900] or "-"),
            ],
        )
        client.set_terminated(str(child.info.run_id))
    client.log_artifacts(parent_id, str(out), artifact_path="report")
    client.set_terminated(parent_id)
    return parent_id


def matrix_command(
    models: Annotated[str, typer.Option(help="Comma-separated litellm model strings")] = "",
    version: Annotated[list[str] | None, typer.Option(help="A registered version")] = None,
    prompt_dir: Annotated[list[Path] | None, typer.Option(help="A prompt directory")] = None,
    prompt: Annotated[str, typer.Option(help="Prompt name")] = "",
    baseline: Annotated[str, typer.Option(help="Label of the Δ baseline (first)")] = "",
    dataset: Annotated[str, typer.Option(help="Dataset, as `oci eval` takes it")] = "golden/v2",
    limit: Annotated[int, typer.Option(min=0, help="First N samples (0: all)")] = 0,
    emulator: Annotated[bool, typer.Option(help="Answer from the emulator's model zoo")] = False,
    mlflow: Annotated[bool, typer.Option(help="Log a parent run and a child per pair")] = True,
    processes: Annotated[
        int, typer.Option(min=0, help="Processes (0: one per CPU but one, at most one per pair)")
    ] = 0,
) -> None:
    """Several prompt/model pairs on the same samples: leaderboard, Pareto plots, advice.

    The advice is the cheapest pair whose judge score is non-inferior to the best pair's.
    Pairs are spread over worker processes, each running its pairs at once on its own event
    loop; `--processes 1` runs them all in this process.
    """
    from eval import preflight
    from eval.emulator.server import EmulatorServer
    from eval.gate.config import load_gate_config
    from eval.inputs import DEFAULT_SCORERS, judge_config, load_eval_samples
    from eval.matrix.harness import Harness
    from eval.matrix.processes import default_processes, run_pairs
    from eval.matrix.report import (
        failure_lines,
        gate_word,
        recommendation_line,
        terminal_table,
        write_reports,
    )
    from eval.matrix.workers import MatrixWorkers
    from eval.runner import RunOptions

    settings = Settings()
    name = prompt or settings.prompt_name
    judge = judge_config(settings)
    harness = Harness(DEFAULT_SCORERS, judge, settings.state_dir / "eval-cache.sqlite")
    stack = contextlib.ExitStack()
    with stack:
        if emulator:
            # The zoo answers Bedrock ids; litellm signs with whatever credentials it finds.
            # Set before the workers start: they take the environment as it is then.
            for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
                os.environ.setdefault(key, "emulator")
        # Started first: each worker's seconds of imports overlap the set-up below. The pair
        # count is not known yet, so the default for any count (a worker left without a pair
        # just exits).
        count = processes or default_processes()
        workers = stack.enter_context(MatrixWorkers(harness, count - 1)) if count > 1 else None
        api_base = None
        if emulator:
            api_base = stack.enter_context(EmulatorServer(zoo=True, isolation="process")).base_url
        entries, production = _entries(
            settings, name, models, version or [], prompt_dir or [], api_base
        )
        try:
            chosen = check_entries(entries, baseline or None)
        except MatrixError as error:
            raise _fail(str(error)) from error
        hashes = {entry.pair.content_hash for entry in entries}
        extra = [production] if production and production.pair.content_hash not in hashes else []
        samples, datasets = load_eval_samples(settings, dataset)
        samples = samples[:limit] if limit else samples
        everyone = [*entries, *extra]
        try:
            preflight.check(
                [(e.label, e.pair.model) for e in everyone] + [("judge", judge.model_config)]
            )
        except preflight.PreflightError as error:
            raise _fail(str(error)) from error
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err_console) as progress:
            tasks = {e.label: progress.add_task(e.label, total=2 * len(samples)) for e in everyone}
            runs = run_pairs(
                everyone,
                samples,
                datasets,
                harness=harness,
                options=RunOptions(settings.eval_concurrency),
                processes=count,
                workers=workers,
                on_steps=lambda label, steps: progress.advance(tasks[label], steps),
            )
    production_run = runs[len(entries)] if extra else None
    if production is not None and not extra:
        at = [e.pair.content_hash for e in entries].index(production.pair.content_hash)
        production_run = runs[at]
    rows = leaderboard(entries, runs[: len(entries)], chosen, load_gate_config(), production_run)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = settings.reports_dir / "matrix" / stamp
    page = write_reports(rows, chosen, out, emulated=emulator)
    table = [
        {
            "label": r.label,
            "model": r.run.pair.model_primary,
            "production": r.is_production,
            "gate": gate_word(r),
            "failed_checks": [
                {"name": c.name, "value": c.value, "op": c.op, "threshold": c.threshold}
                for c in r.failed_checks
            ],
            **{k: v for k, v in asdict(r.metrics).items() if k != "by_dataset"},
        }
        for r in rows
    ]
    (out / "rows.json").write_text(json.dumps(table, indent=1, default=str))
    console.print(terminal_table(rows))
    for line in failure_lines(rows):
        console.print(f"  {line}", highlight=False)
    console.print(recommendation_line(rows), highlight=False)
    if emulator:
        console.print("[yellow]models are emulated (eval/emulator/zoo.yaml)[/]")
    run_id = _log(settings, name, rows, out, emulator) if mlflow else None
    console.print(f"report: {page}" + (f"  MLflow run {run_id}" if run_id else ""))
