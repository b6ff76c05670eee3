"""Prompt templates: the cacheable system prefix, the variable user suffix, and rendering.

A template's system prefix holds only static instructions (so Bedrock can cache it);
every piece of customer data goes through the user suffix, inside a fenced block that
customer text can neither close nor use to add variables.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from service.model_config import ModelConfig
from service.models import Interaction, SummaryOptions

VARIABLE_PATTERN = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
DATA_FENCE_OPEN = "<customer_data>"
DATA_FENCE_CLOSE = "</customer_data>"
_FENCE_LOOKALIKE = re.compile(r"<\s*/?\s*customer_data\s*>", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")

# What the renderer can fill in; a template declares the subset it uses.
AVAILABLE_VARIABLES: dict[str, str] = {
    "interactions": "the selected interactions, one record per line, oldest first",
    "interaction_count": "how many interactions were selected",
    "ivr_intent": "the intent the IVR captured for the current call",
    "date_range": "first and last interaction dates, 'YYYY-MM-DD to YYYY-MM-DD'",
    "channels": "the channels present in the selected interactions",
    "as_of": "the date the summary is generated for",
    "max_history_days": "the history window in days",
}


class TemplateError(ValueError):
    """A template that cannot be rendered safely; `field` names the offending part."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PromptTemplate:
    """System prefix (static, cacheable) and user suffix (declared variables only)."""

    system: str
    user: str
    variables: tuple[str, ...]

    def problems(self) -> list[TemplateError]:
        """Every reason this template is unsafe or inconsistent (empty when it is fine)."""
        found: list[TemplateError] = []
        in_system = set(VARIABLE_PATTERN.findall(self.system))
        if in_system:
            found.append(
                TemplateError(
                    "system",
                    f"variables {sorted(in_system)} in the system prefix; customer data "
                    "belongs in the user suffix so the prefix stays cacheable and trusted",
                )
            )
        used = set(VARIABLE_PATTERN.findall(self.user))
        declared = set(self.variables)
        for name in sorted(used - declared):
            found.append(TemplateError("user", f"variable '{name}' is used but not declared"))
        for name in sorted(declared - used):
            found.append(TemplateError("variables", f"variable '{name}' is declared but unused"))
        for name in sorted(declared - set(AVAILABLE_VARIABLES)):
            found.append(
                TemplateError(
                    "variables",
                    f"unknown variable '{name}'; available: {sorted(AVAILABLE_VARIABLES)}",
                )
            )
        if not self.system.strip():
            found.append(TemplateError("system", "the system prefix is empty"))
        return found


@dataclass(frozen=True)
class PromptPair:
    """An immutable prompt + model version: exactly what is evaluated and served."""

    name: str
    version: str
    template: PromptTemplate
    model: ModelConfig
    content_hash: str
    source: str = "local"


@dataclass(frozen=True)
class RenderedPrompt:
    """The two messages sent to the model."""

    system: str
    user: str


def content_hash(template: PromptTemplate, model: ModelConfig) -> str:
    """A stable digest of everything that changes model behaviour (not the name)."""
    canonical = json.dumps(
        {
            "system": template.system,
            "user": template.user,
            "variables": sorted(template.variables),
            "model_config": model.canonical(),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def neutralize(text: str) -> str:
    """Customer text as one line that cannot close the data fence or open a variable."""
    flattened = _WHITESPACE.sub(" ", text).strip()
    flattened = _FENCE_LOOKALIKE.sub("[customer_data]", flattened)
    return flattened.replace("{{", "{ {").replace("}}", "} }")


def format_interaction(index: int, item: Interaction) -> str:
    """One interaction as the record line(s) the models read."""
    header = (
        f"[{index}] {item.timestamp.strftime('%Y-%m-%dT%H:%M:%SZ')} | channel={item.channel}"
        f" | intent={neutralize(item.intent)}"
    )
    if item.outcome:
        header += f" | outcome={neutralize(item.outcome)}"
    if item.sentiment:
        header += f" | sentiment={item.sentiment}"
    notes = neutralize(item.notes)
    return f"{header}\nnotes: {notes}" if notes else header


def date_range(interactions: Sequence[Interaction]) -> str:
    """'YYYY-MM-DD to YYYY-MM-DD' over the interactions, or '' when there are none."""
    if not interactions:
        return ""
    stamps = sorted(item.timestamp for item in interactions)
    return f"{stamps[0]:%Y-%m-%d} to {stamps[-1]:%Y-%m-%d}"


def prompt_variables(
    interactions: Sequence[Interaction], options: SummaryOptions
) -> dict[str, str]:
    """The value of every available variable for this request."""
    block = "\n".join(format_interaction(i, item) for i, item in enumerate(interactions, 1))
    channels = sorted({item.channel for item in interactions})
    return {
        "interactions": f"{DATA_FENCE_OPEN}\n{block}\n{DATA_FENCE_CLOSE}",
        "interaction_count": str(len(interactions)),
        "ivr_intent": neutralize(options.ivr_intent),
        "date_range": date_range(interactions),
        "channels": ", ".join(channels),
        "as_of": f"{options.as_of:%Y-%m-%d}",
        "max_history_days": str(options.max_history_days),
    }


def render_template(text: str, values: Mapping[str, str]) -> str:
    """Single-pass substitution: values are never re-scanned, so data cannot inject variables."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise TemplateError("user", f"no value for variable '{name}'")
        return values[name]

    return VARIABLE_PATTERN.sub(substitute, text)


def render_prompt(
    template: PromptTemplate, interactions: Sequence[Interaction], options: SummaryOptions
) -> RenderedPrompt:
    """Render the template for one request; the system prefix is returned untouched."""
    problems = template.problems()
    if problems:
        raise problems[0]
    values = prompt_variables(interactions, options)
    declared = {name: values[name] for name in template.variables}
    return RenderedPrompt(system=template.system, user=render_template(template.user, declared))


def template_from_mapping(data: Mapping[str, Any]) -> PromptTemplate:
    """Build a template from the `system`/`user`/`variables` keys of a source file."""
    variables = data.get("variables") or ()
    if not isinstance(variables, list | tuple) or not all(isinstance(v, str) for v in variables):
        raise TemplateError("variables", "must be a list of variable names")
    for key in ("system", "user"):
        if not isinstance(data.get(key), str):
            raise TemplateError(key, "must be a string")
    return PromptTemplate(
        system=str(data["system"]), user=str(data["user"]), variables=tuple(variables)
    )
