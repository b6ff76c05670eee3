"""Interaction records parsed back out of prompt text, for the local judge.

The records are the lines `service.prompts.format_interaction` writes; the parser is the
local summarizer's own (`parse_records`), so judge and summarizer read the same format.
"""

from __future__ import annotations

from datetime import datetime

import pydantic

from service.local_models.extractive import parse_records
from service.models import Interaction
from service.prompts import DATA_FENCE_CLOSE, DATA_FENCE_OPEN


def interactions_from_prompt(text: str, default_time: datetime) -> tuple[Interaction, ...]:
    """The interactions in the first `<customer_data>` block of `text` (or in all of it).

    Records that do not form a valid `Interaction` (an unknown channel, say) are skipped:
    the judge can only check facts against records it can read.
    """
    start, end = text.find(DATA_FENCE_OPEN), text.find(DATA_FENCE_CLOSE)
    block = text[start + len(DATA_FENCE_OPEN) : end] if 0 <= start < end else text
    found: list[Interaction] = []
    for record in parse_records(block):
        try:
            found.append(
                Interaction(
                    channel=record.channel,  # type: ignore[arg-type]  # validated here
                    timestamp=record.timestamp or default_time,
                    intent=record.intent or "unknown",
                    notes=record.notes,
                    outcome=record.outcome,
                    sentiment=record.sentiment or None,  # type: ignore[arg-type]
                )
            )
        except pydantic.ValidationError:
            continue
    return tuple(found)
