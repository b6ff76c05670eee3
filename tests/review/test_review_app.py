"""The review queue over HTTP, in process: who may label, what a label writes, and what a bad
or repeated submission writes (nothing)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from oci_testing.review_fixtures import (
    REQUEST_ID,
    WEEK,
    ReviewSetup,
    finding_fields,
    form_of,
    review_setup,
)

from eval.review.app import create_review_app
from eval.review.items import ItemSnapshot, abstained_on, make_item
from eval.samples import SIMULATED_REGRESSIONS_DIR
from service.models import Interaction, SummaryOptions

JSON = {"accept": "application/json"}


@pytest.fixture
def setup(tmp_path: Path) -> ReviewSetup:
    return review_setup(tmp_path)


def client(setup: ReviewSetup, token: str | None = None) -> TestClient:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return TestClient(create_review_app(setup.context), headers=headers)


def item_key(setup: ReviewSetup, queue: str, index: int = 0) -> str:
    return setup.context.queues.items(queue)[index].key  # type: ignore[arg-type]


def opened(http: TestClient, key: str) -> tuple[str, dict[str, str]]:
    page = http.get(f"/item/{key}")
    assert page.status_code == 200, page.text
    return page.text, form_of(page.text)


def test_review_app_refuses_strangers_and_non_reviewers_and_writes_nothing(
    setup: ReviewSetup,
) -> None:
    key = item_key(setup, "calibration")
    body = {"label_id": "a" * 32, "c.no_pii": "yes"}
    anonymous = client(setup)
    assert anonymous.get("/", follow_redirects=False).headers["location"] == "/login?next=/"
    refused = anonymous.post(f"/item/{key}", data=body, headers=JSON)
    assert refused.status_code == 401 and refused.json()["error"] == "unauthorized"
    forged = client(setup, "not.a.token").post(f"/item/{key}", data=body, headers=JSON)
    assert forged.status_code == 401
    agent = client(setup, setup.token("agent-desktop"))
    assert agent.get("/").status_code == 403
    denied = agent.post(f"/item/{key}", data=body, headers=JSON)
    assert denied.status_code == 403 and "no reviewer role" in denied.json()["detail"]
    login = anonymous.post("/login", data={"token": setup.token("agent-desktop")})
    assert login.status_code == 403 and "oci_review" not in login.cookies
    assert setup.labels_text() == "" and setup.reviews_text() == ""


def test_review_app_login_cookie_needs_the_pages_csrf_token(setup: ReviewSetup) -> None:
    http = client(setup)
    signed_in = http.post(
        "/login",
        data={"token": setup.token("alice", "reviewer"), "next": "/"},
        follow_redirects=False,
    )
    assert signed_in.status_code == 303 and "oci_review" in signed_in.cookies
    elsewhere = http.post(
        "/login",
        data={"token": setup.token("alice", "reviewer"), "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert elsewhere.headers["location"] == "/"  # no open redirect off the site
    key = item_key(setup, "calibration", 1)
    _, hidden = opened(http, key)
    forged = http.post(f"/item/{key}", data={**hidden, "csrf": "0" * 32, "c.no_pii": "yes"})
    assert forged.status_code == 403 and setup.labels_text() == ""
    saved = http.post(f"/item/{key}", data={**hidden, "c.no_pii": "yes"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/queue/calibration")
    assert json.loads(setup.labels_text())["reviewer"] == "alice"


def test_review_app_names_the_field_of_every_bad_label_and_stores_none(
    setup: ReviewSetup,
) -> None:
    http = client(setup, setup.token("alice", "reviewer"))
    key = item_key(setup, "findings")
    page, hidden = opened(http, key)
    first, *rest = finding_fields(page)
    cases = {
        "c.tone": ({"c.tone": "yes"}, 422),
        "c.no_pii": ({"c.no_pii": "maybe"}, 422),
        "surname": ({"surname": "x"}, 422),
        f"f.{rest[0]}": ({f"f.{first}": "confirmed", "wrong": "wrong amount"}, 422),
        f"fr.{first}": ({f"f.{i}": "confirmed" for i in [first, *rest]}, 422),
        "f.deadbeef0000": ({"f.deadbeef0000": "confirmed"}, 422),
    }
    for field, (extra, status) in cases.items():
        answer = http.post(f"/item/{key}", data={**hidden, **extra}, headers=JSON)
        assert answer.status_code == status, (field, answer.text)
        assert field in answer.json()["fields"], (field, answer.json())
    unknown = http.post("/item/calibration:nosuch", data=hidden, headers=JSON)
    assert unknown.status_code == 404 and unknown.json()["fields"] == ["item"]
    wrong_type = http.post(f"/item/{key}", json={"c.no_pii": "yes"}, headers=JSON)
    assert wrong_type.status_code == 415
    assert setup.labels_text() == "" and setup.reviews_text() == ""


def test_review_app_finding_verdicts_reach_the_gates_review_store(setup: ReviewSetup) -> None:
    http = client(setup, setup.token("alice", "reviewer"))
    key = item_key(setup, "findings")
    page, hidden = opened(http, key)
    ids = finding_fields(page)
    assert "decides the gate" in page and len(ids) >= 3
    verdicts = {f"f.{ident}": "false_alarm" for ident in ids}
    verdicts[f"f.{ids[0]}"] = "confirmed"
    body = {**hidden, **verdicts, f"fr.{ids[1]}": "record 1 gives it", "wrong": "$62 is not $26"}
    saved = http.post(f"/item/{key}", data=body, headers=JSON)
    assert saved.status_code == 201 and saved.json()["stored"] is True
    standing = setup.context.queues.findings.latest()
    assert {i: standing[i].verdict for i in ids} == {ident: verdicts[f"f.{ident}"] for ident in ids}
    assert standing[ids[1]].reason == "record 1 gives it"
    assert standing[ids[0]].reason == "$62 is not $26" and standing[ids[0]].reviewer == "alice"
    assert setup.context.queues.pending("findings", "bob") == []  # every finding reviewed


def test_review_app_counts_a_double_submission_once(setup: ReviewSetup) -> None:
    http = client(setup, setup.token("alice", "reviewer"))
    key = item_key(setup, "calibration", 1)
    _, hidden = opened(http, key)
    body = {**hidden, "c.no_fabrication": "yes", "c.states_sentiment": "no"}
    assert http.post(f"/item/{key}", data=body, headers=JSON).status_code == 201
    stored = setup.labels_text()
    again = http.post(f"/item/{key}", data=body, headers=JSON)
    assert again.status_code == 409 and again.json()["fields"] == ["label_id"]
    _, reloaded = opened(http, key)  # the same answers from a fresh form
    same = http.post(f"/item/{key}", data={**body, **reloaded}, headers=JSON)
    assert same.status_code == 201 and same.json()["stored"] is False
    assert setup.labels_text() == stored
    changed = http.post(
        f"/item/{key}", data={**body, **opened(http, key)[1], "c.states_sentiment": "yes"}
    )
    assert changed.status_code == 200  # redirected to the next item
    standing = setup.context.queues.labels.standing()
    assert len(standing) == 1
    assert standing[(key, "alice")].criteria["states_sentiment"] is True


def test_review_app_not_helpful_verdict_rewrites_the_weeks_regression_set(
    setup: ReviewSetup,
) -> None:
    http = client(setup, setup.token("alice", "reviewer"))
    key = item_key(setup, "not_helpful")
    page, hidden = opened(http, key)
    assert "says the refund was issued" in page  # the agent's comment
    verdicts = {f"f.{ident}": "confirmed" for ident in finding_fields(page)}
    missing = http.post(
        f"/item/{key}", data={**hidden, **verdicts, "verdict": "confirmed"}, headers=JSON
    )
    assert missing.status_code == 422 and "wrong" in missing.json()["fields"]
    body = {
        **hidden,
        **verdicts,
        "verdict": "confirmed",
        "c.states_open_items": "no",
        "wrong": "tells the agent the dispute is closed and refunded",
    }
    assert http.post(f"/item/{key}", data=body, headers=JSON).status_code == 201
    path = setup.datasets / SIMULATED_REGRESSIONS_DIR / f"{WEEK}.jsonl"
    case = json.loads(path.read_text())
    assert case["source"]["request_id"] == REQUEST_ID
    assert case["source"]["reviewed_by"] == "alice"
    assert case["source"]["review_reason"] == "tells the agent the dispute is closed and refunded"
    assert case["source"]["review_failed"] == "states_open_items"
    bob = client(setup, setup.token("bob", "reviewer"))
    _, bobs = opened(bob, key)
    dismissed = {**bobs, **verdicts, "verdict": "dismissed", "wrong": "the agent misread it"}
    assert bob.post(f"/item/{key}", data=dismissed, headers=JSON).status_code == 201
    assert not path.exists()  # its only case was dismissed


def test_review_app_asks_two_reviewers_per_calibration_item_when_configured(
    tmp_path: Path,
) -> None:
    setup = review_setup(tmp_path, calibration_reviewers=2)
    key = item_key(setup, "calibration")
    queues = setup.context.queues
    for reviewer in ("alice", "bob"):
        http = client(setup, setup.token(reviewer, "reviewer"))
        assert key in [i.key for i in queues.pending("calibration", reviewer)]
        page, hidden = opened(http, key)
        verdicts = {f"f.{ident}": "confirmed" for ident in finding_fields(page)}
        body = {**hidden, **verdicts, "c.no_fabrication": "no", "wrong": "invented refund"}
        assert http.post(f"/item/{key}", data=body, headers=JSON).status_code == 201
        assert key not in [i.key for i in queues.pending("calibration", reviewer)]
    assert key not in [i.key for i in queues.pending("calibration", "carol")]
    assert queues.progress("calibration", "carol").done == 1


def test_review_app_shows_what_the_checker_abstained_on_beside_its_findings(
    tmp_path: Path,
) -> None:
    # An unlabelled chat: the voucher is in no record and none gives a figure it may
    # misstate, so the checker abstains on it rather than passing or flagging it.
    chat = Interaction(
        channel="chat",
        timestamp=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        intent="refund",
        notes="Customer: I was charged £74.98 and the jacket never came\n"
        "Agent: I've raised refund case RF-20419, back by 3 June\nCustomer: ok thanks",
        outcome="",
        sentiment=None,
    )
    snapshot = ItemSnapshot(
        dataset="production",
        sample_id="req-chat",
        options=SummaryOptions(as_of=datetime(2026, 3, 10, tzinfo=UTC), ivr_intent="refund"),
        interactions=(chat,),
        summary="Refund case RF-20419 raised; he also mentioned a £5 voucher.",
    )
    item = make_item("flagged", "chat", "req-chat: unlabelled chat", snapshot)
    setup = review_setup(tmp_path, extra=(item,))
    assert any("£5" in a["claim"] for a in abstained_on(item))
    http = client(setup, setup.token("alice", "reviewer"))
    page, _ = opened(http, item.key)
    assert 'id="abstentions"' in page and "£5 voucher" in page
    assert "that the records settle" in page  # no certain finding, and not called a pass
    calibration, _ = opened(http, item_key(setup, "calibration"))
    assert 'id="abstentions"' not in calibration
