"""`oci serve`, `oci token`, `oci seed`: run the service and prepare its embedded data."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer
from rich.console import Console

from service.auth import authority_for
from service.models import Interaction
from service.serve import exec_uvicorn
from service.settings import Settings, load_settings

service_app = typer.Typer(help="Run the summary service and manage its tokens and demo data.")
console = Console()


@service_app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="Default: OCI_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="Default: OCI_PORT or 8080")] = None,
    workers: Annotated[int | None, typer.Option(help="Default: OCI_WORKERS or 2")] = None,
    seed: Annotated[bool, typer.Option(help="Load the golden histories first")] = True,
) -> None:
    """Serve POST /omni-channel-insights on the configured backends."""
    settings = load_settings()
    # Refuse a missing production secret here, once, before any worker starts (and create
    # the dev secret before several workers race for it).
    authority_for(settings)
    if seed and settings.backend == "embedded":
        seed_command()
    if settings.prompt_source == "registry":
        bootstrap_registry(settings)
    exec_uvicorn(
        settings,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
        name="oci serve",
    )


def bootstrap_registry(settings: Settings) -> None:
    """First run on a machine: register the committed prompts, set production if absent."""
    from service.composition import build_registry
    from service.registry.bootstrap import bootstrap, default_who, git_commit

    result = bootstrap(
        build_registry(settings),
        settings.prompts_dir,
        git_commit=git_commit(settings.prompts_dir),
        author=default_who(),
    )
    for registered in result.registered:
        if registered.created:
            console.print(f"registered {registered.name} version {registered.version}")
    for name in result.production_set:
        console.print(f"{name}: production set by bootstrap (not promoted)")


@service_app.command("token")
def token_command(
    client: Annotated[str, typer.Option(help="Client id, e.g. salesforce-prod")] = "demo-client",
    ttl_s: Annotated[
        int, typer.Option(min=60, help="At most OCI_AUTH_MAX_TOKEN_LIFETIME_S (default 3600)")
    ] = 3600,
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help="A role to grant (repeatable): reviewer for `oci review`"),
    ] = None,
) -> None:
    """Print a signed bearer token (default 1 hour) for calling the API."""
    authority = authority_for(load_settings())
    try:
        print(authority.issue(client, ttl_s=ttl_s, roles=tuple(role or ())))
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--ttl-s") from None


@service_app.command("seed")
def seed_command(
    dataset_version: str = "v2",
    shift_to_now: Annotated[
        bool, typer.Option(help="Move each history so its as_of is now (a live-looking demo)")
    ] = True,
) -> None:
    """Load the golden histories into the interaction store (idempotent)."""
    from eval.dataset.schema import HistorySample
    from service.composition import build_backends

    settings = Settings()
    path = settings.datasets_dir / "golden" / dataset_version / "histories.jsonl"
    now = datetime.now(UTC).replace(microsecond=0)
    by_account: dict[str, list[Interaction]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        sample = HistorySample.model_validate_json(line)
        shift = (now - sample.options.as_of) if shift_to_now else timedelta(0)
        by_account[sample.account_number].extend(
            item.model_copy(update={"timestamp": item.timestamp + shift})
            for item in sample.interactions
        )
    backends = build_backends(settings)

    async def load() -> None:
        for account, interactions in by_account.items():
            await backends.interactions.put_many(account, interactions)

    try:
        asyncio.run(load())
    finally:
        backends.close()
    total = sum(len(items) for items in by_account.values())
    console.print(f"seeded {total} interactions for {len(by_account)} accounts from {path}")
