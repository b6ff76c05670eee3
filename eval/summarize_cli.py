"""`oci summarize` and `oci emulator`: run the summarizer or the Converse emulator by hand."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eval.batch import BatchItem, BatchResult, summarize_batch
from service.gateway import ModelGateway
from service.prompt_source import PromptSourceError, load_prompt_dir
from service.prompts import PromptPair
from service.settings import Settings

if TYPE_CHECKING:
    from eval.emulator.answer_book import AnswerBook

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


def emulator_command(
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8765,
    plan: Annotated[Path | None, typer.Option(help="Fault plan JSON file")] = None,
    seed: int = 0,
    answers: Annotated[
        Path | None,
        typer.Option(help="Recorded answers to replay (JSON lines: sample_id, text)"),
    ] = None,
    dataset: Annotated[str, typer.Option(help="The samples --answers belong to")] = "golden/v2",
    prompt_dir: Annotated[
        Path, typer.Option(help="The prompt whose rendered requests --answers answer")
    ] = Path("prompts/omni-summary"),
) -> None:
    """Serve the Bedrock Converse emulator on 127.0.0.1 in the foreground.

    It answers on the Converse and the OpenAI-compatible routes; with --answers it replays
    recorded answers instead of the local summarizer.
    """
    from eval.emulator.faults import FaultPlan
    from eval.emulator.server import bind, serve_foreground

    fault_plan = FaultPlan.model_validate_json(plan.read_text()) if plan is not None else None
    book = None if answers is None else _answer_book(answers, dataset, prompt_dir)
    serve_foreground(bind("127.0.0.1", port), fault_plan, seed=seed, answer=book)


def _answer_book(answers: Path, dataset: str, prompt_dir: Path) -> AnswerBook:
    from eval.dataset.loader import DatasetError, load_golden, parse_dataset
    from eval.emulator.answer_book import AnswerBook, read_answers
    from eval.samples import golden_samples

    settings = Settings()
    try:
        name, version = parse_dataset(dataset)
        samples, _ = golden_samples(load_golden(version, root=settings.datasets_dir, name=name))
        template = load_prompt_dir(prompt_dir).pair.template
        book = AnswerBook.for_samples(samples, template, read_answers(answers))
    except (DatasetError, PromptSourceError, ValueError, OSError) as error:
        raise _fail(str(error)) from error
    print(f"replaying {len(book)} recorded answers from {answers}", file=sys.stderr)
    return book
