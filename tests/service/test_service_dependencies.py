"""Routes take their collaborators from FastAPI dependencies, so a test can replace one.

The route maps the core's `InsightsAnswer` onto the wire model: what the core answered is
what the client reads, headers included.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from oci_testing.service_env import ACCOUNT, GOOD_BODY, make_settings

from service.api.app import create_app
from service.api.deps import insights_service
from service.composition import build_service
from service.domain import InsightsAnswer, InsightsQuery
from service.insights import InsightsResult


class ScriptedInsights:
    """Answers every query with one fixed summary and remembers what it was asked."""

    def __init__(self) -> None:
        self.queries: list[InsightsQuery] = []

    async def handle(self, query: InsightsQuery, request_id: str) -> InsightsResult:
        self.queries.append(query)
        answer = InsightsAnswer(
            request_id=request_id,
            contact_id=query.contact_id,
            account_number=query.account_number,
            summary="Scripted summary.",
            date_range="2026-11-01 to 2026-11-20",
            model_used="scripted/model",
            cache_hit=False,
            latency_ms=7,
            generated_at="2026-11-20T10:00:00Z",
            prompt_name="omni-summary",
            prompt_version="9",
            max_history_days=30,
            max_interactions=query.max_interactions,
            channel_filter=query.channel_filter,
            interaction_count=3,
            summary_check="passed",
            flags=("scripted",),
            summary_request_id=request_id,
        )
        return InsightsResult(answer, "generated", model_latency_ms=5.0)


def test_a_dependency_override_replaces_the_insights_service(
    tmp_path: Path, repo_root: Path
) -> None:
    container = build_service(make_settings(tmp_path, repo_root))
    app = create_app(container)
    scripted = ScriptedInsights()

    async def scripted_service() -> ScriptedInsights:
        return scripted

    app.dependency_overrides[insights_service] = scripted_service
    token = container.auth.issue("agent-desktop")
    body = {**GOOD_BODY, "max_history_days": 30, "channel_filter": ["sms", "ivr", "sms"]}

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post(
                "/omni-channel-insights", json=body, headers={"Authorization": f"Bearer {token}"}
            )

    try:
        response = asyncio.run(post())
    finally:
        container.backends.close()
    assert response.status_code == 200, response.text
    (query,) = scripted.queries
    assert (query.account_number, query.max_history_days) == (ACCOUNT, 30)
    assert query.channel_filter == ("sms", "ivr"), "the edge deduplicated the channels"
    data = response.json()
    assert data["summary"] == "Scripted summary." and data["flags"] == ["scripted"]
    assert data["channel_filter"] == ["sms", "ivr"]
    assert data["request_id"] == response.headers["X-Request-Id"]
    assert response.headers["X-Model-Used"] == "scripted/model"
    assert (response.headers["X-Latency-Ms"], response.headers["X-Model-Latency-Ms"]) == ("7", "5")
