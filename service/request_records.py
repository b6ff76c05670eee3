"""What every request to POST /omni-channel-insights was answered with, for two readers.

- The served log (`ServedLog`): request id → summary, so an agent's feedback can find what
  it rates.
- The request log (`omni-channel/requests/dt=YYYY-MM-DD/<writer>-<seq>.json`, through the
  outbox): one row per request, errors included, which the warehouse needs for the weekly
  cache-hit and error rates (processed records exist only for generations, so transfers
  served from the cache and 503s would otherwise leave no trace). No account number: the
  row needs none.

Request rows are batched, as a delivery stream (Firehose) would: one object of
`{"rows": [...]}` per second or per 500 rows. One object per request measured 2 ms of CPU
per request (a file or S3 PUT each), a third of the service's whole budget. The price is
that a crash loses the rows of the last second; summaries and feedback, which clients
were promised, are queued in the outbox one by one before the response (never lost) and
only delivered in batches (`service.backends.row_batches`, the same object shape). Keys are
unique per writer and batch, so a redelivery rewrites the same object.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from service.backends.outbox import Outbox
from service.backends.protocols import ServedLog, ServedSummary
from service.domain import InsightsAnswer, InsightsQuery
from service.observability import EventLog
from service.pii_at_rest import AtRest

REQUESTS_PREFIX = "omni-channel/requests"
_TIMESTAMP = "%Y-%m-%dT%H:%M:%SZ"


def request_batch_key(day: str, writer: str, sequence: int) -> str:
    """`omni-channel/requests/dt=YYYY-MM-DD/<writer>-<sequence>.json`."""
    return f"{REQUESTS_PREFIX}/dt={day}/{writer}-{sequence:08d}.json"


def request_record(
    *,
    request_id: str,
    request: InsightsQuery,
    received_at: datetime,
    outcome: str,
    answer: InsightsAnswer | None,
) -> dict[str, Any]:
    """One request-log row; `answer` is None when the request failed (outcome "error")."""
    return {
        "request_id": request_id,
        "unique_process_id": request.unique_process_id,
        "contact_id": request.contact_id,
        "received_at": received_at.strftime(_TIMESTAMP),
        "outcome": outcome,
        "cache_hit": answer.cache_hit if answer else False,
        "latency_ms": answer.latency_ms if answer else 0,
        "prompt_version": answer.prompt_version if answer else None,
        "model_used": answer.model_used if answer else None,
        "generated_at": answer.generated_at if answer else None,
    }


class RequestRecorder:
    """Writes the served log and the request log; a failure of either never fails a request."""

    def __init__(
        self,
        *,
        outbox: Outbox,
        events: EventLog,
        clock: Callable[[], datetime],
        served_log: ServedLog | None = None,
        log_requests: bool = True,
        max_batch_rows: int = 500,
        at_rest: AtRest | None = None,
    ) -> None:
        self._at_rest = at_rest or AtRest(b"", enabled=False)
        self._outbox = outbox
        self._events = events
        self._clock = clock
        self._served_log = served_log
        self._log_requests = log_requests
        self._max_batch_rows = max_batch_rows
        self._writer = f"w{uuid.uuid4().hex[:12]}"
        self._sequence = 0
        self._pending: dict[str, list[dict[str, Any]]] = {}  # rows by day partition
        self._pending_rows = 0

    async def served(
        self,
        request: InsightsQuery,
        answer: InsightsAnswer,
        outcome: str,
        received_at: datetime,
    ) -> None:
        """Record a request that was answered (generated, cache hit or no interactions)."""
        if self._served_log is not None:
            served = ServedSummary(
                request_id=answer.request_id,
                unique_process_id=request.unique_process_id,
                contact_id=request.contact_id,
                # As stored elsewhere: feedback by contact looks it up in the same form.
                account_number=self._at_rest.account(request.account_number) or "",
                prompt_name=answer.prompt_name,
                prompt_version=answer.prompt_version,
                model_used=answer.model_used,
                cache_hit=answer.cache_hit,
                generated_at=answer.generated_at,
                served_at=self._clock().strftime(_TIMESTAMP),
                latency_ms=answer.latency_ms,
            )
            try:
                await self._served_log.record(served)
            except Exception as error:  # noqa: BLE001 - the agent still gets the summary
                self._events.event(
                    "SERVED_LOG_FAILED", answer.request_id, error=type(error).__name__
                )
        self._log(request, answer.request_id, received_at, outcome, answer)

    def failed(self, request: InsightsQuery, request_id: str, received_at: datetime) -> None:
        """Record a request that got a 503 (every model, or a store, unavailable)."""
        self._log(request, request_id, received_at, "error", None)

    def _log(
        self,
        request: InsightsQuery,
        request_id: str,
        received_at: datetime,
        outcome: str,
        answer: InsightsAnswer | None,
    ) -> None:
        if not self._log_requests:
            return
        record = request_record(
            request_id=request_id,
            request=request,
            received_at=received_at,
            outcome=outcome,
            answer=answer,
        )
        self._pending.setdefault(f"{received_at:%Y-%m-%d}", []).append(record)
        self._pending_rows += 1
        if self._pending_rows >= self._max_batch_rows:
            self.flush()

    @property
    def batches_queued(self) -> int:
        """Request-log objects handed to the outbox so far by this writer."""
        return self._sequence

    def flush(self) -> int:
        """Queue the buffered request rows durably (one object per day); returns how many."""
        pending, self._pending, self._pending_rows = self._pending, {}, 0
        flushed = 0
        for day, rows in pending.items():
            self._sequence += 1
            try:
                self._outbox.enqueue(
                    request_batch_key(day, self._writer, self._sequence), {"rows": rows}
                )
                flushed += len(rows)
            except Exception as error:  # noqa: BLE001 - log rows must not fail requests
                self._events.event("REQUEST_LOG_FAILED", None, error=type(error).__name__)
        return flushed

    async def run(self, stop_event: asyncio.Event, *, interval_s: float = 1.0) -> None:
        """Flush every `interval_s` until `stop_event` is set, then once more."""
        while not stop_event.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop_event.wait(), timeout=interval_s)
            self.flush()
