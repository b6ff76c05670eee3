"""The `oci` command line: every Makefile target is a thin wrapper over one of these.

Settings are read once here (the edge) and passed down.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eval.batch import BatchItem, BatchResult, summarize_batch
from eval.dataset_cli import dataset_app
from eval.eval_cli import eval_command, promote_command
from eval.gate_cli import gate_command
from eval.metaeval_cli import meta_eval_app
from eval.registry_cli import registry_app
from eval.service_cli import seed_command, serve_command, token_command
from eval.warehouse_cli import etl_command, report_command, simulate_command
from service.gateway import ModelGateway
from service.prompt_source import PromptSourceError, load_prompt_dir
from service.prompts import PromptPair
from service.settings import ConfigurationError, Settings

app = typer.Typer(
    help="Omni Channel Insights: summaries for agents, and the prompt-ops harness that gates them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(dataset_app, name="dataset")
app.add_typer(registry_app, name="registry")
app.add_typer(meta_eval_app, name="meta-eval")
app.command("serve")(serve_command)
app.command("token")(token_command)
app.command("seed")(seed_command)
app.command("eval")(eval_command)
app.command("promote")(promote_command)
app.command("gate")(gate_command)
app.command("etl")(etl_command)
app.command("report")(report_command)
app.command("simulate")(simulate_command)
console = Console()
err_console = Console(stderr=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def load_local_pair(settings: Settings, name: str) -> PromptPair:
    """The pair in `prompts/<name>/` (the registry takes over in a later issue)."""
    try:
        return load_prompt_dir(settings.prompts_dir / name).pair
    except PromptSourceError as error:
        raise _fail(str(error)) from error


def golden_items(settings: Settings, version: str) -> list[BatchItem]:
    """The golden samples of `version`, as summary requests."""
    from eval.dataset.loader import DatasetError, load_golden

    try:
        golden = load_golden(version, root=settings.datasets_dir)
    except DatasetError as error:
        raise _fail(str(error)) from error
    return [
        BatchItem(sample.id, tuple(sample.interactions), sample.summary_options())
        for sample in golden.samples
    ]


def run_batch(items: list[BatchItem], pair: PromptPair, concurrency: int) -> list[BatchResult]:
    """Summarize with a progress bar."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as progress:
        task = progress.add_task(f"summarizing with {pair.name}@{pair.version}", total=len(items))
        return asyncio.run(
            summarize_batch(
                items,
                pair,
                ModelGateway(),
                concurrency=concurrency,
                on_done=lambda _: progress.advance(task),
            )
        )


def print_summaries(results: list[BatchResult], *, limit: int) -> None:
    table = Table(title="Summaries (not scored)", show_lines=True)
    for column in ("sample", "model", "ms", "words", "summary"):
        table.add_column(column, overflow="fold")
    for result in results[:limit]:
        if result.summary is None:
            table.add_row(result.sample_id, "-", "-", "-", f"[red]{result.error}")
            continue
        summary = result.summary
        table.add_row(
            result.sample_id,
            summary.model_used,
            f"{summary.latency_ms:.1f}",
            str(len(summary.text.split())),
            summary.text,
        )
    console.print(table)


@app.command("summarize")
def summarize_command(
    prompt: Annotated[str, typer.Option(help="Prompt directory name under prompts/")] = "",
    dataset_version: Annotated[str, typer.Option("--dataset-version")] = "v1",
    limit: Annotated[int, typer.Option(help="How many summaries to print")] = 10,
    concurrency: Annotated[int, typer.Option(min=1, max=512)] = 0,
) -> None:
    """Summarize the golden samples with a prompt pair and print them (no scoring)."""
    settings = Settings()
    pair = load_local_pair(settings, prompt or settings.prompt_name)
    items = golden_items(settings, dataset_version)
    results = run_batch(items, pair, concurrency or settings.eval_concurrency)
    print_summaries(results, limit=limit)
    failed = [result for result in results if result.summary is None]
    no_data = sum(1 for r in results if r.summary is not None and not r.summary.model_called)
    console.print(
        f"{len(results)} samples through {pair.name}@{pair.version} "
        f"({pair.model.primary}): {len(results) - len(failed)} summarized "
        f"({no_data} with no interactions in window, no model call), {len(failed)} failed."
    )
    if failed:
        raise typer.Exit(1)


@app.command("emulator")
def emulator_command(
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8765,
    plan: Annotated[Path | None, typer.Option(help="Fault plan JSON file")] = None,
    seed: int = 0,
) -> None:
    """Serve the Bedrock Converse emulator on 127.0.0.1 in the foreground."""
    from eval.emulator.server import main as emulator_main

    args = ["--port", str(port), "--seed", str(seed)]
    if plan is not None:
        args += ["--plan", str(plan)]
    emulator_main(args)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except ConfigurationError as error:
        # One plain line (rich would wrap it at 80 columns): the variable, not a traceback.
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
