"""What the service core takes and returns, independent of HTTP.

The API layer (`service.api`) validates wire models and maps them onto these types, and
maps the results back onto its response models; the core never sees a wire model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.backends.protocols import FeedbackValue
from service.models import Channel

DEFAULT_IVR_INTENT = "misc"
DEFAULT_MAX_HISTORY_DAYS = 90
DEFAULT_MAX_INTERACTIONS = 10


@dataclass(frozen=True, kw_only=True)
class InsightsQuery:
    """One request for a customer's summary (already validated by the edge)."""

    unique_process_id: str
    account_number: str
    initial_contact_id: str | None = None
    contact_id: str
    ivr_intent: str = DEFAULT_IVR_INTENT
    max_history_days: int = DEFAULT_MAX_HISTORY_DAYS
    max_interactions: int = DEFAULT_MAX_INTERACTIONS
    channel_filter: tuple[Channel, ...] | None = None

    def as_record(self) -> dict[str, Any]:
        """The request as stored in processed records (JSON types, fields in this order)."""
        return {
            "unique_process_id": self.unique_process_id,
            "account_number": self.account_number,
            "initial_contact_id": self.initial_contact_id,
            "contact_id": self.contact_id,
            "ivr_intent": self.ivr_intent,
            "max_history_days": self.max_history_days,
            "max_interactions": self.max_interactions,
            "channel_filter": list(self.channel_filter) if self.channel_filter else None,
        }


@dataclass(frozen=True, kw_only=True)
class InsightsAnswer:
    """The summary served for one request and how it was produced."""

    request_id: str
    contact_id: str
    account_number: str
    summary: str
    date_range: str
    model_used: str
    cache_hit: bool
    latency_ms: int
    generated_at: str
    prompt_name: str
    prompt_version: str
    max_history_days: int
    max_interactions: int
    channel_filter: tuple[Channel, ...] | None
    interaction_count: int
    # The validation agent's outcome (passed, regenerated, redacted, withheld, not_checked)
    # and what the agent desktop should show beside the summary.
    summary_check: str = "not_checked"
    flags: tuple[str, ...] = ()
    # The request that generated the summary (None only for entries cached before it existed).
    summary_request_id: str | None = None

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> InsightsAnswer:
        """An answer from a SummaryCache payload plus this request's own fields."""
        channels = payload["channel_filter"]
        return cls(
            request_id=str(payload["request_id"]),
            contact_id=str(payload["contact_id"]),
            account_number=str(payload["account_number"]),
            summary=str(payload["summary"]),
            date_range=str(payload["date_range"]),
            model_used=str(payload["model_used"]),
            cache_hit=bool(payload["cache_hit"]),
            latency_ms=int(payload["latency_ms"]),
            generated_at=str(payload["generated_at"]),
            prompt_name=str(payload["prompt_name"]),
            prompt_version=str(payload["prompt_version"]),
            max_history_days=int(payload["max_history_days"]),
            max_interactions=int(payload["max_interactions"]),
            channel_filter=tuple(channels) if channels else None,
            interaction_count=int(payload["interaction_count"]),
            summary_check=str(payload.get("summary_check", "not_checked")),
            flags=tuple(str(flag) for flag in payload.get("flags", ())),
            summary_request_id=payload.get("summary_request_id"),
        )


@dataclass(frozen=True, kw_only=True)
class FeedbackSubmission:
    """Feedback on a served summary: by `request_id`, or by `contact_id` + `customer_account`."""

    feedback: FeedbackValue
    request_id: str | None = None
    contact_id: str | None = None
    customer_account: str | None = None
    comment: str | None = None
