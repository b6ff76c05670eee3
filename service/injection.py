"""Flag customer text that tries to instruct the model ("ignore previous instructions ...").

Nothing is removed or blocked here: the renderer already keeps every customer string inside
the data fence of the user suffix, where it cannot alter the system prefix. Flagging makes
attempts visible in the logs (pattern names and interaction positions only, never the text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.models import Interaction

PATTERNS: dict[str, re.Pattern[str]] = {
    "ignore_instructions": re.compile(
        r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules|prompt|above)\b",
        re.IGNORECASE | re.DOTALL,
    ),
    "role_switch": re.compile(
        r"\b(you are now|act as|pretend to be|new instructions?)\b|^\s*(system|assistant)\s*:",
        re.IGNORECASE | re.MULTILINE,
    ),
    "prompt_exfiltration": re.compile(
        r"\b(reveal|print|show|repeat)\b.{0,30}\b(system prompt|your prompt|instructions)\b",
        re.IGNORECASE | re.DOTALL,
    ),
    "fence_break": re.compile(r"<\s*/?\s*customer_data\s*>|\{\{|\}\}", re.IGNORECASE),
}


@dataclass(frozen=True)
class InjectionFlag:
    """One suspicious field: which interaction (1-based, as rendered; 0 for the request's
    own fields such as `ivr_intent`), field and pattern."""

    position: int
    field: str
    pattern: str

    @property
    def label(self) -> str:
        """`3.notes:role_switch` or `request.ivr_intent:ignore_instructions` for logs."""
        where = f"{self.position}" if self.position else "request"
        return f"{where}.{self.field}:{self.pattern}"


def find_injections(
    interactions: Sequence[Interaction], ivr_intent: str = ""
) -> list[InjectionFlag]:
    """Every (interaction, field, pattern) that looks like an instruction to the model.

    Args:
        interactions: In the order they are rendered (oldest first), so positions match
            the `[n]` numbers of the prompt.
        ivr_intent: The request's intent, rendered outside the data fence: flagged too.
    """
    flags = [
        InjectionFlag(0, "ivr_intent", name)
        for name, pattern in PATTERNS.items()
        if pattern.search(ivr_intent)
    ]
    for position, item in enumerate(interactions, 1):
        for field in ("notes", "intent", "outcome"):
            text = getattr(item, field) or ""
            flags.extend(
                InjectionFlag(position, field, name)
                for name, pattern in PATTERNS.items()
                if pattern.search(text)
            )
    return flags
