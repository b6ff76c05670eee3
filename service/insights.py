"""The request path of POST /omni-channel-insights, below HTTP.

cache → single flight (in process, then a lease across replicas) → interaction query →
`summarize()` → cache put → processed record queued durably. The model is the only thing
a caller should wait for; everything else here is a lookup or a local write.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from service.backends.outbox import Outbox
from service.backends.protocols import (
    DEFAULT_SUMMARY_TTL_S,
    InteractionStore,
    ServedLog,
    SummaryCache,
)
from service.cache_key import cache_key
from service.checked_summary import summarize_checked
from service.domain import InsightsAnswer, InsightsQuery
from service.model_calls import DependencyUnavailableError
from service.models import SummaryOptions
from service.observability import EventLog, ServiceMetrics
from service.pii_at_rest import AtRest
from service.prompts import PromptPair
from service.records import processed_key, processed_record
from service.request_records import RequestRecorder
from service.summarizer import CompletionGateway, Summary
from service.tracing import ProductionTracer, ServedSummary
from service.verifier import Verifier

Outcome = Literal["generated", "cache_hit", "no_interactions"]


class PairPicker(Protocol):
    """Which prompt/model pair serves an account (production or its canary)."""

    def pick(self, account_number: str) -> PromptPair: ...


class ProcessIdConflictError(Exception):
    """The process id is cached for another account: serving it would leak a summary."""


@dataclass(frozen=True)
class InsightsResult:
    """The answer and how it was produced (for headers and metrics)."""

    response: InsightsAnswer
    outcome: Outcome
    model_latency_ms: float = 0.0  # time inside the model gateway (0 when none was called)


@dataclass(frozen=True)
class _Generated:
    payload: dict[str, Any]
    outcome: Outcome
    model_latency_ms: float = 0.0


class InsightsService:
    """Serves summaries for agent desktops; one instance per app."""

    def __init__(
        self,
        *,
        interactions: InteractionStore,
        cache: SummaryCache,
        outbox: Outbox,
        pairs: PairPicker,
        gateway: CompletionGateway,
        events: EventLog,
        metrics: ServiceMetrics,
        served_log: ServedLog | None = None,
        cache_ttl_s: int = DEFAULT_SUMMARY_TTL_S,
        lease_s: float = 15.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        log_requests: bool = True,
        check_summaries: bool = True,
        verifier: Verifier | None = None,
        at_rest: AtRest | None = None,
        tracer: ProductionTracer | None = None,
    ) -> None:
        self._interactions = interactions
        self._cache = cache
        self._outbox = outbox
        self._pairs = pairs
        self._gateway = gateway
        self._events = events
        self._metrics = metrics
        self._at_rest = at_rest or AtRest(b"", enabled=False)
        self._recorder = RequestRecorder(
            outbox=outbox,
            events=events,
            clock=clock,
            served_log=served_log,
            log_requests=log_requests,
            at_rest=self._at_rest,
        )
        self._cache_ttl_s = cache_ttl_s
        self._lease_s = lease_s
        self._clock = clock
        self._owner = f"replica-{uuid.uuid4().hex[:12]}"
        self._inflight: dict[str, asyncio.Future[_Generated]] = {}
        self._check_summaries = check_summaries
        self._verifier = verifier
        self._tracer = tracer

    def close(self) -> None:
        """Write the traces still queued (when tracing is on)."""
        if self._tracer is not None:
            self._tracer.close()

    async def handle(self, request: InsightsQuery, request_id: str) -> InsightsResult:
        """Answer one request: from the SummaryCache when possible, else generate.

        Raises:
            ProcessIdConflictError: The process id belongs to another account.
            DependencyUnavailableError: Interaction store or every model unavailable.
        """
        received_at = self._clock()
        try:
            result = await self._answer(request, request_id)
        except DependencyUnavailableError:
            self._recorder.failed(request, request_id, received_at)
            raise
        await self._recorder.served(request, result.response, result.outcome, received_at)
        return result

    @property
    def request_log(self) -> RequestRecorder:
        """The request-log writer: `run` it beside the app, `flush` it when driving directly."""
        return self._recorder

    async def _answer(self, request: InsightsQuery, request_id: str) -> InsightsResult:
        started = time.perf_counter()
        cached = await self._cached(request, request_id)
        if cached is not None:
            return self._result(request, cached, "cache_hit", request_id, started)
        process_id = cache_key(request)
        shared = self._inflight.get(process_id)
        if shared is not None:
            # A concurrent first request is already generating: share its answer.
            generated = await asyncio.shield(shared)
            self._check_account(generated.payload, request)
            return self._result(request, generated.payload, "cache_hit", request_id, started)
        future: asyncio.Future[_Generated] = asyncio.get_running_loop().create_future()
        self._inflight[process_id] = future
        try:
            generated = await self._generate_once(request, request_id)
            future.set_result(generated)
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved here, so waiters-free failures are not logged as lost
            raise
        finally:
            del self._inflight[process_id]
        return self._result(
            request,
            generated.payload,
            generated.outcome,
            request_id,
            started,
            generated.model_latency_ms,
        )

    async def _cached(self, request: InsightsQuery, request_id: str) -> dict[str, Any] | None:
        try:
            entry = await self._cache.get(cache_key(request))
        except Exception as error:  # noqa: BLE001 - the cache is an optimisation; degrade
            self._events.event("CACHE_UNAVAILABLE", request_id, error=type(error).__name__)
            return None
        if entry is None:
            self._events.event("CACHE_MISS", request_id)
            return None
        self._check_account(entry.payload, request)
        self._events.event("CACHE_HIT", request_id)
        return entry.payload

    def _check_account(self, payload: dict[str, Any], request: InsightsQuery) -> None:
        # The cache holds the account as stored (a keyed token when masking is on).
        if payload.get("account_number") != self._at_rest.account(request.account_number):
            raise ProcessIdConflictError(
                "unique_process_id is already in use for a different account_number"
            )

    async def _generate_once(self, request: InsightsQuery, request_id: str) -> _Generated:
        """Generate under the cross-replica lease; a replica that loses the race waits."""
        process_id = cache_key(request)
        leased = await self._try_lease(process_id)
        if not leased:
            deadline = time.monotonic() + self._lease_s
            while time.monotonic() < deadline:
                await asyncio.sleep(0.05)
                entry = await self._cache.get(process_id)
                if entry is not None:
                    self._check_account(entry.payload, request)
                    return _Generated(entry.payload, "cache_hit")
            # The other replica died mid-generation: generate ourselves rather than fail.
        try:
            return await self._generate(request, request_id)
        finally:
            if leased:
                await self._release(process_id)

    async def _try_lease(self, process_id: str) -> bool:
        try:
            return await self._cache.try_lease(process_id, self._owner, self._lease_s)
        except Exception:  # noqa: BLE001 - without a cache we still answer, just uncoalesced
            return True

    async def _release(self, process_id: str) -> None:
        try:
            await self._cache.release(process_id, self._owner)
        except Exception:  # noqa: BLE001 - the lease expires by itself
            return

    async def _generate(self, request: InsightsQuery, request_id: str) -> _Generated:
        now = self._clock()
        options = SummaryOptions(
            ivr_intent=request.ivr_intent,
            max_history_days=request.max_history_days,
            max_interactions=request.max_interactions,
            channel_filter=request.channel_filter,
            as_of=now,
        )
        pair = self._pairs.pick(request.account_number)
        self._events.event(
            "DYNAMODB_QUERY_START", request_id, account_number=request.account_number
        )
        try:
            found = await self._interactions.query(request.account_number, options)
        except Exception as error:
            self._events.event("DYNAMODB_QUERY_ERROR", request_id, error=type(error).__name__)
            raise DependencyUnavailableError("interaction store", 1.0) from error
        self._events.event(
            "DYNAMODB_QUERY_SUCCESS",
            request_id,
            items=len(found.interactions),
            items_read=found.items_read,
        )
        checked = await summarize_checked(
            found.interactions,
            options,
            pair,
            self._gateway,
            events=self._events,
            metrics=self._metrics,
            request_id=request_id,
            enabled=self._check_summaries,
            verifier=self._verifier,
        )
        summary = checked.summary
        payload = {**self._payload(request, summary, now), "summary_request_id": request_id}
        # What is cached is what every agent on this process id is shown, the first one too:
        # the summary with any personal data a model repeated masked, the account as stored.
        payload["summary"] = self._at_rest.text(summary.text)
        payload["account_number"] = self._at_rest.account(request.account_number)
        payload["summary_check"], payload["flags"] = checked.outcome, list(checked.flags)
        outcome: Outcome = "generated" if summary.model_called else "no_interactions"
        await self._store(request, request_id, summary, payload, now, found.query_description)
        if self._tracer is not None and summary.model_called:
            self._tracer.offer(
                ServedSummary(
                    request_id,
                    request.as_record(),
                    options,
                    summary,
                    checked.outcome,
                    checked.flags,
                    checked.findings,
                )
            )
        return _Generated(payload, outcome, summary.latency_ms if summary.model_called else 0.0)

    @staticmethod
    def _payload(request: InsightsQuery, summary: Summary, now: datetime) -> dict[str, Any]:
        return {
            "contact_id": request.contact_id,
            "account_number": request.account_number,
            "summary": summary.text,
            "date_range": summary.date_range,
            "model_used": summary.model_used,
            "generated_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "prompt_name": summary.prompt_name,
            "prompt_version": summary.prompt_version,
            "max_history_days": request.max_history_days,
            "max_interactions": request.max_interactions,
            "channel_filter": list(request.channel_filter) if request.channel_filter else None,
            "interaction_count": len(summary.interactions),
        }

    async def _store(
        self,
        request: InsightsQuery,
        request_id: str,
        summary: Summary,
        payload: dict[str, Any],
        now: datetime,
        query_description: str,
    ) -> None:
        record = self._at_rest.processed(
            processed_record(
                request_id=request_id,
                request=request.as_record(),
                summary=summary,
                generated_at=now,
                query_description=query_description,
                summary_check=payload.get("summary_check", "not_checked"),
                flags=payload.get("flags", ()),
            )
        )
        # The outbox write is local and durable; delivery to S3 happens in the background,
        # batched with the other records of the day (one object per few hundred summaries).
        self._outbox.enqueue(
            processed_key(request.unique_process_id, now, summary.prompt_hash),
            record,
            batched=True,
        )
        self._metrics.records_pending.labels("processed").inc()
        try:
            await self._cache.put(cache_key(request), payload, ttl_s=self._cache_ttl_s)
        except Exception as error:  # noqa: BLE001 - a missed cache write costs a regeneration only
            self._events.event("CACHE_WRITE_FAILED", request_id, error=type(error).__name__)

    @staticmethod
    def _result(
        request: InsightsQuery,
        payload: dict[str, Any],
        outcome: Outcome,
        request_id: str,
        started: float,
        model_latency_ms: float = 0.0,
    ) -> InsightsResult:
        body = {
            **payload,
            # This request's identifiers, not those of the request that generated the summary
            # (`summary_request_id` names that one), and the account as the caller sent it.
            "contact_id": request.contact_id,
            "account_number": request.account_number,
            "request_id": request_id,
            "cache_hit": outcome == "cache_hit",
            "latency_ms": round((time.perf_counter() - started) * 1000),
        }
        return InsightsResult(InsightsAnswer.from_payload(body), outcome, model_latency_ms)
