"""Checks before an evaluation starts: every model can be priced and has its credentials.

Without them the run would not fail once with a clear message; it would fail 200 times
with a provider error per sample, or report a cost of $0 that nobody notices. Local models
(`local/...`) need neither. Bedrock models are checked through boto3's own credential chain
(environment, profile, container or instance role), everything else through litellm's
`validate_environment`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from service.model_config import ModelConfig
from service.registry.validation import PriceTable, has_litellm_price, litellm_prices

LOCAL_PREFIX = "local/"


class PreflightError(RuntimeError):
    """A model that cannot be evaluated as configured; the message says what to set."""


def _bedrock_credentials() -> bool:
    import boto3

    return boto3.Session().get_credentials() is not None


def _environment(model: str, api_base: str | None) -> list[str]:
    import litellm

    answer: Mapping[str, Any] = litellm.validate_environment(model=model, api_base=api_base)
    return list(answer.get("missing_keys") or [])


def problems(
    configs: Iterable[tuple[str, ModelConfig]],
    *,
    prices: PriceTable | None = None,
    bedrock_credentials: Callable[[], bool] = _bedrock_credentials,
    missing_keys: Callable[[str, str | None], list[str]] = _environment,
) -> list[str]:
    """One line per model that has no price or no credentials, naming what to set.

    Args:
        configs: (label, model config) pairs, e.g. ("candidate omni-summary@3", config).
        prices: litellm's price map (default: the bundled one).
        bedrock_credentials: Whether boto3 finds AWS credentials.
        missing_keys: The environment variables a model still needs.
    """
    found: list[str] = []
    table = prices
    for label, config in configs:
        for model in config.models:
            if model.startswith(LOCAL_PREFIX):
                continue
            if table is None:
                table = litellm_prices()
            if model not in config.prices and not has_litellm_price(model, table):
                found.append(
                    f"{label}: no price for '{model}': declare model_config.prices['{model}'] "
                    "(input/output USD per million tokens)"
                )
            if model.startswith("bedrock/"):
                if not bedrock_credentials():
                    found.append(
                        f"{label}: '{model}' needs AWS credentials (AWS_ACCESS_KEY_ID and "
                        "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a task/instance role)"
                    )
                continue
            missing = missing_keys(model, config.api_base)
            if missing:
                hint = (
                    " (any value for a keyless OpenAI-compatible server; its api_base ends in /v1)"
                    if model.startswith("openai/") and config.api_base
                    else ""
                )
                found.append(f"{label}: '{model}' needs {', '.join(missing)} set{hint}")
    return found


def check(configs: Iterable[tuple[str, ModelConfig]], **kwargs: Any) -> None:
    """Raise `PreflightError` listing every problem `problems` finds."""
    found = problems(configs, **kwargs)
    if found:
        raise PreflightError("cannot evaluate:\n  " + "\n  ".join(found))
