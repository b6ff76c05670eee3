"""`oci etl`, `oci report` and `oci simulate`: the feedback loop's analytics half.

Settings are read here (the edge); the blob store is the configured one: the local folder
`<state_dir>/blobs` on the embedded default, S3 (listed and downloaded through the
`BlobStore` protocol into staging) when `OCI_BACKEND=aws`.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eval.warehouse.etl import EtlReport, WarehousePaths, connect, run_etl
from eval.weekly.week import last_complete_week, week_name, week_start
from service.backends.local_blobs import LocalBlobStore
from service.backends.protocols import BlobStore
from service.registry.protocol import ServingSet
from service.settings import Settings

console = Console(stderr=True)
# `oci simulate` leaves a marker per week here, so `oci report` knows the week is simulated.
SIMULATED_WEEKS = "simulated-weeks"
WeekOption = Annotated[str, typer.Option("--week", help="ISO week, e.g. 2026-W47")]
FullOption = Annotated[bool, typer.Option("--full", help="Re-stage every partition")]


def _blob_store(settings: Settings) -> tuple[Path | None, BlobStore | None]:
    """(local folder, None) on the embedded default, (None, S3 store) on aws."""
    if settings.backend == "embedded":
        return settings.state_dir / "blobs", None
    from service.backends.s3_blobs import S3BlobStore
    from service.composition import _aws_clients

    _, s3 = _aws_clients(settings)
    return None, S3BlobStore(s3, bucket=settings.s3_bucket, prefix=settings.s3_prefix)


def _week(week: str) -> str:
    chosen = week or last_complete_week()
    try:
        week_start(chosen)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    return chosen


def _etl(settings: Settings, full: bool) -> EtlReport:
    root, store = _blob_store(settings)
    report = run_etl(
        WarehousePaths.from_settings(settings), blob_root=root, blob_store=store, full=full
    )
    rows = ", ".join(f"{table} {count}" for table, count in report.rows.items())
    console.print(
        f"ETL: {rows} ({report.restaged_partitions} changed partition(s) staged and "
        f"{report.reloaded_partitions} reloaded in {report.stage_s + report.load_s:.2f} s; "
        f"staging, overlapped with loading, done after {report.stage_s:.2f} s)"
    )
    return report


def etl_command(full: FullOption = False) -> None:
    """Load processed records, feedback and the request log into the DuckDB warehouse."""
    _etl(Settings(), full)


def _week_to_report(
    settings: Settings, asked: str, available: list[str], *, current: str | None = None
) -> str:
    """`asked`, or the newest week with data that has ended (the week in progress only when
    no other has data); exits 1 naming the weeks that have some."""
    simulated = settings.state_dir / SIMULATED_WEEKS
    if not available:
        console.print(
            "[bold red]error:[/] the warehouse holds no week yet: `make simulate` writes a "
            "simulated week, `make serve` takes real traffic"
        )
        raise typer.Exit(1)
    if asked and asked not in available:
        named = ", ".join(
            f"{w} (simulated)" if (simulated / w).is_file() else w for w in available[-6:]
        )
        console.print(
            f"[bold red]error:[/] {asked} has no summaries, feedback or requests in the "
            f"warehouse, so its report would be n/a throughout. Weeks with data: {named}. "
            f"`make report WEEK={available[-1]}`, or `make simulate WEEK={asked}` first."
        )
        raise typer.Exit(1)
    if asked:
        return asked
    current = current or week_name(datetime.now(UTC).date())
    ended = [week for week in available if week < current]
    return ended[-1] if ended else available[-1]


def report_command(
    week: WeekOption = "",
    skip_etl: Annotated[bool, typer.Option("--skip-etl", help="Use the loaded warehouse")] = False,
    mlflow: Annotated[bool, typer.Option(help="Log the report as an MLflow run")] = True,
) -> None:
    """Weekly report (default: the newest ended week with data) and the week's regression set."""
    from eval.cache import EvalCache
    from eval.weekly.available import weeks_with_data
    from eval.weekly.report import build_weekly_report

    settings = Settings()
    asked = _week(week) if week else ""
    if not skip_etl:
        _etl(settings, False)
    started = time.perf_counter()
    # Judge answers are cached with the eval suite's: re-running a week costs no judge call.
    cache = EvalCache(settings.state_dir / "eval-cache.sqlite")
    try:
        with connect(WarehousePaths.from_settings(settings).database) as conn:
            chosen = _week_to_report(settings, asked, weeks_with_data(conn))
            if chosen == week_name(datetime.now(UTC).date()):
                console.print(f"{chosen} is still in progress: the report covers it up to now")
            outcome = build_weekly_report(
                conn,
                chosen,
                out_root=settings.reports_dir / "weekly",
                datasets_dir=settings.datasets_dir,
                tracking_uri=settings.mlflow_tracking_uri if mlflow else None,
                artifacts_dir=settings.mlflow_artifacts_dir,
                judge_cache=cache.judge_view(),
                simulated=(settings.state_dir / SIMULATED_WEEKS / chosen).is_file(),
            )
    finally:
        cache.close()
    console.print(f"report {chosen} in {time.perf_counter() - started:.2f} s:")
    for name, path in outcome.files.items():
        console.print(f"  {name}: {path}")
    console.print(
        f"  regression set (gated): {outcome.regression_path or 'none: no production case'}"
    )
    if outcome.simulated_regression_path:
        console.print(f"  simulated cases (never gated): {outcome.simulated_regression_path}")
    if outcome.mlflow_run_id:
        console.print(f"  MLflow run: {outcome.mlflow_run_id}")


def _serving(settings: Settings) -> ServingSet:
    """What the service would serve now: the registry's production and canary (the registry
    is bootstrapped on first use, as `oci serve` does), or the committed prompt as is with
    `OCI_PROMPT_SOURCE=local`."""
    if settings.prompt_source == "local":
        from service.composition import load_committed_pair

        return ServingSet(load_committed_pair(settings), None, 0)
    from eval.service_cli import bootstrap_registry
    from service.composition import build_registry

    bootstrap_registry(settings)
    return build_registry(settings).load_serving(settings.prompt_name)


def simulate_command(
    week: WeekOption = "",
    requests: Annotated[int, typer.Option("--requests", min=1, max=1_000_000)] = 3000,
    seed: int = 1,
    latency_scale: Annotated[
        float, typer.Option(min=0.001, max=1.0, help="Shrink simulated model waits (tests)")
    ] = 1.0,
    concurrency: Annotated[int, typer.Option(min=1, max=2000)] = 200,
) -> None:
    """Simulate a week of traffic through the service core, with feedback, into the blob store."""
    from eval.simulate.run import simulate_week
    from service.composition import build_at_rest

    settings = Settings()
    chosen = _week(week)
    serving = _serving(settings)
    root, store = _blob_store(settings)
    blobs = store if store is not None else LocalBlobStore(root or Path(), fsync=False)
    monday = datetime.combine(week_start(chosen), datetime.min.time(), tzinfo=UTC)
    marker = settings.state_dir / SIMULATED_WEEKS / chosen
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"simulated with seed {seed}\n", encoding="utf-8")
    started = time.perf_counter()
    report = asyncio.run(
        simulate_week(
            week=chosen,
            monday=monday,
            n_requests=requests,
            blobs=blobs,
            serving=serving,
            seed=seed,
            latency_scale=latency_scale,
            concurrency=concurrency,
            at_rest=build_at_rest(settings),
        )
    )
    canary = (
        f", canary version {serving.canary.version} at {serving.canary_weight} %"
        if serving.canary
        else " (no canary set)"
    )
    console.print(
        f"simulated {chosen} with {serving.production.name} production version "
        f"{serving.production.version}{canary} in {time.perf_counter() - started:.1f} s: "
        f"{report.requests} "
        f"requests ({report.generated} generated, {report.cache_hits} cache hits, "
        f"{report.errors} errors), {report.processed_records} processed records, "
        f"{report.feedback} feedback events. Next: make report WEEK={chosen}"
    )
