"""`oci judge calibrate`: how the configured judge agrees with people, criterion by criterion."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eval.agreement import Agreement
from eval.calibration import (
    DEFAULT_DIR,
    CalibrationError,
    CriterionCalibration,
    Item,
    Label,
    compare,
    load_items,
    load_labels,
    review_labels,
)
from eval.inputs import judge_config
from eval.rubric import load_rubric
from eval.scorers import build_scorers
from service.gateway import ModelGateway
from service.settings import Settings

judge_app = typer.Typer(help="The LLM judge: calibration against people's labels.")
console = Console()
err_console = Console(stderr=True)


def _ci(value: float | None, interval: tuple[float, float] | None) -> str:
    if value is None:
        return "—"
    if interval is None:
        return f"{value:.2f}"
    return f"{value:.2f} [{interval[0]:.2f}, {interval[1]:.2f}]"


def _kappa(agreement: Agreement | None) -> str:
    if agreement is None:
        return "—"
    if agreement.kappa is None:
        return agreement.not_measurable or "—"
    return _ci(agreement.kappa, agreement.kappa_ci)


async def judge_items(items: list[Item], settings: Settings) -> dict[str, dict[str, bool | None]]:
    """The judge's per-criterion verdicts on every item (empty for a judge error)."""
    judge = judge_config(settings)
    (scorer,) = build_scorers(["judge"], judge=judge, gateway=ModelGateway())
    limit = asyncio.Semaphore(8)

    async def one(item: Item) -> tuple[str, dict[str, bool | None]]:
        async with limit:
            score = await scorer.score(item.sample(), item.summary)
        return item.item, dict(score.metadata.get("per_criterion") or {})

    return dict(await asyncio.gather(*(one(item) for item in items)))


def render_markdown(results: list[CriterionCalibration], judge: str, n_items: int) -> str:
    """The calibration table as markdown."""
    lines = [
        f"# Judge calibration: {judge}",
        "",
        f"{n_items} items. Positive = the criterion is failed. Intervals: bootstrap 95 %.",
        "",
        "| criterion | n | judge κ | TPR | TNR | people κ (pairs) | ties |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        between = r.annotators
        pair = f"{_kappa(between)} ({between.n})" if between else "—"
        tpr, tnr = _ci(r.judge.tpr, r.judge.tpr_ci), _ci(r.judge.tnr, r.judge.tnr_ci)
        lines.append(
            f"| {r.criterion} | {r.judge.n} | {_kappa(r.judge)} | {tpr} | {tnr} | {pair} "
            f"| {r.ties} |"
        )
    return "\n".join(lines) + "\n"


def _with_reviews(
    settings: Settings, items: list[Item], labels: list[Label]
) -> tuple[list[Item], list[Label]]:
    """`items` and `labels` with the review queue's standing labels added."""
    from eval.review.labels import REVIEWS_DIR, LabelError, LabelStore

    try:
        reviewed = list(LabelStore(settings.datasets_dir / REVIEWS_DIR).standing().values())
    except LabelError as error:
        raise CalibrationError(str(error)) from error
    extra, added = review_labels(reviewed, items)
    return [*items, *extra], [*labels, *added]


@judge_app.command("calibrate")
def calibrate_command(
    directory: Annotated[
        Path, typer.Option("--dir", help="Folder with items.jsonl and labels/*.jsonl")
    ] = DEFAULT_DIR,
    reviews: Annotated[
        bool, typer.Option(help="Add the review queue's labels (datasets/reviews/labels.jsonl)")
    ] = True,
) -> None:
    """Compare the configured judge (OCI_JUDGE_MODEL) with people's labels, per criterion."""
    settings = Settings()
    rubric = load_rubric()
    try:
        items = load_items(directory / "items.jsonl")
        labels = load_labels(directory / "labels", items, rubric)
        if reviews:
            items, labels = _with_reviews(settings, items, labels)
    except CalibrationError as error:
        err_console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(2) from error
    counts = Counter(label.annotator for label in labels)
    console.print(
        f"{len(items)} items; labels by "
        + ", ".join(f"{name} ({n})" for name, n in sorted(counts.items())),
        soft_wrap=True,
    )
    judged = asyncio.run(judge_items(items, settings))
    results = compare(labels, judged, rubric)
    table = Table(title=f"Judge {judge_config(settings).model} vs people", title_justify="left")
    for column in ("criterion", "n", "κ", "TPR", "TNR", "people κ"):
        table.add_column(column, no_wrap=column != "κ")
    for r in results:
        between = r.annotators
        table.add_row(
            r.criterion,
            str(r.judge.n),
            _kappa(r.judge),
            _ci(r.judge.tpr, None),
            _ci(r.judge.tnr, None),
            f"{_ci(between.kappa, None)} ({between.n})" if between else "—",
        )
    console.print(table)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = settings.reports_dir / "calibration" / stamp / "report.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(results, judge_config(settings).model, len(items)))
    errors = sum(1 for verdicts in judged.values() if not verdicts)
    if errors:
        console.print(f"{errors} items got no verdict from the judge (judge errors)")
    console.print(f"report: {out}")


@judge_app.command("starter-set")
def starter_set_command(
    directory: Annotated[Path, typer.Option("--dir", help="Where to write")] = DEFAULT_DIR,
    dataset: Annotated[str, typer.Option(help="Golden set version")] = "v1",
    per_family: Annotated[int, typer.Option(min=2, help="Variants per family")] = 8,
) -> None:
    """(Re)write the starter items and their construction labels (eval/calibration_starter)."""
    from eval.calibration_starter import build_starter, write_starter
    from eval.dataset.loader import load_golden
    from eval.eval_cli import resolve_pairs
    from eval.metaeval import production_outputs
    from eval.samples import golden_samples

    settings = Settings()
    samples, _ = golden_samples(load_golden(dataset, root=settings.datasets_dir))
    _, production = resolve_pairs(settings, settings.prompt_name, "", None)
    if production is None:
        err_console.print("[bold red]error:[/] no production pair: run make eval first")
        raise typer.Exit(2)
    outputs = asyncio.run(production_outputs(samples, production, ModelGateway()))
    items, labels = build_starter(samples, outputs, per_family=per_family)
    write_starter(directory, items, labels)
    console.print(f"{len(items)} items, {len(labels)} construction labels in {directory}")
