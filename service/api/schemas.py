"""Wire models of the HTTP API (seed 000, "API Specifications").

Field bounds are part of the contract: anything outside them is a 422 naming the field,
never a 500 and never a silently clamped value.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from service.models import Channel

ProcessId = Annotated[
    str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:\-]+$")
]
AccountNumber = Annotated[
    str, StringConstraints(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9\-]+$")
]
ContactId = Annotated[
    str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:\-]+$")
]
Intent = Annotated[
    str, StringConstraints(min_length=1, max_length=100, pattern=r"^[\w.:/\-]+( [\w.:/\-]+)*$")
]


class InsightsRequest(BaseModel):
    """POST /omni-channel-insights."""

    model_config = ConfigDict(extra="forbid")

    unique_process_id: ProcessId = Field(description="Agent-transfer key of the SummaryCache")
    account_number: AccountNumber
    initial_contact_id: ContactId | None = None
    contact_id: ContactId
    ivr_intent: Intent = "misc"
    max_history_days: int = Field(default=90, ge=1, le=730)
    max_interactions: int = Field(default=10, ge=1, le=50)
    channel_filter: list[Channel] | None = Field(default=None, min_length=1, max_length=5)

    @field_validator("channel_filter")
    @classmethod
    def _unique_channels(cls, value: list[Channel] | None) -> list[Channel] | None:
        return list(dict.fromkeys(value)) if value else value


class InsightsResponse(BaseModel):
    """The summary and how it was produced."""

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
    channel_filter: list[Channel] | None
    interaction_count: int


class ErrorResponse(BaseModel):
    """Every 4xx/5xx body: what went wrong and, for validation, which fields."""

    error: str
    detail: str
    fields: list[str] = Field(default_factory=list)
    request_id: str | None = None
    retry_after_s: float | None = None
