"""Refused requests leave a trace an operator can alert on: every 4xx is counted in /metrics
by status and reason (no token, path or body in a label) and logged as a `REQUEST_REFUSED`
security event with the client address and the reason; repeated authentication failures
from one address count up in the log and read as a rate in the counter."""

from __future__ import annotations

import io
import json
import logging
import re
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from oci_testing.live import serve_app
from prometheus_client.parser import text_string_to_metric_families

from service.api.app import create_app
from service.api.refusals import FailureWindow
from service.auth import AUDIENCE, TokenAuthority
from service.composition import build_service
from service.observability import EventLog
from service.settings import Settings

SECRET = "test-secret-that-is-long-enough-for-hs256-signing"
FORGER = "another-secret-that-is-long-enough-for-hs256-sign"
ANONYMOUS_BURST = 8
CLIENT_BURST = 40
PII_EMAIL = "jordan.lee@example.org"
GOOD = {"unique_process_id": "p-refused", "account_number": "8006084209", "contact_id": "c-1"}


@dataclass(frozen=True)
class Scenario:
    statuses: list[tuple[str, int]]  # (what was sent, status answered), in order
    refused: list[dict[str, object]]  # the REQUEST_REFUSED log lines
    log: str
    metrics: str
    tokens: list[str]  # every bad token sent


def _settings(tmp_path: Path, repo_root: Path) -> Settings:
    return Settings(
        state_dir=tmp_path / "var",
        prompts_dir=repo_root / "prompts",
        prompt_source="local",
        auth_secret=SECRET,  # type: ignore[arg-type]
        anonymous_rate_limit_per_s=0.001,
        anonymous_rate_limit_burst=ANONYMOUS_BURST,
        rate_limit_per_s=0.001,
        rate_limit_burst=CLIENT_BURST,
        max_body_bytes=4096,
    )


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    repo_root = Path(__file__).resolve().parents[2]
    settings = _settings(tmp_path_factory.mktemp("refusals"), repo_root)
    stream = io.StringIO()
    logger = logging.getLogger(f"oci-refusals-{uuid.uuid4().hex}")
    logger.addHandler(logging.StreamHandler(stream))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    container = build_service(settings, events=EventLog(logger))
    good = container.auth.issue("agent-desktop")
    expired = TokenAuthority(SECRET, clock=lambda: time.time() - 7200).issue("agent-desktop")
    tokens = [
        TokenAuthority(FORGER).issue("agent-desktop"),  # signed with another secret
        expired,
        TokenAuthority(SECRET, audience="another-api").issue("agent-desktop"),
        "not.a.jwt",
    ]
    assert TokenAuthority(SECRET, audience=AUDIENCE).verify(good).client_id == "agent-desktop"
    sent: list[tuple[str, int]] = []
    with serve_app(create_app(container)) as base_url, httpx.Client(base_url=base_url) as http:

        def post(label: str, path: str, token: str | None, **kwargs: object) -> None:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            headers.update(kwargs.pop("headers", {}))  # type: ignore[arg-type]
            answer = http.post(path, headers=headers, **kwargs)  # type: ignore[arg-type]
            sent.append((label, answer.status_code))

        for token, label in zip(tokens, ("forged", "expired", "audience", "garbage"), strict=True):
            post(label, "/omni-channel-insights", token, json=GOOD)
        while len(sent) < ANONYMOUS_BURST + 3:  # past the address's anonymous bucket
            post("no token", "/omni-channel-insights", None, json=GOOD)
        post("text/plain", "/omni-channel-insights", good, content=json.dumps(GOOD))
        post("too large", "/omni-channel-insights", good, json={**GOOD, "ivr_intent": "x" * 5000})
        post("malformed", "/feedback", good, content=b"{bad", headers=_json())
        # An invalid account carrying personal data: the value must reach no label, no log.
        post("invalid", "/omni-channel-insights", good, json={**GOOD, "account_number": PII_EMAIL})
        conflict = {"request_id": "req-1", "feedback": "helpful", "idempotency_key": "a"}
        post("conflict", "/feedback", good, json=conflict, headers={"Idempotency-Key": "b"})
        post(
            "unknown target", "/feedback", good, json={"request_id": "req-x", "feedback": "helpful"}
        )
        sent.append(("unknown path", http.get("/wp-login.php").status_code))
        wrong_method = http.get(
            "/omni-channel-insights", headers={"Authorization": f"Bearer {good}"}
        )
        sent.append(("wrong method", wrong_method.status_code))
        flood = container.auth.issue("flooding-client")
        for _ in range(CLIENT_BURST + 2):
            post("flood", "/feedback", flood, json={"request_id": "req-x", "feedback": "helpful"})
        metrics = http.get("/metrics").text
    log = stream.getvalue()
    refused = [json.loads(line) for line in log.splitlines() if '"REQUEST_REFUSED"' in line]
    yield Scenario(sent, refused, log, metrics, [*tokens, good, flood])


def _json() -> dict[str, str]:
    return {"content-type": "application/json"}


def _counted(metrics: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == "oci_refused_requests_total":
                found[sample.labels["status"], sample.labels["reason"]] += int(sample.value)
    return found


def test_every_refusal_is_counted_by_status_and_reason(scenario: Scenario) -> None:
    statuses = Counter(status for _, status in scenario.statuses)
    counted = _counted(scenario.metrics)
    by_status = Counter({status: 0 for status in statuses})
    for (status, _), count in counted.items():
        by_status[int(status)] += count
    assert by_status == statuses  # every 4xx sent, and nothing else
    assert counted["401", "invalid_token"] == 2  # forged, and not a JWT at all
    assert counted["401", "expired_token"] == 1
    assert counted["401", "wrong_audience"] == 1
    assert counted["401", "missing_token"] == ANONYMOUS_BURST - 4
    assert counted["429", "anonymous_rate_limited"] == 3
    assert counted["429", "rate_limited"] == 2
    expected = {
        ("415", "unsupported_media_type"): 1,
        ("413", "payload_too_large"): 1,
        ("400", "malformed_json"): 1,
        ("422", "invalid_request"): 1,
        ("409", "idempotency_key_conflict"): 1,
        ("404", "feedback_target_not_found"): 1 + CLIENT_BURST,
        ("404", "not_found"): 1,
        ("405", "method_not_allowed"): 1,
    }
    assert {key: counted[key] for key in expected} == expected


def test_labels_carry_no_token_path_or_body(scenario: Scenario) -> None:
    labels = {
        value
        for family in text_string_to_metric_families(scenario.metrics)
        for sample in family.samples
        if sample.name == "oci_refused_requests_total"
        for value in sample.labels.values()
    }
    assert all(re.fullmatch(r"[0-9]{3}|[a-z_]+", value) for value in labels), labels
    for secret in [*scenario.tokens, PII_EMAIL, "wp-login", "req-x"]:
        assert secret not in scenario.metrics


def test_each_refusal_is_a_security_event_with_address_and_reason(scenario: Scenario) -> None:
    assert len(scenario.refused) == len(scenario.statuses)
    for line, (_, status) in zip(scenario.refused, scenario.statuses, strict=True):
        assert line["status"] == status
        assert line["client_address"] == "127.0.0.1"
        assert isinstance(line["reason"], str) and line["reason"]
        assert line["method"] in ("GET", "POST") and str(line["path"]).startswith("/")
    invalid = next(line for line in scenario.refused if line["reason"] == "invalid_request")
    assert invalid["fields"] == ["account_number"] and invalid["client"] == "agent-desktop"
    flood = [line for line in scenario.refused if line["reason"] == "rate_limited"]
    assert {line["client"] for line in flood} == {"flooding-client"}
    for secret in [*scenario.tokens, PII_EMAIL]:
        assert secret not in scenario.log


def test_repeated_authentication_failures_count_up_per_address(scenario: Scenario) -> None:
    failed = [line for line in scenario.refused if line["status"] == 401]
    failed += [line for line in scenario.refused if line["reason"] == "anonymous_rate_limited"]
    assert [line["auth_failures_60s"] for line in failed] == list(range(1, ANONYMOUS_BURST + 4))
    others = [line for line in scenario.refused if line not in failed]
    assert others and all("auth_failures_60s" not in line for line in others)


def test_the_failure_window_forgets_old_failures_and_old_addresses() -> None:
    now = [0.0]
    window = FailureWindow(60.0, max_addresses=2, clock=lambda: now[0])
    assert [window.add("10.0.0.1") for _ in range(3)] == [1, 2, 3]
    now[0] = 61.0
    assert window.add("10.0.0.1") == 1  # the first three are older than the window
    window.add("10.0.0.2")
    window.add("10.0.0.3")  # the least recently seen address is forgotten
    assert window.add("10.0.0.1") == 1
