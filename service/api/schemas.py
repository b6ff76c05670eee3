"""Wire models of the HTTP API (seed 000, "API Specifications").

Field bounds are part of the contract: anything outside them is a 422 naming the field,
never a 500 and never a silently clamped value.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    Strict,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError

from service.backends.protocols import FeedbackValue
from service.domain import (
    DEFAULT_IVR_INTENT,
    DEFAULT_MAX_HISTORY_DAYS,
    DEFAULT_MAX_INTERACTIONS,
    FeedbackSubmission,
    InsightsAnswer,
    InsightsQuery,
)
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
RequestId = Annotated[
    str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:\-]+$")
]
IdempotencyKey = Annotated[
    str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:\-]+$")
]
MAX_COMMENT_CHARS = 2000


def _whole_number(value: Any) -> Any:
    # JSON Schema's "integer" is any number whose fractional part is zero, so `553.0` is one
    # (and a client that serialises every number as a double sends it); `5.5` is not.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number), Strict()]
"""An integer as the published schema means it: `5` and `5.0`; never `true`, `"5"` or `5.5`."""


class InsightsRequest(BaseModel):
    """POST /omni-channel-insights."""

    model_config = ConfigDict(extra="forbid")

    unique_process_id: ProcessId = Field(description="Agent-transfer key of the SummaryCache")
    account_number: AccountNumber
    initial_contact_id: ContactId | None = None
    contact_id: ContactId
    ivr_intent: Intent = DEFAULT_IVR_INTENT
    # `true`, `"5"` and `5.5` are not integers, whatever a lax parser would make of them.
    max_history_days: WholeNumber = Field(default=DEFAULT_MAX_HISTORY_DAYS, ge=1, le=730)
    max_interactions: WholeNumber = Field(default=DEFAULT_MAX_INTERACTIONS, ge=1, le=50)
    channel_filter: list[Channel] | None = Field(default=None, min_length=1, max_length=5)

    @field_validator("channel_filter")
    @classmethod
    def _unique_channels(cls, value: list[Channel] | None) -> list[Channel] | None:
        return list(dict.fromkeys(value)) if value else value

    def to_query(self) -> InsightsQuery:
        """The core's view of this request."""
        return InsightsQuery(
            unique_process_id=self.unique_process_id,
            account_number=self.account_number,
            initial_contact_id=self.initial_contact_id,
            contact_id=self.contact_id,
            ivr_intent=self.ivr_intent,
            max_history_days=self.max_history_days,
            max_interactions=self.max_interactions,
            channel_filter=tuple(self.channel_filter) if self.channel_filter else None,
        )


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
    # The validation agent's outcome (passed, regenerated, redacted, withheld, not_checked)
    # and what the agent desktop should show beside the summary, e.g.
    # "instruction_in_customer_text" or "unverified_claims_redacted".
    summary_check: str = "not_checked"
    flags: list[str] = Field(default_factory=list)
    summary_request_id: str | None = Field(
        default=None,
        description="The request that generated this summary: request_id itself unless "
        "cache_hit (null only for summaries cached before this field existed)",
    )

    @classmethod
    def from_answer(cls, answer: InsightsAnswer) -> InsightsResponse:
        """The wire form of the core's answer."""
        return cls(
            request_id=answer.request_id,
            contact_id=answer.contact_id,
            account_number=answer.account_number,
            summary=answer.summary,
            date_range=answer.date_range,
            model_used=answer.model_used,
            cache_hit=answer.cache_hit,
            latency_ms=answer.latency_ms,
            generated_at=answer.generated_at,
            prompt_name=answer.prompt_name,
            prompt_version=answer.prompt_version,
            max_history_days=answer.max_history_days,
            max_interactions=answer.max_interactions,
            channel_filter=list(answer.channel_filter) if answer.channel_filter else None,
            interaction_count=answer.interaction_count,
            summary_check=answer.summary_check,
            flags=list(answer.flags),
            summary_request_id=answer.summary_request_id,
        )


_FEEDBACK_SHAPES: list[JsonValue] = [
    {
        "required": ["request_id"],
        "not": {"anyOf": [{"required": ["contact_id"]}, {"required": ["customer_account"]}]},
    },
    {"required": ["contact_id", "customer_account"], "not": {"required": ["request_id"]}},
]


class FeedbackRequest(BaseModel):
    """POST /feedback, in one of seed 000's two shapes (never both, never neither).

    Either `request_id`, or `contact_id` + `customer_account` (the latest summary served for
    that contact and account). A body mixing or missing shapes is a 422 naming the field.
    """

    # The published schema states the shape rule too, so generated clients and schemathesis
    # know that a body with both shapes or neither is invalid.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"oneOf": _FEEDBACK_SHAPES})

    # Published as plain strings: an explicit null would satisfy the schema's `required`
    # while naming no shape. Omitting a field is how a body says "not this shape".
    request_id: RequestId | SkipJsonSchema[None] = Field(
        default=None, description="Shape 1: the rated answer"
    )
    contact_id: ContactId | SkipJsonSchema[None] = Field(
        default=None, description="Shape 2, with customer_account"
    )
    customer_account: AccountNumber | SkipJsonSchema[None] = Field(
        default=None, description="Shape 2, with contact_id"
    )
    feedback: FeedbackValue
    comment: str | None = Field(
        default=None, max_length=MAX_COMMENT_CHARS, description="Why (seed 000, risk 3)"
    )
    idempotency_key: IdempotencyKey | None = Field(
        default=None, description="Same as the Idempotency-Key header; a retry reuses it"
    )

    @field_validator("request_id", "contact_id", "customer_account", mode="before")
    @classmethod
    def _no_explicit_null(cls, value: Any) -> Any:
        # Runs only for fields present in the body (defaults are not validated): the
        # schema publishes these as strings, so an explicit null is an invalid string.
        if value is None:
            raise PydanticCustomError("string_type", "Input should be a valid string")
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _one_shape(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> FeedbackRequest:
        model: FeedbackRequest = handler(data)
        problems: list[tuple[str, str]] = []
        if model.request_id is not None:
            problems += [
                (name, "not allowed together with request_id: use one shape")
                for name in ("contact_id", "customer_account")
                if getattr(model, name) is not None
            ]
        elif model.contact_id is None and model.customer_account is None:
            problems.append(("request_id", "required, or contact_id and customer_account"))
        else:
            problems += [
                (name, "required with the contact shape (contact_id and customer_account)")
                for name in ("contact_id", "customer_account")
                if getattr(model, name) is None
            ]
        if problems:
            # Raised with a location per field, so the 422 names them like any other error.
            raise ValidationError.from_exception_data(
                cls.__name__,
                [
                    InitErrorDetails(
                        type=PydanticCustomError("feedback_shape", message),
                        loc=(name,),
                        input=getattr(model, name),
                    )
                    for name, message in problems
                ],
            )
        return model

    def to_submission(self) -> FeedbackSubmission:
        """The core's view of this feedback."""
        return FeedbackSubmission(
            feedback=self.feedback,
            request_id=self.request_id,
            contact_id=self.contact_id,
            customer_account=self.customer_account,
            comment=self.comment,
        )


class FeedbackResponse(BaseModel):
    """What was recorded, and the value that counts for the request now."""

    feedback_id: str
    request_id: str
    status: Literal["recorded", "duplicate"]
    counted_feedback: FeedbackValue = Field(description="The latest feedback of the request")


class ErrorResponse(BaseModel):
    """Every 4xx/5xx body: what went wrong and, for validation, which fields."""

    error: str
    detail: str
    fields: list[str] = Field(default_factory=list)
    request_id: str | None = None
    retry_after_s: float | None = None
