"""Topics a summary claims the customer contacted about (a refund, an outage, fraud):
each needs a cue in the records, unless the summary names it only to deny it."""

from __future__ import annotations

import re

from service.claims.tables import mapping, pattern

TOPIC_CUES: dict[str, tuple[str, ...]] = mapping("topic_cues")

# Where the phrase that names a topic starts.
_PHRASE_BREAK = pattern("phrase_break")
_DENIED_BEFORE = pattern("denied_before")


def _claims(lowered: str, topic: str) -> bool:
    """Whether the topic is named somewhere not under a negation of its own phrase."""
    return any(
        not _DENIED_BEFORE.search(_PHRASE_BREAK.split(lowered[: m.start()])[-1])
        for m in re.finditer(re.escape(topic), lowered)
    )


def unsupported_topics(lowered: str, source_text: str) -> list[str]:
    """Topics the lower-cased summary claims that no cue in the source text supports."""
    return [
        topic
        for topic, cues in TOPIC_CUES.items()
        if _claims(lowered, topic) and not any(cue in source_text for cue in cues)
    ]
