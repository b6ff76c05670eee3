"""`oci registry ...`: register prompt versions, inspect aliases, canary weights, rollback.

Also the alias-moving mechanism the eval gate's promote command calls (`move_production`).
Production moves only with evidence (an eval run id) or an explicit, audited reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from service.prompt_source import PromptSourceError
from service.registry.bootstrap import default_who, git_commit
from service.registry.canary import CanaryWeightError, validate_weight
from service.registry.protocol import (
    CANARY,
    PRODUCTION,
    AliasMoveError,
    AuditEntry,
    PromptRegistry,
    RegistryError,
    previous_production,
    utc_timestamp,
)
from service.registry.validation import prompt_dirs, validate_prompt_dir
from service.settings import Settings

DEFAULT_TRACKING_URI = "sqlite:///mlflow/mlflow.db"

registry_app = typer.Typer(help="The prompt/model registry (MLflow).", no_args_is_help=True)
aliases_app = typer.Typer(help="Show aliases and their audit trail.", no_args_is_help=True)
canary_app = typer.Typer(help="Canary version and traffic weight.", no_args_is_help=True)
registry_app.add_typer(aliases_app, name="aliases")
registry_app.add_typer(canary_app, name="canary")
console = Console()
err_console = Console(stderr=True)

TrackingUri = Annotated[
    str, typer.Option("--tracking-uri", envvar="MLFLOW_TRACKING_URI", help="MLflow store")
]
PromptName = Annotated[str, typer.Option("--prompt", help="Prompt name")]
Who = Annotated[
    str,
    typer.Option(
        help="Audited actor (default: git user.email)", callback=lambda v: v or default_who()
    ),
]


def move_production(
    registry: PromptRegistry,
    name: str,
    version: str,
    *,
    who: str,
    eval_run_id: str | None = None,
    force_reason: str | None = None,
    clock: Callable[[], str] = utc_timestamp,
) -> AuditEntry:
    """Point `production` at `version`, audited; the mechanism behind `promote`.

    Args:
        registry: The registry.
        name: Prompt name.
        version: Target version; it must load and verify before the alias moves.
        who: Actor recorded in the audit trail.
        eval_run_id: The MLflow run whose gate passed (action `promote`).
        force_reason: Why production moves without a passing run (action `force`).
        clock: ISO timestamp source.

    Returns:
        The audit entry written.

    Raises:
        AliasMoveError: Neither an eval run id nor a force reason was given.
    """
    if not eval_run_id and not (force_reason and force_reason.strip()):
        raise AliasMoveError("moving production needs an eval run id or a force reason")
    registry.load_version(name, version)
    action, current = (
        "promote" if eval_run_id else "force",
        registry.alias_version(name, PRODUCTION),
    )
    evidence = (eval_run_id or None, force_reason or None)
    entry = AuditEntry(who, clock(), action, PRODUCTION, current, version, *evidence)
    registry.set_alias(name, PRODUCTION, version, audit=entry)
    return entry


def rollback(
    registry: PromptRegistry,
    name: str,
    *,
    who: str,
    reason: str,
    clock: Callable[[], str] = utc_timestamp,
) -> AuditEntry:
    """Move production back to the version it held before the current one, audited."""
    if not reason.strip():
        raise AliasMoveError("a rollback needs a reason")
    current = registry.alias_version(name, PRODUCTION)
    target = previous_production(registry.audit_trail(name), current)
    if target is None:
        raise AliasMoveError(f"{name}: no previous production version to roll back to")
    registry.load_version(name, target)
    entry = AuditEntry(who, clock(), "rollback", PRODUCTION, current, target, None, reason)
    registry.set_alias(name, PRODUCTION, target, audit=entry)
    return entry


def set_canary(
    registry: PromptRegistry,
    name: str,
    version: str | None,
    weight: int,
    *,
    who: str,
    clock: Callable[[], str] = utc_timestamp,
) -> AuditEntry:
    """Serve `version` to `weight` percent of accounts; weight 0 clears the canary."""
    validate_weight(weight)
    state = registry.canary(name)
    if weight > 0:
        if version is None:
            raise AliasMoveError("a canary weight above 0 needs a version")
        if version == registry.alias_version(name, PRODUCTION):
            raise AliasMoveError(f"{name}: version {version} already is production")
        registry.load_version(name, version)
    target = version if weight > 0 else None
    entry = AuditEntry(who, clock(), "canary", CANARY, state.version, target, weight=weight)
    registry.set_canary(name, target, weight, audit=entry)
    return entry


def open_registry(tracking_uri: str) -> PromptRegistry:
    """The MLflow registry at `tracking_uri` (creating the sqlite folder if needed)."""
    from service.registry.mlflow_registry import MlflowPromptRegistry

    if tracking_uri.startswith("sqlite:///"):
        Path(tracking_uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return MlflowPromptRegistry(tracking_uri)


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(2)


@contextlib.contextmanager
def _reported() -> Iterator[None]:
    try:
        yield
    except (PromptSourceError, RegistryError, AliasMoveError, CanaryWeightError) as error:
        raise _fail(str(error)) from error


@registry_app.command("register")
def register_command(
    prompt: Annotated[str, typer.Option("--prompt", help="Prompt name")] = "",
    all_prompts: Annotated[bool, typer.Option("--all", help="Every prompt in prompts/")] = False,
    tracking_uri: TrackingUri = DEFAULT_TRACKING_URI,
    who: Who = "",
) -> None:
    """Validate prompts and register a new version wherever the content hash changed."""
    if bool(prompt) == all_prompts:
        raise _fail("give exactly one of --prompt NAME or --all")
    prompts_dir = Settings().prompts_dir
    directories = prompt_dirs(prompts_dir) if all_prompts else [prompts_dir / prompt]
    registry = open_registry(tracking_uri)
    with _reported():
        for directory in directories:
            source = validate_prompt_dir(directory)
            result = registry.register(source, git_commit=git_commit(directory), author=who)
            state = "registered new" if result.created else "unchanged, existing"
            console.print(f"{result.name}: {state} version {result.version}")


@aliases_app.command("show")
def aliases_show_command(
    prompt: PromptName, tracking_uri: TrackingUri = DEFAULT_TRACKING_URI
) -> None:
    """Print production, canary (with weight) and the audit trail."""
    registry = open_registry(tracking_uri)
    with _reported():
        production = registry.alias_version(prompt, PRODUCTION)
        canary = registry.canary(prompt)
        trail = registry.audit_trail(prompt)
    console.print(f"{prompt}: production={production or '-'} ", end="")
    console.print(f"canary={canary.version or '-'} weight={canary.weight}%")
    table = Table(title=f"{prompt} audit trail")
    for column in ("when", "who", "action", "alias", "from", "to", "evidence"):
        table.add_column(column, overflow="fold")
    for e in trail:
        evidence = e.eval_run_id or e.force_reason or ("" if e.weight is None else f"{e.weight}%")
        row = (e.when, e.who, e.action, e.alias, e.from_version or "-", e.to_version or "-")
        table.add_row(*row, evidence)
    console.print(table)


@canary_app.command("set")
def canary_set_command(
    prompt: PromptName,
    weight: Annotated[int, typer.Option(help="Traffic percent: 10, 25, 50, 100, or 0 (off)")],
    version: Annotated[str, typer.Option(help="Canary version")] = "",
    tracking_uri: TrackingUri = DEFAULT_TRACKING_URI,
    who: Who = "",
) -> None:
    """Set the canary version and weight (0 clears it), audited."""
    registry = open_registry(tracking_uri)
    with _reported():
        entry = set_canary(registry, prompt, version or None, weight, who=who)
    change = f"{entry.from_version or '-'} -> {entry.to_version or '-'}"
    console.print(f"{prompt}: canary {change} at {weight}%")


@registry_app.command("rollback")
def rollback_command(
    prompt: PromptName,
    reason: Annotated[str, typer.Option(help="Why (recorded in the audit trail)")],
    tracking_uri: TrackingUri = DEFAULT_TRACKING_URI,
    who: Who = "",
) -> None:
    """Move production back to the previous version, audited."""
    registry = open_registry(tracking_uri)
    with _reported():
        entry = rollback(registry, prompt, who=who, reason=reason)
    console.print(f"{prompt}: production {entry.from_version} -> {entry.to_version}")


@registry_app.command("bootstrap")
def bootstrap_command(tracking_uri: TrackingUri = DEFAULT_TRACKING_URI, who: Who = "") -> None:
    """Register committed prompts; set production where absent (tagged bootstrapped)."""
    from service.registry.bootstrap import bootstrap

    prompts_dir = Settings().prompts_dir
    registry = open_registry(tracking_uri)
    with _reported():
        result = bootstrap(registry, prompts_dir, git_commit=git_commit(prompts_dir), author=who)
    for item in result.registered:
        console.print(f"{item.name}: version {item.version} ({'new' if item.created else 'kept'})")
    for name in result.production_set:
        console.print(f"{name}: production set by bootstrap (not promoted)")
