"""The storage vocabulary of the service: protocols, their result types, shared key helpers.

Every backend implements one of these protocols in a file of its own; the embedded default
(SQLite, local folder) and the production twin (DynamoDB, S3) pass the same contract tests.
All I/O methods are coroutines and never block the event loop.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Protocol, runtime_checkable

from service.models import Interaction, SummaryOptions

DEFAULT_SUMMARY_TTL_S = 7 * 24 * 3600
"""Seed 000: SummaryCache entries live 7 days (agent-to-agent transfers)."""

DEFAULT_SERVED_TTL_S = 30 * 24 * 3600
"""How long an answered request stays resolvable for feedback (agents rate within minutes)."""

FeedbackValue = Literal["helpful", "not_helpful"]
"""The two buttons of the agent desktop (seed 000)."""

_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True, slots=True)
class InteractionQueryResult:
    """What an interaction query returned.

    Attributes:
        interactions: Matching interactions, newest first, at most `max_interactions`.
        query_description: Human-readable, PII-free rendering of the query that ran (the
            account number is masked); stored in the processed record's `query` field.
        items_read: Items the backend had to read to answer (>= len(interactions) when a
            filter is evaluated after reading); useful for cost and latency logs.
    """

    interactions: tuple[Interaction, ...]
    query_description: str
    items_read: int


@dataclass(frozen=True, slots=True)
class CachedEntry:
    """A live SummaryCache entry.

    Attributes:
        process_id: The `unique_process_id` the entry is keyed by.
        payload: The cached response body, as the caller stored it.
        created_at: Epoch seconds when the entry was written.
        expires_at: Epoch seconds (integer, the DynamoDB TTL unit) from which it is a miss.
    """

    process_id: str
    payload: dict[str, Any]
    created_at: float
    expires_at: int


@dataclass(frozen=True, slots=True)
class ServedSummary:
    """One answered summary request: what an agent saw, so feedback can find it.

    Attributes:
        request_id: The response's `request_id` (new for every request, cache hits too).
        unique_process_id: The SummaryCache key.
        contact_id: The contact the agent is on.
        account_number: The customer account as stored (a keyed token, `acct-...`, when
            personal data is masked at rest; feedback by contact looks it up the same way).
        prompt_name: Prompt that produced the summary.
        prompt_version: Its version.
        model_used: Model that answered ("none" when nothing was in scope).
        cache_hit: Whether the summary came from the SummaryCache.
        generated_at: When the summary was generated (ISO-8601 UTC).
        served_at: When this request was answered (ISO-8601 UTC).
        latency_ms: End-to-end latency of this request.
    """

    request_id: str
    unique_process_id: str
    contact_id: str
    account_number: str
    prompt_name: str
    prompt_version: str
    model_used: str
    cache_hit: bool
    generated_at: str
    served_at: str
    latency_ms: int


@runtime_checkable
class ServedLog(Protocol):
    """Every answered request by `request_id` and by (contact, account), for feedback."""

    async def record(self, served: ServedSummary) -> None:
        """Store one answered request (idempotent on `request_id`)."""
        ...

    async def by_request_id(self, request_id: str) -> ServedSummary | None:
        """The answered request, or None."""
        ...

    async def latest_for_contact(
        self, contact_id: str, account_number: str
    ) -> ServedSummary | None:
        """The most recent request answered for this contact and account, or None."""
        ...

    def close(self) -> None:
        """Release threads and connections the log owns."""
        ...


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    """One piece of agent feedback on one answered request; immutable once stored.

    Every field except `received_ts` is a field of the archived document that the
    warehouse reads (see `service.feedback.feedback_archive_document`).

    Attributes:
        feedback_id: Deterministic from the idempotency key; unique in the store.
        idempotency_key: Client-supplied, or derived by the service when absent.
        request_id: The answered request the feedback is about.
        unique_process_id: Its SummaryCache key.
        contact_id: The contact the agent was on.
        account_number: The customer account as stored (see `ServedSummary`).
        feedback: helpful or not_helpful.
        comment: Optional free text from the agent (seed 000, risk 3), PII masked, or None.
        received_at: When the service received it, ISO-8601 UTC `YYYY-MM-DDTHH:MM:SSZ`.
        prompt_name: Prompt of the rated summary.
        prompt_version: Its version.
        model_used: Model that wrote the rated summary.
        cache_hit: Whether the rated answer came from the SummaryCache.
        generation_timestamp: The rated summary's `generated_at`.
        received_ts: `received_at` with microseconds (`format_ts`): orders a request's
            history within one second, so "latest" means latest. Not archived.
    """

    feedback_id: str
    idempotency_key: str
    request_id: str
    unique_process_id: str
    contact_id: str
    account_number: str
    feedback: FeedbackValue
    comment: str | None
    received_at: str
    prompt_name: str
    prompt_version: str
    model_used: str
    cache_hit: bool
    generation_timestamp: str
    received_ts: str

    @property
    def history_key(self) -> str:
        """Sort key within a request's history: `<received_ts>#<feedback_id>`."""
        return f"{self.received_ts}#{self.feedback_id}"


@dataclass(frozen=True, slots=True)
class FeedbackPut:
    """What `FeedbackStore.put` did.

    Attributes:
        status: "stored" for a new feedback_id, "duplicate" when it was already there.
        record: The record stored under that feedback_id: on a duplicate, the original one.
    """

    status: Literal["stored", "duplicate"]
    record: FeedbackRecord


@runtime_checkable
class FeedbackStore(Protocol):
    """Append-only feedback history per request; `put` is idempotent on `feedback_id`.

    The service derives `feedback_id` from the idempotency key, so a retried submission
    maps to the same id and the store answers "duplicate" without writing anything.
    """

    async def put(self, record: FeedbackRecord) -> FeedbackPut:
        """Append `record` unless its `feedback_id` is already stored (one atomic step)."""
        ...

    async def history(self, request_id: str) -> list[FeedbackRecord]:
        """Every record of the request, oldest first (by `history_key`)."""
        ...

    async def latest(self, request_id: str) -> FeedbackRecord | None:
        """The newest record of the request (the one that counts), or None."""
        ...

    async def ping(self) -> None:
        """Raise if the store cannot serve writes."""
        ...

    def close(self) -> None:
        """Release threads and connections the store owns (not injected clients)."""
        ...


@runtime_checkable
class InteractionStore(Protocol):
    """Customer interaction history (the UCDP table)."""

    async def query(self, account_number: str, options: SummaryOptions) -> InteractionQueryResult:
        """Interactions in `[as_of - max_history_days, as_of]` on the allowed channels.

        Args:
            account_number: The customer account.
            options: Window, limit and channel filter; `as_of` is the window's upper bound.

        Returns:
            The newest `max_interactions` matches, newest first, and a masked description.
        """
        ...

    async def put_many(self, account_number: str, interactions: Sequence[Interaction]) -> None:
        """Store interactions for an account (seeding); re-putting the same ones is a no-op."""
        ...

    async def ping(self) -> None:
        """Raise if the backend cannot serve queries."""
        ...

    def close(self) -> None:
        """Release threads and connections the store owns (not injected clients)."""
        ...


@runtime_checkable
class SummaryCache(Protocol):
    """Generated summaries keyed by `unique_process_id`, plus a cross-process single-flight lease.

    A lease can be taken only while there is no live entry and no live lease of another owner,
    so a replica that lost the race re-reads the cache instead of calling the model again.
    """

    async def get(self, process_id: str) -> CachedEntry | None:
        """The live entry, or None; expired entries are misses before physical deletion."""
        ...

    async def put(
        self, process_id: str, payload: dict[str, Any], *, ttl_s: int = DEFAULT_SUMMARY_TTL_S
    ) -> None:
        """Store (or overwrite) the entry; this also ends any lease on the process id."""
        ...

    async def try_lease(self, process_id: str, owner: str, lease_s: float) -> bool:
        """Take the generation lease; True if `owner` now holds it (re-entrant for `owner`)."""
        ...

    async def release(self, process_id: str, owner: str) -> None:
        """Drop the lease if `owner` still holds it; otherwise do nothing."""
        ...

    async def ping(self) -> None:
        """Raise if the backend cannot serve reads."""
        ...

    def close(self) -> None:
        """Release threads and connections the cache owns (not injected clients)."""
        ...


@runtime_checkable
class BlobStore(Protocol):
    """JSON documents under deterministic keys (`omni-channel/processed/...`, `/feedback/...`)."""

    async def put_json(self, key: str, body: dict[str, Any]) -> None:
        """Write `body` at `key`; idempotent, since the same key always carries the same content."""
        ...

    async def get_json(self, key: str) -> dict[str, Any] | None:
        """The document at `key`, or None if absent."""
        ...

    async def list_keys(self, prefix: str) -> list[str]:
        """All keys starting with `prefix` (a plain string prefix, as in S3), sorted."""
        ...

    async def ping(self) -> None:
        """Raise if the store cannot accept writes."""
        ...


def mask_account_number(account_number: str) -> str:
    """Keep only the last four characters, and never reveal the length.

    Args:
        account_number: The raw account number.

    Returns:
        For example `****7890`; `****` when the number is four characters or shorter.
    """
    tail = account_number[-4:] if len(account_number) > 4 else ""
    return f"****{tail}"


def format_ts(value: datetime) -> str:
    """Fixed-width ISO-8601 UTC with microseconds, so string order equals time order."""
    return value.astimezone(UTC).strftime(_TS_FORMAT)


def served_seq(served_at: str, recorded_at: float) -> str:
    """Order of answered requests within a contact: `served_at`, then the recording time.

    `served_at` has whole seconds; an agent transfer can answer the same contact twice in
    one second, and feedback by contact must rate the later answer.

    Args:
        served_at: The answer's `served_at` (ISO-8601 UTC, seconds).
        recorded_at: Epoch seconds when the served log recorded it.

    Returns:
        `<served_at>#<format_ts(recorded_at)>`, whose string order is time order.
    """
    return f"{served_at}#{format_ts(datetime.fromtimestamp(recorded_at, UTC))}"


def interaction_seq(interaction: Interaction) -> str:
    """Content hash for sort keys: re-seeding is idempotent and same-instant rows order stably."""
    return hashlib.sha256(interaction.model_dump_json().encode()).hexdigest()[:12]


def window_bounds(options: SummaryOptions) -> tuple[str, str]:
    """The inclusive `[start, end]` window of a query, as `format_ts` strings."""
    start = options.as_of - timedelta(days=options.max_history_days)
    return format_ts(start), format_ts(options.as_of)


def validate_blob_key(key: str) -> str:
    """Refuse keys that could escape a root folder or that S3 and a file system read differently.

    Raises:
        ValueError: For empty, absolute, backslashed or `..`/`.`-segment keys.
    """
    parts = key.split("/")
    if not key or key.startswith("/") or "\\" in key or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"invalid blob key: {key!r}")
    return key


def validate_blob_prefix(prefix: str) -> str:
    """Like `validate_blob_key`, but a prefix may be empty or end with `/`.

    Raises:
        ValueError: For a prefix that could list outside the store's root.
    """
    if prefix:
        validate_blob_key(prefix.removesuffix("/"))
    return prefix
