"""Bad input and bad tokens: 4xx naming the field, never a 500."""

from __future__ import annotations

import json

import httpx
import jwt
import pytest
from oci_testing.service_env import ACCOUNT, RunningService

GOOD = {"unique_process_id": "p-1", "account_number": ACCOUNT, "contact_id": "c-1"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({k: v for k, v in GOOD.items() if k != "account_number"}, "account_number"),
        ({k: v for k, v in GOOD.items() if k != "unique_process_id"}, "unique_process_id"),
        ({**GOOD, "max_interactions": -1}, "max_interactions"),
        ({**GOOD, "max_interactions": 10**9}, "max_interactions"),
        ({**GOOD, "max_interactions": "ten"}, "max_interactions"),
        ({**GOOD, "max_history_days": 0}, "max_history_days"),
        ({**GOOD, "channel_filter": ["fax"]}, "channel_filter.0"),
        ({**GOOD, "channel_filter": []}, "channel_filter"),
        ({**GOOD, "channel_filter": "ivr"}, "channel_filter"),
        ({**GOOD, "account_number": 1234567890}, "account_number"),
        ({**GOOD, "account_number": "12; DROP TABLE"}, "account_number"),
        ({**GOOD, "unexpected": 1}, "unexpected"),
        ({**GOOD, "ivr_intent": "x" * 500}, "ivr_intent"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(
    service: RunningService, body: dict[str, object], field: str
) -> None:
    with service.client() as client:
        response = client.post("/omni-channel-insights", json=body)
    assert response.status_code == 422, response.text
    assert field in response.json()["fields"]
    assert field.split(".")[0] in response.json()["detail"]


@pytest.mark.parametrize(
    "raw", [b"{bad json", b"", b"[]", b'"text"', b"\xff\xfe\xfa", b'{"a": ' * 50_000]
)
def test_malformed_bodies_are_4xx(service: RunningService, raw: bytes) -> None:
    with service.client() as client:
        response = client.post(
            "/omni-channel-insights", content=raw, headers={"content-type": "application/json"}
        )
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]


def test_bodies_over_one_megabyte_are_413(service: RunningService) -> None:
    body = json.dumps({**GOOD, "ivr_intent": "x" * 1_100_000}).encode()
    with service.client() as client:
        response = client.post(
            "/omni-channel-insights", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


def test_chunked_bodies_over_the_limit_are_413(service: RunningService) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"ivr_intent": "'
        for _ in range(40):
            yield b"x" * 50_000
        yield b'"}'

    with service.client() as client:
        response = client.post(
            "/omni-channel-insights", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413


def _token(service: RunningService, **claims: object) -> str:
    base = {
        "sub": "c",
        "iss": "omni-channel-insights",
        "aud": "omni-channel-insights-api",
        "iat": 1_700_000_000,
        "exp": 4_000_000_000,
    }
    base.update(claims)
    secret = service.settings.auth_secret.get_secret_value()  # type: ignore[union-attr]
    return jwt.encode(base, str(claims.pop("secret", secret)), algorithm="HS256")


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (None, "missing"),
        ("Basic abc", "missing"),
        ("Bearer not-a-jwt", "invalid"),
        ("EXPIRED", "expired"),
        ("FORGED", "invalid"),
        ("AUDIENCE", "audience"),
    ],
)
def test_requests_without_a_valid_token_are_401(
    service: RunningService, header: str | None, reason: str
) -> None:
    if header == "EXPIRED":
        header = "Bearer " + service.issue_token("c", ttl_s=-10)
    elif header == "FORGED":
        header = "Bearer " + jwt.encode(
            {
                "sub": "c",
                "iss": "omni-channel-insights",
                "aud": "omni-channel-insights-api",
                "iat": 1,
                "exp": 4_000_000_000,
            },
            "another-secret-another-secret-another",
            "HS256",
        )
    elif header == "AUDIENCE":
        header = "Bearer " + _token(service, aud="someone-else")
    headers = {"Authorization": header} if header else {}
    response = httpx.post(f"{service.base_url}/omni-channel-insights", json=GOOD, headers=headers)
    assert response.status_code == 401
    assert reason in response.json()["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_health_endpoints_need_no_token(service: RunningService) -> None:
    assert httpx.get(f"{service.base_url}/healthz").status_code == 200
    assert httpx.get(f"{service.base_url}/metrics").status_code == 200


@pytest.mark.parametrize("field", ["request_id", "contact_id", "customer_account"])
def test_feedback_with_an_explicit_null_string_is_422_naming_the_field(
    service: RunningService, field: str
) -> None:
    shape = (
        {"request_id": "req-1"}
        if field == "request_id"
        else {"contact_id": "c-1", "customer_account": ACCOUNT}
    )
    with service.client() as client:
        response = client.post("/feedback", json={**shape, field: None, "feedback": "helpful"})
    assert response.status_code == 422, response.text
    assert field in response.json()["fields"]


@pytest.mark.parametrize("field", ["max_interactions", "max_history_days"])
@pytest.mark.parametrize("value", [True, "5", 5.5], ids=["bool", "string", "fraction"])
def test_integers_are_strict(service: RunningService, field: str, value: object) -> None:
    with service.client() as client:
        response = client.post("/omni-channel-insights", json={**GOOD, field: value})
    assert response.status_code == 422, response.text
    assert response.json()["fields"] == [field]


@pytest.mark.parametrize("path", ["/omni-channel-insights", "/feedback"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_bodies_that_are_not_application_json_are_415(
    service: RunningService, path: str, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    with service.client() as client:
        response = client.post(path, content=json.dumps(GOOD).encode(), headers=headers)
    assert response.status_code == 415, response.text
    body = response.json()
    assert body["error"] == "unsupported_media_type"
    assert body["fields"] == ["content-type"] and "content-type" in body["detail"]


def test_json_with_a_charset_parameter_is_accepted(service: RunningService) -> None:
    headers = {"content-type": "application/json; charset=utf-8"}
    with service.client() as client:
        response = client.post(
            "/omni-channel-insights", content=json.dumps(GOOD).encode(), headers=headers
        )
    assert response.status_code == 200, response.text
