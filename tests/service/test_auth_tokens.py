"""Token verification: remembering verified tokens never changes an answer."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.live import serve_app
from oci_testing.service_env import ACCOUNT, make_settings, seed_history

from service.api.app import create_app
from service.auth import AuthError, Principal, TokenAuthority
from service.composition import build_service
from service.ratelimit import RateLimiter

SECRET = "a-test-secret-that-is-long-enough-for-hs256"


class OffsetClock:
    """Real time plus an offset the test moves forward (PyJWT itself reads real time)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def _answer(authority: TokenAuthority, token: str) -> Principal | str:
    try:
        return authority.verify(token)
    except AuthError as error:
        return str(error)


def _tampered(token: str) -> str:
    head, payload, signature = token.split(".")
    return f"{head}.{payload}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"


@settings(max_examples=40, deadline=None)
@given(
    ttls=st.lists(st.integers(min_value=-5, max_value=120), min_size=1, max_size=6),
    steps=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=20),
            st.sampled_from(["genuine", "tampered", "other-audience"]),
            st.floats(min_value=0, max_value=40),
        ),
        min_size=1,
        max_size=30,
    ),
    capacity=st.integers(min_value=1, max_value=4),
)
def test_a_remembering_authority_answers_as_one_that_verifies_every_time(
    ttls: list[int], steps: list[tuple[int, str, float]], capacity: int
) -> None:
    clock = OffsetClock()
    remembering = TokenAuthority(SECRET, clock=clock, remembered_tokens=capacity)
    verifying = TokenAuthority(SECRET, clock=clock, remembered_tokens=0)
    elsewhere = TokenAuthority(SECRET, audience="someone-else")
    genuine = [remembering.issue(f"client-{i}", ttl_s=ttl) for i, ttl in enumerate(ttls)]
    for index, kind, advance_s in steps:
        token = genuine[index % len(genuine)]
        if kind == "tampered":
            token = _tampered(token)
        elif kind == "other-audience":
            token = elsewhere.issue(f"client-{index}")
        assert _answer(remembering, token) == _answer(verifying, token)
        clock.offset += advance_s


def test_a_remembered_token_still_expires() -> None:
    clock = OffsetClock()
    authority = TokenAuthority(SECRET, clock=clock)
    token = authority.issue("agent-desktop", ttl_s=60)
    assert authority.verify(token).client_id == "agent-desktop"
    clock.offset = 61
    with pytest.raises(AuthError, match="expired"):
        authority.verify(token)
    with pytest.raises(AuthError, match="expired"):
        authority.verify(token)  # forgotten, then refused by the full check too


class LoopRecordingLimiter(RateLimiter):
    """Notes whether each check ran on the event loop's thread."""

    def __init__(self) -> None:
        super().__init__(rate_per_s=1000.0, burst=1000)
        self.on_loop: list[bool] = []

    def acquire(self, client_id: str) -> None:
        try:
            asyncio.get_running_loop()
            self.on_loop.append(True)
        except RuntimeError:
            self.on_loop.append(False)
        super().acquire(client_id)


@pytest.fixture
def recording_service(tmp_path: Path, repo_root: Path) -> Iterator[tuple[str, str, list[bool]]]:
    settings_ = make_settings(tmp_path, repo_root)
    seed_history(settings_)
    limiter = LoopRecordingLimiter()
    container = dataclasses.replace(build_service(settings_), rate_limiter=limiter)
    with serve_app(create_app(container)) as base_url:
        yield base_url, container.auth.issue("desk"), limiter.on_loop


def test_authentication_runs_on_the_event_loop_not_in_a_worker_thread(
    recording_service: tuple[str, str, list[bool]],
) -> None:
    """A plain-function dependency would go to AnyIO's thread pool on every request."""
    base_url, token, on_loop = recording_service
    headers = {"Authorization": f"Bearer {token}"}
    body = {"unique_process_id": "p-loop", "account_number": ACCOUNT, "contact_id": "c"}
    for _ in range(2):
        response = httpx.post(f"{base_url}/omni-channel-insights", json=body, headers=headers)
        assert response.status_code == 200
    assert on_loop == [True, True]
