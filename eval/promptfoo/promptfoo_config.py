"""The promptfoo config of one gate run, filled in from the template and `eval/gate.yaml`."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from eval.gate import GateConfig
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "promptfooconfig.template.yaml"
GATE_PLACEHOLDER = "@gate:"

Role = Literal["base", "head"]


@dataclass(frozen=True)
class Side:
    """One provider of the comparison: a prompt directory and where it came from."""

    role: Role
    prompt_dir: Path
    source: str  # e.g. "working tree", "git origin/main", "registry production (v3)"

    def pair(self) -> PromptPair:
        """The pair the side's provider serves (its directory's `prompt.yaml`)."""
        return load_prompt_dir(self.prompt_dir).pair


def prompt_entry(side: Side) -> dict[str, Any]:
    """The promptfoo prompt of one side: its own template, labelled with what it is.

    promptfoo's viewer heads each column with its prompt, so base and head each get theirs
    (their text, their name, version, model and origin) instead of sharing one label. The
    provider renders the pair's template itself from the sample; this text is what the
    viewer shows, verbatim (the config turns promptfoo's templating off, so the template's
    `{{variables}}` stay as the pair has them).
    """
    pair = side.pair()
    return {
        "id": f"{side.role}-prompt",
        "label": f"{side.role}: {pair.name}@{pair.version} on {pair.model.primary} ({side.source})",
        "raw": f"[system]\n{pair.template.system}\n[user]\n{pair.template.user}",
    }


def absolute_thresholds(gate: GateConfig) -> dict[str, float]:
    """Threshold of every absolute check by metric (the first check of a metric wins)."""
    found: dict[str, float] = {}
    for check in gate.absolute:
        found.setdefault(check.metric, check.threshold)
    return found


def _fill(node: Any, thresholds: dict[str, float]) -> Any:
    """Resolve placeholders and file:// paths; a None marks an unresolved placeholder."""
    if isinstance(node, dict):
        filled = {key: _fill(value, thresholds) for key, value in node.items()}
        return {key: value for key, value in filled.items() if value is not None}
    if isinstance(node, list):
        return [_fill(item, thresholds) for item in node]
    if isinstance(node, str) and node.startswith(GATE_PLACEHOLDER):
        return thresholds.get(node.removeprefix(GATE_PLACEHOLDER))
    if isinstance(node, str) and node.startswith("file://") and not node.startswith("file:///"):
        return f"file://{HERE / node.removeprefix('file://')}"
    return node


def provider_entry(side: Side, *, datasets_dir: Path, dataset_version: str, workers: int) -> Any:
    """A promptfoo provider entry for one side (label `base` or `head`), on its own prompt."""
    return {
        "id": f"file://{HERE / 'provider.py'}",
        "label": side.role,
        "prompts": [f"{side.role}-prompt"],
        "config": {
            "prompt_dir": str(side.prompt_dir.resolve()),
            "datasets_dir": str(datasets_dir.resolve()),
            "dataset_version": dataset_version,
            "source": side.source,
            # promptfoo keeps this many persistent Python processes per provider.
            "workers": workers,
        },
    }


def build_config(
    name: str,
    sides: list[Side],
    *,
    gate: GateConfig,
    datasets_dir: Path,
    dataset_version: str,
    limit: int | None,
    workers: int,
    template: Path = TEMPLATE,
) -> dict[str, Any]:
    """The promptfoo config comparing `sides` (base first, then head) on the eval samples.

    Raises:
        ValueError: The template is not a mapping (file named).
    """
    raw = yaml.safe_load(template.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{template}: the promptfoo config template must be a mapping")
    config: dict[str, Any] = _fill(copy.deepcopy(raw), absolute_thresholds(gate))
    assertions = config.get("defaultTest", {}).get("assert", [])
    # A latency or cost assertion without a gate threshold has nothing to check.
    config["defaultTest"]["assert"] = [
        a for a in assertions if a.get("type") not in {"latency", "cost"} or "threshold" in a
    ]
    config["description"] = (
        f"prompt gate: {name} (" + ", ".join(f"{s.role} = {s.source}" for s in sides) + ")"
    )
    config["prompts"] = [prompt_entry(side) for side in sides]
    config["providers"] = [
        provider_entry(
            s, datasets_dir=datasets_dir, dataset_version=dataset_version, workers=workers
        )
        for s in sides
    ]
    tests_config: dict[str, Any] = {
        "datasets_dir": str(datasets_dir.resolve()),
        "dataset_version": dataset_version,
    }
    if limit:
        tests_config["limit"] = limit
    config["tests"][0]["config"] = tests_config
    return config
