"""The git source form of a prompt/model pair: `prompts/<name>/prompt.yaml`.

Errors name the file, the line and the field, so a prompt author can fix them from CI
output alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from service.model_config import ModelConfig
from service.prompts import PromptPair, TemplateError, content_hash, template_from_mapping

PROMPT_FILE = "prompt.yaml"
REQUIRED_KEYS = ("system", "user", "variables", "model_config", "changelog")


@dataclass(frozen=True)
class PromptSource:
    """A parsed prompt directory: the pair plus the changelog line."""

    pair: PromptPair
    changelog: str
    path: Path


class PromptSourceError(ValueError):
    """A prompt source problem located by file, line and field."""

    def __init__(self, path: Path, line: int, field: str, message: str) -> None:
        super().__init__(f"{path}:{line}: {field}: {message}")
        self.path = path
        self.line = line
        self.field = field


def _key_lines(text: str) -> dict[str, int]:
    """1-based line of every top-level and `model_config.*` key, for error messages."""
    lines: dict[str, int] = {}
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value_node in root.value:
        lines[str(key_node.value)] = key_node.start_mark.line + 1
        if key_node.value == "model_config" and isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                lines[f"model_config.{sub_key.value}"] = sub_key.start_mark.line + 1
    return lines


def load_prompt_dir(directory: Path) -> PromptSource:
    """Parse and validate `directory/prompt.yaml`; the version is `local-<hash8>`."""
    path = directory / PROMPT_FILE
    if not path.is_file():
        raise PromptSourceError(path, 0, "file", "missing; every prompt directory needs one")
    text = path.read_text(encoding="utf-8")
    try:
        data: Any = yaml.safe_load(text)
        lines = _key_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise PromptSourceError(path, line, "yaml", str(exc).splitlines()[0]) from exc
    if not isinstance(data, dict):
        raise PromptSourceError(path, 1, "file", "must be a mapping of keys to values")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise PromptSourceError(path, 1, key, "required key is missing")
    try:
        template = template_from_mapping(data)
    except TemplateError as exc:
        raise PromptSourceError(path, lines.get(exc.field, 1), exc.field, exc.message) from exc
    problems = template.problems()
    if problems:
        first = problems[0]
        raise PromptSourceError(path, lines.get(first.field, 1), first.field, first.message)
    model = _model_config(path, data["model_config"], lines)
    name = str(data.get("name") or directory.name)
    digest = content_hash(template, model)
    pair = PromptPair(
        name=name,
        version=f"local-{digest[:8]}",
        template=template,
        model=model,
        content_hash=digest,
        source=str(directory),
    )
    return PromptSource(pair=pair, changelog=str(data["changelog"]).strip(), path=path)


def _model_config(path: Path, raw: Any, lines: dict[str, int]) -> ModelConfig:
    if not isinstance(raw, dict):
        raise PromptSourceError(
            path, lines.get("model_config", 1), "model_config", "must be a mapping"
        )
    try:
        return ModelConfig.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = [str(part) for part in error["loc"]]
        field = "model_config." + ".".join(location) if location else "model_config"
        line = lines.get(f"model_config.{location[0]}" if location else "", 0) or lines.get(
            "model_config", 1
        )
        raise PromptSourceError(path, line, field, error["msg"]) from exc
