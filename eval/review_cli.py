"""`oci review serve` and `oci review sync`: the review queue, and its labels in MLflow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from service.settings import Settings

review_app = typer.Typer(
    help="The review queue: QA reviewers label summaries and findings in the browser.",
    no_args_is_help=True,
)
console = Console()
err_console = Console(stderr=True)


@review_app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8090,
    week: Annotated[
        str, typer.Option(help="ISO week of the production queues (default: last complete)")
    ] = "",
    findings: Annotated[
        Path | None, typer.Option(help="An eval's findings.jsonl (default: the newest eval's)")
    ] = None,
    etl: Annotated[bool, typer.Option(help="Load the warehouse first, as oci report does")] = True,
    mlflow: Annotated[bool, typer.Option(help="Mirror labels to MLflow as assessments")] = True,
) -> None:
    """Serve the review queue (sign in with `oci token --client <you> --role reviewer`)."""
    import uvicorn

    from eval.review.app import create_review_app
    from eval.review.build import build_context, load_items, newest_findings
    from eval.review.queues import QUEUE_TITLES
    from eval.warehouse_cli import _etl, _week

    settings = Settings()
    chosen = _week(week)
    if etl:
        _etl(settings, False)
    items, sources = load_items(
        settings, week=chosen, findings=findings or newest_findings(settings.reports_dir)
    )
    context = build_context(settings, items, mirror=mlflow)
    for name, (title, _) in QUEUE_TITLES.items():
        count = len(context.queues.items(name))
        console.print(f"{title}: {count} item(s)")
    console.print(
        f"findings from {sources.findings or 'no eval yet'}; production queues of {chosen} from "
        f"{sources.warehouse or 'no warehouse (make simulate, or real traffic, first)'}",
        soft_wrap=True,
    )
    console.print(
        f"review queue on http://{host}:{port} (sign in with a token from "
        "`oci token --client <your id> --role reviewer`)",
        soft_wrap=True,
    )
    uvicorn.run(create_review_app(context), host=host, port=port, log_level="warning")


@review_app.command("sync")
def sync_command() -> None:
    """Mirror every standing label to MLflow (what a failed write left out; idempotent)."""
    from eval.review.labels import REVIEWS_DIR, LabelError, LabelStore
    from eval.review.mirror import MlflowMirror

    settings = Settings()
    try:
        labels = list(LabelStore(settings.datasets_dir / REVIEWS_DIR).standing().values())
    except LabelError as error:
        err_console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(2) from error
    mirror = MlflowMirror(
        settings.mlflow_tracking_uri, settings.prompt_name, settings.mlflow_artifacts_dir
    )
    for label in labels:
        mirror.mirror(label)
    console.print(f"{len(labels)} label(s) mirrored to {settings.mlflow_tracking_uri}")
