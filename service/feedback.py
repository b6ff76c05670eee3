"""The request path of POST /feedback, below HTTP.

resolve the rated request (ServedLog) → build the record → conditional put in the feedback
store → archive document queued durably in the outbox → the value that counts now.
Feedback is acknowledged only once it is in the store and its archive write is in the
outbox file, so nothing acknowledged is lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from service.backends.outbox import Outbox
from service.backends.protocols import (
    FeedbackRecord,
    FeedbackStore,
    FeedbackValue,
    ServedLog,
    ServedSummary,
    format_ts,
)
from service.domain import FeedbackSubmission
from service.model_calls import DependencyUnavailableError
from service.observability import EventLog, ServiceMetrics
from service.pii_at_rest import AtRest

_T = TypeVar("_T")

FEEDBACK_PREFIX = "omni-channel/feedback"

ARCHIVE_FIELDS = (
    "feedback_id",
    "idempotency_key",
    "request_id",
    "unique_process_id",
    "contact_id",
    "account_number",
    "feedback",
    "comment",
    "received_at",
    "prompt_name",
    "prompt_version",
    "model_used",
    "cache_hit",
    "generation_timestamp",
)
"""The archive document's fields: a contract with the warehouse ETL. Change them together."""


class FeedbackTargetNotFoundError(Exception):
    """No answered request matches the feedback (unknown, or older than the log's TTL).

    Attributes:
        fields: The request fields that did not match.
    """

    def __init__(self, message: str, fields: tuple[str, ...]) -> None:
        super().__init__(message)
        self.fields = fields


class IdempotencyKeyReusedError(Exception):
    """An idempotency key already recorded different feedback: a client bug, not a retry."""


@dataclass(frozen=True)
class FeedbackOutcome:
    """What `FeedbackService.submit` did.

    Attributes:
        record: The stored record (the original one on a duplicate).
        status: "recorded" for new feedback, "duplicate" for a retry of stored feedback.
        counted_feedback: The request's latest feedback, which is the one that counts.
    """

    record: FeedbackRecord
    status: Literal["recorded", "duplicate"]
    counted_feedback: FeedbackValue


def feedback_archive_key(record: FeedbackRecord) -> str:
    """`omni-channel/feedback/dt=<YYYY-MM-DD of received_at>/<feedback_id>.json`.

    The event's queue key: the outbox delivers events as rows of batch objects in that folder
    (`service.backends.row_batches`); stores from before batching hold one object per key.
    """
    return f"{FEEDBACK_PREFIX}/dt={record.received_at[:10]}/{record.feedback_id}.json"


def feedback_archive_document(record: FeedbackRecord) -> dict[str, Any]:
    """The archived form of `record`: exactly `ARCHIVE_FIELDS`."""
    return {name: getattr(record, name) for name in ARCHIVE_FIELDS}


def derive_idempotency_key(
    request_id: str, feedback: str, comment: str | None, received: datetime
) -> str:
    """A key for clients that send none: same request, value and comment in the same minute.

    A double click or a client retry within the minute collapses into one record; the
    same feedback given again a minute later is a new history entry. A retry that crosses
    the minute boundary is recorded twice, which changes no counted value (it is the same
    feedback). The comment enters only as a hash, so the key never carries it in clear.
    """
    minute = received.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    material = "\n".join((request_id, feedback, comment or "", minute))
    return "auto-" + hashlib.sha256(material.encode()).hexdigest()[:32]


def feedback_id_for(client_id: str, idempotency_key: str) -> str:
    """Deterministic id of one submission; keys are scoped per client, so clients never clash."""
    digest = hashlib.sha256(f"{client_id}\n{idempotency_key}".encode()).hexdigest()
    return f"fb-{digest[:32]}"


class FeedbackService:
    """Records agents' helpful / not_helpful feedback; one instance per app."""

    def __init__(
        self,
        *,
        served_log: ServedLog,
        store: FeedbackStore,
        outbox: Outbox,
        events: EventLog,
        metrics: ServiceMetrics,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        at_rest: AtRest | None = None,
    ) -> None:
        self._at_rest = at_rest or AtRest(b"", enabled=False)
        self._served_log = served_log
        self._store = store
        self._outbox = outbox
        self._events = events
        self._metrics = metrics
        self._clock = clock

    async def submit(
        self, request: FeedbackSubmission, *, client_id: str, idempotency_key: str | None = None
    ) -> FeedbackOutcome:
        """Record one piece of feedback, idempotently.

        Args:
            request: The validated feedback (exactly one of its two shapes).
            client_id: The authenticated caller; scopes idempotency keys.
            idempotency_key: From the header or body; derived when None.

        Returns:
            The stored record, whether it was new, and the value that now counts.

        Raises:
            FeedbackTargetNotFoundError: No answered request matches.
            IdempotencyKeyReusedError: The key already recorded different feedback.
            DependencyUnavailableError: The served log or the feedback store is down.
        """
        served = await self._resolve(request)
        received = self._clock()
        key = idempotency_key or derive_idempotency_key(
            served.request_id, request.feedback, request.comment, received
        )
        record = FeedbackRecord(
            feedback_id=feedback_id_for(client_id, key),
            idempotency_key=key,
            request_id=served.request_id,
            unique_process_id=served.unique_process_id,
            contact_id=served.contact_id,
            account_number=self._at_rest.account(served.account_number) or "",
            feedback=request.feedback,
            # Masked before the store sees it: the feedback store is durable storage too.
            comment=self._at_rest.text(request.comment),
            received_at=received.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            prompt_name=served.prompt_name,
            prompt_version=served.prompt_version,
            model_used=served.model_used,
            cache_hit=served.cache_hit,
            generation_timestamp=served.generated_at,
            received_ts=format_ts(received),
        )
        put = await self._stored(self._store.put(record), record.request_id)
        stored = put.record
        if put.status == "duplicate" and (stored.feedback, stored.comment) != (
            record.feedback,
            record.comment,
        ):
            raise IdempotencyKeyReusedError(
                "idempotency key already used for different feedback; use a new key"
            )
        # Queued on a duplicate too: if the first attempt died between the store and the
        # outbox, the client's retry is what gets the archive written. Same key, same bytes,
        # so the outbox drops it if that document was delivered already.
        self._outbox.enqueue(
            feedback_archive_key(stored),
            self._at_rest.feedback(feedback_archive_document(stored)),
            batched=True,
        )
        latest = await self._stored(self._store.latest(stored.request_id), stored.request_id)
        status: Literal["recorded", "duplicate"] = (
            "recorded" if put.status == "stored" else "duplicate"
        )
        if status == "recorded":
            self._metrics.feedback.labels(stored.feedback).inc()
            self._metrics.records_pending.labels("feedback").inc()
        counted = latest.feedback if latest is not None else stored.feedback
        self._events.event(
            "FEEDBACK_RECEIVED",
            stored.request_id,
            feedback=stored.feedback,
            status=status,
            feedback_id=stored.feedback_id,
            counted_feedback=counted,
            client=client_id,
            shape="request_id" if request.request_id else "contact",
            comment_chars=len(request.comment or ""),
            account_number=stored.account_number,
        )
        return FeedbackOutcome(stored, status, counted)

    async def _stored(self, call: Awaitable[_T], request_id: str) -> _T:
        try:
            return await call
        except Exception as error:
            self._events.event("FEEDBACK_STORE_ERROR", request_id, error=type(error).__name__)
            raise DependencyUnavailableError("feedback store", 1.0) from error

    async def _resolve(self, request: FeedbackSubmission) -> ServedSummary:
        lookup: Awaitable[ServedSummary | None]
        if request.request_id is not None:
            lookup = self._served_log.by_request_id(request.request_id)
        elif request.contact_id is not None and request.customer_account is not None:
            lookup = self._served_log.latest_for_contact(
                request.contact_id, self._at_rest.account(request.customer_account) or ""
            )
        else:  # The edge's validation makes this unreachable.
            raise ValueError("feedback names neither a request nor a contact")
        try:
            served = await lookup
        except Exception as error:
            self._events.event("SERVED_LOG_ERROR", request.request_id, error=type(error).__name__)
            raise DependencyUnavailableError("served log", 1.0) from error
        if served is not None:
            return served
        if request.request_id is not None:
            raise FeedbackTargetNotFoundError(
                "request_id matches no summary served in the retention window", ("request_id",)
            )
        # Both fields are named on purpose: saying which one matched would let a caller
        # probe which account a contact belongs to.
        raise FeedbackTargetNotFoundError(
            "no summary was served for this contact_id and customer_account in the retention"
            " window",
            ("contact_id", "customer_account"),
        )
