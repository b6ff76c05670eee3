"""A pair's `ModelConfig` in MLflow's own prompt `model_config`, so the MLflow UI reads it.

MLflow 3's `PromptModelConfig` has the fields its UI labels (`provider`, `model_name`,
`temperature`, `max_tokens`, ...) and `extra_params` for the rest, which the UI lists key by
key. Stored flat, every field MLflow does not know showed as a bare value without its name
(`: 7.5`) and the price table as `[object Object]`. So the primary model is `model_name`, its
litellm provider `provider`, `temperature` and `max_tokens` are MLflow's fields, and every
other option (fallbacks, timeouts, budget, backoff, endpoint, region, prices) is one named
entry of `extra_params`. Options left unset (None) are stored as None, which the UI skips.

The stored form maps back to exactly `ModelConfig.canonical()`, so the content hash of a
version does not depend on how it was stored; versions registered in the earlier flat form
(the canonical fields plus `model_name`) load too.
"""

from __future__ import annotations

from typing import Any

from service.model_config import ModelConfig

MLFLOW_FIELDS = ("temperature", "max_tokens")
"""Options that are `PromptModelConfig` fields of the same name and meaning."""
EXTRA = "extra_params"
_UI_ONLY_KEYS = ("model_name", "provider")


def provider_of(model: str) -> str | None:
    """The litellm provider of a model string (`bedrock/converse/...` -> `bedrock`)."""
    provider, slash, _ = model.partition("/")
    return provider if slash else None


def to_mlflow(config: ModelConfig) -> dict[str, Any]:
    """The `model_config` to register: MLflow's fields, then the rest under `extra_params`."""
    rest = config.canonical()
    primary = rest.pop("primary")
    stored: dict[str, Any] = {"provider": provider_of(primary), "model_name": primary}
    stored.update({name: rest.pop(name) for name in MLFLOW_FIELDS})
    # The UI prints a nested value as JSON on one line: unset prices (None) only lengthen it,
    # and validation restores them on load.
    rest["prices"] = {
        model: {kind: value for kind, value in price.items() if value is not None}
        for model, price in rest.get("prices", {}).items()
    }
    stored[EXTRA] = rest
    return {key: value for key, value in stored.items() if value is not None}


def from_mlflow(stored: dict[str, Any]) -> dict[str, Any]:
    """The canonical `ModelConfig` fields of a stored `model_config` (either form)."""
    extra = stored.get(EXTRA)
    if not isinstance(extra, dict):  # the earlier flat form
        return {key: value for key, value in stored.items() if key not in _UI_ONLY_KEYS}
    config = {"primary": stored.get("model_name"), **extra}
    config.update({name: stored[name] for name in MLFLOW_FIELDS if name in stored})
    return config
