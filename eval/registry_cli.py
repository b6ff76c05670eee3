"""`oci registry ...`: register prompt versions, inspect aliases, canary weights, rollback.

Thin over `eval.promotion`, which holds the rules: production and the canary move only with
evidence (a passing eval's run id) or an explicit, audited reason.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eval.promotion import (
    move_production,
    open_registry,
    rollback,
    set_canary,
)
from service.prompt_source import PromptSourceError
from service.registry.bootstrap import default_who, git_commit
from service.registry.canary import CanaryWeightError
from service.registry.protocol import PRODUCTION, AliasMoveError, RegistryError
from service.registry.validation import prompt_dirs, validate_prompt_dir
from service.settings import Settings

# Re-exported for callers of the older location; the rules live in `eval.promotion`.
__all__ = ["move_production", "open_registry", "registry_app", "rollback", "set_canary"]

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
    force: Annotated[bool, typer.Option(help="Without a passing eval (needs --reason)")] = False,
    reason: Annotated[str, typer.Option(help="Required with --force; audited")] = "",
    tracking_uri: TrackingUri = DEFAULT_TRACKING_URI,
    who: Who = "",
) -> None:
    """Set the canary version and weight (0 clears it), audited.

    The version needs a passing `oci eval --version N` against the current production,
    or `--force --reason "..."`.
    """
    if force and not reason.strip():
        raise _fail("--force needs --reason; it is recorded in the audit trail")
    registry = open_registry(tracking_uri)
    with _reported():
        entry = set_canary(
            registry,
            prompt,
            version or None,
            weight,
            who=who,
            force_reason=reason.strip() if force else None,
        )
    change = f"{entry.from_version or '-'} -> {entry.to_version or '-'}"
    evidence = (
        f" (forced: {entry.force_reason})"
        if entry.force_reason
        else f" (eval run {entry.eval_run_id})"
        if entry.eval_run_id
        else ""
    )
    console.print(f"{prompt}: canary {change} at {weight}%{evidence}")


@registry_app.command("rollback")
def rollback_command(
    prompt: PromptName,
    reason: Annotated[str, typer.Option(help="Why (recorded in the audit trail)")],
    keep_canary: Annotated[
        bool, typer.Option("--keep-canary", help="Leave a running canary serving")
    ] = False,
    tracking_uri: TrackingUri = DEFAULT_TRACKING_URI,
    who: Who = "",
) -> None:
    """Move production back to the previous version, audited; a running canary is cleared."""
    registry = open_registry(tracking_uri)
    with _reported():
        outcome = rollback(registry, prompt, who=who, reason=reason, keep_canary=keep_canary)
    moved = outcome.production
    console.print(f"{prompt}: production {moved.from_version} -> {moved.to_version}")
    if outcome.canary_state == "cleared":
        console.print(f"{prompt}: canary {outcome.canary_version} cleared (was serving)")
    elif outcome.canary_state == "kept":
        console.print(f"{prompt}: canary {outcome.canary_version} kept (--keep-canary)")
    else:
        console.print(f"{prompt}: no canary was running")


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
