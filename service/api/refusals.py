"""Every refused request leaves a trace: a counter by status and reason, and a security event.

A 4xx answer is a refusal: a missing or forged token (401), a client over its rate (429), a
body that is too large (413), of the wrong type (415), malformed (400) or invalid (422), a
conflict (409), an unknown target or path (404, 405). Whoever refuses names the reason in
the request's state (`note_refusal`); `RefusalMonitor`, the outermost layer, sees the status
go out and then

- counts it in `oci_refused_requests_total{status, reason}` (closed vocabularies: the
  status code and the reason code the API's error body carries; never a token, a path or
  a body), so an alert can fire on `rate(...)`;
- logs one `REQUEST_REFUSED` event with the status, reason, method, path, client address,
  the authenticated client id when there is one, the offending field names of a 422, and,
  for a failed authentication, how many this address has had in the last minute
  (`auth_failures_60s`): repeated failures read as a rate in the log too.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.observability import EventLog, ServiceMetrics

REASON_KEY = "oci_refusal_reason"
FIELDS_KEY = "oci_refusal_fields"
AUTH_FAILURE_REASONS = frozenset(
    {
        "missing_token",
        "invalid_token",
        "expired_token",
        "wrong_audience",
        "token_lifetime_too_long",
        "anonymous_rate_limited",
    }
)
MAX_LOGGED_PATH = 200


def note_refusal(state: Any, reason: str, fields: Sequence[str] = ()) -> None:
    """Record why the request is refused, in its ASGI state (a dict or `request.state`)."""
    if isinstance(state, dict):
        state[REASON_KEY], state[FIELDS_KEY] = reason, list(fields)
    else:
        setattr(state, REASON_KEY, reason)
        setattr(state, FIELDS_KEY, list(fields))


class FailureWindow:
    """Authentication failures per client address over the last `window_s` seconds.

    Bounded: past `max_addresses` the address seen least recently is forgotten, so a flood
    from many addresses costs memory in proportion to the bound, not to the flood.
    """

    def __init__(
        self,
        window_s: float = 60.0,
        *,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window_s = window_s
        self._max = max_addresses
        self._clock = clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()

    def add(self, address: str) -> int:
        """Record one failure from `address`; how many it had in the window, this one too."""
        now = self._clock()
        times = self._seen.pop(address, None) or deque()
        times.append(now)
        while times and times[0] <= now - self.window_s:
            times.popleft()
        self._seen[address] = times
        while len(self._seen) > self._max:
            self._seen.popitem(last=False)
        return len(times)


class RefusalMonitor:
    """Counts and logs every 4xx the app answers (pure ASGI, outside every other layer)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        events: EventLog,
        metrics: ServiceMetrics,
        failures: FailureWindow | None = None,
    ) -> None:
        self.app = app
        self._events = events
        self._metrics = metrics
        self._failures = failures or FailureWindow()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            if 400 <= status < 500:
                self._record(scope, status)

    def _record(self, scope: Scope, status: int) -> None:
        state = scope.get("state") or {}
        reason = str(state.get(REASON_KEY) or f"http_{status}")
        self._metrics.refusals.labels(str(status), reason).inc()
        client = scope.get("client")
        address = str(client[0]) if client else "unknown"
        fields: dict[str, Any] = {
            "status": status,
            "reason": reason,
            "method": scope.get("method", ""),
            "path": str(scope.get("path", ""))[:MAX_LOGGED_PATH],
            "client_address": address,
        }
        caller = state.get("principal")
        if caller is not None:
            fields["client"] = caller.client_id
        if state.get(FIELDS_KEY):
            fields["fields"] = state[FIELDS_KEY]
        if reason in AUTH_FAILURE_REASONS:
            fields["auth_failures_60s"] = self._failures.add(address)
        self._events.event("REQUEST_REFUSED", None, **fields)
