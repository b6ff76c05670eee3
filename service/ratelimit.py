"""Per-client rate limiting: a token bucket per authenticated client id, in process.

Each worker process limits independently, so the effective limit of a deployment is
`rate × workers × replicas`; set `OCI_RATE_LIMIT_PER_S` accordingly. A refused request gets
429 with `Retry-After`, before any store or model is touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


class RateLimitedError(Exception):
    """The client spent its bucket; `retry_after_s` says when one request fits again."""

    def __init__(self, client_id: str, retry_after_s: float) -> None:
        super().__init__(f"rate limit exceeded for client {client_id}")
        self.retry_after_s = retry_after_s


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets: `rate_per_s` sustained, `burst` at once, per client id."""

    def __init__(
        self,
        rate_per_s: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 100_000,
    ) -> None:
        self.rate_per_s = rate_per_s
        self.burst = burst
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}

    def acquire(self, client_id: str) -> None:
        """Take one token for `client_id`.

        Raises:
            RateLimitedError: The bucket is empty.
        """
        now = self._clock()
        bucket = self._buckets.get(client_id)
        if bucket is None:
            if len(self._buckets) >= self._max_clients:
                self._buckets.clear()  # bounded memory; a reset only ever grants more
            bucket = self._buckets[client_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate_per_s)
        bucket.updated = now
        if bucket.tokens < 1.0 - 1e-9:  # tolerate float error in the refill arithmetic
            raise RateLimitedError(client_id, (1.0 - bucket.tokens) / self.rate_per_s)
        bucket.tokens -= 1.0
