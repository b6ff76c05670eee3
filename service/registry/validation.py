"""Register-time checks beyond parsing: every configured model must have a known price.

`load_prompt_dir` already rejects undeclared or unused variables and a missing or invalid
model config; this adds the cost check, because a model without a price would make every
cost figure in the eval reports and dashboards silently zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from service.prompt_source import PROMPT_FILE, PromptSource, PromptSourceError, load_prompt_dir

PriceTable = Mapping[str, Mapping[str, Any]]


def litellm_prices() -> PriceTable:
    """litellm's bundled price map (imported lazily: litellm is slow to import)."""
    import litellm

    table: PriceTable = litellm.model_cost
    return table


def price_candidates(model: str) -> list[str]:
    """The model string and its provider-stripped forms, longest first.

    `bedrock/converse/us.amazon.nova-lite-v1:0` -> itself, `converse/us.amazon...`,
    `us.amazon.nova-lite-v1:0`: litellm keys some models with and some without prefixes.
    """
    parts = model.split("/")
    return ["/".join(parts[i:]) for i in range(len(parts))]


def has_litellm_price(model: str, table: PriceTable) -> bool:
    """True when any candidate form of `model` has a per-token price in `table`."""
    for candidate in price_candidates(model):
        entry = table.get(candidate)
        if entry and (
            entry.get("input_cost_per_token") is not None
            or entry.get("output_cost_per_token") is not None
        ):
            return True
    return False


def _line_of(path: Path, needle: str) -> int:
    """1-based line where `needle` first appears in `path` (0 when it does not)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return next((number for number, line in enumerate(lines, 1) if needle in line), 0)


def check_prices(source: PromptSource, table: PriceTable | None = None) -> None:
    """Raise `PromptSourceError` naming file and field for the first unpriced model.

    `table` is litellm's price map when None, loaded only for a model the prompt does not
    price itself (importing litellm takes seconds).
    """
    config = source.pair.model
    fields = [("model_config.primary", config.primary)] + [
        (f"model_config.fallbacks[{i}]", model) for i, model in enumerate(config.fallbacks)
    ]
    for field, model in fields:
        if model in config.prices:
            continue
        if table is None:
            table = litellm_prices()
        if has_litellm_price(model, table):
            continue
        raise PromptSourceError(
            source.path,
            _line_of(source.path, model),
            field,
            f"litellm has no price for '{model}'; declare one under "
            f"model_config.prices['{model}'] (input/output USD per million tokens)",
        )


def validate_prompt_dir(directory: Path, table: PriceTable | None = None) -> PromptSource:
    """Parse `directory` and apply every register-time check.

    Args:
        directory: A `prompts/<name>/` directory.
        table: litellm-style price map; litellm's own when None.

    Returns:
        The validated source.

    Raises:
        PromptSourceError: The first problem, naming file, line and field.
    """
    source = load_prompt_dir(directory)
    check_prices(source, table)
    return source


def prompt_dirs(prompts_dir: Path) -> list[Path]:
    """Every `prompts/<name>/` that holds a prompt file, sorted by name."""
    return sorted(path.parent for path in prompts_dir.glob(f"*/{PROMPT_FILE}"))
