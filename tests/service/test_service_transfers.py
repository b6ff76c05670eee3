"""Agent transfers: a cache hit answers with this request's identifiers and names the
request that produced the summary; another view (channels, window, count) is another key."""

from __future__ import annotations

from typing import Any

from oci_testing.service_env import ACCOUNT, RunningService

from service.api.schemas import InsightsRequest
from service.cache_key import cache_key

FIRST = {"unique_process_id": "p-transfer", "account_number": ACCOUNT, "contact_id": "c-first"}


def _post(service: RunningService, body: dict[str, Any]) -> dict[str, Any]:
    with service.client() as client:
        response = client.post("/omni-channel-insights", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    assert response.headers["X-Request-Id"] == answer["request_id"]
    return answer


def test_a_transfer_answers_with_its_own_identifiers_and_names_the_producer(
    service: RunningService,
) -> None:
    first = _post(service, FIRST)
    assert first["cache_hit"] is False and first["summary_request_id"] == first["request_id"]
    second = _post(service, {**FIRST, "contact_id": "c-second", "initial_contact_id": "c-first"})
    assert second["cache_hit"] is True
    assert second["contact_id"] == "c-second"
    assert second["request_id"] != first["request_id"]
    assert second["summary_request_id"] == first["request_id"]
    assert second["summary"] == first["summary"]


def test_a_transfer_with_another_view_gets_a_summary_of_that_view(
    service: RunningService,
) -> None:
    everything = _post(service, FIRST)
    assert everything["interaction_count"] == 2
    ivr_only = _post(service, {**FIRST, "contact_id": "c-2", "channel_filter": ["ivr"]})
    assert ivr_only["cache_hit"] is False
    assert (ivr_only["channel_filter"], ivr_only["interaction_count"]) == (["ivr"], 1)
    assert ivr_only["summary_request_id"] == ivr_only["request_id"]
    fewer = _post(service, {**FIRST, "contact_id": "c-3", "max_interactions": 1})
    assert (fewer["cache_hit"], fewer["max_interactions"], fewer["interaction_count"]) == (
        False,
        1,
        1,
    )
    again = _post(service, {**FIRST, "contact_id": "c-4", "channel_filter": ["ivr"]})
    assert again["cache_hit"] is True and again["summary_request_id"] == ivr_only["request_id"]
    assert _post(service, {**FIRST, "contact_id": "c-5"})["cache_hit"] is True


def test_the_default_view_keeps_the_bare_process_id_and_channel_order_does_not_matter() -> None:
    base = InsightsRequest.model_validate(FIRST).to_query()
    assert cache_key(base) == "p-transfer"
    one = InsightsRequest.model_validate({**FIRST, "channel_filter": ["sms", "ivr"]}).to_query()
    other = InsightsRequest.model_validate({**FIRST, "channel_filter": ["ivr", "sms"]}).to_query()
    assert cache_key(one) == cache_key(other) != cache_key(base)
    longer = InsightsRequest.model_validate({**FIRST, "max_history_days": 30}).to_query()
    assert cache_key(longer) not in {cache_key(base), cache_key(one)}
