"""The service under uvicorn on loopback, on embedded backends and on DynamoDB + S3 (moto).

Module-scoped: one service per backend and test module; tests isolate themselves with
fresh process and contact ids. Test modules use these fixtures only (no imports from here).
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer
from oci_testing.live import free_port, serve_app

from service.api.app import create_app
from service.backends import dynamodb_tables as tables
from service.backends.dynamodb_feedback import DynamoDBFeedbackStore
from service.backends.local_blobs import LocalBlobStore
from service.backends.protocols import BlobStore, FeedbackRecord, FeedbackStore
from service.backends.row_batches import stored_objects
from service.backends.s3_blobs import S3BlobStore
from service.backends.sqlite_feedback import SqliteFeedbackStore
from service.composition import build_backends, build_service
from service.models import Interaction
from service.observability import EventLog
from service.settings import Settings

ACCOUNT = "8006084209"
SECRET = "test-secret-that-is-long-enough-for-hs256-signing"


@dataclass
class Live:
    base_url: str
    token: str
    logs: io.StringIO
    blobs: BlobStore
    store: FeedbackStore
    settings: Settings


def _history() -> list[Interaction]:
    now = datetime.now(UTC)
    return [
        Interaction(
            channel="ivr",
            timestamp=now - timedelta(days=5),
            intent="BillingInquiry",
            notes="Caller asked about the bill.",
            outcome="transferred",
        ),
        Interaction(
            channel="agent",
            timestamp=now - timedelta(days=3),
            intent="ChargeDispute",
            notes="Disputed a $26 data overage charge; ticket BD-94364 opened.",
            outcome="dispute_filed",
            sentiment="frustrated",
        ),
    ]


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _aws_settings(base: dict[str, Any], endpoint: str) -> Settings:
    suffix = uuid.uuid4().hex[:8]
    settings = Settings(
        **base,
        backend="aws",
        aws_endpoint_url=endpoint,
        s3_bucket=f"oci-{suffix}",
        interactions_table=f"interactions-{suffix}",
        summary_cache_table=f"cache-{suffix}",
        served_requests_table=f"served-{suffix}",
        feedback_table=f"feedback-{suffix}",
    )
    client = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=endpoint)
    tables.create_interactions_table(client, table_name=settings.interactions_table)
    tables.create_summary_cache_table(client, table_name=settings.summary_cache_table)
    tables.create_served_requests_table(client, table_name=settings.served_requests_table)
    tables.create_feedback_table(client, table_name=settings.feedback_table)
    boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint).create_bucket(
        Bucket=settings.s3_bucket
    )
    return settings


@pytest.fixture(scope="module", params=["embedded", "aws"])
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    repo = Path(__file__).resolve().parents[2]
    base: dict[str, Any] = {
        "state_dir": tmp_path_factory.mktemp("feedback") / "var",
        "prompts_dir": repo / "prompts",
        "prompt_source": "local",
        "auth_secret": SECRET,
    }
    with pytest.MonkeyPatch.context() as env:
        if request.param == "aws":
            for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
                env.setenv(name, "testing")
            settings = _aws_settings(base, request.getfixturevalue("moto_endpoint"))
        else:
            settings = Settings(**base)
        seeding = build_backends(settings)
        asyncio.run(seeding.interactions.put_many(ACCOUNT, _history()))
        seeding.close()
        logs = io.StringIO()
        logger = logging.getLogger(f"oci-feedback-test-{id(logs)}")
        logger.addHandler(logging.StreamHandler(logs))
        logger.setLevel(logging.INFO)
        logger.propagate = False
        container = build_service(settings, events=EventLog(logger))
        blobs, store = _readers(settings)
        with serve_app(create_app(container)) as base_url:
            token = container.auth.issue("agent-desktop")
            yield Live(base_url, token, logs, blobs, store, settings)
        store.close()


def _readers(settings: Settings) -> tuple[BlobStore, FeedbackStore]:
    """Independent handles on the archive and the feedback store, as a test's eyes."""
    if settings.backend == "embedded":
        state = settings.state_dir
        return LocalBlobStore(state / "blobs"), SqliteFeedbackStore(state / "feedback.sqlite")
    endpoint = settings.aws_endpoint_url
    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint)
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=endpoint)
    return (
        S3BlobStore(s3, bucket=settings.s3_bucket),
        DynamoDBFeedbackStore(dynamodb, table_name=settings.feedback_table),
    )


@pytest.fixture
def client(live: Live) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {live.token}"}
    with httpx.Client(base_url=live.base_url, headers=headers, timeout=30) as http:
        yield http


@pytest.fixture
def anonymous(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.base_url, timeout=30) as http:
        yield http


@pytest.fixture
def logs(live: Live) -> io.StringIO:
    return live.logs


@pytest.fixture
def summarize(client: httpx.Client) -> Callable[..., dict[str, Any]]:
    """POST /omni-channel-insights for a fresh process and contact (overridable)."""

    def call(**overrides: Any) -> dict[str, Any]:
        body = {
            "unique_process_id": f"proc-{uuid.uuid4().hex[:12]}",
            "account_number": ACCOUNT,
            "contact_id": f"c-{uuid.uuid4().hex[:12]}",
            **overrides,
        }
        response = client.post("/omni-channel-insights", json=body)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return {**answer, "unique_process_id": body["unique_process_id"]}

    return call


@pytest.fixture
def archived(live: Live) -> Callable[[str, int], list[dict[str, Any]]]:
    """The archive documents of one feedback_id prefix set, once `count` of them landed."""

    def wait(feedback_id_or_prefix: str, count: int = 1) -> list[dict[str, Any]]:
        # The outbox delivers events in batches (`{"rows": [...]}`); each document comes
        # with the key of the object holding it.
        deadline = time.monotonic() + 120
        while True:
            objects = asyncio.run(stored_objects(live.blobs, "omni-channel/feedback/"))
            documents = [
                {"key": key, **row}
                for key, rows in objects.items()
                for row in rows
                if str(row.get("feedback_id", "")).startswith(feedback_id_or_prefix)
            ]
            if len(documents) >= count or time.monotonic() > deadline:
                return documents
            time.sleep(0.05)

    return wait


@pytest.fixture
def history(live: Live) -> Callable[[str], list[FeedbackRecord]]:
    """The stored feedback history of a request, read from the store directly."""
    return lambda request_id: asyncio.run(live.store.history(request_id))
