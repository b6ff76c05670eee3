"""First run on a fresh machine: register the committed prompts and pick a production pair.

`make eval` and `make serve` call this before anything loads `@production`, so a clone
with an empty `mlflow/` works at once. The production alias set here is marked as
bootstrapped (version tag and audit entry), so nobody mistakes it for a gated promotion.
"""

from __future__ import annotations

import getpass
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from service.registry.protocol import (
    PRODUCTION,
    AuditEntry,
    PromptRegistry,
    RegisteredVersion,
    utc_timestamp,
)
from service.registry.validation import PriceTable, prompt_dirs, validate_prompt_dir

BOOTSTRAP_TAG = "oci.bootstrapped"
BOOTSTRAP_REASON = "bootstrap: committed default pair on a fresh registry (not promoted)"


@dataclass(frozen=True)
class BootstrapResult:
    """What bootstrap did: every registration outcome and the prompts it gave a production."""

    registered: tuple[RegisteredVersion, ...]
    production_set: tuple[str, ...]


def bootstrap(
    registry: PromptRegistry,
    prompts_dir: Path,
    *,
    git_commit: str,
    author: str,
    prices: PriceTable | None = None,
    clock: Callable[[], str] = utc_timestamp,
) -> BootstrapResult:
    """Register every prompt under `prompts_dir`; set `production` where it is absent.

    Idempotent: unchanged prompts are not re-registered and an existing `production`
    alias is never moved (only the eval gate's promote command moves it).

    Args:
        registry: The registry to fill.
        prompts_dir: The `prompts/` directory (each `<name>/prompt.yaml` is a pair).
        git_commit: Commit the prompts come from (tagged on new versions).
        author: Who runs the bootstrap (tagged and audited).
        prices: litellm-style price table for validation; litellm's own when None.
        clock: ISO timestamp source for the audit entry.

    Returns:
        Registrations and the names whose production alias was set now.

    Raises:
        PromptSourceError: A committed prompt fails validation.
        RegistryError: The registry refused or could not be reached.
    """
    registered: list[RegisteredVersion] = []
    production_set: list[str] = []
    for directory in prompt_dirs(prompts_dir):
        source = validate_prompt_dir(directory, prices)
        outcome = registry.register(source, git_commit=git_commit, author=author)
        registered.append(outcome)
        if registry.alias_version(outcome.name, PRODUCTION) is not None:
            continue
        registry.set_version_tag(outcome.name, outcome.version, BOOTSTRAP_TAG, "true")
        entry = AuditEntry(
            who=author,
            when=clock(),
            action="bootstrap",
            alias=PRODUCTION,
            from_version=None,
            to_version=outcome.version,
            force_reason=BOOTSTRAP_REASON,
        )
        registry.set_alias(outcome.name, PRODUCTION, outcome.version, audit=entry)
        production_set.append(outcome.name)
    return BootstrapResult(tuple(registered), tuple(production_set))


def git_output(*args: str) -> str:
    """Output of a git command, or '' when git or the repository is unavailable."""
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def git_commit(path: Path) -> str:
    """HEAD, suffixed `+dirty` when `path` has uncommitted changes."""
    head = git_output("rev-parse", "HEAD") or "unknown"
    return (
        f"{head}+dirty"
        if git_output("--no-optional-locks", "status", "--porcelain", "--", str(path))
        else head
    )


def default_who() -> str:
    """git user.email, else the login name."""
    return git_output("config", "user.email") or getpass.getuser()
