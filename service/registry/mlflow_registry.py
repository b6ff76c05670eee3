"""`PromptRegistry` on the MLflow Prompt Registry (sqlite store or `mlflow server`).

Storage, per prompt version:
- the template as an MLflow *chat* prompt: `[{"role": "system", ...}, {"role": "user", ...}]`.
  MLflow keeps it as `json.dumps` of that list and `json.loads` it back, so both strings
  round-trip exactly (no whitespace stripping, no brace conversion);
- `model_config`: MLflow's `PromptModelConfig` fields (`provider`, `model_name`,
  `temperature`, `max_tokens`) and every other option under `extra_params`, so the MLflow
  UI labels each one (`service.registry.mlflow_model_config`);
- version tags, in the order the MLflow UI lists them (it shows the first three): `oci.eval`
  (the latest evaluation in a few words, "not evaluated" until the eval suite writes it),
  `oci.content_hash`, `oci.variables` (JSON list, declared order), `oci.git_commit`,
  `oci.author`, `oci.source`; the changelog line is the version's commit message.
  A loaded pair is rebuilt and re-hashed; a mismatch with `oci.content_hash` is refused.

Per prompt: tag `oci.canary` = `{"version", "weight"}`, and one `oci.audit.<UTC stamp>.<id>`
tag per alias change (newest `AUDIT_KEEP` kept). Reads bypass MLflow's prompt cache.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient

from service.prompt_source import PromptSource
from service.prompts import PromptPair
from service.registry.mlflow_model_config import from_mlflow, to_mlflow
from service.registry.protocol import (
    CANARY,
    EVAL_HEADLINE_TAG,
    NOT_EVALUATED,
    PRODUCTION,
    AuditEntry,
    CanaryState,
    RegisteredVersion,
    RegistryError,
    RegistryNotFoundError,
    RegistryUnavailableError,
    ServingSet,
    verified_pair,
)

T = TypeVar("T")
HASH_TAG = "oci.content_hash"
VARIABLES_TAG = "oci.variables"
CANARY_TAG = "oci.canary"
AUDIT_PREFIX = "oci.audit."
AUDIT_KEEP = 200
_ABSENT = {"RESOURCE_DOES_NOT_EXIST", "NOT_FOUND"}
_REJECTED = {"INVALID_PARAMETER_VALUE", "RESOURCE_ALREADY_EXISTS", "PERMISSION_DENIED"}


class MlflowPromptRegistry:
    """The MLflow-backed registry; every call goes to `tracking_uri`, nothing is global."""

    def __init__(self, tracking_uri: str, *, registry_uri: str | None = None) -> None:
        """Create a client for `tracking_uri` (`sqlite:///...` or `http://host:port`)."""
        self.tracking_uri = tracking_uri
        self._client = MlflowClient(tracking_uri=tracking_uri, registry_uri=registry_uri)

    def _call(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one client call, translating failures into the protocol's errors."""
        try:
            return fn(*args, **kwargs)
        except MlflowException as exc:
            if exc.error_code in _ABSENT:
                raise RegistryNotFoundError(f"{what}: {exc.message}") from exc
            if exc.error_code in _REJECTED:
                raise RegistryError(f"{what}: {exc.message}") from exc
            raise RegistryUnavailableError(f"{what}: {exc.message}") from exc
        except Exception as exc:
            # Transport and driver errors (requests, sqlalchemy): unusable right now.
            raise RegistryUnavailableError(f"{what}: {type(exc).__name__}: {exc}") from exc

    def _prompt(self, name: str) -> Any:
        # The store's get_registered_model: MlflowClient.get_registered_model hides prompts
        # and get_prompt turns every error (even "server down") into None, while this raises
        # properly and returns aliases and tags from one consistent read.
        store = self._client._get_registry_client()
        return self._call(f"prompt {name}", store.get_registered_model, name)

    def find_version(self, name: str, content_hash: str) -> str | None:
        """The version of `name` whose content hash is `content_hash`, if any."""
        token: str | None = None
        while True:
            search = self._client.search_prompt_versions
            try:
                page = self._call(f"versions of {name}", search, name, 100, token)
            except RegistryNotFoundError:
                return None
            for version in page:
                if version.tags.get(HASH_TAG) == content_hash:
                    return str(version.version)
            token = page.token
            if not token:
                return None

    def register(self, source: PromptSource, *, git_commit: str, author: str) -> RegisteredVersion:
        """Register `source` as a new version unless its content hash is already stored.

        Raises:
            RegistryError: The stored version does not load back to the same hash.
        """
        pair = source.pair
        try:
            self._prompt(pair.name)
        except RegistryNotFoundError:
            self._call(f"create {pair.name}", self._client.create_prompt, pair.name, None, {})
        existing = self.find_version(pair.name, pair.content_hash)
        if existing is not None:
            return RegisteredVersion(pair.name, existing, pair.content_hash, created=False)
        # In this order: MLflow lists a version's tags as they were first written and its
        # UI shows three, so the evaluation status comes first (updated in place later).
        tags = {
            EVAL_HEADLINE_TAG: NOT_EVALUATED,
            HASH_TAG: pair.content_hash,
            VARIABLES_TAG: json.dumps(list(pair.template.variables)),
            "oci.git_commit": git_commit,
            "oci.author": author,
            "oci.source": str(source.path),
        }
        model_config = to_mlflow(pair.model)
        template = [
            {"role": "system", "content": pair.template.system},
            {"role": "user", "content": pair.template.user},
        ]
        create = self._client.create_prompt_version
        created = self._call(
            f"register {pair.name}",
            create,
            pair.name,
            template,
            source.changelog,
            tags,
            model_config=model_config,
        )
        version = str(created.version)
        self.load_version(pair.name, version)  # proves the round trip before anyone uses it
        return RegisteredVersion(pair.name, version, pair.content_hash, created=True)

    def _version(self, name: str, version: str) -> Any:
        found = self._call(f"{name}@{version}", self._client.get_prompt_version, name, version)
        if found is None:
            raise RegistryNotFoundError(f"{name}@{version}: no such prompt version")
        return found

    def load_version(self, name: str, version: str) -> PromptPair:
        """The verified pair stored as `name` version `version`."""
        return _pair_from_version(self._version(name, version))

    def alias_version(self, name: str, alias: str) -> str | None:
        """The version `alias` points at, or None."""
        return _aliases(self._prompt(name)).get(alias)

    def set_alias(self, name: str, alias: str, version: str, *, audit: AuditEntry) -> None:
        """Point `alias` at `version`, then append `audit`."""
        self._call(f"alias {alias}", self._client.set_prompt_alias, name, alias, int(version))
        self._append_audit(name, audit)

    def delete_alias(self, name: str, alias: str, *, audit: AuditEntry) -> None:
        """Remove `alias` when set, then append `audit`."""
        if self.alias_version(name, alias) is not None:
            self._call(f"delete {alias}", self._client.delete_prompt_alias, name, alias)
        self._append_audit(name, audit)

    def canary(self, name: str) -> CanaryState:
        """The canary alias and weight; weight 0 while alias and weight tag disagree."""
        return _canary_state(self._prompt(name))

    def set_canary(self, name: str, version: str | None, weight: int, *, audit: AuditEntry) -> None:
        """Point `canary` at `version` with `weight`, or clear it when `version` is None."""
        if version is None:
            # Weight first: a reader between the two writes sees "no canary traffic".
            self._call("canary tag", self._client.delete_prompt_tag, name, CANARY_TAG)
            self.delete_alias(name, CANARY, audit=audit)
            return
        self._call("canary", self._client.set_prompt_alias, name, CANARY, int(version))
        value = json.dumps({"version": version, "weight": weight})
        self._call("canary tag", self._client.set_prompt_tag, name, CANARY_TAG, value)
        self._append_audit(name, audit)

    def set_version_tag(self, name: str, version: str, key: str, value: str) -> None:
        """Tag one version."""
        tag = self._client.set_prompt_version_tag
        self._call(f"tag {name}@{version}", tag, name, version, key, value)

    def version_tags(self, name: str, version: str) -> dict[str, str]:
        """The tags of one version (MLflow's internal `mlflow.*` tags excluded)."""
        tags = self._version(name, version).tags.items()
        return {key: value for key, value in tags if not key.startswith("mlflow.")}

    def audit_trail(self, name: str) -> list[AuditEntry]:
        """Alias changes, oldest first (keys sort chronologically)."""
        tags = dict(self._prompt(name).tags)
        keys = sorted(key for key in tags if key.startswith(AUDIT_PREFIX))
        return [AuditEntry.from_json(tags[key]) for key in keys]

    def load_serving(self, name: str) -> ServingSet:
        """Production and canary from one read of the aliases; both verified or an error."""
        prompt = self._prompt(name)
        production = _aliases(prompt).get(PRODUCTION)
        if production is None:
            raise RegistryNotFoundError(f"{name}: no '{PRODUCTION}' alias")
        state = _canary_state(prompt)
        wanted = state.version is not None and state.weight > 0
        canary = self.load_version(name, str(state.version)) if wanted else None
        return ServingSet(self.load_version(name, str(production)), canary, state.weight)

    def _append_audit(self, name: str, entry: AuditEntry) -> None:
        stamp = entry.when.replace("-", "").replace(":", "").replace("+0000", "Z")
        # A random suffix, not a counter: two operators writing at once never collide.
        key = f"{AUDIT_PREFIX}{stamp}.{uuid.uuid4().hex[:6]}"
        self._call("audit", self._client.set_prompt_tag, name, key, entry.to_json())
        old = sorted(k for k in self._prompt(name).tags if k.startswith(AUDIT_PREFIX))
        for stale in old[:-AUDIT_KEEP]:
            self._call("audit prune", self._client.delete_prompt_tag, name, stale)


def _aliases(prompt: Any) -> dict[str, str]:
    return {str(alias): str(version) for alias, version in dict(prompt.aliases).items()}


def _canary_state(prompt: Any) -> CanaryState:
    version = _aliases(prompt).get(CANARY)
    raw = dict(prompt.tags).get(CANARY_TAG)
    if version is None or raw is None:
        return CanaryState(version, 0)
    data = json.loads(raw)
    # Alias and weight are two writes; until they agree the canary gets no traffic.
    weight = int(data["weight"]) if str(data.get("version")) == version else 0
    return CanaryState(version, weight)


def _pair_from_version(found: Any) -> PromptPair:
    name, version = str(found.name), str(found.version)
    messages = found.template
    roles = [m.get("role") for m in messages] if isinstance(messages, list) else None
    if roles != ["system", "user"]:
        raise RegistryError(f"{name}@{version}: not a system+user chat prompt")
    tags = found.tags
    if HASH_TAG not in tags or VARIABLES_TAG not in tags:
        raise RegistryError(f"{name}@{version}: missing {HASH_TAG} or {VARIABLES_TAG} tag")
    config = from_mlflow(found.model_config or {})
    return verified_pair(
        name=name,
        version=version,
        system=messages[0]["content"],
        user=messages[1]["content"],
        variables=json.loads(tags[VARIABLES_TAG]),
        model_config=config,
        expected_hash=tags[HASH_TAG],
        source=f"prompts:/{name}/{version}",
    )
