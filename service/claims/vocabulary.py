"""The checker's vocabulary: the kinds of wrong claim it finds, each with one name.

A finding's *category* says exactly what is wrong in one claim (an amount, a date, an act
told the other way round). A *kind* groups categories into what the gate judges and the
meta-evaluation measures, and its name is used unchanged everywhere: the gate check is
named after the kind, the run metric is `<kind>_rate`, and the meta-evaluation measures
the kind's detection on the perturbation *aspects* listed here. This table is the only
place that pairs them; nothing else lists which category belongs to which check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.claims.types import Category

ClaimKindName = Literal[
    "unsupported_fact",
    "status_contradiction",
    "negated_action",
    "sentiment_flip",
    "invented_promise",
    "instruction_violation",
    "filler",
    "truncation",
]


@dataclass(frozen=True)
class ClaimKind:
    """One kind of wrong claim.

    Attributes:
        name: The kind's one name (gate check `name`, run metric `<name>_rate`).
        label: How reports say it, in a few words.
        categories: The finding categories it counts.
        aspects: The meta-evaluation aspects whose variants it must catch.
        meaning: What a finding of this kind tells an agent or a reviewer.
    """

    name: ClaimKindName
    label: str
    categories: tuple[Category, ...]
    aspects: tuple[str, ...]
    meaning: str

    @property
    def metric(self) -> str:
        """The run metric: share of summaries with at least one finding of this kind."""
        return f"{self.name}_rate"


CLAIM_KINDS: tuple[ClaimKind, ...] = (
    ClaimKind(
        "unsupported_fact",
        "unsupported facts",
        ("amount", "date", "count", "number", "ticket", "channel", "intent", "entity"),
        ("amount", "date", "count", "entity", "wrong_customer"),
        "a figure, date, count, id, channel, topic or name that no record gives",
    ),
    ClaimKind(
        "status_contradiction",
        "status contradictions",
        ("status",),
        ("status",),
        "an open matter told as settled, or a settled one as open",
    ),
    ClaimKind(
        "negated_action",
        "negated actions",
        ("negated_action",),
        ("negated_action",),
        "an act told the other way round: done as not done, refused as agreed",
    ),
    ClaimKind(
        "sentiment_flip",
        "sentiment flips",
        ("sentiment",),
        ("sentiment",),
        "the customer's current mood told otherwise than the records show it",
    ),
    ClaimKind(
        "invented_promise",
        "invented promises",
        ("promise",),
        ("promise",),
        "a commitment, or its date or terms, that no record made",
    ),
    ClaimKind(
        "instruction_violation",
        "instruction violations",
        ("injection", "off_task"),
        ("injection",),
        "customer-written instructions repeated or obeyed, or text that is not a briefing",
    ),
    ClaimKind(
        "filler",
        "filler sentences",
        ("filler",),
        ("padding",),
        "a sentence that tells the agent nothing about this customer",
    ),
    ClaimKind(
        "truncation",
        "truncated summaries",
        ("truncated",),
        ("truncation",),
        "the summary stops in mid-sentence",
    ),
)
KINDS_BY_NAME: dict[str, ClaimKind] = {kind.name: kind for kind in CLAIM_KINDS}
KIND_OF_CATEGORY: dict[str, ClaimKind] = {
    category: kind for kind in CLAIM_KINDS for category in kind.categories
}


def kind_of(category: str) -> ClaimKind:
    """The kind a finding category belongs to.

    Raises:
        KeyError: The category is not in the vocabulary.
    """
    return KIND_OF_CATEGORY[category]
