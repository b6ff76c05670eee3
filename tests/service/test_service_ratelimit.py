"""Per-client rate limiting: a token bucket per client id, refused requests get 429."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.service_env import (
    ACCOUNT,
    RunningService,
    make_settings,
    seed_history,
    serve_service,
)

from service.ratelimit import RateLimitedError, RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@given(st.integers(min_value=1, max_value=50), st.floats(min_value=0.1, max_value=100))
def test_bucket_allows_exactly_the_burst_then_refills_at_the_rate(burst: int, rate: float) -> None:
    clock = FakeClock()
    limiter = RateLimiter(rate, burst, clock=clock)
    for _ in range(burst):
        limiter.acquire("a")
    with pytest.raises(RateLimitedError) as refused:
        limiter.acquire("a")
    assert refused.value.retry_after_s == pytest.approx(1 / rate)
    limiter.acquire("b")  # other clients have their own bucket
    clock.now += 1 / rate
    limiter.acquire("a")


@pytest.fixture
def limited(tmp_path: Path, repo_root: Path) -> Iterator[RunningService]:
    settings = make_settings(tmp_path, repo_root).model_copy(
        update={"rate_limit_per_s": 0.5, "rate_limit_burst": 2}
    )
    seed_history(settings)
    yield from serve_service(settings, None)


def test_requests_over_the_client_limit_get_429_with_retry_after(limited: RunningService) -> None:
    body = {"unique_process_id": "p-rl", "account_number": ACCOUNT, "contact_id": "c"}
    with limited.client() as client:
        codes = [client.post("/omni-channel-insights", json=body).status_code for _ in range(3)]
        refused = client.post("/omni-channel-insights", json=body)
    assert codes[:2] == [200, 200] and codes[2] == 429
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    other = limited.issue_token("another-client")
    response = httpx.post(
        f"{limited.base_url}/omni-channel-insights",
        json=body,
        headers={"Authorization": f"Bearer {other}"},
        timeout=30,
    )
    assert response.status_code == 200
    assert httpx.get(f"{limited.base_url}/healthz").status_code == 200
