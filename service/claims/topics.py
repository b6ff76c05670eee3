"""Topics a summary claims the customer contacted about (a refund, an outage, fraud):
each needs a cue in the records, unless the summary names it only to deny it."""

from __future__ import annotations

import re

# Topic words whose appearance claims an intent; each needs one of its cues in the source.
TOPIC_CUES: dict[str, tuple[str, ...]] = {
    "fraud": ("fraud", "unauthori", "didn't make", "did not make", "unrecogni", "scam"),
    "outage": ("outage", "no service", "service down", "restor", "maintenance"),
    "refund": ("refund", "credit", "revers", "overpay", "money back"),
    "dispute": (
        "dispute",
        "contest",
        "question",
        "challeng",
        "review",
        "wrong",
        "incorrect",
        "error",
        "overcharg",
        "not recogni",
        "didn't",
        "did not",
        "never",
        "unauthori",
    ),
    "technician": ("technician", "tech", "engineer", "install"),
    "escalat": ("escalat", "tier 2", "supervisor", "manager"),
    "arrangement": ("arrangement", "instalment", "installment", "payment plan"),
    "cancel": ("cancel",),
}

# A topic denied where it is named ("no refund or credit recorded yet") is not claimed.
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|without|nor|n't)\b(?:\W+\w+){0,2}\W*$")


def _claims(lowered: str, topic: str) -> bool:
    """Whether the topic is named somewhere not under a negation of its own phrase."""
    return any(
        not _DENIED_BEFORE.search(re.split(r"[.;:,!?()]", lowered[: m.start()])[-1])
        for m in re.finditer(re.escape(topic), lowered)
    )


def unsupported_topics(lowered: str, source_text: str) -> list[str]:
    """Topics the lower-cased summary claims that no cue in the source text supports."""
    return [
        topic
        for topic, cues in TOPIC_CUES.items()
        if _claims(lowered, topic) and not any(cue in source_text for cue in cues)
    ]
