"""POST /feedback over HTTP after real POST /omni-channel-insights calls, on both backends."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from service.backends.protocols import FeedbackRecord
from service.backends.row_batches import is_batch_key
from service.pii_at_rest import AtRest

ACCOUNT = "8006084209"
# The archive stores the account as the service's keyed token (service/pii_at_rest.py); the
# feedback fixtures' auth secret is the key's source.
STORED_ACCOUNT = AtRest.from_secret("test-secret-that-is-long-enough-for-hs256-signing").account(
    ACCOUNT
)
Summarize = Callable[..., dict[str, Any]]
Archived = Callable[..., list[dict[str, Any]]]
History = Callable[[str], list[FeedbackRecord]]
CONTRACT_FIELDS = {
    "feedback_id",
    "idempotency_key",
    "request_id",
    "unique_process_id",
    "contact_id",
    "account_number",
    "feedback",
    "comment",
    "received_at",
    "prompt_name",
    "prompt_version",
    "model_used",
    "cache_hit",
    "generation_timestamp",
}


def key() -> str:
    return f"key-{uuid.uuid4().hex}"


def test_feedback_by_request_id_round_trip_lands_in_the_archive(
    client: httpx.Client, summarize: Summarize, archived: Archived
) -> None:
    answer = summarize()
    response = client.post(
        "/feedback",
        json={
            "request_id": answer["request_id"],
            "feedback": "not_helpful",
            "comment": "Missed the refund from last week.",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "recorded" and body["counted_feedback"] == "not_helpful"
    assert body["request_id"] == answer["request_id"]
    assert re.fullmatch(r"fb-[0-9a-f]{32}", body["feedback_id"])
    [document] = archived(body["feedback_id"])
    stored_key = document.pop("key")
    assert set(document) == CONTRACT_FIELDS
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", document["received_at"])
    # A row of a batch object in the partition of the day it was received.
    assert stored_key.startswith(f"omni-channel/feedback/dt={document['received_at'][:10]}/")
    assert is_batch_key(stored_key)
    assert document == {
        **document,
        "feedback_id": body["feedback_id"],
        "request_id": answer["request_id"],
        "unique_process_id": answer["unique_process_id"],
        "contact_id": answer["contact_id"],
        "account_number": STORED_ACCOUNT,
        "feedback": "not_helpful",
        "comment": "Missed the refund from last week.",
        "prompt_name": answer["prompt_name"],
        "prompt_version": answer["prompt_version"],
        "model_used": answer["model_used"],
        "cache_hit": False,
        "generation_timestamp": answer["generated_at"],
    }
    assert document["idempotency_key"].startswith("auto-")  # Derived: the client sent none.


def test_feedback_by_contact_and_account_rates_the_latest_summary(
    client: httpx.Client, summarize: Summarize, archived: Archived
) -> None:
    first = summarize()
    # Same process id, same contact: the second answer is a cache hit with a new request_id.
    second = summarize(unique_process_id=first["unique_process_id"], contact_id=first["contact_id"])
    assert second["cache_hit"] is True
    response = client.post(
        "/feedback",
        json={
            "contact_id": first["contact_id"],
            "customer_account": ACCOUNT,
            "feedback": "helpful",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["request_id"] == second["request_id"]
    assert body["counted_feedback"] == "helpful"
    [document] = archived(body["feedback_id"])
    assert document["cache_hit"] is True and document["comment"] is None
    assert document["generation_timestamp"] == first["generated_at"]


def test_repeated_feedback_keeps_history_and_counts_the_latest(
    client: httpx.Client, summarize: Summarize, archived: Archived, history: History
) -> None:
    request_id = summarize()["request_id"]
    values = ["helpful", "not_helpful", "helpful", "not_helpful"]
    answers = []
    for value in values:
        response = client.post(
            "/feedback",
            json={"request_id": request_id, "feedback": value},
            headers={"Idempotency-Key": key()},  # Distinct clicks: flipping back is recorded.
        )
        assert response.status_code == 201, response.text
        answers.append(response.json())
    assert [a["counted_feedback"] for a in answers] == values
    assert len({a["feedback_id"] for a in answers}) == 4
    assert [r.feedback for r in history(request_id)] == values
    for answer in answers:
        assert len(archived(answer["feedback_id"])) == 1


def test_idempotent_retry_returns_the_same_feedback_id_and_adds_nothing(
    client: httpx.Client, summarize: Summarize, archived: Archived, history: History
) -> None:
    request_id = summarize()["request_id"]
    body = {"request_id": request_id, "feedback": "helpful", "comment": "ok"}
    retry_key = key()
    first = client.post("/feedback", json=body, headers={"Idempotency-Key": retry_key})
    again = client.post("/feedback", json=body, headers={"Idempotency-Key": retry_key})
    in_body = client.post("/feedback", json={**body, "idempotency_key": retry_key})
    assert first.status_code == 201, first.text
    assert again.status_code == 200 and in_body.status_code == 200, again.text
    assert again.json() == in_body.json() == {**first.json(), "status": "duplicate"}
    assert len(history(request_id)) == 1
    [document] = archived(first.json()["feedback_id"])
    assert document["idempotency_key"] == retry_key
    changed = {**body, "feedback": "not_helpful"}
    reused = client.post("/feedback", json=changed, headers={"Idempotency-Key": retry_key})
    assert reused.status_code == 409 and reused.json()["fields"] == ["idempotency_key"]
    assert len(history(request_id)) == 1


def test_double_click_without_a_key_is_recorded_once(
    client: httpx.Client, summarize: Summarize, history: History
) -> None:
    request_id = summarize()["request_id"]
    body = {"request_id": request_id, "feedback": "not_helpful"}
    first, second = (client.post("/feedback", json=body) for _ in range(2))
    assert first.status_code == 201, first.text
    # The derived key is per minute: a click landing in the next minute is a new entry.
    assert second.status_code in (200, 201)
    if second.status_code == 200:
        assert second.json()["feedback_id"] == first.json()["feedback_id"]
        assert len(history(request_id)) == 1


def test_unknown_request_id_is_404_naming_the_field(client: httpx.Client) -> None:
    response = client.post("/feedback", json={"request_id": "req-unknown", "feedback": "helpful"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert response.json()["fields"] == ["request_id"]


def test_unknown_contact_or_account_is_404(client: httpx.Client, summarize: Summarize) -> None:
    contact = summarize()["contact_id"]
    for contact_id, account in (("c-unknown", ACCOUNT), (contact, "1111222233")):
        response = client.post(
            "/feedback",
            json={"contact_id": contact_id, "customer_account": account, "feedback": "helpful"},
        )
        assert response.status_code == 404, response.text
        assert response.json()["fields"] == ["contact_id", "customer_account"]


def test_both_shapes_or_neither_is_422_naming_the_field(client: httpx.Client) -> None:
    cases = [
        ({"request_id": "req-1", "contact_id": "c-1"}, ["contact_id"]),
        ({"request_id": "req-1", "customer_account": ACCOUNT}, ["customer_account"]),
        ({}, ["request_id"]),
        ({"contact_id": "c-1"}, ["customer_account"]),
        ({"customer_account": ACCOUNT}, ["contact_id"]),
    ]
    for shape, fields in cases:
        response = client.post("/feedback", json={**shape, "feedback": "helpful"})
        assert response.status_code == 422, (shape, response.text)
        assert response.json()["fields"] == fields, shape
        assert fields[0] in response.json()["detail"]


def test_bad_values_are_422(client: httpx.Client) -> None:
    too_long = {"request_id": "req-1", "feedback": "helpful", "comment": "x" * 2001}
    cases: list[tuple[dict[str, Any], dict[str, str], list[str]]] = [
        (too_long, {}, ["comment"]),
        ({"request_id": "req-1", "feedback": "meh"}, {}, ["feedback"]),
        (
            {"request_id": "req-1", "feedback": "helpful"},
            {"Idempotency-Key": "a b"},
            ["header.Idempotency-Key"],
        ),
    ]
    for body, headers, fields in cases:
        response = client.post("/feedback", json=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["fields"] == fields
    contradicted = client.post(
        "/feedback",
        json={"request_id": "req-1", "feedback": "helpful", "idempotency_key": "a"},
        headers={"Idempotency-Key": "b"},
    )
    assert contradicted.status_code == 409
    assert contradicted.json()["fields"] == ["idempotency_key"]


def test_feedback_without_a_token_is_401(anonymous: httpx.Client) -> None:
    response = anonymous.post("/feedback", json={"request_id": "req-1", "feedback": "helpful"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_comment_and_account_never_reach_the_logs_in_clear(
    client: httpx.Client, summarize: Summarize, logs: io.StringIO
) -> None:
    comment = "Summary omitted the Zanzibar refund; call 555-010-4477 " + uuid.uuid4().hex
    request_id = summarize()["request_id"]
    response = client.post(
        "/feedback", json={"request_id": request_id, "feedback": "not_helpful", "comment": comment}
    )
    assert response.status_code == 201, response.text
    text = logs.getvalue()
    received = [line for line in text.splitlines() if '"FEEDBACK_RECEIVED"' in line]
    assert any(f'"comment_chars": {len(comment)}' in line for line in received)
    # The account as stored (a keyed token), so the line joins the stored records.
    assert any(f'"account_number": "{STORED_ACCOUNT}"' in line for line in received)
    assert comment.split()[-1] not in text and "Zanzibar" not in text
    assert ACCOUNT not in text
