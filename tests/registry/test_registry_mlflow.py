"""The MLflow registry on the sqlite store and on `mlflow server` (sqlite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from mlflow.entities.model_registry.prompt_version import PromptModelConfig

from eval.registry_cli import AliasMoveError, move_production, rollback, set_canary
from service.prompt_source import PromptSource
from service.registry.mlflow_registry import HASH_TAG, MlflowPromptRegistry
from service.registry.protocol import (
    EVAL_HEADLINE_TAG,
    NOT_EVALUATED,
    PRODUCTION,
    RegistryError,
    RegistryNotFoundError,
)

# Fixture types; not imported from conftest, whose module name other test folders share.
SourceFactory = Callable[..., PromptSource]


def test_register_round_trips_the_exact_pair(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    source = make_source(note="\n  Trailing spaces and {braces} survive.  \n")
    result = registry.register(source, git_commit="abc123", author="ds@example.com")
    assert result.created

    loaded = registry.load_version(source.pair.name, result.version)

    assert loaded.content_hash == source.pair.content_hash
    assert loaded.template == source.pair.template
    assert loaded.model == source.pair.model
    assert loaded.version == result.version
    tags = registry.version_tags(source.pair.name, result.version)
    assert tags[HASH_TAG] == source.pair.content_hash
    assert tags["oci.git_commit"] == "abc123"
    assert tags["oci.author"] == "ds@example.com"


def test_register_attaches_model_config_to_the_version(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    source = make_source()
    result = registry.register(source, git_commit="c", author="a")
    client = registry._client  # the MLflow view: what the UI and other MLflow users see
    version = client.get_prompt_version(source.pair.name, result.version)
    config = version.model_config
    # MLflow's own fields at the top (the UI labels them), the rest named in extra_params.
    assert set(config) - {"extra_params"} <= set(PromptModelConfig.model_fields)
    assert config["model_name"] == source.pair.model.primary and config["provider"] == "local"
    assert config["max_tokens"] == source.pair.model.max_tokens
    assert config["extra_params"]["fallbacks"] == list(source.pair.model.fallbacks)
    assert version.commit_message == source.changelog


def test_the_evaluation_status_is_the_first_tag_of_a_version_and_stays_first(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    """The MLflow UI shows a version's first three tags; the verdict must be among them."""
    source = make_source()
    version = registry.register(source, git_commit="c", author="a").version
    client = registry._client

    def user_tags() -> list[tuple[str, str]]:
        found = client.get_prompt_version(source.pair.name, version).tags
        return [(k, v) for k, v in found.items() if not k.startswith(("mlflow.", "_mlflow"))]

    assert user_tags()[0] == (EVAL_HEADLINE_TAG, NOT_EVALUATED)
    for key, value in {
        "oci.bootstrapped": "true",
        "oci.verdict": "FAIL",
        "oci.eval_run_id": "r1",
        EVAL_HEADLINE_TAG: "FAIL vs omni-summary@1: 2 checks",
    }.items():
        registry.set_version_tag(source.pair.name, version, key, value)
    assert user_tags()[0] == (EVAL_HEADLINE_TAG, "FAIL vs omni-summary@1: 2 checks")
    registry.set_version_tag(source.pair.name, version, EVAL_HEADLINE_TAG, "PASS vs x@1")
    assert user_tags()[0] == (EVAL_HEADLINE_TAG, "PASS vs x@1")


def test_a_version_stored_in_the_earlier_flat_form_still_loads(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    pair = make_source().pair
    client = registry._client
    client.create_prompt(pair.name, None, {})
    template = [
        {"role": "system", "content": pair.template.system},
        {"role": "user", "content": pair.template.user},
    ]
    flat = {"model_name": pair.model.primary, **pair.model.canonical()}
    tags = {HASH_TAG: pair.content_hash, "oci.variables": json.dumps(pair.template.variables)}
    created = client.create_prompt_version(pair.name, template, "old", tags, model_config=flat)
    loaded = registry.load_version(pair.name, str(created.version))
    assert loaded.content_hash == pair.content_hash and loaded.model == pair.model


def test_register_same_content_twice_is_a_noop(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    source = make_source()
    first = registry.register(source, git_commit="c1", author="a")
    again = registry.register(source, git_commit="c2", author="b")
    changed = registry.register(make_source(note=" v2"), git_commit="c3", author="a")

    assert not again.created
    assert again.version == first.version
    assert changed.created
    assert int(changed.version) == int(first.version) + 1


def test_load_refuses_a_version_whose_hash_does_not_match(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    source = make_source()
    version = registry.register(source, git_commit="c", author="a").version
    registry.set_version_tag(source.pair.name, version, HASH_TAG, "0" * 64)

    with pytest.raises(RegistryError, match="content hash mismatch"):
        registry.load_version(source.pair.name, version)


def test_missing_prompt_and_alias_are_not_found(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    source = make_source()
    registry.register(source, git_commit="c", author="a")

    assert registry.alias_version(source.pair.name, PRODUCTION) is None
    with pytest.raises(RegistryNotFoundError):
        registry.load_serving(source.pair.name)
    with pytest.raises(RegistryNotFoundError):
        registry.alias_version("no-such-prompt-anywhere", PRODUCTION)


def test_alias_moves_are_audited_and_rollback_unwinds_history(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    v1 = registry.register(make_source(), git_commit="c", author="a").version
    name = make_source().pair.name
    v2 = registry.register(make_source(note=" v2"), git_commit="c", author="a").version
    v3 = registry.register(make_source(note=" v3"), git_commit="c", author="a").version

    with pytest.raises(AliasMoveError):
        move_production(registry, name, v1, who="ds")
    move_production(registry, name, v1, who="ds", force_reason="first production")
    move_production(registry, name, v2, who="ds", eval_run_id="run-2")
    move_production(registry, name, v3, who="ds", eval_run_id="run-3")
    rollback(registry, name, who="oncall", reason="not_helpful spike")
    assert registry.alias_version(name, PRODUCTION) == v2
    rollback(registry, name, who="oncall", reason="still bad")
    assert registry.alias_version(name, PRODUCTION) == v1

    trail = registry.audit_trail(name)
    assert [(e.action, e.from_version, e.to_version) for e in trail] == [
        ("force", None, v1),
        ("promote", v1, v2),
        ("promote", v2, v3),
        ("rollback", v3, v2),
        ("rollback", v2, v1),
    ]
    assert trail[1].eval_run_id == "run-2"
    assert trail[3].who == "oncall"
    assert trail[3].force_reason == "not_helpful spike"
    assert trail[0].when < trail[-1].when
    with pytest.raises(AliasMoveError, match="no previous"):
        rollback(registry, name, who="oncall", reason="nothing left")


def test_canary_alias_weight_and_clear(
    registry: MlflowPromptRegistry, make_source: SourceFactory
) -> None:
    v1 = registry.register(make_source(), git_commit="c", author="a").version
    name = make_source().pair.name
    v2 = registry.register(make_source(note=" v2"), git_commit="c", author="a").version
    move_production(registry, name, v1, who="ds", force_reason="start")

    with pytest.raises(AliasMoveError, match="already is production"):
        set_canary(registry, name, v1, 10, who="ds", force_reason="test setup")
    set_canary(registry, name, v2, 25, who="ds", force_reason="test setup")
    served = registry.load_serving(name)
    assert (served.production.version, served.canary_weight) == (v1, 25)
    assert served.canary is not None and served.canary.version == v2

    set_canary(registry, name, None, 0, who="ds")
    served = registry.load_serving(name)
    assert served.canary is None
    assert served.canary_weight == 0
    assert registry.canary(name).version is None
    assert [e.weight for e in registry.audit_trail(name) if e.action == "canary"] == [25, 0]
