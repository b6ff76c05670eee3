"""The gate in front of the protected routes: token lifetime, the published bearer scheme,
authentication before the body is read, and a limit on unauthenticated traffic."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from oci_testing.live import serve_app
from oci_testing.service_env import GOOD_BODY, RunningService, make_settings, seed_history

from service.api.app import create_app
from service.auth import AUDIENCE, ISSUER, AuthError, TokenAuthority
from service.composition import build_service
from service.ratelimit import RateLimiter

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
PROTECTED = (("post", "/omni-channel-insights"), ("post", "/feedback"))


def _signed(secret: str, *, lifetime_s: int, client: str = "c") -> str:
    now = int(time.time())
    claims = {"sub": client, "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + lifetime_s}
    return jwt.encode(claims, secret, algorithm="HS256")


def test_a_token_living_longer_than_the_maximum_is_refused() -> None:
    authority = TokenAuthority(SECRET, max_lifetime_s=600)
    assert authority.verify(_signed(SECRET, lifetime_s=600)).client_id == "c"
    with pytest.raises(AuthError, match="lifetime"):
        authority.verify(_signed(SECRET, lifetime_s=601))
    with pytest.raises(ValueError, match="lifetime"):
        authority.issue("c", ttl_s=601)


def test_the_service_refuses_a_validly_signed_ten_year_token(service: RunningService) -> None:
    secret = service.settings.auth_secret.get_secret_value()  # type: ignore[union-attr]
    token = _signed(secret, lifetime_s=10 * 365 * 24 * 3600)
    response = httpx.post(
        f"{service.base_url}/omni-channel-insights",
        json=GOOD_BODY,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401, response.text
    assert "lifetime" in response.json()["detail"]


def test_openapi_declares_the_bearer_scheme_on_every_protected_operation(
    service: RunningService,
) -> None:
    spec = httpx.get(f"{service.base_url}/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearer"]["type"] == "http" and schemes["bearer"]["scheme"] == "bearer"
    for method, path in PROTECTED:
        assert spec["paths"][path][method]["security"] == [{"bearer": []}], path
    for path in ("/healthz", "/readyz", "/metrics"):
        assert "security" not in spec["paths"][path]["get"], path


@pytest.mark.parametrize("_method,path", PROTECTED)
@pytest.mark.parametrize(
    ("raw", "content_type"),
    [(b"{not json", "application/json"), (b"[" * 1000, "application/json"), (b"x", "text/plain")],
    ids=["malformed", "nested", "wrong-media-type"],
)
def test_an_unauthenticated_bad_body_is_401_not_400(
    service: RunningService, _method: str, path: str, raw: bytes, content_type: str
) -> None:
    response = httpx.post(
        f"{service.base_url}{path}", content=raw, headers={"content-type": content_type}
    )
    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


class FrozenClock:
    """A clock that never moves: an empty bucket stays empty however slow the machine."""

    def __call__(self) -> float:
        return 0.0


@pytest.fixture
def anonymous_limited(tmp_path: Path, repo_root: Path) -> Iterator[tuple[str, str]]:
    settings = make_settings(tmp_path, repo_root)
    seed_history(settings)
    container = build_service(settings)
    limiter = RateLimiter(1.0, 3, clock=FrozenClock())
    with serve_app(create_app(dataclasses.replace(container, anonymous_limiter=limiter))) as url:
        yield url, container.auth.issue("desk")


def test_unauthenticated_requests_spend_a_per_address_bucket(
    anonymous_limited: tuple[str, str],
) -> None:
    url, token = anonymous_limited
    bad = {"Authorization": "Bearer not-a-jwt"}
    codes = [
        httpx.post(f"{url}/omni-channel-insights", json=GOOD_BODY, headers=h).status_code
        for h in ({}, bad, {}, bad, {})
    ]
    assert codes == [401, 401, 401, 429, 429]
    refused = httpx.post(f"{url}/feedback", json={"request_id": "r", "feedback": "helpful"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    # A caller with a valid token is limited by its own client bucket, not the address's.
    good = {"Authorization": f"Bearer {token}"}
    response = httpx.post(f"{url}/omni-channel-insights", json=GOOD_BODY, headers=good)
    assert response.status_code == 200, response.text
    assert httpx.get(f"{url}/healthz").status_code == 200
