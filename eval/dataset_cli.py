"""`oci dataset ...`: validate, build, summarize and generate the golden set and traffic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eval.dataset.build import build_samples
from eval.dataset.generator import generate_traffic
from eval.dataset.generator_v2 import write_set
from eval.dataset.loader import SAMPLES_FILE, DatasetError, dataset_dir, load_golden
from eval.dataset.measure import measurement_table
from eval.dataset.plans import SETS
from eval.dataset.summary_table import print_summary_table
from eval.dataset.validate import validate_file
from service.settings import Settings

dataset_app = typer.Typer(help="The golden and dev sets: generate, build, validate, summarize.")
DEFAULT_VERSION = "v2"  # the set `make eval` and the gate decide on; v1 stays for comparison
NameOption = Annotated[str, typer.Option("--name", help="golden or dev")]
console = Console()
err_console = Console(stderr=True)


def _print_errors(errors: list[object]) -> None:
    for error in errors:
        err_console.print(str(error), markup=False, highlight=False)


@dataset_app.command("validate")
def validate_command(
    path: Annotated[Path | None, typer.Argument(help="A JSONL file (default: the samples)")] = None,
    version: str = DEFAULT_VERSION,
    name: NameOption = "golden",
) -> None:
    """Validate a dataset file; prints `file:line: field: message` for every problem."""
    settings = Settings()
    target = path or dataset_dir(settings.datasets_dir, version, name=name) / SAMPLES_FILE
    if not target.is_file():
        err_console.print(f"error: {target} does not exist")
        raise typer.Exit(2)
    errors = validate_file(target)
    if errors:
        _print_errors(list(errors))
        err_console.print(f"{len(errors)} problem(s) in {target}")
        raise typer.Exit(1)
    console.print(f"{target}: valid")


@dataset_app.command("generate")
def generate_command(
    dataset: Annotated[str, typer.Argument(help=f"one of {', '.join(SETS)}")] = "golden/v2",
) -> None:
    """Write a v2-rules set's histories and its two writers' answer keys (then run build)."""
    if dataset not in SETS:
        err_console.print(f"error: unknown set {dataset!r}; choose from {', '.join(SETS)}")
        raise typer.Exit(2)
    folder = write_set(SETS[dataset], Settings().datasets_dir)
    console.print(f"wrote {folder}/histories.jsonl and {folder}/annotations/")


@dataset_app.command("build")
def build_command(version: str = DEFAULT_VERSION, name: NameOption = "golden") -> None:
    """Merge histories and annotations into `samples.jsonl` (nothing written on error)."""
    settings = Settings()
    try:
        path = build_samples(version, settings.datasets_dir, name=name)
    except DatasetError as error:
        _print_errors(list(error.errors) or [error])
        raise typer.Exit(1) from error
    console.print(f"wrote {path}")


@dataset_app.command("summary")
def summary_command(
    version: str = DEFAULT_VERSION,
    name: NameOption = "golden",
    measure: Annotated[
        bool, typer.Option(help="Also measure reference overlap, agreement and copy rate")
    ] = False,
) -> None:
    """Print the set's make-up: scenarios, channels, lengths, record kinds, hazards."""
    settings = Settings()
    try:
        golden = load_golden(version, root=settings.datasets_dir, name=name)
    except DatasetError as error:
        _print_errors(list(error.errors) or [error])
        raise typer.Exit(1) from error
    console.print(f"{golden.name} {golden.version}: {len(golden.samples)} samples, {golden.digest}")
    print_summary_table(golden, console=console)
    if measure:
        console.print(measurement_table(golden))


@dataset_app.command("traffic")
def traffic_command(
    accounts: Annotated[int, typer.Option(min=1, max=10_000_000)] = 5_000,
    seed: int = 7,
    out: Annotated[Path, typer.Option()] = Path("datasets/synthetic/traffic.jsonl"),
) -> None:
    """Generate synthetic accounts for load tests and reports (kept out of git)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for sample in generate_traffic(accounts, seed):
            handle.write(json.dumps(sample.model_dump(mode="json"), ensure_ascii=False) + "\n")
            written += 1
    console.print(f"wrote {written} accounts to {out}")
