"""Fixtures for the backend contract tests: a moto server on loopback and both twins of each store.

Every contract test takes a parametrized store fixture, so the embedded default and the
production backend run the same assertions. The production backend runs twice: on tables
made by `service/backends/dynamodb_tables.py` (`dynamodb`, `s3`) and on the tables and
bucket that the storage stack of `service/deploy/cloudformation/storage.yaml` created,
deployed on the moto server by the deploy tool (`stack`).
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from botocore.config import Config
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

from service.backends.dynamodb_cache import DynamoDBSummaryCache
from service.backends.dynamodb_interactions import DynamoDBInteractionStore
from service.backends.dynamodb_tables import create_interactions_table, create_summary_cache_table
from service.backends.local_blobs import LocalBlobStore
from service.backends.protocols import BlobStore, InteractionStore, SummaryCache
from service.backends.s3_blobs import S3BlobStore
from service.backends.sqlite_cache import SqliteSummaryCache
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.deploy.stacks import TEMPLATES, deploy_stack, environment_parameters

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_s3.client import S3Client

REGION = "us-east-1"
# Fail fast in tests: the moto server is local, so a slow call is a bug, not congestion.
CLIENT_CONFIG = Config(
    retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=2, read_timeout=10
)


class FakeClock:
    """Injectable epoch-seconds clock that only moves when a test advances it."""

    def __init__(self, now: float = 1_765_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _session() -> boto3.session.Session:
    # Explicit dummy credentials: tests never pick up a developer's real AWS profile.
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


def make_dynamodb_client(endpoint_url: str) -> DynamoDBClient:
    """A DynamoDB client at `endpoint_url`, with dummy credentials."""
    return _session().client("dynamodb", endpoint_url=endpoint_url, config=CLIENT_CONFIG)


def make_s3_client(endpoint_url: str) -> S3Client:
    """An S3 client at `endpoint_url`, with dummy credentials."""
    return _session().client("s3", endpoint_url=endpoint_url, config=CLIENT_CONFIG)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A moto server (DynamoDB + S3) on a free loopback port, for the whole session.

    Served one request at a time: DynamoDB applies each conditional write to an item
    atomically, while moto checks the condition and writes in two steps, so a threaded
    moto server lets two concurrent lease attempts both win. Serialising requests gives
    the contract tests the guarantee the real service gives.
    """
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", free_port(), app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def dynamodb_client(moto_endpoint: str) -> DynamoDBClient:
    return make_dynamodb_client(moto_endpoint)


@pytest.fixture(scope="session")
def s3_client(moto_endpoint: str) -> S3Client:
    return make_s3_client(moto_endpoint)


@pytest.fixture(scope="session")
def unreachable_s3_client() -> S3Client:
    """An S3 client whose endpoint refuses connections: a real outage, not a patched SDK."""
    return make_s3_client(f"http://127.0.0.1:{free_port()}")


@dataclass(frozen=True)
class DeployedStorage:
    """Names of what one storage stack created."""

    interactions_table: str
    summary_cache_table: str
    served_requests_table: str
    feedback_table: str
    bucket: str


def _table_name(arn: str) -> str:
    return arn.partition(":table/")[2]


@pytest.fixture(scope="session")
def deploy_storage(moto_endpoint: str) -> Callable[[], DeployedStorage]:
    """Deploys storage.yaml (dev parameters) under a fresh resource prefix per call."""
    cloudformation = _session().client(
        "cloudformation", endpoint_url=moto_endpoint, config=CLIENT_CONFIG
    )

    def deploy() -> DeployedStorage:
        prefix = f"t{uuid.uuid4().hex[:12]}"
        parameters = environment_parameters(
            "dev", account="123456789012", region=REGION, prefix=prefix
        )
        outputs = deploy_stack(
            cloudformation,
            name=f"{prefix}-dev-storage",
            template=TEMPLATES / "storage.yaml",
            parameters=parameters.storage,
        )
        return DeployedStorage(
            interactions_table=_table_name(outputs["InteractionsTableArn"]),
            summary_cache_table=_table_name(outputs["SummaryCacheTableArn"]),
            served_requests_table=_table_name(outputs["ServedRequestsTableArn"]),
            feedback_table=_table_name(outputs["FeedbackTableArn"]),
            bucket=outputs["RecordsBucketName"],
        )

    return deploy


def unique(name: str) -> str:
    """Per-test resource names keep tests isolated on the shared moto server."""
    return f"{name}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", "dynamodb", "stack"])
def interaction_store(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    dynamodb_client: DynamoDBClient,
    deploy_storage: Callable[[], DeployedStorage],
) -> Iterator[InteractionStore]:
    store: InteractionStore
    if request.param == "sqlite":
        store = SqliteInteractionStore(tmp_path / "interactions.sqlite")
    elif request.param == "stack":
        table = deploy_storage().interactions_table
        store = DynamoDBInteractionStore(dynamodb_client, table_name=table)
    else:
        table = unique("ucdp_interactions")
        create_interactions_table(dynamodb_client, table_name=table)
        store = DynamoDBInteractionStore(dynamodb_client, table_name=table)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "dynamodb", "stack"])
def cache_factory(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    dynamodb_client: DynamoDBClient,
    clock: FakeClock,
    deploy_storage: Callable[[], DeployedStorage],
) -> Iterator[Callable[[], SummaryCache]]:
    """Builds caches that share one file or table, as two replicas of the service would."""
    opened: list[SummaryCache] = []
    table = unique("summary_cache")
    if request.param == "dynamodb":
        create_summary_cache_table(dynamodb_client, table_name=table)
    elif request.param == "stack":
        table = deploy_storage().summary_cache_table

    def build() -> SummaryCache:
        cache: SummaryCache
        if request.param == "sqlite":
            cache = SqliteSummaryCache(tmp_path / "cache.sqlite", clock=clock)
        else:
            cache = DynamoDBSummaryCache(dynamodb_client, table_name=table, clock=clock)
        opened.append(cache)
        return cache

    yield build
    for cache in opened:
        cache.close()


@pytest.fixture
def summary_cache(cache_factory: Any) -> SummaryCache:
    cache: SummaryCache = cache_factory()
    return cache


@pytest.fixture(params=["local", "s3", "stack"])
def blob_store(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    s3_client: S3Client,
    deploy_storage: Callable[[], DeployedStorage],
) -> BlobStore:
    if request.param == "local":
        return LocalBlobStore(tmp_path / "bucket")
    if request.param == "stack":
        return S3BlobStore(s3_client, bucket=deploy_storage().bucket, prefix="")
    bucket = unique("omni-channel")
    s3_client.create_bucket(Bucket=bucket)
    return S3BlobStore(s3_client, bucket=bucket, prefix="env/")
