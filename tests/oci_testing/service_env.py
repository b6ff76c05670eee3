"""The service under uvicorn on a free 127.0.0.1 port, on embedded backends: shared helpers."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from oci_testing.live import serve_app
from service.api.app import create_app
from service.composition import StaticPairs, build_backends, build_service
from service.model_config import ModelConfig
from service.models import Interaction
from service.observability import EventLog
from service.prompts import PromptPair
from service.settings import Settings

ACCOUNT = "8006084209"
GOOD_BODY = {"unique_process_id": "p-1", "account_number": ACCOUNT, "contact_id": "c-1"}
NOW = datetime.now(UTC)
HISTORY = [
    Interaction(
        channel="ivr",
        timestamp=NOW - timedelta(days=5),
        intent="BillingInquiry",
        notes="Caller asked about the bill. Callback number 555-010-4477.",
        outcome="transferred",
    ),
    Interaction(
        channel="agent",
        timestamp=NOW - timedelta(days=3),
        intent="ChargeDispute",
        notes="Disputed a $26 data overage charge; ticket BD-94364 opened, 5-7 business days. "
        "Customer read out card 5555 5555 5555 4444.",
        outcome="dispute_filed",
        sentiment="frustrated",
    ),
]


@dataclass
class RunningService:
    base_url: str
    settings: Settings
    token: str
    logs: io.StringIO
    issue_token: Callable[..., str]

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )


def seed_history(settings: Settings) -> None:
    backends = build_backends(settings)
    try:
        asyncio.run(backends.interactions.put_many(ACCOUNT, HISTORY))
    finally:
        backends.close()


def emulated_pair(base: PromptPair, emulator_url: str) -> PromptPair:
    """The committed template on Bedrock model strings, pointed at the emulator."""
    model = ModelConfig(
        primary="bedrock/converse/us.amazon.nova-lite-v1:0",
        fallbacks=("bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",),
        api_base=emulator_url,
        aws_region_name="us-east-1",
        backoff_base_s=0.01,
        timeout_s=1.0,
        total_budget_s=3.0,
    )
    return PromptPair(base.name, base.version, base.template, model, base.content_hash)


def serve_service(settings: Settings, pair: PromptPair | None) -> Iterator[RunningService]:
    logs = io.StringIO()
    logger = logging.getLogger(f"oci-test-{id(logs)}")
    handler = logging.StreamHandler(logs)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    container = build_service(
        settings, pairs=StaticPairs(pair) if pair else None, events=EventLog(logger)
    )
    with serve_app(create_app(container)) as base_url:
        yield RunningService(
            base_url, settings, container.auth.issue("test-client"), logs, container.auth.issue
        )
    logger.removeHandler(handler)


def make_settings(tmp_path: Path, repo_root: Path) -> Settings:
    return Settings(
        state_dir=tmp_path / "var",
        prompts_dir=repo_root / "prompts",
        datasets_dir=repo_root / "datasets",
        prompt_source="local",
        auth_secret="test-secret-that-is-long-enough-for-hs256-signing",  # type: ignore[arg-type]
    )
