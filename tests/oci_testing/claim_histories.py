"""Hand-made histories for the claim checker, unlike any golden sample's wording."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.claims import check_summary
from service.models import Interaction, SummaryOptions

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def record(
    day: int,
    channel: str,
    notes: str,
    outcome: str = "",
    sentiment: str | None = None,
    intent: str = "General",
) -> Interaction:
    return Interaction(
        channel=channel,  # type: ignore[arg-type]
        timestamp=START + timedelta(days=day),
        intent=intent,
        notes=notes,
        outcome=outcome,
        sentiment=sentiment,  # type: ignore[arg-type]
    )


OPTIONS = SummaryOptions(as_of=START + timedelta(days=20), ivr_intent="billing")

# A billing dispute: a late fee, a credit and a refund done, the dispute itself still open.
BILLING = (
    record(
        0,
        "agent",
        "Customer disputed a $45 late fee. Agent applied a $20 credit to the account.",
        outcome="credit applied",
        sentiment="negative",
    ),
    record(
        1,
        "chat",
        "Refund of $45 issued to the card. Technician visit scheduled for March 10.",
        outcome="refund issued",
        sentiment="neutral",
    ),
    record(
        3,
        "email",
        "Customer asked about the billing dispute. Dispute still under review with billing.",
        outcome="pending",
        sentiment="negative",
    ),
)


def categories_of(summary: str, history: tuple[Interaction, ...]) -> set[str]:
    """The categories of the claim checker's findings on `summary` over `history`."""
    return {f.category for f in check_summary(summary, history, OPTIONS).findings}
