"""The prompt registry as the rest of the code sees it: a protocol plus typed results.

The MLflow implementation lives in `mlflow_registry.py`; tests and the serving provider only
depend on this protocol, so a fake or another store is a first-class backend.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import ValidationError

from service.model_config import ModelConfig
from service.prompt_source import PromptSource
from service.prompts import PromptPair, PromptTemplate, content_hash

PRODUCTION = "production"
CANARY = "canary"


EVAL_HEADLINE_TAG = "oci.eval"
"""A version's latest evaluation in a few words ("PASS vs omni-summary@1"), its first tag.

The eval suite writes it with its run (`eval.tracking`); the registry writes it first, as
`NOT_EVALUATED`, so that the MLflow UI, which lists a version's first three tags, shows it.
Promotion reads its own evidence tags, not this one.
"""
NOT_EVALUATED = "not evaluated"


def utc_timestamp() -> str:
    """Now as an ISO-8601 UTC timestamp with microseconds (the audit trail's `when`)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class RegistryError(RuntimeError):
    """The registry answered, but with something this code refuses to use."""


class RegistryUnavailableError(RegistryError):
    """The registry could not be reached (or did not answer in time)."""


class RegistryNotFoundError(RegistryError, LookupError):
    """The prompt, version or alias does not exist."""


class AliasMoveError(ValueError):
    """An alias move that the rules forbid (no evidence, nothing to roll back to...)."""


@dataclass(frozen=True)
class RegisteredVersion:
    """The outcome of `register`: the version holding the content, and whether it is new."""

    name: str
    version: str
    content_hash: str
    created: bool


@dataclass(frozen=True)
class AuditEntry:
    """One alias change: who, when, what moved where, and on which evidence.

    `action` is one of `promote`, `force`, `rollback`, `bootstrap`, `canary`.
    """

    who: str
    when: str
    action: str
    alias: str
    from_version: str | None
    to_version: str | None
    eval_run_id: str | None = None
    force_reason: str | None = None
    weight: int | None = None

    def to_json(self) -> str:
        """Compact JSON, readable as a tag value in the MLflow UI."""
        data = {key: value for key, value in asdict(self).items() if value is not None}
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> AuditEntry:
        """Parse what `to_json` wrote (missing optional fields become None)."""
        data: dict[str, Any] = json.loads(text)
        return cls(
            who=str(data["who"]),
            when=str(data["when"]),
            action=str(data["action"]),
            alias=str(data["alias"]),
            from_version=data.get("from_version"),
            to_version=data.get("to_version"),
            eval_run_id=data.get("eval_run_id"),
            force_reason=data.get("force_reason"),
            weight=data.get("weight"),
        )


@dataclass(frozen=True)
class CanaryState:
    """The canary alias, its traffic weight in percent, and whether both agree."""

    version: str | None
    weight: int


@dataclass(frozen=True)
class ServingSet:
    """Everything the service serves for one prompt, loaded completely or not at all."""

    production: PromptPair
    canary: PromptPair | None
    canary_weight: int


class PromptRegistry(Protocol):
    """Versioned prompt/model pairs with aliases and an audit trail."""

    def register(self, source: PromptSource, *, git_commit: str, author: str) -> RegisteredVersion:
        """Register `source` unless a version with the same content hash exists."""
        ...

    def load_version(self, name: str, version: str) -> PromptPair:
        """The pair stored as `name` version `version`, verified against its content hash."""
        ...

    def alias_version(self, name: str, alias: str) -> str | None:
        """The version `alias` points at, or None when the alias is not set."""
        ...

    def set_alias(self, name: str, alias: str, version: str, *, audit: AuditEntry) -> None:
        """Point `alias` at `version` and append `audit` to the prompt's trail."""
        ...

    def delete_alias(self, name: str, alias: str, *, audit: AuditEntry) -> None:
        """Remove `alias` (a no-op when absent) and append `audit` to the trail."""
        ...

    def canary(self, name: str) -> CanaryState:
        """The canary alias and its weight (weight 0 when unset or inconsistent)."""
        ...

    def set_canary(self, name: str, version: str | None, weight: int, *, audit: AuditEntry) -> None:
        """Point `canary` at `version` with `weight` percent, or clear it (version None)."""
        ...

    def set_version_tag(self, name: str, version: str, key: str, value: str) -> None:
        """Tag one version (evidence, bootstrap markers)."""
        ...

    def version_tags(self, name: str, version: str) -> dict[str, str]:
        """The user tags of one version."""
        ...

    def audit_trail(self, name: str) -> list[AuditEntry]:
        """The prompt's alias changes, oldest first."""
        ...

    def load_serving(self, name: str) -> ServingSet:
        """Production plus canary, each verified; raises rather than return a partial set."""
        ...


def verified_pair(
    *,
    name: str,
    version: str,
    system: str,
    user: str,
    variables: list[str],
    model_config: dict[str, Any],
    expected_hash: str,
    source: str,
) -> PromptPair:
    """Rebuild a pair from stored parts; refuse it unless it hashes to `expected_hash`.

    This is the guard that keeps a truncated, hand-edited or half-written version from
    ever being served: what is served is byte-for-byte what was registered.
    """
    try:
        model = ModelConfig.model_validate(model_config)
    except ValidationError as exc:
        raise RegistryError(f"{name}@{version}: stored model_config is invalid: {exc}") from exc
    template = PromptTemplate(system=system, user=user, variables=tuple(variables))
    digest = content_hash(template, model)
    if digest != expected_hash:
        raise RegistryError(
            f"{name}@{version}: content hash mismatch (stored {expected_hash[:12]}, "
            f"loaded {digest[:12]}); refusing to serve it"
        )
    return PromptPair(
        name=name,
        version=version,
        template=template,
        model=model,
        content_hash=digest,
        source=source,
    )


def previous_production(trail: list[AuditEntry], current: str | None) -> str | None:
    """The version production held before `current` took over (rollbacks unwound)."""
    for entry in reversed(trail):
        # Skipping rollback entries makes repeated rollbacks walk back through history
        # instead of toggling between the last two versions.
        if entry.alias == PRODUCTION and entry.action != "rollback" and entry.to_version == current:
            return entry.from_version
    return None
